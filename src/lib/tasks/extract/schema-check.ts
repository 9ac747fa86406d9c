/**
 * Checks a template before it runs: that its schema compiles, has the shape extraction needs,
 * and which keywords the grammar engines (xgrammar in web-llm, llama.cpp, vLLM) do not enforce,
 * so that the author is not surprised when the model ignores them.
 */
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import { EnclaveError } from '$lib/errors';
import { attachEvidence, withEvidence } from './evidence';
import { QuoteIndex } from './quote-match';
import {
	fieldKind,
	inlineRefs,
	isSchema,
	joinPath,
	propertiesOf,
	SchemaShapeError,
	shapeProblems
} from './schema-shape';
import type { ExtractionTemplate, JsonSchema } from './template';

export interface SchemaWarning {
	keyword: string;
	/** Field path (`patient.name`, `medications[].dose`); '' for the top level. */
	path: string;
}

export interface SchemaCheck {
	ok: boolean;
	/** Human-readable, each starting with where: `patient.name: …`. */
	errors: string[];
	warnings: SchemaWarning[];
}

/** Keywords that constrained decoding ignores: the model may produce values that break them. */
export const IGNORED_KEYWORDS = [
	'not',
	'if',
	'then',
	'else',
	'uniqueItems',
	'contains',
	'minContains',
	'maxContains',
	'multipleOf',
	'patternProperties',
	'dependentRequired',
	'dependentSchemas',
	'dependencies',
	'propertyNames',
	'unevaluatedProperties',
	'unevaluatedItems',
	'minProperties',
	'maxProperties'
] as const;
const IGNORED = new Set<string>(IGNORED_KEYWORDS);

const MONTH =
	'(?:jan(?:uary|uar)?|jän(?:ner)?|feb(?:ruary|ruar)?|mar(?:ch)?|märz|mrz|apr(?:il)?|ma[iy]|jun[ei]?|jul[iy]?|aug(?:ust)?|sep(?:t(?:ember)?)?|o[ck]t(?:ober)?|nov(?:ember)?|de[cz](?:ember)?)\\.?';
const DATE_FORMS = [
	/^\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?$/,
	/^\d{1,2}\.$/,
	/^\d{1,2}([./-]) ?\d{1,2}(?:\1 ?(?:\d{2}|\d{4})?)?$/,
	/^\d{1,2}[./] ?\d{4}$/,
	new RegExp(`^(?:\\d{1,2}\\.? ?)?${MONTH}(?: ?\\d{2,4})?$`, 'iu'),
	new RegExp(`^${MONTH} ?\\d{1,2}(?:st|nd|rd|th)?,? ?\\d{4}$`, 'iu')
];

/**
 * `format: "date"` means a date as written in the document, not ISO 8601: `2023-04-26`,
 * `4.4.1997`, `19.3.`, `6/7/1980`, `21. Juli 2022`, `July 21, 2022`, `04/2018`.
 */
export function isDateAsWritten(text: string): boolean {
	const t = text.trim().replace(/\s+/g, ' ');
	return DATE_FORMS.some((form) => form.test(t));
}

function createAjv() {
	// strict: false accepts schemas written for other tools (unknown keywords, draft-07 habits);
	// logger: false keeps unknown formats from printing warnings: they are reported as warnings.
	const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false });
	ajv.addFormat('date', { type: 'string', validate: isDateAsWritten });
	return ajv;
}

const ajv = createAjv();

/**
 * Compiled validators by the schema's JSON text, not its identity: an editor mutates one schema
 * object (a Svelte state proxy) in place. The oldest are dropped, from Ajv's own cache as well.
 */
const MAX_COMPILED = 32;
const compiled = new Map<string, { schema: JsonSchema; validate: ValidateFunction }>();

function compile(schema: JsonSchema): ValidateFunction {
	const key = JSON.stringify(schema);
	const hit = compiled.get(key);
	if (hit) {
		compiled.delete(key);
		compiled.set(key, hit);
		return hit.validate;
	}
	// `$schema` naming draft-07 would make Ajv2020 look for a meta-schema it does not carry, and
	// an `$id` may be compiled only once.
	const { $schema: _meta, $id: _id, ...rest } = schema;
	const validate = ajv.compile(rest);
	compiled.set(key, { schema: rest, validate });
	for (const [oldKey, old] of compiled) {
		if (compiled.size <= MAX_COMPILED) break;
		compiled.delete(oldKey);
		ajv.removeSchema(old.schema);
	}
	return validate;
}

/** `/medications/2/dose` → `medications[2].dose`, the form evidence paths use. */
function readablePath(pointer: string): string {
	let path = '';
	for (const raw of pointer.split('/').slice(1)) {
		const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
		path += /^\d+$/.test(key) ? `[${key}]` : path ? `.${key}` : key;
	}
	return path;
}

/** Ajv's messages name keywords and schema facts, never the value, so they carry no patient text. */
function describe(error: ErrorObject): string {
	return `${readablePath(error.instancePath) || '(top level)'}: ${error.message ?? error.keyword}`;
}

