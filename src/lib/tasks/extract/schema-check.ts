/**
 * Checks a template before it runs: that its schema compiles, has the shape extraction needs,
 * and which keywords the grammar engines (xgrammar in web-llm, llama.cpp, vLLM) do not enforce,
 * so that the author is not surprised when the model ignores them.
 */
import { Validator, type OutputUnit, type Schema as CfSchema } from '@cfworker/json-schema';
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

const TYPE_NAMES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);
const SCHEMA_LISTS = ['anyOf', 'oneOf', 'allOf', 'prefixItems'];
const SCHEMA_ONES = ['not', 'if', 'then', 'else', 'additionalProperties', 'items', 'contains'];
const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
const NUMBERS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'];
const COUNTS = ['minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties'];

/**
 * What makes a schema unusable, checked by walking it (the validator below interprets schemas
 * and never generates code, so that it runs under a Content Security Policy without eval).
 */
function structureProblems(node: unknown, path: string, out: string[]) {
	if (typeof node === 'boolean') return;
	if (!isSchema(node)) {
		out.push(`${path || '(top level)'}: a schema must be an object`);
		return;
	}
	const where = path || '(top level)';
	const types = Array.isArray(node.type) ? node.type : node.type === undefined ? [] : [node.type];
	for (const t of types)
		if (typeof t !== 'string' || !TYPE_NAMES.has(t))
			out.push(`${where}: unknown type ${JSON.stringify(t)}`);
	if (
		node.required !== undefined &&
		!(Array.isArray(node.required) && node.required.every((r) => typeof r === 'string'))
	)
		out.push(`${where}: "required" must be a list of names`);
	if (node.enum !== undefined && !Array.isArray(node.enum))
		out.push(`${where}: "enum" must be a list`);
	for (const key of NUMBERS)
		if (node[key] !== undefined && typeof node[key] !== 'number')
			out.push(`${where}: "${key}" must be a number`);
	for (const key of COUNTS) {
		const v = node[key];
		if (v !== undefined && !(Number.isInteger(v) && (v as number) >= 0))
			out.push(`${where}: "${key}" must be a whole number ≥ 0`);
	}
	if (node.pattern !== undefined) {
		try {
			new RegExp(String(node.pattern), 'u');
		} catch {
			out.push(`${where}: "pattern" is not a valid regular expression`);
		}
	}
	for (const key of SCHEMA_LISTS) {
		const list = node[key];
		if (list === undefined) continue;
		if (!Array.isArray(list) || list.length === 0)
			out.push(`${where}: "${key}" must be a non-empty list`);
		else list.forEach((sub) => structureProblems(sub, path, out));
	}
	for (const key of SCHEMA_ONES) {
		const sub = node[key];
		if (sub === undefined) continue;
		if (key === 'items' && Array.isArray(sub))
			sub.forEach((s) => structureProblems(s, `${path}[]`, out));
		else structureProblems(sub, key === 'items' || key === 'contains' ? `${path}[]` : path, out);
	}
	for (const key of SCHEMA_MAPS) {
		const map = node[key];
		if (map === undefined) continue;
		if (!isSchema(map)) out.push(`${where}: "${key}" must be an object`);
		else
			for (const [name, sub] of Object.entries(map))
				structureProblems(sub, key === 'properties' ? joinPath(path, name) : path, out);
	}
}

/** `format: "date"` means "as written" here; the generic validator would demand ISO dates. */
function withoutDateFormat(node: unknown): unknown {
	if (Array.isArray(node)) return node.map(withoutDateFormat);
	if (!node || typeof node !== 'object') return node;
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(node))
		if (!(key === 'format' && value === 'date')) out[key] = withoutDateFormat(value);
	return out;
}

/** Values of `format: "date"` fields that are not dates as written, as paths. */
function dateProblems(schema: unknown, value: unknown, path: string, out: string[]) {
	if (!isSchema(schema) || value === null || value === undefined) return;
	if (
		schema.format === 'date' &&
		typeof value === 'string' &&
		value !== '' &&
		!isDateAsWritten(value)
	)
		out.push(`${path || '(top level)'}: not a date`);
	if (isSchema(schema.properties) && isSchema(value))
		for (const [key, sub] of Object.entries(schema.properties))
			dateProblems(sub, value[key], joinPath(path, key), out);
	if (isSchema(schema.items) && Array.isArray(value))
		value.forEach((item, i) => dateProblems(schema.items, item, `${path}[${i}]`, out));
	for (const key of ['anyOf', 'oneOf', 'allOf']) {
		const list = schema[key];
		if (Array.isArray(list)) list.forEach((sub) => dateProblems(sub, value, path, out));
	}
}

type Validate = (value: unknown) => string[];

/**
 * Validators by the schema's JSON text, not its identity: an editor mutates one schema object
 * (a Svelte state proxy) in place. The oldest are dropped.
 */
const MAX_COMPILED = 32;
const compiled = new Map<string, Validate>();

class SchemaCompileError extends Error {}

function compile(schema: JsonSchema): Validate {
	const key = JSON.stringify(schema);
	const hit = compiled.get(key);
	if (hit) {
		compiled.delete(key);
		compiled.set(key, hit);
		return hit;
	}
	const problems: string[] = [];
	// `$schema` and `$id` name other documents; this validator works on the schema alone.
	const { $schema: _meta, $id: _id, ...rest } = schema;
	structureProblems(rest, '', problems);
	if (problems.length > 0) throw new SchemaCompileError(problems.join('; '));
	const validator = new Validator(withoutDateFormat(rest) as CfSchema, '2020-12', false);
	const validate: Validate = (value) => {
		const result = validator.validate(value);
		const errors = result.valid ? [] : describeErrors(result.errors);
		dateProblems(rest, value, '', errors);
		return errors;
	};
	compiled.set(key, validate);
	for (const oldKey of compiled.keys()) {
		if (compiled.size <= MAX_COMPILED) break;
		compiled.delete(oldKey);
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

/** Keywords that only report that something inside failed; the inner error says what. */
const WRAPPERS = new Set([
	'properties',
	'items',
	'prefixItems',
	'additionalItems',
	'allOf',
	'$ref'
]);

const PROBLEMS: Record<string, string> = {
	type: 'wrong type',
	required: 'a required field is missing',
	enum: 'not one of the allowed values',
	const: 'not the required value',
	additionalProperties: 'a field that the schema does not allow',
	minimum: 'too small',
	maximum: 'too large',
	exclusiveMinimum: 'too small',
	exclusiveMaximum: 'too large',
	minLength: 'too short',
	maxLength: 'too long',
	minItems: 'too few entries',
	maxItems: 'too many entries',
	pattern: 'does not match the pattern',
	anyOf: 'matches none of the allowed forms',
	oneOf: 'does not match exactly one allowed form'
};

/** Messages name the place and the rule, never the value, so they carry no patient text. */
function describeErrors(errors: OutputUnit[]): string[] {
	const messages = errors
		.filter((e) => !WRAPPERS.has(e.keyword))
		.map(
			(e) =>
				`${readablePath(e.instanceLocation.replace(/^#/, '')) || '(top level)'}: ${PROBLEMS[e.keyword] ?? e.keyword}`
		);
	return [...new Set(messages)];
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
	let validate: Validate;
	try {
		validate = compile(schema);
	} catch (err) {
		throw new EnclaveError(
			'extract.schemaInvalid',
			{ reason: err instanceof Error ? err.message : 'does not compile' },
			{ cause: err }
		);
	}
	return validate(value);
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
