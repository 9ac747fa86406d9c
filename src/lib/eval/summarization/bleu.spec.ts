import { describe, expect, it } from 'vitest';
import { corpusBleu, tokenize13a, type BleuResult } from './bleu';

/*
 * Expected values were computed by sacreBLEU 2.6.0 (mjpost/sacrebleu at commit
 * f615c7286d4d813370efb824d94fc2bfcd3a6b94, tag v2.6.0 plus one commit), run from source with
 * Python 3.11.7; portalocker, tabulate, colorama and lxml were stubbed (they serve dataset
 * downloads and tables only). Calls:
 *   Tokenizer13a()(line.rstrip())                  for TOKENIZED
 *   BLEU().corpus_score(hypotheses, references)     for EXPECTED (score, precisions, bp,
 *                                                   sys_len, ref_len, counts, totals)
 * Signature: nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0 (nrefs:var for
 * 'two-references'). Values are Python's repr of the floats, pasted unchanged.
 */
const LINES: string[] = [
	"Dr. Smith's BP was 120/80 mmHg (normal); HbA1c 6.5%, dose 1-0-1, e.g. 5,000 units & more.",
	'Text <skipped> with hyphen-\nated line\nbreaks &amp; &lt;tags&gt; and &quot;quotes&quot;.',
	'„Gänsefüßchen“ – Herr Müller, 12.03.2024: Apixaban 5 mg 1-0-1 {x} [y] `z` ~ @ $ # ^ _ | \\ *',
	'  leading and trailing  \t spaces   ',
	'a.,b ,. 3.,4 x-1 3-x 3- -3 (1) [2]',
	'emoji 😀. next,😀 and 😀-1'
];
const TOKENIZED: string[] = [
	"Dr . Smith's BP was 120 / 80 mmHg ( normal ) ; HbA1c 6.5 % , dose 1 - 0 - 1 , e . g . 5,000 units & more .",
	'Text with hyphenated line breaks & < tags > and " quotes " .',
	'„Gänsefüßchen“ – Herr Müller , 12.03.2024 : Apixaban 5 mg 1 - 0 - 1 { x } [ y ] ` z ` ~ @ $ # ^ _ | \\ *',
	'leading and trailing spaces',
	'a . , b , . 3 . , 4 x-1 3 - x 3 - -3 ( 1 ) [ 2 ]',
	'emoji 😀 . next , 😀 and 😀-1'
];

/** The same (reference, candidate) pairs as rouge.spec.ts. */
const ROUGE_PAIRS: [string, string][] = [
	[
		'The patient is a 45-year-old male with chest pain.\nHe was started on aspirin 81 mg daily.',
		'45 year old man with chest pain; started aspirin 81 mg.\nFollow up in 2 weeks.'
	],
	[
		'Sehr geehrte Frau Kollegin,\nwir berichten über Herrn Müller, der vom 12.03.2024 bis 15.03.2024 stationär behandelt wurde.\nDiagnosen: Lungenembolie rechts.',
		'Wir berichten über Herrn Müller (stationär 12.03.–15.03.2024).\nDiagnose: Lungenembolie rechts, Therapie mit Apixaban 5 mg 1-0-1.'
	],
	['Some reference text.', ''],
	['', ''],
	['The result was normal.', '!!! ... ???'],
	['the cat the cat the dog', 'the the the cat dog'],
	['a b c d\ne f a b\nc d e', 'a b\nc d e f\nb a c'],
	['Line one\r\nLine two', 'line two\r\nline one'],
	[
		'BP 120/80 mmHg, HR 72, temp 38.5 C',
		'blood pressure 120/80, heart rate 72 bpm, temperature 38.5'
	],
	['a b a b b', 'a a b a\nb c a c'],
	['\n\nFirst finding.\n\n  \nSecond finding.\n', 'Second finding.\n\n\nFirst finding.']
];