function ignoredKeywords(schema: JsonSchema): SchemaWarning[] {
	const warnings: SchemaWarning[] = [];
	const walk = (node: unknown, path: string) => {
		if (!isSchema(node)) return;
		for (const [keyword, value] of Object.entries(node)) {
			if (IGNORED.has(keyword)) warnings.push({ keyword, path });
			if (keyword === 'format' && value !== 'date') warnings.push({ keyword, path });
		}
		if (isSchema(node.properties))
			for (const [key, sub] of Object.entries(node.properties)) walk(sub, joinPath(path, key));
		const items = node.items;
		if (Array.isArray(items)) items.forEach((sub) => walk(sub, `${path}[]`));
		else walk(items, `${path}[]`);
		for (const key of ['prefixItems', 'anyOf', 'oneOf', 'allOf']) {
			const list = node[key];
			if (Array.isArray(list)) list.forEach((sub) => walk(sub, path));
		}
		for (const key of ['not', 'if', 'then', 'else', 'additionalProperties', 'propertyNames'])
			walk(node[key], path);
		for (const key of ['contains', 'unevaluatedItems']) walk(node[key], `${path}[]`);
		for (const key of ['patternProperties', 'dependentSchemas', '$defs', 'definitions']) {
			const map = node[key];
			if (isSchema(map)) for (const sub of Object.values(map)) walk(sub, path);
		}
	};
	walk(schema, '');
	return warnings;
}

/** Compiles the schema and checks that extraction can use it. */
export function checkSchema(schema: unknown): SchemaCheck {
	if (!isSchema(schema))
		return { ok: false, errors: ['(top level): the schema must be a JSON object'], warnings: [] };
	const warnings = ignoredKeywords(schema);
	try {
		compile(schema);
	} catch (err) {
		const reason = err instanceof Error ? err.message : String(err);
		return { ok: false, errors: [`(schema): ${reason}`], warnings };
	}
	let inlined: JsonSchema;
	try {
		inlined = inlineRefs(schema);
	} catch (err) {
		if (!(err instanceof SchemaShapeError)) throw err;
		return { ok: false, errors: [err.message], warnings };
	}
	const errors = shapeProblems(inlined);
	if (errors.length === 0) {
		try {
			compile(withEvidence(inlined));
		} catch (err) {
			errors.push(`(schema with evidence): ${err instanceof Error ? err.message : String(err)}`);
		}
	}
	return { ok: errors.length === 0, errors, warnings };
}

/**
 * Where `value` breaks `schema`, one message per problem (empty when valid). Throws
 * EnclaveError('extract.schemaInvalid') for a schema that does not compile.
 */
export function validateOutput(schema: JsonSchema, value: unknown): string[] {
	let validate: ValidateFunction;
	try {
		validate = compile(schema);
	} catch (err) {
		throw new EnclaveError(
			'extract.schemaInvalid',
			{ reason: err instanceof Error ? err.message : 'does not compile' },
			{ cause: err }
		);
	}
	return validate(value) ? [] : (validate.errors ?? []).map(describe);
}

/** Field paths outside lists, where a merge rule can apply. */
function rulePaths(schema: JsonSchema): Set<string> {
	const paths = new Set<string>();
	const walk = (node: JsonSchema, path: string) => {
		if (path) paths.add(path);
		if (fieldKind(node) === 'object')
			for (const [key, sub] of propertiesOf(node)) walk(sub, joinPath(path, key));
	};
	walk(schema, '');
	return paths;
}

/** The schema check plus the rest of the template: names, merge rules, worked examples. */
export function checkTemplate(template: ExtractionTemplate): SchemaCheck {
	const result = checkSchema(template.schema);
	const errors = [...result.errors];
	if (!template.id?.trim()) errors.push('id: missing');
	if (!template.name?.trim()) errors.push('name: missing');
	if (template.language !== 'en' && template.language !== 'de')
		errors.push('language: must be "en" or "de"');
	if (!template.instructions?.trim()) errors.push('instructions: missing');
	if (!result.ok) return { ok: false, errors, warnings: result.warnings };

	const schema = inlineRefs(template.schema);
	const paths = rulePaths(schema);
	for (const [path, rule] of Object.entries(template.fieldRules ?? {})) {
		if (!paths.has(path)) errors.push(`fieldRules.${path}: no such field outside a list`);
		if (!['first', 'all', 'latest'].includes(rule))
			errors.push(`fieldRules.${path}: must be "first", "all" or "latest"`);
	}
	const evidenceSchema = withEvidence(schema);
	template.examples.forEach((example, i) => {
		const where = `examples[${i}]`;
		const index = new QuoteIndex(example.text);
		for (const [path, quote] of Object.entries(example.quotes ?? {}))
			if (quote && !index.find(quote)) errors.push(`${where}.quotes.${path}: not in the text`);
		const shaped = attachEvidence(schema, example.output, example.text, example.quotes);
		for (const problem of validateOutput(evidenceSchema, shaped))
			errors.push(`${where}.output: ${problem}`);
	});
	return { ok: errors.length === 0, errors, warnings: result.warnings };
}
