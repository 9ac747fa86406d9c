import { describe, expect, it } from 'vitest';
import { meanRouge, ROUGE_TYPES, rougeScores, rougeTokenize, type RougeType } from './rouge';

/**
 * Pairs (name, reference, candidate). Expected values were computed by Google's rouge-score
 * 0.1.2 source (google-research/google-research `rouge/`, files rouge_scorer.py, scoring.py,
 * tokenize.py and tokenizers.py as packaged in rouge_score 0.1.2, run with Python 3.11.7 and
 * absl/nltk stubbed, which the default tokenizer without stemmer does not use):
 *   scorer = rouge_scorer.RougeScorer(['rouge1', 'rouge2', 'rougeL', 'rougeLsum'], use_stemmer=False)
 *   s = scorer.score(reference, candidate)  # [s[t].precision, s[t].recall, s[t].fmeasure]
 * Values are Python's repr of the floats, pasted unchanged.
 */
const PAIRS: [string, string, string][] = [
	[
		'en-clinical',
		'The patient is a 45-year-old male with chest pain.\nHe was started on aspirin 81 mg daily.',
		'45 year old man with chest pain; started aspirin 81 mg.\nFollow up in 2 weeks.'
	],
	[
		'de-letter',
		'Sehr geehrte Frau Kollegin,\nwir berichten über Herrn Müller, der vom 12.03.2024 bis 15.03.2024 stationär behandelt wurde.\nDiagnosen: Lungenembolie rechts.',
		'Wir berichten über Herrn Müller (stationär 12.03.–15.03.2024).\nDiagnose: Lungenembolie rechts, Therapie mit Apixaban 5 mg 1-0-1.'
	],
	['empty-candidate', 'Some reference text.', ''],
	['both-empty', '', ''],
	['punctuation-only', 'The result was normal.', '!!! ... ???'],
	['repeats', 'the cat the cat the dog', 'the the the cat dog'],
	['lsum-multiline', 'a b c d\ne f a b\nc d e', 'a b\nc d e f\nb a c'],
	['crlf', 'Line one\r\nLine two', 'line two\r\nline one'],
	[
		'numbers',
		'BP 120/80 mmHg, HR 72, temp 38.5 C',
		'blood pressure 120/80, heart rate 72 bpm, temperature 38.5'
	],
	['lsum-tie-break', 'a b a b b', 'a a b a\nb c a c'],
	[
		'blank-lines',
		'\n\nFirst finding.\n\n  \nSecond finding.\n',
		'Second finding.\n\n\nFirst finding.'
	]
];

