/**
 * Measured quality of de-identification: predicted spans scored against a gold standard, per
 * type, per group (PHI_GROUP) and overall, summed over all documents (micro averages).
 *
 * Span level, with precision, recall and F1 for four ways of matching:
 * - `exact`: same start and end, any type; `exactTyped`: also the same type.
 * - `overlap`: at least one character in common, any type; `overlapTyped`: also the same type.
 * The untyped variants are what matters for privacy (a name removed as a date is still removed);
 * the typed ones show whether output policies per type will do the right thing. In the group rows
 * "same type" means the same group. A type's recall counts its gold spans, its precision its
 * predicted spans.
 *
 * Character level: the share of gold PHI characters covered by any prediction (character
 * recall); the leak rate, its complement (gold PHI characters no prediction covers); the number of
 * documents with any leak; over-redaction, the share of non-PHI characters that predictions cover.
 * When an item has the de-identified `output`, each gold string is also looked for in it (see
 * `outputLeaks`).
 *
 * Gold spans whose type is `null` (labels that are not PHI for us) are neither found nor missed:
 * their characters count neither as PHI nor as non-PHI, and a prediction that covers only such
 * spans is left out of precision.
 */
import { PHI_GROUP, PHI_TYPES, type PhiGroup, type PhiType } from '$lib/tasks/deid/types';
import type { GoldDocument, GoldSpan } from './ground-truth';

export interface PredictedSpan {
	start: number;
	end: number;
	type: PhiType;
}

export interface DeidItem {
	gold: GoldDocument;
	predicted: readonly PredictedSpan[];
	/** The de-identified text, when there is one: gold strings still in it are leaks. */
	output?: string;
	/** Types the output keeps on purpose (a policy's `keep`): their strings are not looked for. */
	outputKeeps?: readonly PhiType[];
}

export interface MatchScores {
	precision: number;
	recall: number;
	f1: number;
	/** Gold spans that a prediction matches. */
	goldFound: number;
	/** Predictions that match a gold span. */
	predictedCorrect: number;
}

export interface DeidRow {
	/** A type, a group, or `all`. */
	name: string;
	/** Gold spans (scored ones only). */
	gold: number;
	/** Predicted spans, without those that cover only unscored gold spans. */
	predicted: number;
	exact: MatchScores;
	exactTyped: MatchScores;
	overlap: MatchScores;
	overlapTyped: MatchScores;
	characters: {
		/** Gold PHI characters (a character in two spans of the row counts once). */
		gold: number;
		/** Of those, covered by any prediction. */
		found: number;
		recall: number;
	};
	leak: {
		/** Gold PHI characters no prediction covers. */
		characters: number;
		/** `characters / characters.gold`: 1 − character recall. */
		rate: number;
		/** Documents with a leaked character, or a gold string of this row left in the output. */
		documents: number;
	};
	overRedaction: {
		/** Non-PHI characters that predictions (of this row's types) cover. */
		characters: number;
		/** All non-PHI characters of the documents (the same in every row). */
		nonPhi: number;
		rate: number;
	};
	/** Only when outputs were given: gold spans whose text is still in the output. */
	output?: {
		/** Gold spans looked for (not those shorter than `MIN_OUTPUT_CHECK` or of a kept type). */
		checked: number;
		leaked: number;
		rate: number;
	};
}

export interface DocumentLeak {
	id: string;
	/** Gold PHI characters not covered. */
	characters: number;
	/** Gold spans with at least one uncovered character. */
	spans: number;
	/** Gold spans whose text is still in the output. */
	outputSpans: number;
}

export interface DeidScores {
	documents: number;
	/** Documents scored with an output. */
	documentsWithOutput: number;
	overall: DeidRow;
	/** Groups and types with gold spans or (scored) predictions, in PHI_TYPES order. */
	groups: DeidRow[];
	types: DeidRow[];
	/** Documents with any leak, most leaked characters first. */
	leaks: DocumentLeak[];
}

