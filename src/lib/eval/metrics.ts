/**
 * Measured quality of an extraction: predictions scored against a ground truth, per field, per
 * document and overall, with the mismatches listed for review. The report holds only plain
 * arrays and objects, so it can be shown, stored or written as JSON as it is.
 */
import {
	compareField,
	parseBoolean,
	parseDate,
	parseNumber,
	valuesOf,
	type CompareOptions,
	type FieldKind,
	type FieldValue
} from './compare';
import { normalizeDocumentKey, type DocumentKey, type GroundTruth } from './ground-truth';

export type PredictionValue = string | readonly string[] | number | boolean | null;

/** Extracted values by document (any spelling of its name) and field. */
export type Predictions = ReadonlyMap<string, Readonly<Record<string, PredictionValue>>>;

export interface FieldSpec {
	kind: FieldKind;
	options?: CompareOptions;
}

/** Per field: a kind, or a kind with comparison options. */
export type FieldKinds = Readonly<Record<string, FieldKind | FieldSpec>>;

/** tp, fp and fn count values (a list cell may hold several); tn, correct and total count cells. */
export interface Counts {
	tp: number;
	fp: number;
	fn: number;
	/** Fields empty in both truth and prediction. */
	tn: number;
	/** Cells scored correct. */
	correct: number;
	/** Cells scored. */
	total: number;
}

export interface Scores {
	accuracy: number;
	precision: number;
	recall: number;
	f1: number;
}

export interface FieldReport extends Counts, Scores {
	field: string;
	kind: FieldKind;
}

export interface DocumentReport {
	document: string;
	correct: number;
	total: number;
	accuracy: number;
	/** No prediction for this document: all its fields were scored as empty. */
	missing: boolean;
}

export interface Mismatch {
	document: string;
	field: string;
	kind: FieldKind;
	predicted: string[];
	truth: string[];
	tp: number;
	fp: number;
	fn: number;
}

export interface EvaluationReport {
	fields: FieldReport[];
	overall: {
		/** Counts summed over all fields, then scored. */
		micro: Counts & Scores;
		/** The mean of the per-field scores. */
		macro: Scores;
	};
	documents: DocumentReport[];
	mismatches: Mismatch[];
	/** Truth documents without a prediction (scored as if nothing was extracted). */
	missingDocuments: string[];
	/** Predicted documents that are not in the truth (not scored). */
	extraDocuments: string[];
	/** Predicted fields that are not in the truth (not scored). */
	unknownFields: string[];
}

export interface EvaluateOptions {
	/** Only these documents (any spelling of their names); by default every truth document. */
	documents?: Iterable<string>;
}

/** Field names match when they differ only in case, spaces, `_` or `-`. */
function fieldKey(name: string): string {
	return name
		.normalize('NFC')
		.toLowerCase()
		.replace(/[\s_-]+/g, '');
}

/**
 * Precision with nothing predicted and recall with nothing to find are 1 when nothing went
 * wrong the other way, else 0: a field that is empty everywhere and predicted empty everywhere
 * scores 1, not an undefined 0/0.
 */
export function scores(c: Pick<Counts, 'tp' | 'fp' | 'fn' | 'correct' | 'total'>): Scores {
	const precision = c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : c.fn === 0 ? 1 : 0;
	const recall = c.tp + c.fn > 0 ? c.tp / (c.tp + c.fn) : c.fp === 0 ? 1 : 0;
	const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
	return { accuracy: c.total > 0 ? c.correct / c.total : 1, precision, recall, f1 };
}

function spec(kind: FieldKind | FieldSpec | undefined): FieldSpec | undefined {
	return typeof kind === 'string' ? { kind } : kind;
}

const mean = (xs: number[]) => (xs.length === 0 ? 1 : xs.reduce((a, b) => a + b, 0) / xs.length);

