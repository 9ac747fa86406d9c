/**
 * Span arithmetic shared by every detector: the union of overlapping findings, and locating a
 * string (an LLM's proposal, a removed value) in a text despite case and whitespace changes.
 */
import { PHI_GROUP, PHI_TYPES, type PhiSpan, type PhiType, type SpanSource } from './types';

const SOURCE_ORDER: readonly SpanSource[] = ['rule', 'known', 'llm', 'manual'];

/**
 * Within one group the specific type wins over the generic one: "4.4.1997" found as `date` by
 * one detector and as `date_birth` by another is a birth date; a name found as `name_other` and as
 * `name_patient` is the patient's. A title alone says least about whose name follows.
 */
const SPECIFICITY: Partial<Record<PhiType, number>> = {
	name_title: 0,
	name_other: 1,
	date: 0
};

function specificity(type: PhiType): number {
	return SPECIFICITY[type] ?? 2;
}

const TYPE_RANK = new Map<PhiType, number>(PHI_TYPES.map((type, i) => [type, i]));

function typeRank(type: PhiType): number {
	return TYPE_RANK.get(type) ?? -1;
}

/**
 * The type of a merged cluster. The group comes from the longest member (it covers most of the
 * text, e.g. "Station A31" as department over "A31" as id); ties go to the earlier type in
 * PHI_TYPES, which lists the most sensitive first. Within that group the most specific member's
 * type wins, then the longer, then PHI_TYPES order. The choice depends only on the members, never
 * on their order, so merging is commutative and idempotent.
 */
function clusterType(members: PhiSpan[]): PhiType {
	// The first member in each order, found in one pass each (members that tie have the same type).
	let longest: PhiSpan | undefined;
	for (const m of members) if (!longest || byLength(m, longest) < 0) longest = m;
	if (!longest) throw new Error('empty cluster');
	const group = PHI_GROUP[longest.type];
	let chosen = longest;
	for (const m of members) {
		if (PHI_GROUP[m.type] !== group) continue;
		const order = specificity(chosen.type) - specificity(m.type) || byLength(m, chosen);
		if (order < 0) chosen = m;
	}
	return chosen.type;
}

/** Longer spans first, then the earlier type in PHI_TYPES. */
function byLength(a: PhiSpan, b: PhiSpan): number {
	return b.end - b.start - (a.end - a.start) || typeRank(a.type) - typeRank(b.type);
}

function mergeCluster(members: PhiSpan[]): PhiSpan {
	const first = members[0];
	if (!first) throw new Error('empty cluster');
	if (members.length === 1) return first;
	const start = first.start;
	let end = first.end;
	let text = first.text;
	// Members come sorted by start, so each one either lies inside the text so far or extends it.
	for (const m of members.slice(1)) {
		if (m.end > end) {
			text += m.text.slice(end - m.start);
			end = m.end;
		}
	}
	const sources = SOURCE_ORDER.filter((s) => members.some((m) => m.sources.includes(s)));
	const ruleSet = new Set<string>();
	for (const m of members) for (const rule of m.rule?.split(',') ?? []) if (rule) ruleSet.add(rule);
	const rules = [...ruleSet].sort();
	const decisions = new Set(members.map((m) => m.decision));
	const merged: PhiSpan = { start, end, type: clusterType(members), text, sources };
	if (rules.length > 0) merged.rule = rules.join(',');
	// A review decision survives only when every part of the union had the same one.
	const decision = decisions.size === 1 ? members[0]?.decision : undefined;
	if (decision) merged.decision = decision;
	return merged;
}

/**
 * The union of spans over one text: overlapping or nested spans become one span covering all of
 * them; spans that merely touch (`a.end === b.start`) stay apart, so "Dr." and "Müller" remain a
 * title and a name. The type is chosen by `clusterType`; sources and rule names are joined. The
 * result is sorted by start and merging it again changes nothing.
 */
export function mergeSpans(spans: PhiSpan[]): PhiSpan[] {
	const sorted = spans
		.filter((s) => s.end > s.start)
		.sort((a, b) => a.start - b.start || b.end - a.end || typeRank(a.type) - typeRank(b.type));
	const out: PhiSpan[] = [];
	let cluster: PhiSpan[] = [];
	let clusterEnd = -1;
	for (const span of sorted) {
		if (cluster.length > 0 && span.start >= clusterEnd) {
			out.push(mergeCluster(cluster));
			cluster = [];
		}
		cluster.push(span);
		clusterEnd = Math.max(clusterEnd, span.end);
	}
	if (cluster.length > 0) out.push(mergeCluster(cluster));
	return out;
}

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\]/g;

export function escapeRegExp(s: string): string {
	return s.replace(REGEX_SPECIAL, '\\$&');
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Every place `needle` occurs in `text`, as [start, end) offsets into `text`. Any run of
 * whitespace in the needle matches any run of whitespace (line breaks included) in the text, and
 * case is ignored unless `caseSensitive`. A match must not continue a word: a needle that starts
 * or ends with a letter or digit is not found inside a longer word ("Ann" is not in "Anne",
 * "12" is not in "123"). Matches do not overlap.
 */
export function findOccurrences(
	text: string,
	needle: string,
	options?: { caseSensitive?: boolean }
): Array<{ start: number; end: number }> {
	const tokens = needle.trim().split(/\s+/u).filter(Boolean);
	if (tokens.length === 0) return [];
	const body = tokens.map(escapeRegExp).join('\\s+');
	const first = needle.trim()[0] ?? '';
	const last = needle.trim().at(-1) ?? '';
	const head = WORD_CHAR.test(first) ? '(?<![\\p{L}\\p{N}])' : '';
	const tail = WORD_CHAR.test(last) ? '(?![\\p{L}\\p{N}])' : '';
	const flags = options?.caseSensitive ? 'gu' : 'giu';
	const re = new RegExp(head + body + tail, flags);
	const out: Array<{ start: number; end: number }> = [];
	for (const m of text.matchAll(re)) out.push({ start: m.index, end: m.index + m[0].length });
	return out;
}

/** Whether [start, end) lies wholly inside one of `ranges` (touching ranges count as one). */
export function isCovered(
	start: number,
	end: number,
	ranges: ReadonlyArray<{ start: number; end: number }>
): boolean {
	const sorted = [...ranges].sort((a, b) => a.start - b.start);
	let pos = start;
	for (const r of sorted) {
		if (r.end <= pos) continue;
		if (r.start > pos) return false;
		pos = r.end;
		if (pos >= end) return true;
	}
	return pos >= end;
}