/**
 * Shorter gold strings are not looked for in outputs: ages and initials ("49", "B.") occur by
 * chance in any text, surrogates included.
 */
export const MIN_OUTPUT_CHECK = 3;

type Level = 'type' | 'group' | 'all';

interface Counter {
	count: number;
	found: number;
}

interface Acc {
	name: string;
	level: Level;
	gold: number;
	predicted: number;
	exact: { gold: number; predicted: number };
	exactTyped: { gold: number; predicted: number };
	overlap: { gold: number; predicted: number };
	overlapTyped: { gold: number; predicted: number };
	chars: Counter;
	overChars: number;
	leakDocs: number;
	outputChecked: number;
	outputLeaked: number;
}

type ScoredSpan = GoldSpan & { type: PhiType };

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
	a.start < b.end && b.start < a.end;
const sameBounds = (a: { start: number; end: number }, b: { start: number; end: number }) =>
	a.start === b.start && a.end === b.end;

function sameKind(level: Level, a: PhiType, b: PhiType): boolean {
	return level === 'group' ? PHI_GROUP[a] === PHI_GROUP[b] : a === b;
}

/**
 * Precision with nothing predicted and recall with nothing to find are 1 when nothing went wrong
 * the other way, else 0 (as in the extraction metrics).
 */
function matchScores(
	goldFound: number,
	gold: number,
	predictedCorrect: number,
	predicted: number
): MatchScores {
	const precision = predicted > 0 ? predictedCorrect / predicted : gold === 0 ? 1 : 0;
	const recall = gold > 0 ? goldFound / gold : predicted === 0 ? 1 : 0;
	const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
	return { precision, recall, f1, goldFound, predictedCorrect };
}

function escapeRegExp(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Where `needle` occurs in `haystack`, ignoring case and treating any run of whitespace as one,
 * and not inside a longer word or number ("Weber" is not found in "Webergasse").
 */
function occurrences(haystack: string, needle: string): { start: number; end: number }[] {
	const body = needle
		.split(/\s+/)
		.map((part) => escapeRegExp(part))
		.join('\\s+');
	const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'giu');
	return [...haystack.matchAll(pattern)].map((m) => ({
		start: m.index,
		end: m.index + m[0].length
	}));
}

/**
 * Gold strings still in the output. A string leaks as often as the output has it more often than
 * the original text has it outside PHI spans (so "4711" as a dose is not taken for the case number
 * "4711"); which of its gold spans leaked cannot be told, so the first ones are counted.
 */
function outputLeaks(
	text: string,
	output: string,
	scored: readonly ScoredSpan[],
	allGold: readonly GoldSpan[],
	keeps: readonly PhiType[]
): { checked: boolean[]; leaked: boolean[] } {
	const excess = new Map<string, number>();
	const checked: boolean[] = [];
	const leaked: boolean[] = [];
	for (const span of scored) {
		const value = text.slice(span.start, span.end).trim();
		if (value.length < MIN_OUTPUT_CHECK || keeps.includes(span.type)) {
			checked.push(false);
			leaked.push(false);
			continue;
		}
		const key = value.toLowerCase().replace(/\s+/g, ' ');
		let left = excess.get(key);
		if (left === undefined) {
			const legitimate = occurrences(text, value).filter(
				(o) => !allGold.some((g) => overlaps(o, g))
			).length;
			left = occurrences(output, value).length - legitimate;
		}
		checked.push(true);
		leaked.push(left > 0);
		excess.set(key, left - 1);
	}
	return { checked, leaked };
}

function fill(mask: Uint8Array, spans: readonly { start: number; end: number }[]): void {
	for (const s of spans) mask.fill(1, s.start, s.end);
}