const EXPECTED: Record<string, Record<RougeType, [number, number, number]>> = {
	'en-clinical': {
		rouge1: [0.625, 0.5263157894736842, 0.5714285714285714],
		rouge2: [0.4, 0.3333333333333333, 0.3636363636363636],
		rougeL: [0.625, 0.5263157894736842, 0.5714285714285714],
		rougeLsum: [0.625, 0.5263157894736842, 0.5714285714285714]
	},
	'de-letter': {
		rouge1: [0.625, 0.5769230769230769, 0.6],
		rouge2: [0.43478260869565216, 0.4, 0.41666666666666663],
		rougeL: [0.5416666666666666, 0.5, 0.52],
		rougeLsum: [0.5416666666666666, 0.5, 0.52]
	},
	'empty-candidate': {
		rouge1: [0, 0, 0],
		rouge2: [0, 0, 0],
		rougeL: [0, 0, 0],
		rougeLsum: [0, 0, 0]
	},
	'both-empty': {
		rouge1: [0, 0, 0],
		rouge2: [0, 0, 0],
		rougeL: [0, 0, 0],
		rougeLsum: [0, 0, 0]
	},
	'punctuation-only': {
		rouge1: [0, 0, 0],
		rouge2: [0, 0, 0],
		rougeL: [0, 0, 0],
		rougeLsum: [0, 0, 0]
	},
	repeats: {
		rouge1: [1, 0.8333333333333334, 0.9090909090909091],
		rouge2: [0.25, 0.2, 0.22222222222222224],
		rougeL: [0.8, 0.6666666666666666, 0.7272727272727272],
		rougeLsum: [0.8, 0.6666666666666666, 0.7272727272727272]
	},
	'lsum-multiline': {
		rouge1: [1, 0.8181818181818182, 0.9],
		rouge2: [0.625, 0.5, 0.5555555555555556],
		rougeL: [0.8888888888888888, 0.7272727272727273, 0.7999999999999999],
		rougeLsum: [1, 0.8181818181818182, 0.9]
	},
	crlf: {
		rouge1: [1, 1, 1],
		rouge2: [0.6666666666666666, 0.6666666666666666, 0.6666666666666666],
		rougeL: [0.5, 0.5, 0.5],
		rougeLsum: [1, 1, 1]
	},
	numbers: {
		rouge1: [0.45454545454545453, 0.5, 0.47619047619047616],
		rouge2: [0.2, 0.2222222222222222, 0.2105263157894737],
		rougeL: [0.45454545454545453, 0.5, 0.47619047619047616],
		rougeLsum: [0.45454545454545453, 0.5, 0.47619047619047616]
	},
	'lsum-tie-break': {
		rouge1: [0.5, 0.8, 0.6153846153846154],
		rouge2: [0.42857142857142855, 0.75, 0.5454545454545454],
		rougeL: [0.5, 0.8, 0.6153846153846154],
		rougeLsum: [0.375, 0.6, 0.4615384615384615]
	},
	'blank-lines': {
		rouge1: [1, 1, 1],
		rouge2: [0.6666666666666666, 0.6666666666666666, 0.6666666666666666],
		rougeL: [0.5, 0.5, 0.5],
		rougeLsum: [1, 1, 1]
	}
};

describe('rougeScores', () => {
	it.each(PAIRS)('matches rouge-score on %s', (name, reference, candidate) => {
		const scores = rougeScores(reference, candidate);
		for (const type of ROUGE_TYPES) {
			const [precision, recall, fmeasure] = EXPECTED[name]![type];
			expect(scores[type].precision, `${type} P`).toBeCloseTo(precision, 12);
			expect(scores[type].recall, `${type} R`).toBeCloseTo(recall, 12);
			expect(scores[type].fmeasure, `${type} F`).toBeCloseTo(fmeasure, 12);
		}
	});

	it('tokenizes like rouge-score: ASCII letters and digits only, after lower-casing', () => {
		expect(rougeTokenize('Herr Müller, 12.03.2024: HbA1c 6,5 %')).toEqual([
			'herr',
			'm',
			'ller',
			'12',
			'03',
			'2024',
			'hba1c',
			'6',
			'5'
		]);
		expect(rougeTokenize('')).toEqual([]);
	});

	it('is 1 for identical texts and symmetric in precision and recall', () => {
		const text = 'Discharged home.\nFollow-up in two weeks.';
		for (const type of ROUGE_TYPES) expect(rougeScores(text, text)[type].fmeasure).toBe(1);
		const ab = rougeScores('a b c d', 'a b');
		const ba = rougeScores('a b', 'a b c d');
		expect(ab.rouge1.precision).toBe(ba.rouge1.recall);
		expect(ab.rouge1.recall).toBe(ba.rouge1.precision);
	});
});

describe('meanRouge', () => {
	it('averages each measure over pairs, and is 0 for none', () => {
		const mean = meanRouge([rougeScores('a b', 'a b'), rougeScores('a b', 'c d')]);
		expect(mean.rouge1).toEqual({ precision: 0.5, recall: 0.5, fmeasure: 0.5 });
		expect(meanRouge([]).rougeLsum).toEqual({ precision: 0, recall: 0, fmeasure: 0 });
	});
});
