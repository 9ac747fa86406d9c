/**
 * ROUGE as Google's `rouge-score` package (0.1.2, google-research/google-research `rouge/`)
 * computes it with `RougeScorer(['rouge1', 'rouge2', 'rougeL', 'rougeLsum'], use_stemmer=False)`,
 * so that numbers reported here can be compared with published ones. Ported behaviour, including
 * its quirks: only ASCII letters and digits make tokens (`Müller` is `m` and `ller`), rougeLsum
 * splits on "\n" only and counts union-LCS hits without double counting, as ROUGE-1.5.5 does.
 * The Porter stemmer (`use_stemmer=True`) is not ported.
 */

export type RougeType = 'rouge1' | 'rouge2' | 'rougeL' | 'rougeLsum';
export const ROUGE_TYPES: readonly RougeType[] = ['rouge1', 'rouge2', 'rougeL', 'rougeLsum'];

export interface RougeScore {
	precision: number;
	recall: number;
	fmeasure: number;
}

export type RougeScores = Record<RougeType, RougeScore>;

const ZERO: RougeScore = { precision: 0, recall: 0, fmeasure: 0 };

/**
 * rouge-score's default tokenizer: lower case, every run of characters other than [a-z0-9]
 * becomes a separator. Lower-casing first matters: `Ä` becomes `ä`, which is still a separator.
 */
export function rougeTokenize(text: string): string[] {
	return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

export function fmeasure(precision: number, recall: number): number {
	return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

function ngramCounts(tokens: string[], n: number): Map<string, number> {
	const counts = new Map<string, number>();
	// Tokens never contain a space, so joining with one keeps n-grams distinct.
	for (let i = 0; i + n <= tokens.length; i++) {
		const key = tokens.slice(i, i + n).join(' ');
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	return counts;
}

/** ROUGE-N from token lists (`_score_ngrams`): clipped n-gram overlap. */
export function rougeNFromTokens(target: string[], prediction: string[], n: number): RougeScore {
	const targetNgrams = ngramCounts(target, n);
	const predictionNgrams = ngramCounts(prediction, n);
	let overlap = 0;
	for (const [ngram, count] of targetNgrams)
		overlap += Math.min(count, predictionNgrams.get(ngram) ?? 0);
	const targetCount = Math.max(0, target.length - n + 1);
	const predictionCount = Math.max(0, prediction.length - n + 1);
	const precision = overlap / Math.max(predictionCount, 1);
	const recall = overlap / Math.max(targetCount, 1);
	return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

/** Length of the longest common subsequence, in two rows of memory. */
function lcsLength(a: string[], b: string[]): number {
	let previous = new Uint32Array(b.length + 1);
	let current = new Uint32Array(b.length + 1);
	for (let i = 1; i <= a.length; i++) {
		for (let j = 1; j <= b.length; j++) {
			current[j] =
				a[i - 1] === b[j - 1]
					? (previous[j - 1] as number) + 1
					: Math.max(previous[j] as number, current[j - 1] as number);
		}
		[previous, current] = [current, previous];
	}
	return previous[b.length] as number;
}

/** ROUGE-L from token lists (`_score_lcs`). */
export function rougeLFromTokens(target: string[], prediction: string[]): RougeScore {
	if (target.length === 0 || prediction.length === 0) return { ...ZERO };
	const lcs = lcsLength(target, prediction);
	const precision = lcs / prediction.length;
	const recall = lcs / target.length;
	return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

/**
 * Indices into `ref` of one longest common subsequence (`lcs_ind`). The tie-breaking of
 * `_backtrack_norec` is kept exactly: which LCS is picked changes the union in rougeLsum.
 */
function lcsIndices(ref: string[], can: string[]): number[] {
	const width = can.length + 1;
	const table = new Uint32Array((ref.length + 1) * width);
	for (let i = 1; i <= ref.length; i++) {
		for (let j = 1; j <= can.length; j++) {
			table[i * width + j] =
				ref[i - 1] === can[j - 1]
					? (table[(i - 1) * width + j - 1] as number) + 1
					: Math.max(table[(i - 1) * width + j] as number, table[i * width + j - 1] as number);
		}
	}
	const lcs: number[] = [];
	let i = ref.length;
	let j = can.length;
	while (i > 0 && j > 0) {
		if (ref[i - 1] === can[j - 1]) {
			lcs.push(i - 1);
			i--;
			j--;
		} else if ((table[i * width + j - 1] as number) > (table[(i - 1) * width + j] as number)) {
			j--;
		} else {
			i--;
		}
	}
	return lcs.reverse();
}

function tokenCounts(sentences: string[][]): Map<string, number> {
	const counts = new Map<string, number>();
	for (const sentence of sentences)
		for (const token of sentence) counts.set(token, (counts.get(token) ?? 0) + 1);
	return counts;
}

/** Summary-level ROUGE-L (`_summary_level_lcs`), from tokenized sentences. */
export function rougeLsumFromSentences(target: string[][], prediction: string[][]): RougeScore {
	if (target.length === 0 || prediction.length === 0) return { ...ZERO };
	const m = target.reduce((sum, s) => sum + s.length, 0);
	const n = prediction.reduce((sum, s) => sum + s.length, 0);
	if (m === 0 || n === 0) return { ...ZERO };
	const targetCounts = tokenCounts(target);
	const predictionCounts = tokenCounts(prediction);
	let hits = 0;
	for (const ref of target) {
		const union = new Set<number>();
		for (const can of prediction) for (const index of lcsIndices(ref, can)) union.add(index);
		for (const index of [...union].sort((a, b) => a - b)) {
			const token = ref[index] as string;
			const c = predictionCounts.get(token) ?? 0;
			const r = targetCounts.get(token) ?? 0;
			if (c > 0 && r > 0) {
				hits++;
				predictionCounts.set(token, c - 1);
				targetCounts.set(token, r - 1);
			}
		}
	}
	const recall = hits / m;
	const precision = hits / n;
	return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

/** rougeLsum's sentences: lines split on "\n" alone (not "\r"), empty lines dropped. */
function sentences(text: string): string[][] {
	return text
		.split('\n')
		.filter((line) => line.length > 0)
		.map(rougeTokenize);
}

/** All four scores for one pair, argument order as `RougeScorer.score(target, prediction)`. */
export function rougeScores(reference: string, candidate: string): RougeScores {
	const target = rougeTokenize(reference);
	const prediction = rougeTokenize(candidate);
	return {
		rouge1: rougeNFromTokens(target, prediction, 1),
		rouge2: rougeNFromTokens(target, prediction, 2),
		rougeL: rougeLFromTokens(target, prediction),
		rougeLsum: rougeLsumFromSentences(sentences(reference), sentences(candidate))
	};
}

/**
 * The mean of each measure over pairs. rouge-score's BootstrapAggregator reports a resampled
 * median of means instead, which varies from run to run; the plain mean is what it centres on.
 */
export function meanRouge(scores: readonly RougeScores[]): RougeScores {
	const mean = (type: RougeType, key: keyof RougeScore) =>
		scores.length === 0 ? 0 : scores.reduce((sum, s) => sum + s[type][key], 0) / scores.length;
	const entries = ROUGE_TYPES.map((type) => [
		type,
		{
			precision: mean(type, 'precision'),
			recall: mean(type, 'recall'),
			fmeasure: mean(type, 'fmeasure')
		}
	]);
	return Object.fromEntries(entries) as RougeScores;
}
