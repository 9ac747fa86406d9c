/**
 * The evaluation on the development ground truth (GraSCCo letters with field labels, CC BY 4.0 /
 * MIT, see ../shared/data/README.md): the truth scored against itself is all correct, and a copy
 * with known errors gives exactly the expected counts.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDate, parseDate } from './compare';
import { normalizeDocumentKey, readGroundTruth, type GroundTruth } from './ground-truth';
import { evaluate, inferFieldKinds, type Counts, type PredictionValue } from './metrics';

const DIR = resolve('../shared/data/extraction/grascco-fields');
const TRUTH = resolve(DIR, 'ground-truth.csv');

type PredictedRow = Record<string, PredictionValue>;

function asPredictions(
	truth: GroundTruth,
	edit: (doc: string, row: PredictedRow) => void = () => {}
) {
	const predictions = new Map<string, PredictedRow>();
	for (const [key, row] of truth.rows) {
		const copy: PredictedRow = { ...row };
		edit(key, copy);
		predictions.set(truth.names.get(key) ?? key, copy);
	}
	return predictions;
}

const counts = (c: Counts) => ({
	tp: c.tp,
	fp: c.fp,
	fn: c.fn,
	tn: c.tn,
	correct: c.correct,
	total: c.total
});

describe.skipIf(!existsSync(TRUTH))('GraSCCo extraction ground truth', async () => {
	const truth = await readGroundTruth('ground-truth.csv', readFileSync(TRUTH));

	it('reads all letters and fields, multi-line cells included', () => {
		expect(truth.documentColumn).toBe('document');
		expect(truth.fields).toEqual([
			'PatientName',
			'PatientGeburtsdatum',
			'AufnahmeDatum',
			'EntlassDatum',
			'BehandelnderArzt',
			'Hausarzt',
			'Einrichtung',
			'Abteilung',
			'Anrede'
		]);
		const letters = readdirSync(DIR).filter((f) => f.endsWith('.txt'));
		expect(truth.rows.size).toBe(letters.length);
		for (const letter of letters) expect(truth.rows.has(normalizeDocumentKey(letter))).toBe(true);
		expect(truth.rows.get('albers')?.Anrede?.[0]).toContain('\n');
		expect(truth.rows.get('baastrup')?.PatientName).toEqual(['Asger Baastrup', 'Baastrup Asger']);
	});

	it('guesses dates, a list of doctors and text', () => {
		const kinds = inferFieldKinds(truth);
		expect(kinds.PatientGeburtsdatum?.kind).toBe('date');
		expect(kinds.AufnahmeDatum?.kind).toBe('date');
		expect(kinds.EntlassDatum?.kind).toBe('date');
		expect(kinds.BehandelnderArzt?.kind).toBe('list');
		expect(kinds.PatientName?.kind).toBe('text');
		expect(kinds.Anrede?.kind).toBe('text');
	});

	const baseline = evaluate(asPredictions(truth), truth);

	it('scores the truth against itself as all correct', () => {
		for (const field of baseline.fields) {
			expect(field, field.field).toMatchObject({ accuracy: 1, precision: 1, recall: 1, f1: 1 });
			expect(field.fp + field.fn).toBe(0);
		}
		expect(baseline.overall.micro).toMatchObject({ accuracy: 1, f1: 1, fp: 0, fn: 0 });
		expect(baseline.overall.macro).toEqual({ accuracy: 1, precision: 1, recall: 1, f1: 1 });
		expect(baseline.mismatches).toEqual([]);
		// What the truth holds: values found (tp) and fields empty in a letter (tn).
		expect(Object.fromEntries(baseline.fields.map((f) => [f.field, [f.tp, f.tn]]))).toEqual({
			PatientName: [31, 1],
			PatientGeburtsdatum: [30, 2],
			AufnahmeDatum: [27, 5],
			EntlassDatum: [28, 4],
			BehandelnderArzt: [41, 3],
			Hausarzt: [6, 26],
			Einrichtung: [14, 18],
			Abteilung: [15, 17],
			Anrede: [25, 7]
		});
		expect(baseline.missingDocuments).toEqual([]);
		expect(baseline.documents.every((d) => d.accuracy === 1)).toBe(true);
	});

	it('stays all correct when the values are written differently', () => {
		const kinds = inferFieldKinds(truth);
		const reworded = asPredictions(truth, (_, row) => {
			for (const [field, value] of Object.entries(row)) {
				const values = value as string[];
				if (kinds[field]?.kind === 'date') {
					// ISO where the year is known; `19.3.` stays as it is.
					row[field] = values.map((v) => {
						const date = parseDate(v);
						return date?.year !== undefined ? formatDate(date) : v;
					});
				} else if (kinds[field]?.kind === 'list') {
					row[field] = values.join('; ');
				} else {
					row[field] = values.map((v) => v.toUpperCase().replace(/\s+/g, '  '));
				}
			}
		});
		const report = evaluate(reworded, truth);
		expect(report.mismatches).toEqual([]);
		expect(report.overall.micro.f1).toBe(1);
	});

	it('counts exactly the errors put into a perturbed copy', () => {
		const perturbed = asPredictions(truth, (doc, row) => {
			// Three wrong dates.
			if (doc === 'albers') row.PatientGeburtsdatum = '5.4.1997';
			if (doc === 'boeck') row.EntlassDatum = '9.5.2028';
			if (doc === 'weber') row.AufnahmeDatum = '1.4.2020';
			// Two names dropped.
			if (doc === 'dewald' || doc === 'ilgner') row.PatientName = null;
			// One spurious value.
			if (doc === 'albers') row.Hausarzt = 'Dr. med. Tobias Öhler';
			// One doctor too many, one missing.
			if (doc === 'meyr') row.BehandelnderArzt = [...(row.BehandelnderArzt as string[]), 'Dr. X'];
			if (doc === 'sudeck') row.BehandelnderArzt = (row.BehandelnderArzt as string[]).slice(0, 2);
		});
		const report = evaluate(perturbed, truth);
		const before = new Map(baseline.fields.map((f) => [f.field, counts(f)]));
		const after = new Map(report.fields.map((f) => [f.field, counts(f)]));
		const shifted = (field: string, d: Partial<Counts>) => {
			const b = before.get(field) as Counts;
			return {
				tp: b.tp + (d.tp ?? 0),
				fp: b.fp + (d.fp ?? 0),
				fn: b.fn + (d.fn ?? 0),
				tn: b.tn + (d.tn ?? 0),
				correct: b.correct + (d.correct ?? 0),
				total: b.total
			};
		};
		const wrongDate = { tp: -1, fp: 1, fn: 1, correct: -1 };
		expect(after.get('PatientGeburtsdatum')).toEqual(shifted('PatientGeburtsdatum', wrongDate));
		expect(after.get('EntlassDatum')).toEqual(shifted('EntlassDatum', wrongDate));
		expect(after.get('AufnahmeDatum')).toEqual(shifted('AufnahmeDatum', wrongDate));
		expect(after.get('PatientName')).toEqual(
			shifted('PatientName', { tp: -2, fn: 2, correct: -2 })
		);
		expect(after.get('Hausarzt')).toEqual(shifted('Hausarzt', { fp: 1, tn: -1, correct: -1 }));
		expect(after.get('BehandelnderArzt')).toEqual(
			shifted('BehandelnderArzt', { tp: -1, fp: 1, fn: 1, correct: -2 })
		);
		for (const field of ['Einrichtung', 'Abteilung', 'Anrede'])
			expect(after.get(field)).toEqual(before.get(field));

		expect(report.mismatches).toHaveLength(8);
		expect(report.overall.micro).toMatchObject({
			fp: 5,
			fn: 6,
			correct: baseline.overall.micro.correct - 8
		});
		const name = report.fields.find((f) => f.field === 'PatientName');
		const b = before.get('PatientName') as Counts;
		expect(name?.recall).toBeCloseTo((b.tp - 2) / b.tp);
		expect(name?.precision).toBe(1);
		expect(report.documents.find((d) => d.document === 'Albers.txt')?.correct).toBe(7);
	});
});