const CORPORA: Record<string, [string[], (string | null)[][]]> = {
	identical: [
		['The patient was discharged home in good condition.'],
		[['The patient was discharged home in good condition.']]
	],
	'short-no-4grams': [['Hello world'], [['Hello world']]],
	'exp-smoothing': [['the cat sat on a mat', 'a dog'], [['the cat is in a mat', 'the dog barked']]],
	'two-references': [
		['The cat is on the mat.', 'There is a cat here.', 'Completely different words'],
		[
			['The cat sat on the mat.', 'A cat is here.', 'Nothing alike at all'],
			['There is a cat on the mat.', null, 'Completely unrelated words']
		]
	],
	'no-match': [['xyz'], [['abc def']]],
	'empty-hypothesis': [
		['', 'The patient is stable.'],
		[['Something here.', 'The patient is stable.']]
	],
	'rouge-pairs': [ROUGE_PAIRS.map(([, c]) => c), [ROUGE_PAIRS.map(([r]) => r)]]
};

const EXPECTED: Record<string, BleuResult> = {
	identical: {
		score: 100.00000000000004,
		precisions: [100, 100, 100, 100],
		bp: 1,
		sysLen: 9,
		refLen: 9,
		counts: [9, 8, 7, 6],
		totals: [9, 8, 7, 6]
	},
	'short-no-4grams': {
		score: 0,
		precisions: [100, 100, 0, 0],
		bp: 1,
		sysLen: 2,
		refLen: 2,
		counts: [2, 1, 0, 0],
		totals: [2, 1, 0, 0]
	},
	'exp-smoothing': {
		score: 19.047372368418532,
		precisions: [62.5, 33.333333333333336, 12.5, 8.333333333333334],
		bp: 0.8824969025845955,
		sysLen: 8,
		refLen: 9,
		counts: [5, 2, 0, 0],
		totals: [8, 6, 4, 3]
	},
	'two-references': {
		score: 30.739407647563215,
		precisions: [81.25, 38.46153846153846, 20, 14.285714285714286],
		bp: 1,
		sysLen: 16,
		refLen: 15,
		counts: [13, 5, 2, 1],
		totals: [16, 13, 10, 7]
	},
	'no-match': {
		score: 0,
		precisions: [0, 0, 0, 0],
		bp: 0.36787944117144233,
		sysLen: 1,
		refLen: 2,
		counts: [0, 0, 0, 0],
		totals: [1, 0, 0, 0]
	},
	'empty-hypothesis': {
		score: 54.88116360940266,
		precisions: [100, 100, 100, 100],
		bp: 0.5488116360940264,
		sysLen: 5,
		refLen: 8,
		counts: [5, 4, 3, 2],
		totals: [5, 4, 3, 2]
	},
	'rouge-pairs': {
		score: 20.059182955567497,
		precisions: [54.45544554455446, 26.08695652173913, 16.867469879518072, 6.756756756756757],
		bp: 1,
		sysLen: 101,
		refLen: 99,
		counts: [55, 24, 14, 5],
		totals: [101, 92, 83, 74]
	}
};

describe('tokenize13a', () => {
	it.each(LINES.map((line, i) => [line, TOKENIZED[i]] as const))(
		'tokenizes %j as sacreBLEU does',
		(line, expected) => {
			// sacreBLEU strips trailing whitespace before tokenizing.
			expect(tokenize13a(line.trimEnd())).toBe(expected);
		}
	);
});

describe('corpusBleu', () => {
	it.each(Object.keys(EXPECTED))('matches sacreBLEU on the %s corpus', (name) => {
		const [hypotheses, references] = CORPORA[name]!;
		const expected = EXPECTED[name]!;
		const result = corpusBleu(hypotheses, references);
		expect(result.score).toBeCloseTo(expected.score, 10);
		expect(result.bp).toBeCloseTo(expected.bp, 12);
		result.precisions.forEach((p, i) => expect(p).toBeCloseTo(expected.precisions[i]!, 10));
		expect(result.sysLen).toBe(expected.sysLen);
		expect(result.refLen).toBe(expected.refLen);
		expect(result.counts).toEqual(expected.counts);
		expect(result.totals).toEqual(expected.totals);
	});

	it('rejects a reference stream of the wrong length', () => {
		expect(() => corpusBleu(['a', 'b'], [['a']])).toThrow(RangeError);
	});
});
