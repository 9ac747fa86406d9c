/**
 * How extraction reads a template's JSON Schema: as a tree of objects, lists and leaf fields.
 * Local `$ref`s are inlined first so that every other module walks plain nested schemas.
 */
import type { ExtractedValue, ExtractedValues, JsonSchema } from './template';

export type FieldKind = 'object' | 'array' | 'leaf';

export class SchemaShapeError extends Error {
	constructor(
		readonly path: string,
		message: string
	) {
		super(`${path || '(top level)'}: ${message}`);
		this.name = 'SchemaShapeError';
	}
}

export function isSchema(value: unknown): value is JsonSchema {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The types a schema allows, without 'null'; undefined when it names none. */
export function nonNullTypes(schema: JsonSchema): string[] | undefined {
	const { type } = schema;
	if (typeof type === 'string') return type === 'null' ? [] : [type];
	if (Array.isArray(type))
		return type.filter((t): t is string => typeof t === 'string' && t !== 'null');
	return undefined;
}

export function fieldKind(schema: JsonSchema): FieldKind {
	const types = nonNullTypes(schema);
	if (types?.length === 1 && types[0] === 'object') return 'object';
	if (types?.length === 1 && types[0] === 'array') return 'array';
	if (types === undefined && isSchema(schema.properties)) return 'object';
	if (types === undefined && isSchema(schema.items)) return 'array';
	return 'leaf';
}

/** A leaf that holds free text rather than a category, a number or a truth value. */
export function isFreeText(leaf: JsonSchema): boolean {
	return (
		!Array.isArray(leaf.enum) && !('const' in leaf) && (nonNullTypes(leaf) ?? []).includes('string')
	);
}

export function propertiesOf(schema: JsonSchema): [string, JsonSchema][] {
	return isSchema(schema.properties)
		? Object.entries(schema.properties).filter((entry): entry is [string, JsonSchema] =>
				isSchema(entry[1])
			)
		: [];
}

export function itemsOf(schema: JsonSchema): JsonSchema {
	return isSchema(schema.items) ? schema.items : {};
}

export function joinPath(prefix: string, key: string): string {
	return prefix ? `${prefix}.${key}` : key;
}

/** Values that are data, not subschemas: a `$ref` inside them is not a reference. */
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples']);

function resolvePointer(root: JsonSchema, ref: string): unknown {
	if (ref === '#') return root;
	if (!ref.startsWith('#/')) return undefined;
	let node: unknown = root;
	for (const raw of ref.slice(2).split('/')) {
		const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
		node =
			isSchema(node) || Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined;
	}
	return node;
}

/**
 * A copy of the schema with every local `$ref` replaced by its target (sibling keywords such as
 * `description` win), and `$defs`/`definitions` dropped. Recursive and remote references cannot
 * be expanded into the finite, concrete schema a grammar needs: they throw SchemaShapeError.
 */
export function inlineRefs(schema: JsonSchema): JsonSchema {
	const visit = (node: unknown, stack: string[]): unknown => {
		if (Array.isArray(node)) return node.map((n) => visit(n, stack));
		if (!isSchema(node)) return node;
		if (typeof node.$ref === 'string') {
			const ref = node.$ref;
			if (stack.includes(ref)) throw new SchemaShapeError('', `recursive reference ${ref}`);
			const target = resolvePointer(schema, ref);
			if (!isSchema(target)) throw new SchemaShapeError('', `cannot resolve reference ${ref}`);
			const { $ref: _ref, ...siblings } = node;
			return {
				...(visit(target, [...stack, ref]) as JsonSchema),
				...(visit(siblings, stack) as JsonSchema)
			};
		}
		const out: JsonSchema = {};
		for (const [key, value] of Object.entries(node)) {
			if (key === '$defs' || key === 'definitions') continue;
			out[key] = DATA_KEYWORDS.has(key) ? value : visit(value, stack);
		}
		return out;
	};
	return visit(schema, []) as JsonSchema;
}

/**
 * What keeps a (ref-inlined) schema from being used for extraction, one message per problem:
 * extraction needs named fields all the way down, because each leaf gets its own quote.
 */
export function shapeProblems(schema: JsonSchema): string[] {
	const problems: string[] = [];
	const problem = (path: string, message: string) =>
		problems.push(`${path || '(top level)'}: ${message}`);

	const walk = (node: JsonSchema, path: string) => {
		const kind = fieldKind(node);
		if (kind === 'object') {
			const props = propertiesOf(node);
			if (props.length === 0) problem(path, 'an object needs at least one field in "properties"');
			for (const [key, sub] of props) {
				if (/[.[\]]/.test(key) || key.trim() === '')
					problem(joinPath(path, key), 'field names may not be empty or contain ".", "[" or "]"');
				walk(sub, joinPath(path, key));
			}
		} else if (kind === 'array') {
			if (!isSchema(node.items)) problem(path, 'a list needs one schema in "items"');
			else walk(node.items, `${path}[]`);
		} else {
			const types = nonNullTypes(node);
			const hasChoice =
				Array.isArray(node.enum) ||
				'const' in node ||
				Array.isArray(node.anyOf) ||
				Array.isArray(node.oneOf);
			if (types?.some((t) => t === 'object' || t === 'array'))
				problem(path, 'a field cannot mix an object or a list with other types');
			else if ((types === undefined || types.length === 0) && !hasChoice)
				problem(
					path,
					'no type given (use string, number, integer, boolean, enum, object or array)'
				);
		}
	};

	if (fieldKind(schema) !== 'object')
		problem('', 'the schema must describe an object (type "object" with "properties")');
	else walk(schema, '');
	return problems;
}

/** Values for a document that states nothing: null leaves, empty lists. */
export function emptyValues(schema: JsonSchema): ExtractedValues {
	const empty = (node: JsonSchema): ExtractedValue => {
		const kind = fieldKind(node);
		if (kind === 'array') return [];
		if (kind === 'leaf') return null;
		return Object.fromEntries(propertiesOf(node).map(([key, sub]) => [key, empty(sub)]));
	};
	const values = empty(schema);
	return isSchema(values) ? (values as ExtractedValues) : {};
}
