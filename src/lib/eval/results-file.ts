/**
 * Predictions from an exported results file, to score an earlier run (or a run checked by a
 * person) without the model. JSON: an array of `{ document, status, values, corrections? }`, where
 * a correction replaces the model's value for its field path; CSV or XLSX: a document column and
 * one column per field (the export's `status`, `(model)`, `(quote)` and `(verified)` columns are
 * skipped).
 */
import { EnclaveError } from '$lib/errors';
import {
	decodeText,
	normalizeDocumentKey,
	readTable,
	type GroundTruthOptions,
	type TableRow,
	groundTruthFromTable
} from './ground-truth';
import type { PredictionValue } from './metrics';

export interface ResultsFile {
	/** By document name as the file writes it. */
	predictions: Map<string, Record<string, PredictionValue>>;
	/** The extraction status of each document (`done`, `failed`, …), where the file has one. */
	statuses: Map<string, string>;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** Text for one list item: an object (`{ drug, dose }`) as its values in order, as the export does. */
function itemText(value: unknown): string[] {
	if (value === null || value === undefined || value === '') return [];
	if (Array.isArray(value)) return value.flatMap(itemText);
	if (isObject(value)) {
		const text = Object.values(value).flatMap(itemText).join(' ');
		return text ? [text] : [];
	}
	return [String(value)];
}

function leafValue(value: unknown): PredictionValue {
	if (value === undefined || value === null) return null;
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
		return value;
	return itemText(value);
}

/** Nested objects become dotted field paths (`patient.name`), as the results table shows them. */
export function flattenValues(values: unknown, prefix = ''): Record<string, PredictionValue> {
	const out: Record<string, PredictionValue> = {};
	if (!isObject(values)) return out;
	for (const [key, value] of Object.entries(values)) {
		const path = prefix ? `${prefix}.${key}` : key;
		if (isObject(value) && Object.keys(value).length > 0)
			Object.assign(out, flattenValues(value, path));
		else out[path] = leafValue(value);
	}
	return out;
}

/** Final values of one exported row: the model's, with each correction in its place. */
export function finalValues(
	values: unknown,
	corrections: unknown
): Record<string, PredictionValue> {
	const out = flattenValues(values);
	if (isObject(corrections))
		for (const [path, value] of Object.entries(corrections)) {
			// A corrected object replaces everything the model put under its path.
			for (const key of Object.keys(out)) if (key.startsWith(`${path}.`)) delete out[key];
			if (isObject(value)) Object.assign(out, flattenValues(value, path));
			else out[path] = leafValue(value);
		}
	return out;
}

function documentName(entry: Record<string, unknown>): unknown {
	return entry.document ?? entry.name ?? entry.file;
}

export function resultsFromJson(text: string, fileName = ''): ResultsFile {
	let data: Json;
	try {
		data = JSON.parse(text) as Json;
	} catch (err) {
		throw new EnclaveError(
			'eval.badResults',
			{ file: fileName, reason: 'not valid JSON' },
			{ cause: err }
		);
	}
	// Tolerate a wrapper object (`{ "results": [...] }`).
	const list = Array.isArray(data)
		? data
		: isObject(data)
			? (Object.values(data).find(Array.isArray) as Json[] | undefined)
			: undefined;
	if (!list)
		throw new EnclaveError('eval.badResults', {
			file: fileName,
			reason: 'expected a list of documents'
		});
	const predictions = new Map<string, Record<string, PredictionValue>>();
	const statuses = new Map<string, string>();
	const seen = new Map<string, number>();
	list.forEach((entry, index) => {
		const item = index + 1;
		if (!isObject(entry))
			throw new EnclaveError('eval.badResults', { file: fileName, item, reason: 'not an object' });
		const name = documentName(entry);
		if (typeof name !== 'string' || name.trim() === '')
			throw new EnclaveError('eval.badResults', {
				file: fileName,
				item,
				reason: 'no document name'
			});
		const key = normalizeDocumentKey(name);
		const earlier = seen.get(key);
		if (earlier !== undefined)
			throw new EnclaveError('eval.duplicateDocument', {
				file: fileName,
				item,
				document: name,
				earlier
			});
		seen.set(key, item);
		predictions.set(name.trim(), finalValues(entry.values, entry.corrections));
		if (typeof entry.status === 'string') statuses.set(name.trim(), entry.status);
	});
	return { predictions, statuses };
}

/** Columns of the results export that are not field values. */
const SKIPPED_COLUMN = /^(status|.+ \((model|quote|verified)\))$/i;

/** The export writes formulas-looking cells with a leading quote; take it off again. */
function undefuse(cell: string): string {
	return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

export function resultsFromTable(
	table: readonly TableRow[],
	options: GroundTruthOptions = {}
): ResultsFile {
	const [header] = table;
	const statusIndex = header?.cells.findIndex((c) => c.trim().toLowerCase() === 'status') ?? -1;
	const skipped = new Set(
		(header?.cells ?? []).flatMap((c, i) => (SKIPPED_COLUMN.test(c.trim()) ? [i] : []))
	);
	const keep = (cells: string[]) => cells.map((c, i) => (skipped.has(i) ? '' : undefuse(c)));
	// Skipped columns lose their name, so the ground-truth reader ignores them (they are empty).
	const cleaned = table.map((r, i) => ({
		...r,
		cells: i === 0 ? r.cells.map((c, j) => (skipped.has(j) ? '' : c)) : keep(r.cells)
	}));
	const parsed = groundTruthFromTable(cleaned, options);
	const predictions = new Map<string, Record<string, PredictionValue>>();
	for (const [key, record] of parsed.rows) {
		const values: Record<string, PredictionValue> = {};
		for (const [field, cell] of Object.entries(record))
			values[field] = cell.length === 0 ? null : cell.length === 1 ? (cell[0] as string) : cell;
		predictions.set(parsed.names.get(key) ?? key, values);
	}
	const statuses = new Map<string, string>();
	if (statusIndex >= 0) {
		const docIndex = header?.cells.findIndex((c) => c.trim() === parsed.documentColumn) ?? -1;
		for (const row of table.slice(1)) {
			const name = row.cells[docIndex]?.trim();
			const status = row.cells[statusIndex]?.trim();
			if (name && status) statuses.set(name, status);
		}
	}
	return { predictions, statuses };
}

/** A results file as the user picked it: JSON, CSV or XLSX. */
export async function readResultsFile(
	fileName: string,
	data: ArrayBuffer | Uint8Array,
	options: GroundTruthOptions = {}
): Promise<ResultsFile> {
	if (data.byteLength === 0) throw new EnclaveError('eval.emptyFile', { file: fileName });
	const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
	const isJson = /\.json$/i.test(fileName) || /^\s*[[{]/.test(decodeText(bytes.subarray(0, 64)));
	if (isJson) return resultsFromJson(decodeText(bytes), fileName);
	const table = await readTable(fileName, bytes, options);
	if (table.length === 0) throw new EnclaveError('eval.emptyFile', { file: fileName });
	return resultsFromTable(table, { ...options, fileName });
}
