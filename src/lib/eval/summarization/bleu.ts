/**
 * Corpus BLEU as sacreBLEU 2.x computes it with its defaults (`BLEU()`: tokenize '13a', mixed
 * case, smooth 'exp', effective order off, n-grams up to 4): n-gram matches and lengths are
 * summed over all segments first, then turned into one score. Signature of the reference
 * implementation: `nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0`.
 */

export const MAX_NGRAM_ORDER = 4;

export interface BleuResult {
	/** 0–100. */
	score: number;
	/** Modified n-gram precisions in percent, n = 1..4. */
	precisions: number[];
	/** Brevity penalty. */
	bp: number;
	/** Tokens in all hypotheses (sacreBLEU's `sys_len`). */
	sysLen: number;
	/** Tokens in the closest reference of each segment, summed (`ref_len`). */
	refLen: number;
	/** Matched n-grams per order. */
	counts: number[];
	/** Hypothesis n-grams per order. */
	totals: number[];
}

/** What Python's `str.split()` and `str.rstrip()` treat as whitespace (`str.isspace`). */
const PY_SPACE =
	'\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const PY_SPACES = new RegExp(`[${PY_SPACE}]+`, 'u');
const PY_TRAILING_SPACE = new RegExp(`[${PY_SPACE}]+$`, 'u');

/** sacreBLEU's `TokenizerRegexp`, the language-dependent part of 13a. */
const RULES: [RegExp, string][] = [
	// Symbols and most punctuation become tokens of their own.
	[/([{-~[-` -&(-+:-@/])/gu, ' $1 '],
	// Period and comma, unless preceded by a digit…
	[/([^0-9])([.,])/gu, '$1 $2 '],
	// …or followed by one.
	[/([.,])([^0-9])/gu, ' $1 $2'],
	// A dash after a digit.
	[/([0-9])(-)/gu, '$1 $2 ']
];

function pySplit(text: string): string[] {
	return text.split(PY_SPACES).filter((t) => t !== '');
}

/** sacreBLEU's `Tokenizer13a` (mteval-v13a.pl): tokens joined by single spaces. */
export function tokenize13a(line: string): string {
	let text = line.replaceAll('<skipped>', '').replaceAll('-\n', '').replaceAll('\n', ' ');
	if (text.includes('&')) {
		text = text
			.replaceAll('&quot;', '"')
			.replaceAll('&amp;', '&')
			.replaceAll('&lt;', '<')
			.replaceAll('&gt;', '>');
	}
	text = ` ${text} `;
	for (const [pattern, replacement] of RULES) text = text.replace(pattern, replacement);
	return pySplit(text).join(' ');
}

/** `_preprocess_segment`: trailing whitespace is stripped before tokenizing. */
function preprocess(segment: string): string[] {
	const tokenized = tokenize13a(segment.replace(PY_TRAILING_SPACE, ''));
	return tokenized === '' ? [] : tokenized.split(' ');
}

function ngrams(tokens: string[], maxOrder: number): Map<string, number> {
	const counts = new Map<string, number>();
	for (let n = 1; n <= maxOrder; n++) {
		for (let i = 0; i + n <= tokens.length; i++) {
			// Tokens contain no spaces, so the joined key is unambiguous and its order is
			// its number of spaces plus one.
			const key = tokens.slice(i, i + n).join(' ');
			counts.set(key, (counts.get(key) ?? 0) + 1);
		}
	}
	return counts;
}

/** The reference length closest to the hypothesis length; the shorter one on a tie. */
function closestRefLength(hypLength: number, refLengths: number[]): number {
	let closestDiff = -1;
	let closest = -1;
	for (const length of refLengths) {
		const diff = Math.abs(hypLength - length);
		if (closestDiff === -1 || diff < closestDiff) {
			closestDiff = diff;
			closest = length;
		} else if (diff === closestDiff && length < closest) {
			closest = length;
		}
	}
	return closest;
}

/** `my_log`: log with log(0) floored, so a zero precision gives a zero score. */
function myLog(x: number): number {
	return x === 0 ? -9999999999 : Math.log(x);
}

/** `BLEU.compute_bleu` with smooth 'exp' and effective order off. */
export function computeBleu(
	counts: number[],
	totals: number[],
	sysLen: number,
	refLen: number,
	maxOrder = MAX_NGRAM_ORDER
): BleuResult {
	let bp = 1;
	if (sysLen < refLen) bp = sysLen > 0 ? Math.exp(1 - refLen / sysLen) : 0;
	const precisions = new Array<number>(maxOrder).fill(0);
	const result = { precisions, bp, sysLen, refLen, counts, totals };
	if (!counts.some((c) => c !== 0)) return { score: 0, ...result };

	let smooth = 1;
	for (let n = 1; n <= maxOrder; n++) {
		const total = totals[n - 1] as number;
		const correct = counts[n - 1] as number;
		if (total === 0) break;
		if (correct === 0) {
			smooth *= 2;
			precisions[n - 1] = 100 / (smooth * total);
		} else {
			precisions[n - 1] = (100 * correct) / total;
		}
	}
	const logSum = precisions.reduce((sum, p) => sum + myLog(p), 0);
	return { score: bp * Math.exp(logSum / maxOrder), ...result };
}

/**
 * Corpus BLEU. `references` is a list of reference streams as in sacreBLEU's
 * `corpus_score(hypotheses, [refs1, refs2, …])`: `references[k][i]` is the k-th reference of
 * hypothesis i; a `null` entry means that hypothesis has fewer references.
 */
export function corpusBleu(
	hypotheses: readonly string[],
	references: readonly (readonly (string | null)[])[]
): BleuResult {
	for (const stream of references) {
		if (stream.length !== hypotheses.length)
			throw new RangeError('every reference stream needs one entry per hypothesis');
	}
	const counts = new Array<number>(MAX_NGRAM_ORDER).fill(0);
	const totals = new Array<number>(MAX_NGRAM_ORDER).fill(0);
	let sysLen = 0;
	let refLen = 0;
	hypotheses.forEach((hypothesis, i) => {
		const refNgrams = new Map<string, number>();
		const refLengths: number[] = [];
		for (const stream of references) {
			const reference = stream[i];
			if (reference === null || reference === undefined) continue;
			const tokens = preprocess(reference);
			refLengths.push(tokens.length);
			// With several references an n-gram may match as often as the most generous allows.
			for (const [ngram, count] of ngrams(tokens, MAX_NGRAM_ORDER))
				refNgrams.set(ngram, Math.max(refNgrams.get(ngram) ?? 0, count));
		}
		const tokens = preprocess(hypothesis);
		sysLen += tokens.length;
		refLen += closestRefLength(tokens.length, refLengths);
		for (const [ngram, count] of ngrams(tokens, MAX_NGRAM_ORDER)) {
			const order = ngram.split(' ').length - 1;
			totals[order] = (totals[order] as number) + count;
			const matched = refNgrams.get(ngram);
			if (matched !== undefined)
				counts[order] = (counts[order] as number) + Math.min(count, matched);
		}
	});
	return computeBleu(counts, totals, sysLen, refLen);
}
