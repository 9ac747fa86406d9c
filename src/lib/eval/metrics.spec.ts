import { describe, expect, it } from 'vitest';
import { groundTruthFromCsv, parseCsv } from './ground-truth';
import {
	evaluate,
	evaluationToCsv,
	evaluationToJson,
	inferFieldKinds,
	kindsFromSchema,
	resolveFieldKinds,
	scores,
	type Predictions
} from './metrics';

const truth = groundTruthFromCsv(
	[
		'document,Name,Geburt,Aerzte,Hausarzt',
		'a.txt,Anna,1.2.1990,Dr. X | Dr. Y,',
		'b.txt,Bert,3.4.1950,Dr. Z | Dr. W,Dr. H',
		'c.txt,Carla,,Dr. X,',
		'd.txt,Dora,5.6.2001,,'
	].join('\n')
);

const predictions: Predictions = new Map<string, Record<string, string | string[] | null>>([
	// All right, in other spellings.
	['a', { name: 'ANNA', geburt: '1990-02-01', aerzte: ['Dr. Y', 'Dr. X'], hausarzt: null }],
	// Wrong date, one doctor missing, Hausarzt missing.
	['b.txt', { Name: 'Bert', Geburt: '4.3.1950', Aerzte: ['Dr. Z'], Hausarzt: null }],
	// A date the truth does not have, one doctor too many, a spurious Hausarzt, an unknown field.
	[
		'C.TXT',
		{ Name: 'Carla', Geburt: '1.1.2000', Aerzte: 'Dr. X; Dr. Q', Hausarzt: 'Dr. H', Notiz: 'x' }
	],
	// Not in the truth.
	['e.txt', { Name: 'Emil' }]
]);

describe('scores', () => {
	it('computes precision, recall and F1', () => {
		const s = scores({ tp: 6, fp: 2, fn: 4, correct: 7, total: 10 });
		expect(s.precision).toBeCloseTo(0.75);
		expect(s.recall).toBeCloseTo(0.6);
		expect(s.f1).toBeCloseTo((2 * 0.75 * 0.6) / 1.35);
		expect(s.accuracy).toBeCloseTo(0.7);
	});

	it('scores a field with nothing to find and nothing found as 1', () => {
		expect(scores({ tp: 0, fp: 0, fn: 0, correct: 4, total: 4 })).toEqual({
			accuracy: 1,
			precision: 1,
			recall: 1,
			f1: 1
		});
		expect(scores({ tp: 0, fp: 0, fn: 2, correct: 2, total: 4 })).toMatchObject({
			precision: 0,
			recall: 0,
			f1: 0
		});
		expect(scores({ tp: 0, fp: 3, fn: 0, correct: 1, total: 4 })).toMatchObject({
			precision: 0,
			recall: 0,
			f1: 0
		});
	});
});

