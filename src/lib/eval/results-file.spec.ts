import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/universal';
import { EnclaveError } from '$lib/errors';
import { exportTable, toCsv, toJson, type ExportRow } from '$lib/tasks/extract/export';
import { tableColumns } from '$lib/tasks/extract/table';
import { finalValues, flattenValues, readResultsFile, resultsFromJson } from './results-file';

const utf8 = (text: string) => new TextEncoder().encode(text);

async function errorOf(promise: Promise<unknown>): Promise<EnclaveError> {
	const err = await promise.then(
		() => undefined,
		(e: unknown) => e
	);
	expect(err).toBeInstanceOf(EnclaveError);
	return err as EnclaveError;
}

const schema = {
	type: 'object',
	properties: {
		patient: { type: 'object', properties: { name: { type: 'string' }, born: { type: 'string' } } },
		doctors: { type: 'array', items: { type: 'string' } },
		medications: {
			type: 'array',
			items: { type: 'object', properties: { drug: { type: 'string' }, dose: { type: 'string' } } }
		},
		formula: { type: 'string' }
	}
};

const rows: ExportRow[] = [
	{
		document: 'Albers.txt',
		status: 'reviewed',
		values: {
			patient: { name: 'Beate Albers', born: '4.4.1997' },
			doctors: ['Dr. A', 'Dr. B'],
			medications: [
				{ drug: 'Ramipril', dose: '5 mg' },
				{ drug: 'Metoprolol', dose: '47,5 mg' }
			],
			formula: '=1+1'
		},
		corrections: { 'patient.born': '04.04.1997' },
		evidence: []
	},
	{
		document: 'Boeck.txt',
		status: 'failed',
		values: { patient: { name: null, born: null }, doctors: [], medications: [], formula: null },
		corrections: {},
		evidence: []
	}
];

describe('flattening values', () => {
	it('turns nested objects into dotted paths and lists of objects into text', () => {
		expect(flattenValues(rows[0]?.values)).toEqual({
			'patient.name': 'Beate Albers',
			'patient.born': '4.4.1997',
			doctors: ['Dr. A', 'Dr. B'],
			medications: ['Ramipril 5 mg', 'Metoprolol 47,5 mg'],
			formula: '=1+1'
		});
	});

	it('applies corrections over the model values, null included', () => {
		expect(
			finalValues(
				{ patient: { name: 'X', born: '1.1.2000' }, side: 'links' },
				{ 'patient.name': 'Beate Albers', side: null }
			)
		).toEqual({ 'patient.name': 'Beate Albers', 'patient.born': '1.1.2000', side: null });
		expect(finalValues({ patient: { name: 'X', born: 'Y' } }, { patient: { name: 'Z' } })).toEqual({
			'patient.name': 'Z'
		});
	});
});

describe('JSON results', () => {
	it('reads the export, corrections applied', async () => {
		const file = await readResultsFile('results.json', utf8(toJson(rows)));
		expect(file.predictions.get('Albers.txt')).toMatchObject({
			'patient.name': 'Beate Albers',
			'patient.born': '04.04.1997',
			doctors: ['Dr. A', 'Dr. B']
		});
		expect(file.predictions.get('Boeck.txt')).toMatchObject({ 'patient.name': null, doctors: [] });
		expect(file.statuses.get('Boeck.txt')).toBe('failed');
	});

	it('accepts a wrapper object and a file without .json', () => {
		const text = JSON.stringify({ results: [{ document: 'a', values: { x: 1 } }] });
		expect(resultsFromJson(text).predictions.get('a')).toEqual({ x: 1 });
	});

	it.each([
		['{', 'eval.badResults', { reason: 'not valid JSON' }],
		['{"a": 1}', 'eval.badResults', { reason: 'expected a list of documents' }],
		['[1]', 'eval.badResults', { item: 1 }],
		['[{"values": {}}]', 'eval.badResults', { item: 1, reason: 'no document name' }],
		[
			'[{"document": "a.txt"}, {"document": "A"}]',
			'eval.duplicateDocument',
			{ item: 2, earlier: 1 }
		]
	])('rejects %s', async (text, code, params) => {
		const err = await errorOf(readResultsFile('r.json', utf8(text)));
		expect(err.code).toBe(code);
		expect(err.params).toMatchObject({ file: 'r.json', ...params });
	});
});

describe('CSV and XLSX results', () => {
	const table = exportTable(tableColumns(schema), rows);

	it('reads the CSV export: field columns only, quotes against formulas taken off', async () => {
		const file = await readResultsFile('results.csv', utf8(toCsv(table)));
		expect(file.predictions.get('Albers.txt')).toEqual({
			'patient.name': 'Beate Albers',
			'patient.born': '04.04.1997',
			doctors: 'Dr. A; Dr. B',
			medications: 'Ramipril 5 mg; Metoprolol 47,5 mg',
			formula: '=1+1'
		});
		expect(file.predictions.get('Boeck.txt')).toEqual({
			'patient.name': null,
			'patient.born': null,
			doctors: null,
			medications: null,
			formula: null
		});
		expect(file.statuses.get('Albers.txt')).toBe('reviewed');
	});

	it('reads a plain table with ; and several values', async () => {
		const file = await readResultsFile('r.csv', utf8('Datei;Arzt\nAlbers.txt;Dr. A | Dr. B\n'));
		expect(file.predictions.get('Albers.txt')).toEqual({ Arzt: ['Dr. A', 'Dr. B'] });
	});

	it('reads an XLSX table', async () => {
		const blob = await writeXlsxFile(table.map((row) => row.map((value) => ({ value })))).toBlob();
		const file = await readResultsFile('results.xlsx', await blob.arrayBuffer());
		expect(file.predictions.get('Albers.txt')?.['patient.born']).toBe('04.04.1997');
	});

	it('reports an empty file', async () => {
		expect((await errorOf(readResultsFile('r.csv', new Uint8Array()))).code).toBe('eval.emptyFile');
	});
});