export function evaluate(
	predictions: Predictions,
	truth: GroundTruth,
	kinds: FieldKinds = {},
	options: EvaluateOptions = {}
): EvaluationReport {
	const inferred = inferFieldKinds(truth);
	const kindsByKey = new Map(Object.entries(kinds).map(([f, k]) => [fieldKey(f), spec(k)]));
	const specs = truth.fields.map(
		(f) => kindsByKey.get(fieldKey(f)) ?? inferred[f] ?? { kind: 'text' as const }
	);

	const byKey = new Map<DocumentKey, { name: string; values: Map<string, PredictionValue> }>();
	const truthFieldKeys = new Set(truth.fields.map(fieldKey));
	const unknownFields = new Set<string>();
	for (const [name, record] of predictions) {
		const values = new Map<string, PredictionValue>();
		for (const [field, value] of Object.entries(record)) {
			const key = fieldKey(field);
			if (truthFieldKeys.has(key)) values.set(key, value);
			else unknownFields.add(field);
		}
		byKey.set(normalizeDocumentKey(name), { name, values });
	}

	const scope = options.documents
		? new Set([...options.documents].map(normalizeDocumentKey))
		: undefined;
	const docKeys = [...truth.rows.keys()].filter((k) => !scope || scope.has(k));

	const fieldCounts = truth.fields.map(() => ({
		tp: 0,
		fp: 0,
		fn: 0,
		tn: 0,
		correct: 0,
		total: 0
	}));
	const documents: DocumentReport[] = [];
	const mismatches: Mismatch[] = [];
	const missingDocuments: string[] = [];
	for (const key of docKeys) {
		const row = truth.rows.get(key) ?? {};
		const document = truth.names.get(key) ?? key;
		const predicted = byKey.get(key);
		if (!predicted) missingDocuments.push(document);
		let correct = 0;
		truth.fields.forEach((field, f) => {
			const { kind, options: compareOptions } = specs[f] as FieldSpec;
			const value = predicted?.values.get(fieldKey(field)) ?? null;
			const truthValues = row[field] ?? [];
			// Truth cells are arrays, already split: a `;` inside a truth value stays.
			const result = compareField(kind, value as FieldValue, truthValues, compareOptions);
			const counts = fieldCounts[f] as Counts;
			counts.tp += result.tp;
			counts.fp += result.fp;
			counts.fn += result.fn;
			counts.total++;
			if (result.correct) {
				counts.correct++;
				correct++;
				if (result.tp === 0) counts.tn++;
			} else {
				mismatches.push({
					document,
					field,
					kind,
					predicted: valuesOf(value as FieldValue, compareOptions?.valueSeparator),
					truth: truthValues,
					tp: result.tp,
					fp: result.fp,
					fn: result.fn
				});
			}
		});
		const total = truth.fields.length;
		documents.push({
			document,
			correct,
			total,
			accuracy: total > 0 ? correct / total : 1,
			missing: !predicted
		});
	}

	const fields: FieldReport[] = truth.fields.map((field, f) => {
		const counts = fieldCounts[f] as Counts;
		return { field, kind: (specs[f] as FieldSpec).kind, ...counts, ...scores(counts) };
	});
	const sum = (k: keyof Counts) => fieldCounts.reduce((a, c) => a + c[k], 0);
	const microCounts: Counts = {
		tp: sum('tp'),
		fp: sum('fp'),
		fn: sum('fn'),
		tn: sum('tn'),
		correct: sum('correct'),
		total: sum('total')
	};
	const inScope = new Set(docKeys);
	return {
		fields,
		overall: {
			micro: { ...microCounts, ...scores(microCounts) },
			macro: {
				accuracy: mean(fields.map((r) => r.accuracy)),
				precision: mean(fields.map((r) => r.precision)),
				recall: mean(fields.map((r) => r.recall)),
				f1: mean(fields.map((r) => r.f1))
			}
		},
		documents,
		mismatches,
		missingDocuments,
		extraDocuments: [...byKey]
			.filter(([key]) => !truth.rows.has(key) || !inScope.has(key))
			.map(([, p]) => p.name),
		unknownFields: [...unknownFields]
	};
}

/**
 * Guesses each field's kind from its truth values: dates when nearly all values read as dates
 * (one odd cell such as `1.` is allowed), booleans or numbers when all values read as such, a list
 * when several cells hold several values, else text. One cell with several values is more likely
 * two spellings of one value (`Asger Baastrup | Baastrup Asger`) than a list, so it takes at least
 * two such cells and a tenth of the filled ones. `category` is never guessed: without synonyms it
 * scores like text.
 */
export function inferFieldKinds(truth: GroundTruth): Record<string, FieldSpec> {
	const result: Record<string, FieldSpec> = {};
	for (const field of truth.fields) {
		const cells = [...truth.rows.values()].map((r) => r[field] ?? []).filter((c) => c.length > 0);
		const values = cells.flat();
		const multi = cells.filter((c) => c.length > 1).length;
		const share = (test: (v: string) => boolean) =>
			values.length === 0 ? 0 : values.filter(test).length / values.length;
		let kind: Exclude<FieldKind, 'list'> = 'text';
		if (values.length === 0) kind = 'text';
		else if (share((v) => parseBoolean(v) !== null) === 1) kind = 'boolean';
		else if (share((v) => parseDate(v) !== null) >= 0.8) kind = 'date';
		else if (share((v) => parseNumber(v) !== null) === 1) kind = 'number';
		const isList = multi >= 2 && multi >= cells.length / 10;
		result[field] = isList ? { kind: 'list', options: { itemKind: kind } } : { kind };
	}
	return result;
}

type Schema = Record<string, unknown>;