describe('evaluate', () => {
	const report = evaluate(predictions, truth, { Aerzte: 'list' });
	const field = (name: string) => report.fields.find((f) => f.field === name);

	it('scores each field with known counts', () => {
		expect(field('Name')).toMatchObject({
			kind: 'text',
			tp: 3,
			fp: 0,
			fn: 1,
			tn: 0,
			correct: 3,
			total: 4,
			accuracy: 0.75,
			precision: 1,
			recall: 0.75
		});
		// a right; b wrong (fp+fn); c spurious (fp); d missing (fn).
		expect(field('Geburt')).toMatchObject({
			kind: 'date',
			tp: 1,
			fp: 2,
			fn: 2,
			tn: 0,
			correct: 1,
			accuracy: 0.25
		});
		// a 2 of 2; b 1 of 2; c 1 plus 1 extra; d empty and not predicted.
		expect(field('Aerzte')).toMatchObject({
			kind: 'list',
			tp: 4,
			fp: 1,
			fn: 1,
			tn: 1,
			correct: 2,
			precision: 0.8,
			recall: 0.8
		});
		expect(field('Aerzte')?.f1).toBeCloseTo(0.8);
		// a, d empty both; b missing; c spurious.
		expect(field('Hausarzt')).toMatchObject({
			tp: 0,
			fp: 1,
			fn: 1,
			tn: 2,
			correct: 2,
			precision: 0,
			recall: 0,
			f1: 0
		});
	});

	it('sums counts for micro scores and averages fields for macro scores', () => {
		const { micro, macro } = report.overall;
		expect(micro).toMatchObject({ tp: 8, fp: 4, fn: 5, tn: 3, correct: 8, total: 16 });
		expect(micro.precision).toBeCloseTo(8 / 12);
		expect(micro.recall).toBeCloseTo(8 / 13);
		expect(micro.accuracy).toBeCloseTo(0.5);
		expect(macro.accuracy).toBeCloseTo((0.75 + 0.25 + 0.5 + 0.5) / 4);
		expect(macro.precision).toBeCloseTo((1 + 1 / 3 + 0.8 + 0) / 4);
	});

	it('scores each document and lists what was not scored', () => {
		expect(report.documents).toEqual([
			{ document: 'a.txt', correct: 4, total: 4, accuracy: 1, missing: false },
			{ document: 'b.txt', correct: 1, total: 4, accuracy: 0.25, missing: false },
			{ document: 'c.txt', correct: 1, total: 4, accuracy: 0.25, missing: false },
			{ document: 'd.txt', correct: 2, total: 4, accuracy: 0.5, missing: true }
		]);
		expect(report.missingDocuments).toEqual(['d.txt']);
		expect(report.extraDocuments).toEqual(['e.txt']);
		expect(report.unknownFields).toEqual(['Notiz']);
	});

	it('lists every mismatch for review', () => {
		expect(report.mismatches).toHaveLength(8);
		expect(report.mismatches).toContainEqual({
			document: 'b.txt',
			field: 'Geburt',
			kind: 'date',
			predicted: ['4.3.1950'],
			truth: ['3.4.1950'],
			tp: 0,
			fp: 1,
			fn: 1
		});
		expect(report.mismatches).toContainEqual(
			expect.objectContaining({
				document: 'c.txt',
				field: 'Aerzte',
				predicted: ['Dr. X; Dr. Q'],
				truth: ['Dr. X']
			})
		);
	});

	it('limits scoring to the given documents', () => {
		const some = evaluate(predictions, truth, {}, { documents: ['A.txt', 'b'] });
		expect(some.documents.map((d) => d.document)).toEqual(['a.txt', 'b.txt']);
		expect(some.missingDocuments).toEqual([]);
		expect(some.extraDocuments).toEqual(['C.TXT', 'e.txt']);
	});

	it('scores an empty prediction set as all missing', () => {
		const none = evaluate(new Map(), truth);
		expect(none.overall.micro.tp).toBe(0);
		expect(none.missingDocuments).toHaveLength(4);
	});
});

