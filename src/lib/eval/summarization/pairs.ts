/**
 * Reference texts for measuring letters and summaries: a table (CSV or XLSX) with one row a
 * pair and named columns for the source text, the reference text and, optionally, an existing
 * candidate text. Rows without a source or a reference are skipped and reported.
 */
import { EnclaveError } from '$lib/errors';
import { readTable, type CsvDelimiter, type TableRow } from '$lib/eval/ground-truth';

export interface SummaryPair {
	/** 1-based, as a spreadsheet numbers rows (the header is row 1). */
	row: number;
	source: string;
	reference: string;
	/** With a candidate column: the text to score (empty when the cell is). */
	candidate?: string;
}

export interface PairColumns {
	source: string;
	reference: string;
	candidate?: string;
}

export interface PairsTable {
	pairs: SummaryPair[];
	/** The header as the file has it. */
	columns: string[];
	/** Rows left out because the source or the reference is empty. */
	skipped: number[];
}

/** The column's index: exact name first, then ignoring case and surrounding spaces. */
function columnIndex(header: string[], name: string, file: string): number {
	let index = header.indexOf(name);
	if (index === -1) {
		const wanted = name.trim().toLowerCase();
		index = header.findIndex((h) => h.trim().toLowerCase() === wanted);
	}
	if (index === -1)
		throw new EnclaveError('letters.pairsColumnMissing', {
			file,
			column: name,
			columns: header.join(', ')
		});
	return index;
}

export function pairsFromTable(
	rows: readonly TableRow[],
	columns: PairColumns,
	file: string
): PairsTable {
	const [head, ...body] = rows;
	if (!head) throw new EnclaveError('eval.emptyFile', { file });
	if (body.length === 0) throw new EnclaveError('eval.noRows', { file });
	const header = head.cells;
	const source = columnIndex(header, columns.source, file);
	const reference = columnIndex(header, columns.reference, file);
	const candidate =
		columns.candidate === undefined ? -1 : columnIndex(header, columns.candidate, file);

	const pairs: SummaryPair[] = [];
	const skipped: number[] = [];
	for (const row of body) {
		const pair: SummaryPair = {
			row: row.row,
			source: row.cells[source] ?? '',
			reference: row.cells[reference] ?? ''
		};
		if (pair.source.trim() === '' || pair.reference.trim() === '') {
			skipped.push(row.row);
			continue;
		}
		if (candidate !== -1) pair.candidate = row.cells[candidate] ?? '';
		pairs.push(pair);
	}
	if (pairs.length === 0) throw new EnclaveError('letters.pairsEmpty', { file });
	return { pairs, columns: header, skipped };
}

/** A pairs file as the user picked it (CSV or XLSX). */
export async function readPairs(
	fileName: string,
	data: ArrayBuffer | Uint8Array,
	columns: PairColumns,
	options: { delimiter?: CsvDelimiter } = {}
): Promise<PairsTable> {
	let rows: TableRow[];
	try {
		rows = await readTable(fileName, data, options);
	} catch (err) {
		// The CSV parser knows the row but not the file.
		if (err instanceof EnclaveError && !('file' in err.params))
			throw new EnclaveError(err.code, { ...err.params, file: fileName }, { cause: err });
		throw err;
	}
	return pairsFromTable(rows, columns, fileName);
}

function csvCell(value: string): string {
	return /[",;\t\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Rows as CSV (comma-separated, CRLF), quoting what needs it; readable by `readPairs`. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
	return [header, ...rows].map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
