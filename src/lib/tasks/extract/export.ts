/**
 * Exports of extraction results: CSV and XLSX (one row a document, the final value of each field,
 * then the model's value where a person corrected it, the quote and whether it was found), and
 * JSON (everything, in the shape the evaluation reads back).
 */
import { cellText, evidenceIn, valueAt, type Column } from './table';

export interface ExportEvidence {
	path: string;
	quote: string;
	verified: boolean;
}

export interface ExportRow {
	document: string;
	status: string;
	values: unknown;
	corrections: Record<string, unknown>;
	evidence: readonly ExportEvidence[];
}

export function finalValue(row: Pick<ExportRow, 'values' | 'corrections'>, path: string): unknown {
	return path in row.corrections ? row.corrections[path] : valueAt(row.values, path);
}

/** Header and rows as plain strings, shared by CSV and XLSX. */
export function exportTable(columns: Column[], rows: readonly ExportRow[]): string[][] {
	const header = ['document', 'status'];
	for (const c of columns)
		header.push(c.path, `${c.path} (model)`, `${c.path} (quote)`, `${c.path} (verified)`);
	const body = rows.map((row) => {
		const cells = [row.document, row.status];
		for (const c of columns) {
			const evidence = evidenceIn(row.evidence, c.path);
			const corrected = c.path in row.corrections;
			cells.push(
				cellText(finalValue(row, c.path)),
				corrected ? cellText(valueAt(row.values, c.path)) : '',
				evidence
					.map((e) => e.quote)
					.filter(Boolean)
					.join(' … '),
				evidence.length === 0 ? '' : evidence.every((e) => e.verified) ? 'yes' : 'no'
			);
		}
		return cells;
	});
	return [header, ...body];
}

/** Spreadsheet programs run cells starting with these as formulas; a leading quote stops that. */
function defuse(cell: string): string {
	return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

export function toCsv(table: string[][]): string {
	const quote = (cell: string) => {
		const safe = defuse(cell);
		return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
	};
	// A BOM so that Excel opens UTF-8 (umlauts) correctly.
	return '\uFEFF' + table.map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n';
}

export function toJson(rows: readonly ExportRow[]): string {
	return JSON.stringify(rows, null, 2);
}

export async function toXlsx(table: string[][]): Promise<Blob> {
	const { default: writeXlsxFile } = await import('write-excel-file/universal');
	const [header = [], ...body] = table;
	const data = [
		header.map((value) => ({ value, fontWeight: 'bold' as const })),
		...body.map((row) => row.map((value) => ({ value: defuse(value) })))
	];
	return writeXlsxFile(data).toBlob();
}