describe('field kinds', () => {
	it('infers kinds from the truth values', () => {
		const t = groundTruthFromCsv(
			[
				'document,Datum,Dosis,Raucher,Aerzte,Name,Leer,Termine',
				'a,4.4.1997,"8,1",ja,Dr. A | Dr. B,Asger Baastrup | Baastrup Asger,,1.1.2020 | 2.2.2020',
				'b,19.3.,12,nein,Dr. C | Dr. D,Bert,,3.3.2020 | 4.4.2020',
				'c,1.,3,nein,Dr. E,Carla,,5.5.2020',
				'd,2024-01-02,4,ja,Dr. F,Dora,,',
				'e,3. März 2024,5,ja,Dr. G,Emil,,'
			].join('\n')
		);
		expect(inferFieldKinds(t)).toEqual({
			Datum: { kind: 'date' },
			Dosis: { kind: 'number' },
			Raucher: { kind: 'boolean' },
			Aerzte: { kind: 'list', options: { itemKind: 'text' } },
			Name: { kind: 'text' },
			Leer: { kind: 'text' },
			Termine: { kind: 'list', options: { itemKind: 'date' } }
		});
	});

	const schema = {
		type: 'object',
		properties: {
			patient: {
				type: 'object',
				properties: {
					name: { type: 'string' },
					born: { type: 'string', format: 'date' }
				}
			},
			weight: { type: ['number', 'null'] },
			smoker: { type: 'boolean' },
			side: { type: 'string', enum: ['links', 'rechts'] },
			doctors: { type: 'array', items: { type: 'string' } },
			visits: { type: 'array', items: { type: 'string', format: 'date' } },
			medications: {
				type: 'array',
				items: { type: 'object', properties: { drug: { type: 'string' } } }
			}
		}
	};

	it('reads kinds from a template schema by field path', () => {
		expect(kindsFromSchema(schema)).toEqual({
			'patient.name': { kind: 'text' },
			'patient.born': { kind: 'date' },
			weight: { kind: 'number' },
			smoker: { kind: 'boolean' },
			side: { kind: 'category' },
			doctors: { kind: 'list', options: { itemKind: 'text' } },
			visits: { kind: 'list', options: { itemKind: 'date' } },
			medications: { kind: 'list', options: { itemKind: 'text' } }
		});
	});

	it('lets the template override guesses, except with plain text', () => {
		const t = groundTruthFromCsv(
			'document,Patient.Born,Weight,Doctors\na,4.4.1997,80,Dr. A | Dr. B\nb,5.5.1990,,Dr. C | Dr. D'
		);
		const kinds = resolveFieldKinds(t, {
			type: 'object',
			properties: {
				patient: { type: 'object', properties: { born: { type: 'string' } } },
				weight: { type: 'string', enum: ['80', '90'] },
				doctors: { type: 'string' }
			}
		});
		expect(kinds).toEqual({
			'Patient.Born': { kind: 'date' },
			Weight: { kind: 'category' },
			Doctors: { kind: 'list', options: { itemKind: 'text' } }
		});
	});
});

describe('export', () => {
	const report = evaluate(predictions, truth, { Aerzte: 'list' });

	it('writes one CSV table with fields, overall, documents and mismatches', () => {
		const csv = evaluationToCsv(report);
		expect(csv.startsWith('\uFEFFscope,document,field,kind,accuracy')).toBe(true);
		const rows = parseCsv(csv).map((r) => r.cells);
		const scopes = rows.slice(1).map((r) => r[0]);
		expect(scopes.filter((s) => s === 'field')).toHaveLength(4);
		expect(scopes.filter((s) => s === 'micro' || s === 'macro')).toHaveLength(2);
		expect(scopes.filter((s) => s?.startsWith('document'))).toHaveLength(4);
		expect(scopes.filter((s) => s === 'mismatch')).toHaveLength(8);
		const name = rows.find((r) => r[0] === 'field' && r[2] === 'Name');
		expect(name?.slice(4, 12)).toEqual(['0.75', '1', '0.75', '0.8571', '3', '0', '1', '0']);
		const aerzte = rows.find((r) => r[0] === 'mismatch' && r[1] === 'b.txt' && r[2] === 'Aerzte');
		expect(aerzte?.slice(-2)).toEqual(['Dr. Z', 'Dr. Z | Dr. W']);
	});

	it('keeps spreadsheet formulas out of cells', () => {
		const r = evaluate(new Map([['a', { Name: '=HYPERLINK("x")' }]]), truth);
		const csv = evaluationToCsv(r, ';');
		expect(csv).toContain(`;"'=HYPERLINK(""x"")";`);
	});

	it('writes JSON that reads back to the same report', () => {
		expect(JSON.parse(evaluationToJson(report))).toEqual(report);
	});
});
