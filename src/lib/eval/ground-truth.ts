/**
 * Ground truth for extraction: a table with one row a document, a document column and one column
 * per field, from CSV (as Excel and LibreOffice save it) or XLSX. Several values in one cell are
 * joined with ` | `; an empty cell means the document does not state the field.
 */
import { EnclaveError } from '$lib/errors';

/** A document name normalised for matching (see `normalizeDocumentKey`). */
export type DocumentKey = string;

export interface GroundTruth {
	documentColumn: string;
	fields: string[];
	rows: Map<DocumentKey, Record<string, string[]>>;
	/** The document names as the file writes them, for display. */
	names: Map<DocumentKey, string>;
}

/** Reads the first sheet of an XLSX file into rows of cells. */
export type XlsxReader = (data: ArrayBuffer) => Promise<unknown[][]>;

export interface GroundTruthOptions {
	/** The column naming the document; by default a column called document, file, Dokument, … */
	documentColumn?: string;
	/** Splits several values in one cell; `null` keeps cells whole. */
	valueSeparator?: string | null;
	/** CSV only: detected from the header line when not given. */
	delimiter?: CsvDelimiter;
	/** For error messages. */
	fileName?: string;
	/** XLSX only: replaces `read-excel-file` (tests, or a reader running in a worker). */
	readXlsx?: XlsxReader;
}

export type CsvDelimiter = ',' | ';' | '\t';

/** A table row with where it came from, so that errors can point at it. */
export interface TableRow {
	cells: string[];
	/** 1-based, as a spreadsheet numbers rows (the header is row 1). */
	row: number;
	/** CSV only: the 1-based line the row starts on (quoted cells may span lines). */
	line?: number;
}

const DOCUMENT_COLUMNS = [
	'document',
	'documents',
	'doc',
	'document_id',
	'documentid',
	'document name',
	'file',
	'filename',
	'file_name',
	'file name',
	'dokument',
	'datei',
	'dateiname'
];

/**
 * Trimmed, NFC (macOS file names are NFD), without folders and without a file extension, lower
 * case: `Albers.txt`, `docs/albers.TXT` and `Albers` are the same document.
 */
export function normalizeDocumentKey(name: string): DocumentKey {
	const base = name.normalize('NFC').trim().split(/[\\/]/).pop() ?? '';
	return base
		.replace(/\.[A-Za-z0-9]{1,5}$/, '')
		.trim()
		.toLowerCase();
}

