/**
 * De-identification of one document: find the patient data (rules, known identifiers, and the
 * language model when one is loaded), then rewrite it under the policy and check the output
 * again for anything left behind.
 */
import type { LlmEngine } from '$lib/engine/engine';
import { EnclaveError } from '$lib/errors';
import { detectKnown, type KnownIdentifier } from './known';
import { scanForLeaks, type LeakScan } from './leakage';
import { detectByLlm, type DeidWarning } from './llm';
import { applyPolicy, type DeidContext, type PolicyResult, type Replacement } from './policy';
import { detectByRules, detectLang } from './rules';
import { mergeSpans } from './spans';
import { nameParts } from './surrogates';
import { PHI_GROUP, type DeidPolicy, type Lang, type PhiSpan } from './types';

export { newDeidContext, type DeidContext } from './policy';
export type { DeidWarning } from './llm';

/** German or English, from the most frequent function words. */
export const detectLanguage: (text: string) => Lang = detectLang;

export const DEFAULT_CONTEXT_WINDOW = 4096;

export interface DetectOptions {
	lang: Lang | 'auto';
	/** Identifiers known beforehand (the patient's name, a case number): always found. */
	known?: KnownIdentifier[];
	/** With an engine the model proposes patient data too (slower, finds more names). */
	engine?: Pick<LlmEngine, 'generate'>;
	contextWindow?: number;
	signal?: AbortSignal;
	/** The model's progress: parts read, parts in all. */
	onProgress?: (done: number, total: number) => void;
}

export interface Detection {
	/** Sorted and non-overlapping. */
	spans: PhiSpan[];
	warnings: DeidWarning[];
	/** The language used: as given, or detected for 'auto'. */
	lang: Lang;
}

/**
 * Finds the patient data in `text`: the union of rules, known identifiers and (with an engine)
 * the model's verified proposals. Throws EnclaveError('deid.emptyDocument') for a text without
 * words, an AbortError when cancelled, an EnclaveError when the engine fails.
 */
export async function detectPhi(text: string, opts: DetectOptions): Promise<Detection> {
	if (text.trim() === '') throw new EnclaveError('deid.emptyDocument');
	const lang = opts.lang === 'auto' ? detectLanguage(text) : opts.lang;
	const ruleSpans = detectByRules(text, { lang });
	const knownSpans = detectKnown(text, opts.known ?? []);
	const llm = opts.engine
		? await detectByLlm(opts.engine, text, {
				lang,
				contextWindow: opts.contextWindow ?? DEFAULT_CONTEXT_WINDOW,
				signal: opts.signal,
				onProgress: opts.onProgress
			})
		: { spans: [], warnings: [] };
	return {
		spans: mergeSpans([...ruleSpans, ...knownSpans, ...llm.spans]),
		warnings: llm.warnings,
		lang
	};
}

export interface DeidentifyOptions {
	/** The document's language: how dates are read and which words the leak check knows. */
	lang: Lang;
	known?: KnownIdentifier[];
}

/** The output with its replacements, and the leak check's verdict and findings on it. */
export type Deidentified = PolicyResult & LeakScan;

/** Name parts shorter than this ("Li", initials) are too common words to look for alone. */
const MIN_NAME_PART = 3;

/**
 * What must not be found in the output: the original text of every replaced span and, for
 * names, each of their parts ("Müller" of "Hans Müller" must not turn up somewhere else).
 */
function removedStrings(text: string, spans: PhiSpan[], replacements: Replacement[]): string[] {
	const removed = new Set<string>();
	for (const r of replacements) {
		const span = spans[r.spanIndex];
		if (!span) continue;
		removed.add(text.slice(span.start, span.end));
		if (PHI_GROUP[span.type] !== 'name' || span.type === 'name_title') continue;
		for (const part of nameParts(span.text))
			if (part.kind === 'name' && part.text.length >= MIN_NAME_PART) removed.add(part.text);
	}
	return [...removed];
}

/**
 * Rewrites `text` under the policy (see applyPolicy) and checks the output for patient data
 * left behind. `context` learns the people and values seen: share it across a batch.
 */
export function deidentify(
	text: string,
	spans: PhiSpan[],
	policy: DeidPolicy,
	context: DeidContext,
	opts: DeidentifyOptions
): Deidentified {
	if (text.trim() === '') throw new EnclaveError('deid.emptyDocument');
	const result = applyPolicy(text, spans, policy, context, { lang: opts.lang });
	const scan = (decided: ReadonlyArray<{ start: number; end: number }>) =>
		scanForLeaks(result.output, {
			lang: opts.lang,
			known: opts.known ?? [],
			removed: removedStrings(text, spans, result.replacements),
			replacements: [...result.replacements, ...decided]
		});
	// A removed string or known identifier is a leak wherever it stands, kept spans included;
	// but what the policy keeps or the reviewer rejected is no news when the rules find it again.
	let leaks = scan([]);
	if (leaks.verdict === 'REVIEW') leaks = scan(result.kept);
	return { ...result, ...leaks };
}
