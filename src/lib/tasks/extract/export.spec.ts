import { describe, expect, it } from 'vitest';
import { exportTable, toCsv, toJson, toXlsx, type ExportRow } from './export';
import { cellText, evidenceIn, tableColumns, valueAt } from './table';

const schema = {
	type: 'object',
	properties: {
		patient: { type: 'object', properties: { name: { type: 'string' }, born: { type: 'string' } } },
		medications: {
			type: 'array',
			items: { type: 'object', properties: { drug: { type: 'string' }, dose: { type: 'string' } } }
		}
	}
};

const row: ExportRow = {
	document: 'brief.txt',
	status: 'unverified',
	values: {
		patient: { name: 'Beate Albers', born: '4.4.1997' },
		medications: [
			{ drug: 'Ramipril', dose: '5 mg' },
			{ drug: 'Metoprolol', dose: '47,5 mg' }
		]
	},
	corrections: { 'patient.born': '04.04.1997' },
	evidence: [
		{ path: 'patient.name', quote: 'Beate Albers', verified: true },
		{ path: 'patient.born', quote: '* 4.4.1997', verified: true },
		{ path: 'medications[0].drug', quote: 'Ramipril', verified: true },
		{ path: 'medications[1].drug', quote: 'Metoprololl', verified: false }
	]
};

describe('results table', () => {
	it('flattens nested objects and keeps arrays as one column', () => {
		expect(tableColumns(schema).map((c) => c.path)).toEqual([
			'patient.name',
			'patient.born',
			'medications'
		]);
	});

	it('reads values by path and renders lists readably', () => {
		expect(valueAt(row.values, 'patient.name')).toBe('Beate Albers');
		expect(valueAt(row.values, 'patient.missing')).toBeUndefined();
		expect(cellText(valueAt(row.values, 'medications'))).toBe('Ramipril 5 mg; Metoprolol 47,5 mg');
		expect(evidenceIn(row.evidence, 'medications')).toHaveLength(2);
	});
});

describe('exports', () => {
	const table = exportTable(tableColumns(schema), [row]);

	it('puts the correction first and keeps the model value, quotes and verification', () => {
		const [header, cells] = table;
		const at = (name: string) => cells![header!.indexOf(name)];
		expect(at('patient.born')).toBe('04.04.1997');
		expect(at('patient.born (model)')).toBe('4.4.1997');
		expect(at('patient.name (model)')).toBe('');
		expect(at('medications (verified)')).toBe('no');
		expect(at('patient.name (verified)')).toBe('yes');
	});

	it('writes CSV that Excel reads: BOM, quoting, no formulas', () => {
		const csv = toCsv([
			['a', 'b'],
			['=HYPERLINK("x")', 'Zeile 1\nZeile 2, "zitiert"']
		]);
		expect(csv.startsWith('\uFEFF')).toBe(true);
		expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
		expect(csv).toContain('"Zeile 1\nZeile 2, ""zitiert"""');
	});

	it('writes JSON in the shape the evaluation reads', () => {
		const parsed = JSON.parse(toJson([row]));
		expect(parsed[0]).toMatchObject({ document: 'brief.txt', corrections: row.corrections });
	});

	it('writes an XLSX workbook', async () => {
		const blob = await toXlsx(table);
		const bytes = new Uint8Array(await blob.arrayBuffer());
		expect(bytes[0]).toBe(0x50); // "PK": a zip container
		expect(bytes[1]).toBe(0x4b);
		expect(blob.size).toBeGreaterThan(1000);
	});
});