/** Cell values: split on the separator, trimmed, empty ones dropped. */
export function splitValues(cell: string, separator: string | null = '|'): string[] {
	const parts = separator ? cell.split(separator) : [cell];
	return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/**
 * Text from file bytes: UTF-8 with or without BOM, UTF-16 when it has a BOM (Excel's "Unicode
 * text"), and Windows-1252 when the bytes are not UTF-8 (Excel's plain "CSV" on Windows).
 */
export function decodeText(data: ArrayBuffer | Uint8Array): string {
	const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
	try {
		return stripBom(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
	} catch {
		return new TextDecoder('windows-1252').decode(bytes);
	}
}

function stripBom(text: string): string {
	return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The delimiter that occurs most often outside quotes in the first record; `,` on a tie. */
export function detectDelimiter(text: string): CsvDelimiter {
	const counts: Record<CsvDelimiter, number> = { ',': 0, ';': 0, '\t': 0 };
	let inQuotes = false;
	for (const ch of stripBom(text)) {
		if (ch === '"') inQuotes = !inQuotes;
		else if (!inQuotes && (ch === '\n' || ch === '\r')) break;
		else if (!inQuotes && ch in counts) counts[ch as CsvDelimiter]++;
	}
	let best: CsvDelimiter = ',';
	for (const d of [';', '\t'] as const) if (counts[d] > counts[best]) best = d;
	return best;
}

/**
 * RFC 4180 records: quoted cells may hold delimiters, newlines and doubled quotes. A quote inside
 * an unquoted cell is kept as it is (spreadsheet programs write such files); text after a closing
 * quote is an error, since it usually means a quote was lost and the rest of the file is shifted.
 * Blank lines are skipped.
 */
export function parseCsv(text: string, delimiter?: CsvDelimiter): TableRow[] {
	const source = stripBom(text);
	const delim = delimiter ?? detectDelimiter(source);
	const rows: TableRow[] = [];
	let cells: string[] = [];
	let cell = '';
	let quoted = false; // the current cell started with a quote
	let inQuotes = false;
	let closed = false; // the current quoted cell's closing quote has been read
	let blank = true; // nothing read since the record started
	let record = 1; // blank lines count, as they do when a spreadsheet program opens the file
	let line = 1;
	let recordLine = 1;
	let quoteLine = 1;

	const fail = (reason: string, at = line): never => {
		throw new EnclaveError('eval.badCsv', { row: record, line: at, reason });
	};
	const endCell = () => {
		cells.push(cell);
		cell = '';
		quoted = inQuotes = closed = false;
	};
	const endRecord = () => {
		endCell();
		if (!blank) rows.push({ cells, row: record, line: recordLine });
		cells = [];
		blank = true;
		record++;
	};

	for (let i = 0; i < source.length; i++) {
		const ch = source[i];
		if (inQuotes) {
			if (ch === '"' && source[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (ch === '"') {
				inQuotes = false;
				closed = true;
			} else {
				if (ch === '\n') line++;
				cell += ch;
			}
			continue;
		}
		if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && source[i + 1] === '\n') i++;
			endRecord();
			line++;
			recordLine = line;
			continue;
		}
		blank = false;
		if (ch === delim) {
			endCell();
		} else if (closed) {
			// Spaces between a closing quote and the delimiter are harmless.
			if (ch !== ' ' && ch !== '\t')
				fail(`text after the closing quote in column ${cells.length + 1}`);
		} else if (ch === '"' && cell === '' && !quoted) {
			quoted = inQuotes = true;
			quoteLine = line;
		} else {
			cell += ch;
		}
	}
	if (inQuotes) fail(`a quote opened in column ${cells.length + 1} is never closed`, quoteLine);
	if (!blank) endRecord();
	return rows;
}

/** Excel cells as text: dates as ISO dates (with the time when there is one). */
function cellToText(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (value instanceof Date) {
		const iso = value.toISOString();
		return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 16).replace('T', ' ');
	}
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return JSON.stringify(value);
}

/** Rows of an XLSX sheet as a table; the default reader is `read-excel-file`'s universal build. */
export async function readXlsxTable(
	data: ArrayBuffer | Uint8Array,
	options: Pick<GroundTruthOptions, 'readXlsx' | 'fileName'> = {}
): Promise<TableRow[]> {
	const buffer =
		data instanceof Uint8Array
			? (data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer)
			: data;
	let sheet: unknown[][];
	try {
		sheet = await (options.readXlsx ?? defaultXlsxReader)(buffer);
	} catch (err) {
		throw new EnclaveError('eval.badXlsx', { file: options.fileName ?? '' }, { cause: err });
	}
	return sheet
		.map((cells, i) => ({ cells: cells.map(cellToText), row: i + 1 }))
		.filter((r) => r.cells.some((c) => c.trim() !== ''));
}

/** Loaded on first use, so that the spreadsheet code stays out of the app's first download. */
const defaultXlsxReader: XlsxReader = async (data) => {
	const { readSheet } = await import('read-excel-file/universal');
	return readSheet(data);
};

function findDocumentColumn(header: string[], wanted: string | undefined, file: string): number {
	const lower = header.map((h) => h.toLowerCase());
	if (wanted !== undefined) {
		const index = lower.indexOf(wanted.trim().toLowerCase());
		if (index === -1)
			throw new EnclaveError('eval.noDocumentColumn', {
				file,
				column: wanted,
				columns: header.join(', ')
			});
		return index;
	}
	const index = lower.findIndex((h) => DOCUMENT_COLUMNS.includes(h));
	if (index === -1)
		throw new EnclaveError('eval.noDocumentColumn', { file, columns: header.join(', ') });
	return index;
}

/** A ground truth from table rows (the first row is the header). */
export function groundTruthFromTable(
	table: readonly TableRow[],
	options: GroundTruthOptions = {}
): GroundTruth {
	const file = options.fileName ?? '';
	const separator = options.valueSeparator === undefined ? '|' : options.valueSeparator;
	const [headerRow, ...body] = table;
	if (!headerRow) throw new EnclaveError('eval.emptyFile', { file });
	const header = headerRow.cells.map((h) => h.normalize('NFC').trim());
	const docIndex = findDocumentColumn(header, options.documentColumn, file);

	const fieldIndexes: number[] = [];
	const seen = new Set<string>();
	header.forEach((name, index) => {
		if (index === docIndex) return;
		if (name === '') {
			// A column without a name is allowed only when it holds nothing (a stray delimiter).
			const used = body.find((r) => (r.cells[index] ?? '').trim() !== '');
			if (used)
				throw new EnclaveError('eval.emptyColumnName', { file, column: index + 1, row: used.row });
			return;
		}
		if (seen.has(name.toLowerCase()))
			throw new EnclaveError('eval.duplicateColumn', { file, column: name });
		seen.add(name.toLowerCase());
		fieldIndexes.push(index);
	});
	if (fieldIndexes.length === 0) throw new EnclaveError('eval.noFields', { file });

	const fields = fieldIndexes.map((i) => header[i] as string);
	const rows = new Map<DocumentKey, Record<string, string[]>>();
	const names = new Map<DocumentKey, string>();
	for (const { cells, row, line } of body) {
		const where: Record<string, string | number> =
			line === undefined ? { file, row } : { file, row, line };
		const extra = cells.findIndex((c, i) => i >= header.length && c.trim() !== '');
		if (extra !== -1)
			throw new EnclaveError('eval.badCsv', {
				...where,
				reason: `column ${extra + 1} has a value but no header`
			});
		const name = (cells[docIndex] ?? '').trim();
		if (name === '') {
			if (cells.every((c) => c.trim() === '')) continue;
			throw new EnclaveError('eval.missingDocument', { ...where, column: header[docIndex] ?? '' });
		}
		const key = normalizeDocumentKey(name);
		const earlier = names.get(key);
		if (earlier !== undefined)
			throw new EnclaveError('eval.duplicateDocument', { ...where, document: name, earlier });
		const record: Record<string, string[]> = {};
		fieldIndexes.forEach((index, f) => {
			record[fields[f] as string] = splitValues((cells[index] ?? '').normalize('NFC'), separator);
		});
		rows.set(key, record);
		names.set(key, name);
	}
	if (rows.size === 0) throw new EnclaveError('eval.noRows', { file });
	return { documentColumn: header[docIndex] ?? '', fields, rows, names };
}

export function groundTruthFromCsv(text: string, options: GroundTruthOptions = {}): GroundTruth {
	const rows = parseCsv(text, options.delimiter);
	if (rows.length === 0) throw new EnclaveError('eval.emptyFile', { file: options.fileName ?? '' });
	return groundTruthFromTable(rows, options);
}

export async function groundTruthFromXlsx(
	data: ArrayBuffer | Uint8Array,
	options: GroundTruthOptions = {}
): Promise<GroundTruth> {
	const rows = await readXlsxTable(data, options);
	if (rows.length === 0) throw new EnclaveError('eval.emptyFile', { file: options.fileName ?? '' });
	return groundTruthFromTable(rows, options);
}

/** XLSX files are ZIP archives; checking the bytes also catches a workbook saved as `.csv`. */
export function isXlsx(fileName: string, data: ArrayBuffer | Uint8Array): boolean {
	const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
	const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
	return zip || /\.xlsx$/i.test(fileName);
}

/** Reads a rows-and-columns file (CSV or XLSX) as a table. */
export async function readTable(
	fileName: string,
	data: ArrayBuffer | Uint8Array,
	options: Pick<GroundTruthOptions, 'readXlsx' | 'delimiter'> = {}
): Promise<TableRow[]> {
	if (/\.(xls|xlsb|ods|numbers)$/i.test(fileName))
		throw new EnclaveError('eval.unsupportedFormat', { file: fileName });
	if (data.byteLength === 0) throw new EnclaveError('eval.emptyFile', { file: fileName });
	if (isXlsx(fileName, data)) return readXlsxTable(data, { ...options, fileName });
	return parseCsv(decodeText(data), options.delimiter);
}

/** A ground truth file as the user picked it: CSV or XLSX, told apart by name and content. */
export async function readGroundTruth(
	fileName: string,
	data: ArrayBuffer | Uint8Array,
	options: GroundTruthOptions = {}
): Promise<GroundTruth> {
	const rows = await readTable(fileName, data, options);
	if (rows.length === 0) throw new EnclaveError('eval.emptyFile', { file: fileName });
	return groundTruthFromTable(rows, { ...options, fileName });
}
