/**
 * The check after redaction: is anything of the patient still in the output? It looks for every
 * string that was removed (however it is spelt now: case and whitespace are ignored), for the
 * known identifiers, and runs the rules again. What the policy itself inserted (tags, surrogates,
 * masks) is not a finding.
 *
 * FAIL: a removed string or a known identifier is still there. REVIEW: the rules find patient
 * data that nobody decided about. PASS: neither.
 */
import { detectKnown, inferType, type KnownIdentifier } from './known';
import { detectByRules } from './rules';
import { escapeRegExp, isCovered, mergeSpans } from './spans';
import type { Lang, LeakVerdict, PhiSpan, PhiType } from './types';

export interface LeakScanOptions {
	lang?: Lang | 'auto';
	known?: KnownIdentifier[];
	/** The original text of every replaced span (and of its parts). */
	removed: string[];
	/** Ranges of the output the policy inserted (tags, surrogates, masks). */
	replacements: ReadonlyArray<{ start: number; end: number }>;
	/**
	 * Types the rules may find without it being a leak: what the policy keeps on purpose.
	 * Default: titles, clinicians' names, institutions, departments and professions, which are
	 * not the patient's data.
	 */
	ignoreTypes?: readonly PhiType[];
}

export interface LeakScan {
	verdict: LeakVerdict;
	/** Sorted and merged; removed strings and known identifiers have `sources: ['known']`. */
	findings: PhiSpan[];
}

const NOT_PATIENT_DATA: readonly PhiType[] = [
	'name_title',
	'name_clinician',
	'institution',
	'department',
	'profession'
];

/** Removed strings shorter than this ("A", "5") occur everywhere by chance. */
const MIN_REMOVED = 2;
/** Strings per combined regex: one scan of the output finds many removed strings at once. */
const CHUNK = 200;

function normalise(s: string): string {
	return s.trim().replace(/\s+/gu, ' ').toLowerCase();
}

/** A removed string as a pattern: any whitespace for whitespace, not inside a longer word. */
function removedPattern(s: string): string {
	const body = s.split(' ').map(escapeRegExp).join('\\s+');
	const head = /^[\p{L}\p{N}]/u.test(s) ? '(?<![\\p{L}\\p{N}])' : '';
	const tail = /[\p{L}\p{N}]$/u.test(s) ? '(?![\\p{L}\\p{N}])' : '';
	return head + body + tail;
}

function findRemoved(output: string, removed: string[]): PhiSpan[] {
	const strings = [...new Set(removed.map(normalise))]
		.filter((s) => s.length >= MIN_REMOVED)
		.sort((a, b) => b.length - a.length);
	const typeOf = new Map(strings.map((s) => [s, inferType(s)]));
	const found: PhiSpan[] = [];
	for (let i = 0; i < strings.length; i += CHUNK) {
		const chunk = strings.slice(i, i + CHUNK);
		const re = new RegExp(chunk.map(removedPattern).join('|'), 'giu');
		for (const m of output.matchAll(re)) {
			const key = normalise(m[0]);
			found.push({
				start: m.index,
				end: m.index + m[0].length,
				type: typeOf.get(key) ?? 'name_other',
				text: m[0],
				sources: ['known'],
				rule: 'leak-removed'
			});
		}
	}
	return found;
}

export function scanForLeaks(output: string, options: LeakScanOptions): LeakScan {
	const inserted = options.replacements.filter((r) => r.end > r.start);
	const outside = (s: PhiSpan) => !isCovered(s.start, s.end, inserted);
	const certain = [
		...findRemoved(output, options.removed),
		...detectKnown(output, options.known ?? []).map((s) => ({ ...s, rule: 'leak-known' }))
	].filter(outside);
	const ignored = new Set(options.ignoreTypes ?? NOT_PATIENT_DATA);
	const candidates = detectByRules(output, { lang: options.lang ?? 'auto' })
		.filter((s) => !ignored.has(s.type))
		.filter(outside);
	const verdict: LeakVerdict =
		certain.length > 0 ? 'FAIL' : candidates.length > 0 ? 'REVIEW' : 'PASS';
	return { verdict, findings: mergeSpans([...certain, ...candidates]) };
}