/** Characters set in `mask` (and in `and`, and not in `not`, when given). */
function countMask(mask: Uint8Array, and?: Uint8Array, not?: Uint8Array): number {
	let n = 0;
	for (let i = 0; i < mask.length; i++) if (mask[i] && (!and || and[i]) && (!not || !not[i])) n++;
	return n;
}

function newAcc(name: string, level: Level): Acc {
	return {
		name,
		level,
		gold: 0,
		predicted: 0,
		exact: { gold: 0, predicted: 0 },
		exactTyped: { gold: 0, predicted: 0 },
		overlap: { gold: 0, predicted: 0 },
		overlapTyped: { gold: 0, predicted: 0 },
		chars: { count: 0, found: 0 },
		overChars: 0,
		leakDocs: 0,
		outputChecked: 0,
		outputLeaked: 0
	};
}

/** Scores predictions against the gold standard; see the top of this file for the measures. */
export function scoreDeid(items: readonly DeidItem[]): DeidScores {
	const accs = new Map<string, Acc>();
	const acc = (level: Level, name: string) => {
		const key = `${level}:${name}`;
		let a = accs.get(key);
		if (!a) accs.set(key, (a = newAcc(name, level)));
		return a;
	};
	const overall = acc('all', 'all');
	/** The rows a span of this type counts in, with how each compares types. */
	const rowsOf = (type: PhiType): Acc[] => [
		acc('type', type),
		acc('group', PHI_GROUP[type]),
		overall
	];

	let nonPhiTotal = 0;
	let withOutput = 0;
	const leaks: DocumentLeak[] = [];

	for (const { gold, predicted, output, outputKeeps } of items) {
		const text = gold.text;
		const n = text.length;
		const scored = gold.spans.filter((s): s is ScoredSpan => s.type !== null);
		const unscored = gold.spans.filter((s) => s.type === null);
		const predictions = predicted
			.map((p) => ({ start: Math.max(0, p.start), end: Math.min(n, p.end), type: p.type }))
			.filter((p) => p.end > p.start);
		const relevant = predictions.filter(
			(p) => scored.some((g) => overlaps(p, g)) || !unscored.some((g) => overlaps(p, g))
		);

		for (const g of scored) {
			const exact = relevant.filter((p) => sameBounds(p, g));
			const touching = relevant.filter((p) => overlaps(p, g));
			for (const a of rowsOf(g.type)) {
				a.gold++;
				if (exact.length > 0) a.exact.gold++;
				if (touching.length > 0) a.overlap.gold++;
				if (exact.some((p) => sameKind(a.level, p.type, g.type))) a.exactTyped.gold++;
				if (touching.some((p) => sameKind(a.level, p.type, g.type))) a.overlapTyped.gold++;
			}
		}
		for (const p of relevant) {
			const exact = scored.filter((g) => sameBounds(p, g));
			const touching = scored.filter((g) => overlaps(p, g));
			for (const a of rowsOf(p.type)) {
				a.predicted++;
				if (exact.length > 0) a.exact.predicted++;
				if (touching.length > 0) a.overlap.predicted++;
				if (exact.some((g) => sameKind(a.level, p.type, g.type))) a.exactTyped.predicted++;
				if (touching.some((g) => sameKind(a.level, p.type, g.type))) a.overlapTyped.predicted++;
			}
		}

		// Characters: masks over the text, one per row that occurs in this document.
		const phi = new Uint8Array(n);
		fill(phi, scored);
		const unscoredMask = new Uint8Array(n);
		fill(unscoredMask, unscored);
		const covered = new Uint8Array(n);
		fill(covered, predictions);
		const nonPhi = n - countMask(phi) - countMask(unscoredMask, undefined, phi);
		nonPhiTotal += nonPhi;

		const check =
			output !== undefined
				? outputLeaks(text, output, scored, gold.spans, outputKeeps ?? [])
				: undefined;
		if (check) withOutput++;
		const leakedIn = new Set<Acc>();
		const rowSpans = new Map<Acc, ScoredSpan[]>();
		scored.forEach((g, i) => {
			for (const a of rowsOf(g.type)) {
				const list = rowSpans.get(a);
				if (list) list.push(g);
				else rowSpans.set(a, [g]);
				if (check?.checked[i]) {
					a.outputChecked++;
					if (check.leaked[i]) {
						a.outputLeaked++;
						leakedIn.add(a);
					}
				}
			}
		});
		for (const [a, spans] of rowSpans) {
			const mask = a === overall ? phi : new Uint8Array(n);
			if (a !== overall) fill(mask, spans);
			const count = countMask(mask);
			const found = countMask(mask, covered);
			a.chars.count += count;
			a.chars.found += found;
			if (found < count) leakedIn.add(a);
		}
		for (const a of leakedIn) a.leakDocs++;

		const rowPredictions = new Map<Acc, PredictedSpan[]>();
		for (const p of predictions)
			for (const a of rowsOf(p.type)) {
				const list = rowPredictions.get(a);
				if (list) list.push(p);
				else rowPredictions.set(a, [p]);
			}
		const phiOrUnscored = phi.slice();
		fill(phiOrUnscored, unscored);
		for (const [a, spans] of rowPredictions) {
			const mask = a === overall ? covered : new Uint8Array(n);
			if (a !== overall) fill(mask, spans);
			a.overChars += countMask(mask, undefined, phiOrUnscored);
		}

		const leakedChars = countMask(phi, undefined, covered);
		const outputSpans = check ? check.leaked.filter(Boolean).length : 0;
		if (leakedChars > 0 || outputSpans > 0)
			leaks.push({
				id: gold.id,
				characters: leakedChars,
				spans: scored.filter((g) => covered.subarray(g.start, g.end).includes(0)).length,
				outputSpans
			});
	}

	const row = (a: Acc): DeidRow => ({
		name: a.name,
		gold: a.gold,
		predicted: a.predicted,
		exact: matchScores(a.exact.gold, a.gold, a.exact.predicted, a.predicted),
		exactTyped: matchScores(a.exactTyped.gold, a.gold, a.exactTyped.predicted, a.predicted),
		overlap: matchScores(a.overlap.gold, a.gold, a.overlap.predicted, a.predicted),
		overlapTyped: matchScores(a.overlapTyped.gold, a.gold, a.overlapTyped.predicted, a.predicted),
		characters: {
			gold: a.chars.count,
			found: a.chars.found,
			recall: a.chars.count > 0 ? a.chars.found / a.chars.count : 1
		},
		leak: {
			characters: a.chars.count - a.chars.found,
			rate: a.chars.count > 0 ? (a.chars.count - a.chars.found) / a.chars.count : 0,
			documents: a.leakDocs
		},
		overRedaction: {
			characters: a.overChars,
			nonPhi: nonPhiTotal,
			rate: nonPhiTotal > 0 ? a.overChars / nonPhiTotal : 0
		},
		...(withOutput > 0
			? {
					output: {
						checked: a.outputChecked,
						leaked: a.outputLeaked,
						rate: a.outputChecked > 0 ? a.outputLeaked / a.outputChecked : 0
					}
				}
			: {})
	});

	const groupOrder = [...new Set(PHI_TYPES.map((t) => PHI_GROUP[t]))];
	const present = <T extends string>(level: Level, names: readonly T[]) =>
		names.flatMap((name) => {
			const a = accs.get(`${level}:${name}`);
			// Predictions on unscored spans alone leave a row with nothing in it.
			return a && (a.gold > 0 || a.predicted > 0 || a.overChars > 0) ? [row(a)] : [];
		});
	return {
		documents: items.length,
		documentsWithOutput: withOutput,
		overall: row(overall),
		groups: present<PhiGroup>('group', groupOrder),
		types: present<PhiType>('type', PHI_TYPES),
		leaks: leaks.sort((a, b) => b.characters - a.characters || a.id.localeCompare(b.id))
	};
}
