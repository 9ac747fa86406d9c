import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/universal';
import { EnclaveError } from '$lib/errors';
import {
	decodeText,
	detectDelimiter,
	groundTruthFromCsv,
	normalizeDocumentKey,
	parseCsv,
	readGroundTruth,
	splitValues
} from './ground-truth';

function errorOf(run: () => unknown): EnclaveError {
	try {
		run();
	} catch (err) {
		expect(err).toBeInstanceOf(EnclaveError);
		return err as EnclaveError;
	}
	throw new Error('expected an EnclaveError');
}

async function asyncErrorOf(promise: Promise<unknown>): Promise<EnclaveError> {
	const err = await promise.then(
		() => undefined,
		(e: unknown) => e
	);
	expect(err).toBeInstanceOf(EnclaveError);
	return err as EnclaveError;
}

const cells = (text: string) => parseCsv(text).map((r) => r.cells);
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('parseCsv', () => {
	it('reads quoted cells with delimiters, doubled quotes and newlines', () => {
		const text = 'a,b,c\r\n"x, y","say ""hi""","line 1\nline 2\r\nline 3"\r\n';
		expect(cells(text)).toEqual([
			['a', 'b', 'c'],
			['x, y', 'say "hi"', 'line 1\nline 2\r\nline 3']
		]);
	});

	it('numbers rows as a spreadsheet does and lines as an editor does', () => {
		const rows = parseCsv('h1,h2\n"a\nb",c\n\nd,e');
		expect(rows.map((r) => [r.row, r.line])).toEqual([
			[1, 1],
			[2, 2],
			[4, 5]
		]);
	});

	it('keeps empty cells, skips blank lines, takes a last line without newline', () => {
		expect(cells('a,,c\n\n\n,,\n"",x')).toEqual([
			['a', '', 'c'],
			['', '', ''],
			['', 'x']
		]);
	});

	it('keeps a quote inside an unquoted cell', () => {
		expect(cells('a,5" Nadel,c')).toEqual([['a', '5" Nadel', 'c']]);
	});

	it('allows spaces after a closing quote', () => {
		expect(cells('"a" ,b')).toEqual([['a', 'b']]);
	});

	it('rejects text after a closing quote, naming row, line and column', () => {
		const err = errorOf(() => parseCsv('h1,h2\nx,"ab"c'));
		expect(err.code).toBe('eval.badCsv');
		expect(err.params).toMatchObject({ row: 2, line: 2 });
		expect(String(err.params.reason)).toContain('column 2');
	});

	it('rejects a quote that is never closed, naming the line where it opened', () => {
		const err = errorOf(() => parseCsv('h1,h2\nx,"open\nmore\nstill'));
		expect(err.code).toBe('eval.badCsv');
		expect(err.params).toMatchObject({ row: 2, line: 2 });
	});

	it('detects ; and tab delimiters, ignoring those inside quotes', () => {
		expect(detectDelimiter('document;"A, B, C";x\n1,2,3,4,5')).toBe(';');
		expect(detectDelimiter('a\tb\tc')).toBe('\t');
		expect(detectDelimiter('a,b')).toBe(',');
		expect(detectDelimiter('single')).toBe(',');
		expect(cells('document;Name\nAlbers.txt;"Albers; Beate"')).toEqual([
			['document', 'Name'],
			['Albers.txt', 'Albers; Beate']
		]);
	});
});

describe('decodeText', () => {
	it('reads UTF-8 with and without BOM', () => {
		expect(decodeText(utf8('\uFEFFdocument,Name'))).toBe('document,Name');
		expect(decodeText(utf8('Zezelj,Žeželj'))).toBe('Zezelj,Žeželj');
	});

	it('falls back to Windows-1252 for bytes that are not UTF-8', () => {
		expect(decodeText(new Uint8Array([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]))).toBe('Müller');
	});

	it('reads UTF-16 with a BOM', () => {
		const bytes = new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0xe4, 0x00]);
		expect(decodeText(bytes)).toBe('aä');
	});
});

describe('document keys and values', () => {
	it('matches names with or without extension, folder, case or NFD', () => {
		const key = normalizeDocumentKey('Albers.txt');
		expect(normalizeDocumentKey(' Albers ')).toBe(key);
		expect(normalizeDocumentKey('letters/ALBERS.TXT')).toBe(key);
		expect(normalizeDocumentKey('C:\\letters\\Albers.txt')).toBe(key);
		expect(normalizeDocumentKey('Waldenstro\u0308m.txt')).toBe(normalizeDocumentKey('Waldenström'));
		expect(normalizeDocumentKey('M. Boeck')).toBe('m. boeck');
	});

	it('splits several values on |', () => {
		expect(splitValues('Dr. A | Dr. B |  | Dr. C ')).toEqual(['Dr. A', 'Dr. B', 'Dr. C']);
		expect(splitValues('')).toEqual([]);
		expect(splitValues('a | b', null)).toEqual(['a | b']);
	});
});