function schemaType(schema: Schema): unknown {
	// `["string", "null"]` is a string that may be missing.
	return Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
}

function scalarKindOf(schema: Schema): Exclude<FieldKind, 'list'> {
	if (Array.isArray(schema.enum)) return 'category';
	const type = schemaType(schema);
	if (type === 'string' && (schema.format === 'date' || schema.format === 'date-time'))
		return 'date';
	if (type === 'number' || type === 'integer') return 'number';
	if (type === 'boolean') return 'boolean';
	return 'text';
}

/**
 * Kinds from an extraction template's JSON Schema, by field path as the results table names
 * them (nested objects become `patient.name`; arrays are lists). Enums are categories whose
 * synonyms are empty: they still fold case, spacing and punctuation.
 */
export function kindsFromSchema(schema: Schema, prefix = ''): Record<string, FieldSpec> {
	const result: Record<string, FieldSpec> = {};
	const properties = schema.properties;
	if (!properties || typeof properties !== 'object') return result;
	for (const [key, sub] of Object.entries(properties as Record<string, Schema>)) {
		const path = prefix ? `${prefix}.${key}` : key;
		const type = schemaType(sub);
		if (type === 'object' && sub.properties) Object.assign(result, kindsFromSchema(sub, path));
		else if (type === 'array') {
			const items = (sub.items ?? {}) as Schema;
			// Objects in a list are compared as their values joined, as the export writes them.
			const itemKind = schemaType(items) === 'object' ? 'text' : scalarKindOf(items);
			result[path] = { kind: 'list', options: { itemKind } };
		} else result[path] = { kind: scalarKindOf(sub) };
	}
	return result;
}

/**
 * Kinds for each truth field: guessed from the truth, replaced by the template's kind where the
 * template says more than "text" (a plain string field may still hold dates or several values).
 */
export function resolveFieldKinds(truth: GroundTruth, schema?: Schema): Record<string, FieldSpec> {
	const result = inferFieldKinds(truth);
	if (!schema) return result;
	const fromSchema = new Map(
		Object.entries(kindsFromSchema(schema)).map(([path, spec]) => [fieldKey(path), spec])
	);
	for (const field of truth.fields) {
		const spec = fromSchema.get(fieldKey(field));
		if (spec && spec.kind !== 'text') result[field] = spec;
	}
	return result;
}

// Export --------------------------------------------------------------------------------------

/** Spreadsheet programs run cells starting with these as formulas; a leading quote stops that. */
function defuse(cell: string): string {
	return /^[=+\-@\t\r]/.test(cell) && Number.isNaN(Number(cell)) ? `'${cell}` : cell;
}

function csvCell(value: string | number, delimiter: string): string {
	const text =
		typeof value === 'number' ? String(Math.round(value * 10000) / 10000) : defuse(value);
	return text.includes('"') || text.includes(delimiter) || /[\r\n]/.test(text)
		? `"${text.replace(/"/g, '""')}"`
		: text;
}

const CSV_HEADER = [
	'scope',
	'document',
	'field',
	'kind',
	'accuracy',
	'precision',
	'recall',
	'f1',
	'tp',
	'fp',
	'fn',
	'tn',
	'correct',
	'total',
	'predicted',
	'truth'
] as const;

type CsvRecord = Partial<Record<(typeof CSV_HEADER)[number], string | number>>;

/**
 * One table for a spreadsheet: a row per field, the overall rows (`micro`, `macro`), a row per
 * document and a row per mismatch, told apart by the `scope` column. Several values are joined
 * with ` | `, as in the ground truth. A BOM so that Excel reads UTF-8.
 */
export function evaluationToCsv(report: EvaluationReport, delimiter: ',' | ';' = ','): string {
	const records: CsvRecord[] = [
		...report.fields.map((r) => ({ scope: 'field', ...r })),
		{ scope: 'micro', field: '(all)', ...report.overall.micro },
		{ scope: 'macro', field: '(all)', ...report.overall.macro },
		...report.documents.map((d) => ({
			scope: d.missing ? 'document (no prediction)' : 'document',
			document: d.document,
			accuracy: d.accuracy,
			correct: d.correct,
			total: d.total
		})),
		...report.mismatches.map((m) => ({
			scope: 'mismatch',
			document: m.document,
			field: m.field,
			kind: m.kind,
			tp: m.tp,
			fp: m.fp,
			fn: m.fn,
			predicted: m.predicted.join(' | '),
			truth: m.truth.join(' | ')
		}))
	];
	const lines = [
		CSV_HEADER.join(delimiter),
		...records.map((r) => CSV_HEADER.map((c) => csvCell(r[c] ?? '', delimiter)).join(delimiter))
	];
	return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

export function evaluationToJson(report: EvaluationReport): string {
	return JSON.stringify(report, null, 2);
}
