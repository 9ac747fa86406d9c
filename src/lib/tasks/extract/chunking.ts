/**
 * Documents longer than the model's context window are read in overlapping parts, each ending
 * at a paragraph or sentence where possible; the parts' answers are then merged field by field.
 */
import { EnclaveError } from '$lib/errors';
import { estimateTokens } from '$lib/tasks/ask/prompt';
import type { EvidenceItem, SplitResult } from './evidence';
import { normaliseForMatch } from './quote-match';
import { emptyValues, fieldKind, inlineRefs, joinPath, propertiesOf } from './schema-shape';
import type { ExtractedValue, FieldRule, JsonSchema } from './template';

export interface Chunk {
	/** Offsets into the document: `text === document.slice(start, end)`. */
	start: number;
	end: number;
	text: string;
}

export interface ChunkPlanOptions {
	contextWindow: number;
	/** The prompt without the document: instructions, field list, worked examples. */
	promptOverheadTokens: number;
	maxOutputTokens: number;
	/** Characters each part repeats from the end of the one before, so no sentence is cut off. */
	overlapChars?: number;
}

/** A part shorter than this (about a paragraph) cannot hold a field with its context. */
export const MIN_CHUNK_TOKENS = 256;
export const DEFAULT_OVERLAP_CHARS = 400;
/** Same ratio as `estimateTokens`: 3 characters a token. */
const CHARS_PER_TOKEN = 3;