describe('groundTruthFromCsv', () => {
	const csv =
		'\uFEFFDocument;PatientName;Arzt;Anrede\r\n' +
		'Albers.txt;Beate Albers;Dr. A | Dr. B;"Sehr geehrte Frau Kollegin;\nwir berichten"\r\n' +
		'Boeck;;;\r\n';

	it('reads the document column, fields and split values', () => {
		const truth = groundTruthFromCsv(csv, { fileName: 'truth.csv' });
		expect(truth.documentColumn).toBe('Document');
		expect(truth.fields).toEqual(['PatientName', 'Arzt', 'Anrede']);
		expect(truth.rows.get('albers')).toEqual({
			PatientName: ['Beate Albers'],
			Arzt: ['Dr. A', 'Dr. B'],
			Anrede: ['Sehr geehrte Frau Kollegin;\nwir berichten']
		});
		expect(truth.rows.get('boeck')).toEqual({ PatientName: [], Arzt: [], Anrede: [] });
		expect(truth.names.get('albers')).toBe('Albers.txt');
	});

	it('takes a named document column anywhere', () => {
		const truth = groundTruthFromCsv('Name,Brief\nBeate,Albers.txt', { documentColumn: 'brief' });
		expect(truth.documentColumn).toBe('Brief');
		expect(truth.rows.get('albers')).toEqual({ Name: ['Beate'] });
	});

	it('pads short rows (Excel drops trailing empty cells)', () => {
		const truth = groundTruthFromCsv('document,a,b\nx.txt,1');
		expect(truth.rows.get('x')).toEqual({ a: ['1'], b: [] });
	});

	it('ignores an empty trailing column without a name', () => {
		const truth = groundTruthFromCsv('document,a,\nx.txt,1,\n');
		expect(truth.fields).toEqual(['a']);
	});

	it.each([
		['', 'eval.emptyFile', {}],
		['\n\n', 'eval.emptyFile', {}],
		['PatientName,Arzt\nBeate,Dr. A', 'eval.noDocumentColumn', { columns: 'PatientName, Arzt' }],
		['document\nAlbers.txt', 'eval.noFields', {}],
		['document,a', 'eval.noRows', {}],
		['document,a,a\nx,1,2', 'eval.duplicateColumn', { column: 'a' }],
		['document,a,\nx,1,2', 'eval.emptyColumnName', { column: 3, row: 2 }],
		['document,a\nx,1\n,2', 'eval.missingDocument', { row: 3, column: 'document' }],
		['document,a\nx.txt,1\nX,2', 'eval.duplicateDocument', { row: 3, document: 'X' }],
		['document,a\nx,1,surplus', 'eval.badCsv', { row: 2 }]
	])('rejects %j with %s', (text, code, params) => {
		const err = errorOf(() => groundTruthFromCsv(text, { fileName: 'truth.csv' }));
		expect(err.code).toBe(code);
		expect(err.params).toMatchObject({ file: 'truth.csv', ...params });
	});

	it('names the missing document column when one was asked for', () => {
		const err = errorOf(() => groundTruthFromCsv('document,a\nx,1', { documentColumn: 'file' }));
		expect(err.params).toMatchObject({ column: 'file', columns: 'document, a' });
	});
});

describe('readGroundTruth', () => {
	it('reads CSV bytes with a BOM', async () => {
		const truth = await readGroundTruth('t.csv', utf8('\uFEFFdocument,a\nx.txt,"1 | 2"'));
		expect(truth.rows.get('x')).toEqual({ a: ['1', '2'] });
	});

	it('round-trips an XLSX workbook written with write-excel-file', async () => {
		const blob = await writeXlsxFile([
			[
				{ value: 'Dokument' },
				{ value: 'PatientName' },
				{ value: 'Geburtsdatum' },
				{ value: 'Alter' }
			],
			[
				{ value: 'Albers.txt' },
				{ value: 'Beate Albers | Albers, Beate' },
				{ value: new Date(Date.UTC(1997, 3, 4)), format: 'dd.mm.yyyy' },
				{ value: 32 }
			],
			[{ value: 'Boeck.txt' }, { value: 'M. Boeck' }, null, { value: 8.5 }],
			[{ value: 'Clausthal.txt' }, { value: 'Clausthal,\nMarie' }, { value: '1.10.1975' }, null]
		]).toBlob();
		const truth = await readGroundTruth('truth.xlsx', await blob.arrayBuffer());
		expect(truth.documentColumn).toBe('Dokument');
		expect(truth.fields).toEqual(['PatientName', 'Geburtsdatum', 'Alter']);
		expect(truth.rows.get('albers')).toEqual({
			PatientName: ['Beate Albers', 'Albers, Beate'],
			Geburtsdatum: ['1997-04-04'],
			Alter: ['32']
		});
		expect(truth.rows.get('boeck')).toEqual({
			PatientName: ['M. Boeck'],
			Geburtsdatum: [],
			Alter: ['8.5']
		});
		expect(truth.rows.get('clausthal')?.PatientName).toEqual(['Clausthal,\nMarie']);
	});

	it('tells XLSX by its bytes even when it is named .csv', async () => {
		const blob = await writeXlsxFile([
			[{ value: 'document' }, { value: 'a' }],
			[{ value: 'x' }, { value: 'y' }]
		]).toBlob();
		const truth = await readGroundTruth('truth.csv', new Uint8Array(await blob.arrayBuffer()));
		expect(truth.rows.get('x')).toEqual({ a: ['y'] });
	});

	it('uses an injected XLSX reader', async () => {
		const truth = await readGroundTruth('t.xlsx', utf8('PK\u0003\u0004'), {
			readXlsx: () =>
				Promise.resolve([
					['document', 'a'],
					['x.txt', true]
				])
		});
		expect(truth.rows.get('x')).toEqual({ a: ['true'] });
	});

	it('reports a broken workbook, an old .xls and an empty file', async () => {
		expect((await asyncErrorOf(readGroundTruth('t.xlsx', utf8('PK\u0003\u0004junk')))).code).toBe(
			'eval.badXlsx'
		);
		expect((await asyncErrorOf(readGroundTruth('t.xls', utf8('x')))).code).toBe(
			'eval.unsupportedFormat'
		);
		expect((await asyncErrorOf(readGroundTruth('t.csv', new Uint8Array()))).code).toBe(
			'eval.emptyFile'
		);
	});
});
