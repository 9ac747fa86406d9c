import { describe, expect, it } from 'vitest';
import type { PhiType } from '$lib/tasks/deid/types';
import type { GoldDocument, GoldSpan } from './ground-truth';
import { MIN_OUTPUT_CHECK, scoreDeid, type DeidScores, type PredictedSpan } from './metrics';

/** A gold span found by its text (the n-th occurrence), so offsets are not typed by hand. */
function at(text: string, value: string, label: string, type: PhiType | null, nth = 0): GoldSpan {
	let start = -1;
	for (let i = 0; i <= nth; i++) start = text.indexOf(value, start + 1);
	if (start < 0) throw new Error(`${value} not in the text`);
	return { start, end: start + value.length, label, type };
}

function predict(text: string, value: string, type: PhiType, nth = 0): PredictedSpan {
	const { start, end } = at(text, value, '', type, nth);
	return { start, end, type };
}

const group = (s: DeidScores, name: string) => s.groups.find((r) => r.name === name);
const type = (s: DeidScores, name: string) => s.types.find((r) => r.name === name);

describe('scoreDeid', () => {
	// 56 characters; PHI: "Anna Muster" (0–11), "01.02.1990" (18–28), "0611 12345" (34–44) = 31
	// characters, so 25 are not PHI.
	const text = 'Anna Muster, geb. 01.02.1990, Tel 0611 12345, Zimmer 12.';
	const gold: GoldDocument = {
		id: 'a',
		text,
		spans: [
			at(text, 'Anna Muster', 'NAME_PATIENT', 'name_patient'),
			at(text, '01.02.1990', 'DATE', 'date_birth'),
			at(text, '0611 12345', 'CONTACT_PHONE', 'phone')
		]
	};
	// Part of the name, the date with the right bounds but a broader type, the phone number with
	// "Tel " in front, and a false ID "12" (the room).
	const predicted = [
		predict(text, 'Anna', 'name_patient'),
		predict(text, '01.02.1990', 'date'),
		predict(text, 'Tel 0611 12345', 'phone'),
		predict(text, '12', 'id', 1)
	];
	const scores = scoreDeid([{ gold, predicted }]);

	it('scores exact and overlapping spans, with and without types', () => {
		const o = scores.overall;
		expect(o).toMatchObject({ gold: 3, predicted: 4 });
		// Exact: only the date has the gold bounds: R = 1/3, P = 1/4, F1 = 2·(1/4·1/3)/(1/4+1/3) = 2/7.
		expect(o.exact).toMatchObject({ goldFound: 1, predictedCorrect: 1, recall: 1 / 3 });
		expect(o.exact.precision).toBe(0.25);
		expect(o.exact.f1).toBeCloseTo(2 / 7, 10);
		// Typed overall means the same type: date ≠ date_birth, so nothing matches exactly.
		expect(o.exactTyped).toMatchObject({ goldFound: 0, predictedCorrect: 0, f1: 0 });
		// Overlap: every gold span is touched (R = 3/3); the room number is wrong (P = 3/4);
		// F1 = 2·(3/4·1)/(3/4+1) = 6/7.
		expect(o.overlap).toMatchObject({ goldFound: 3, predictedCorrect: 3, recall: 1 });
		expect(o.overlap.precision).toBe(0.75);
		expect(o.overlap.f1).toBeCloseTo(6 / 7, 10);
		// Typed overlap: name and phone (R = 2/3, P = 2/4); F1 = 2·(1/2·2/3)/(1/2+2/3) = 4/7.
		expect(o.overlapTyped).toMatchObject({ goldFound: 2, predictedCorrect: 2, precision: 0.5 });
		expect(o.overlapTyped.recall).toBeCloseTo(2 / 3, 10);
		expect(o.overlapTyped.f1).toBeCloseTo(4 / 7, 10);
	});

	it('counts PHI characters covered, leaked and other characters redacted', () => {
		const o = scores.overall;
		// Covered: "Anna" 4 + date 10 + phone 10 = 24 of 31; " Muster" (7) leaks.
		expect(o.characters).toEqual({ gold: 31, found: 24, recall: 24 / 31 });
		expect(o.leak).toEqual({ characters: 7, rate: 7 / 31, documents: 1 });
		// Redacted but not PHI: "Tel " 4 + "12" 2 = 6 of 25.
		expect(o.overRedaction).toEqual({ characters: 6, nonPhi: 25, rate: 6 / 25 });
		expect(o.output).toBeUndefined();
		// The name is 11 characters, 4 covered: 7 leak, in one document.
		expect(group(scores, 'name')?.characters).toEqual({ gold: 11, found: 4, recall: 4 / 11 });
		expect(group(scores, 'name')?.leak.documents).toBe(1);
		expect(group(scores, 'date')?.leak).toEqual({ characters: 0, rate: 0, documents: 0 });
		expect(scores.leaks).toEqual([{ id: 'a', characters: 7, spans: 1, outputSpans: 0 }]);
	});

	it('keeps rows per type and per group, and compares groups in the group rows', () => {
		// The date row of the groups: date_birth found as date is the same group.
		expect(group(scores, 'date')?.exactTyped).toMatchObject({ recall: 1, precision: 1, f1: 1 });
		// The type rows keep them apart: date_birth has a gold span and no prediction of its own
		// (precision 0 by convention), date has a prediction and no gold span (recall 0).
		expect(type(scores, 'date_birth')).toMatchObject({ gold: 1, predicted: 0 });
		expect(type(scores, 'date_birth')?.exact).toMatchObject({ recall: 1, precision: 0 });
		expect(type(scores, 'date_birth')?.exactTyped.recall).toBe(0);
		expect(type(scores, 'date')).toMatchObject({ gold: 0, predicted: 1 });
		expect(type(scores, 'date')?.exact).toMatchObject({ precision: 1, recall: 0 });
		expect(type(scores, 'date')?.exactTyped.precision).toBe(0);
		// The false ID: 2 of the 25 other characters; the phone prediction's "Tel ": 4 of 25.
		expect(type(scores, 'id')?.overRedaction.rate).toBe(2 / 25);
		expect(type(scores, 'phone')?.overRedaction.rate).toBe(4 / 25);
		expect(scores.types.map((r) => r.name)).toEqual([
			'name_patient',
			'date_birth',
			'date',
			'id',
			'phone'
		]);
		expect(scores.groups.map((r) => r.name)).toEqual(['name', 'date', 'id', 'contact']);
	});

	it('neither finds nor misses spans whose label is not scored', () => {
		// "männlich" is marked (a MEDDOCAN-like SEXO label) but maps to null.
		const t = 'Herr Kurz, männlich, 49 Jahre.';
		const doc: GoldDocument = {
			id: 'b',
			text: t,
			spans: [at(t, 'Kurz', 'NAME', 'name_patient'), at(t, 'männlich', 'SEXO', null)]
		};
		const s = scoreDeid([
			{
				gold: doc,
				predicted: [predict(t, 'Kurz', 'name_patient'), predict(t, 'männlich', 'name_other')]
			}
		]);
		// The prediction on "männlich" counts nowhere: 1 prediction, 1 correct, and no name_other row.
		expect(s.overall).toMatchObject({ gold: 1, predicted: 1 });
		expect(s.types.map((r) => r.name)).toEqual(['name_patient']);
		expect(s.overall.exact.precision).toBe(1);
		// 30 characters − 4 PHI − 8 unscored = 18 other characters, none redacted.
		expect(s.overall.overRedaction).toEqual({ characters: 0, nonPhi: 18, rate: 0 });
		expect(s.overall.characters.gold).toBe(4);
	});

	it('sums over documents and counts each leaking document once', () => {
		const t1 = 'Dr. Roth sah Frau Lind.';
		const t2 = 'Keine Angaben.';
		const t3 = 'Frau Lind, Tel. 030 1234567.';
		const docs: GoldDocument[] = [
			{
				id: 'one',
				text: t1,
				spans: [at(t1, 'Roth', 'D', 'name_clinician'), at(t1, 'Lind', 'P', 'name_patient')]
			},
			{ id: 'two', text: t2, spans: [] },
			{
				id: 'three',
				text: t3,
				spans: [at(t3, 'Lind', 'P', 'name_patient'), at(t3, '030 1234567', 'T', 'phone')]
			}
		];
		const s = scoreDeid([
			// Roth found, Lind missed (4 characters).
			{ gold: docs[0] as GoldDocument, predicted: [predict(t1, 'Roth', 'name_clinician')] },
			// Nothing to find, one false alarm on "Angaben" (7 of 14 characters).
			{ gold: docs[1] as GoldDocument, predicted: [predict(t2, 'Angaben', 'name_other')] },
			// Both found; a prediction beyond the end of the text is cut to it.
			{
				gold: docs[2] as GoldDocument,
				predicted: [
					predict(t3, 'Lind', 'name_patient'),
					{ start: t3.indexOf('030'), end: t3.length + 10, type: 'phone' }
				]
			}
		]);
		// Gold: 4 spans, 3 found. Predicted: 4, 3 touch a gold span.
		expect(s.overall.overlap).toMatchObject({ goldFound: 3, predictedCorrect: 3 });
		expect(s.overall).toMatchObject({ gold: 4, predicted: 4 });
		// PHI characters: 4 + 4 + 4 + 11 = 23, of which "Lind" in one (4) leaks.
		expect(s.overall.leak).toEqual({ characters: 4, rate: 4 / 23, documents: 1 });
		// Other characters: (23 − 8) + 14 + (28 − 15) = 42; redacted: "Angaben" 7 + "." 1 = 8.
		expect(s.overall.overRedaction).toEqual({ characters: 8, nonPhi: 42, rate: 8 / 42 });
		expect(s.leaks.map((d) => d.id)).toEqual(['one']);
		// name_patient: 2 gold spans, 1 found, in 2 documents; leaks in 1.
		expect(type(s, 'name_patient')?.overlap.recall).toBe(0.5);
		expect(type(s, 'name_patient')?.leak.documents).toBe(1);
		expect(s.documents).toBe(3);
	});

	it('scores nothing to find and nothing found as perfect', () => {
		const s = scoreDeid([{ gold: { id: 'x', text: 'Keine Angaben.', spans: [] }, predicted: [] }]);
		expect(s.overall.overlap).toMatchObject({ precision: 1, recall: 1, f1: 1 });
		expect(s.overall.characters.recall).toBe(1);
		expect(s.overall.leak.rate).toBe(0);
		expect(s.groups).toEqual([]);
	});

	describe('with outputs', () => {
		// "4711" is the case number once and a dose once.
		const t = 'Fall 4711: Frau Weber, Dosis 4711 IE. Frau Weber kommt wieder.';
		const doc: GoldDocument = {
			id: 'c',
			text: t,
			spans: [
				at(t, '4711', 'ID', 'id'),
				at(t, 'Weber', 'NAME', 'name_patient'),
				at(t, 'Weber', 'NAME', 'name_patient', 1)
			]
		};
		const all = doc.spans.map((g) => ({ start: g.start, end: g.end, type: g.type as PhiType }));

		it('finds nothing left when the output has the strings only where they are no PHI', () => {
			const output = 'Fall [ID]: Frau [NAME], Dosis 4711 IE. Frau [NAME] kommt wieder.';
			const s = scoreDeid([{ gold: doc, predicted: all, output }]);
			// Checked: 4711 and both Webers (3); "4711" once in the output = once outside PHI.
			expect(s.overall.output).toEqual({ checked: 3, leaked: 0, rate: 0 });
			expect(s.overall.leak.documents).toBe(0);
			expect(s.documentsWithOutput).toBe(1);
		});

		it('counts each extra occurrence as one leaked span, ignoring case', () => {
			// One Weber was not replaced (in upper case), and the case number is still there.
			const output = 'Fall 4711: Frau [NAME], Dosis 4711 IE. Frau WEBER kommt wieder.';
			const s = scoreDeid([{ gold: doc, predicted: all, output }]);
			// 4711: 2 in the output − 1 outside PHI = 1 leak; Weber: 1 − 0 = 1 leak of the 2 spans.
			expect(s.overall.output).toEqual({ checked: 3, leaked: 2, rate: 2 / 3 });
			expect(type(s, 'name_patient')?.output).toEqual({ checked: 2, leaked: 1, rate: 0.5 });
			// All characters were covered, but the output leaks: the document counts.
			expect(s.overall.leak).toEqual({ characters: 0, rate: 0, documents: 1 });
			expect(s.leaks).toEqual([{ id: 'c', characters: 0, spans: 0, outputSpans: 2 }]);
		});

		it('does not look for the types the output keeps on purpose', () => {
			const output = 'Fall [ID]: Frau Weber, Dosis 4711 IE. Frau Weber kommt wieder.';
			const s = scoreDeid([{ gold: doc, predicted: all, output, outputKeeps: ['name_patient'] }]);
			// Only the case number is looked for, and it is gone.
			expect(s.overall.output).toEqual({ checked: 1, leaked: 0, rate: 0 });
		});

		it('does not find a gold string inside a longer word, and skips very short ones', () => {
			const t2 = 'Herr Li, Weber.';
			const d2: GoldDocument = {
				id: 'd',
				text: t2,
				spans: [at(t2, 'Li', 'NAME', 'name_patient'), at(t2, 'Weber', 'NAME', 'name_patient')]
			};
			expect('Li'.length).toBeLessThan(MIN_OUTPUT_CHECK);
			const output = 'Herr Li, Webergasse.';
			const s = scoreDeid([{ gold: d2, predicted: [], output }]);
			expect(s.overall.output).toEqual({ checked: 1, leaked: 0, rate: 0 });
		});
	});
});