/** The last good place to end a part in text[from, to): paragraph, sentence, line, word. */
function boundary(text: string, from: number, to: number): number {
	const window = text.slice(from, to);
	const patterns = [/\n[ \t]*\n\s*/g, /[.!?:;][)"'»“”]*\s+/g, /\n\s*/g, /\s+/g];
	for (const pattern of patterns) {
		let best = -1;
		for (const m of window.matchAll(pattern)) best = m.index + m[0].length;
		if (best > 0) return from + best;
	}
	return to;
}

/** Where a part starts when it repeats `overlap` characters: at a sentence or word start. */
function overlapStart(text: string, end: number, overlap: number, floor: number): number {
	const target = Math.max(floor, end - overlap);
	if (target >= end) return end;
	const window = text.slice(target, end);
	const sentence = /[.!?:;\n][)"'»“”]*\s+/.exec(window);
	if (sentence && sentence.index + sentence[0].length < window.length)
		return target + sentence.index + sentence[0].length;
	const word = /\s+/.exec(window);
	if (word && word.index + word[0].length < window.length)
		return target + word.index + word[0].length;
	return target;
}

/**
 * Splits the document into parts that each fit the context window together with the prompt and
 * the answer. Throws EnclaveError('extract.tooLong') when not even a short part fits.
 */
export function planChunks(text: string, options: ChunkPlanOptions): Chunk[] {
	const { contextWindow, promptOverheadTokens, maxOutputTokens } = options;
	const available = contextWindow - promptOverheadTokens - maxOutputTokens;
	if (available < MIN_CHUNK_TOKENS) {
		throw new EnclaveError('extract.tooLong', {
			tokens: promptOverheadTokens + maxOutputTokens + MIN_CHUNK_TOKENS,
			max: contextWindow
		});
	}
	if (estimateTokens(text) <= available) return [{ start: 0, end: text.length, text }];

	const maxChars = available * CHARS_PER_TOKEN;
	// At most a quarter of a part repeats, so that every part moves well forward.
	const overlap = Math.min(options.overlapChars ?? DEFAULT_OVERLAP_CHARS, Math.floor(maxChars / 4));
	const chunks: Chunk[] = [];
	let start = 0;
	while (start < text.length) {
		let end = Math.min(text.length, start + maxChars);
		if (end < text.length) end = boundary(text, start + Math.floor(maxChars / 2), end);
		chunks.push({ start, end, text: text.slice(start, end) });
		if (end >= text.length) break;
		start = overlapStart(text, end, overlap, start + 1);
	}
	return chunks;
}

/** One part's answer, its spans relative to the part. */
export interface ChunkExtraction extends SplitResult {
	/** The part's start in the document: added to its evidence spans. */
	offset: number;
}

interface Candidate {
	value: ExtractedValue;
	evidence: EvidenceItem[];
}

function under(evidence: EvidenceItem[], path: string): EvidenceItem[] {
	return evidence.filter(
		(e) => e.path === path || e.path.startsWith(`${path}.`) || e.path.startsWith(`${path}[`)
	);
}

function isEmpty(value: ExtractedValue): boolean {
	if (value === null) return true;
	if (Array.isArray(value)) return value.length === 0;
	if (typeof value === 'object') return Object.values(value).every(isEmpty);
	return false;
}

/** Two parts that overlap report the same item: compare values, not spelling or spacing. */
function sameKey(value: ExtractedValue): string {
	return JSON.stringify(value, (_key, v: unknown) =>
		typeof v === 'string' ? normaliseForMatch(v).toLowerCase() : v
	);
}

function renamePrefix(items: EvidenceItem[], from: string, to: string): EvidenceItem[] {
	return items.map((e) => ({ ...e, path: to + e.path.slice(from.length) }));
}

function merge(
	node: JsonSchema,
	path: string,
	inputs: Candidate[],
	rules: Record<string, FieldRule>,
	inherited: FieldRule
): Candidate {
	const rule = rules[path] ?? inherited;
	const kind = fieldKind(node);
	if (kind === 'object') {
		const value: Record<string, ExtractedValue> = {};
		const evidence: EvidenceItem[] = [];
		for (const [key, sub] of propertiesOf(node)) {
			const subPath = joinPath(path, key);
			const parts = inputs.map((input) => ({
				value:
					input.value && typeof input.value === 'object' && !Array.isArray(input.value)
						? (input.value[key] ?? null)
						: null,
				evidence: under(input.evidence, subPath)
			}));
			const merged = merge(sub, subPath, parts, rules, rule);
			value[key] = merged.value;
			evidence.push(...merged.evidence);
		}
		return { value, evidence };
	}

	const stated = inputs.filter((c) => !isEmpty(c.value));
	if (stated.length === 0) {
		const empty = kind === 'array' ? [] : null;
		return { value: empty, evidence: kind === 'array' ? [] : (inputs[0]?.evidence ?? []) };
	}
	// A part that does not contain the field may still answer it; a verified answer wins.
	const verified = (c: Candidate) => c.evidence.every((e) => e.verified);
	if (rule === 'first') return stated.find(verified) ?? (stated[0] as Candidate);
	if (rule === 'latest')
		return stated.findLast(verified) ?? (stated[stated.length - 1] as Candidate);

	if (kind === 'array') {
		const items: ExtractedValue[] = [];
		const evidence: EvidenceItem[] = [];
		const seen = new Set<string>();
		for (const c of stated) {
			(c.value as ExtractedValue[]).forEach((item, i) => {
				const key = sameKey(item);
				if (seen.has(key)) return;
				seen.add(key);
				const from = `${path}[${i}]`;
				evidence.push(...renamePrefix(under(c.evidence, from), from, `${path}[${items.length}]`));
				items.push(item);
			});
		}
		return { value: items, evidence };
	}
	// 'all' on a single field: distinct texts are listed with " | ", each with its own evidence.
	const distinct = new Map<string, Candidate>();
	for (const c of stated) if (!distinct.has(sameKey(c.value))) distinct.set(sameKey(c.value), c);
	const all = [...distinct.values()];
	if (all.length === 1 || !all.every((c) => typeof c.value === 'string'))
		return all[0] as Candidate;
	return { value: all.map((c) => c.value).join(' | '), evidence: all.flatMap((c) => c.evidence) };
}

/**
 * Merges the parts' answers field by field: 'first' (the default) keeps the first stated value,
 * 'latest' the last, 'all' joins lists (dropping repeats from overlaps). A verified value is
 * preferred over an unverified one. Spans are shifted to document offsets.
 */
export function mergeChunkResults(
	schema: JsonSchema,
	results: ChunkExtraction[],
	fieldRules: Record<string, FieldRule> = {}
): SplitResult {
	const root = inlineRefs(schema);
	if (results.length === 0) return { values: emptyValues(root), evidence: [] };
	const inputs = results.map((r) => ({
		// Values come from splitEvidence or storage: plain JSON in the schema's shape.
		value: r.values as ExtractedValue,
		evidence: r.evidence.map((e) =>
			e.span ? { ...e, span: { start: e.span.start + r.offset, end: e.span.end + r.offset } } : e
		)
	}));
	const merged = merge(root, '', inputs, fieldRules, 'first');
	return {
		values: (merged.value ?? {}) as SplitResult['values'],
		evidence: merged.evidence
	};
}
