/**
 * The visual template editor's model: a tree of fields that converts to and from JSON Schema.
 * Only what the editor can show round-trips; a schema with other constructs (anyOf, $ref, …)
 * is reported as not editable visually, and the raw JSON editor takes over.
 */

export type FieldType =
	'string' | 'number' | 'integer' | 'boolean' | 'enum' | 'date' | 'object' | 'array';

export interface FieldNode {
	name: string;
	type: FieldType;
	description: string;
	required: boolean;
	/** enum: the allowed values */
	options: string[];
	/** object: its fields; array: one field named `item` describing each element */
	children: FieldNode[];
	/** Keywords the editor does not show (minimum, maxItems, pattern, …), kept as they were. */
	extra: Record<string, unknown>;
}

type Schema = Record<string, unknown>;

export const FIELD_TYPES: FieldType[] = [
	'string',
	'number',
	'integer',
	'boolean',
	'enum',
	'date',
	'object',
	'array'
];

export function newField(name = '', type: FieldType = 'string'): FieldNode {
	return { name, type, description: '', required: true, options: [], children: [], extra: {} };
}

/** Keywords the visual editor edits itself. */
const EDITED = new Set([
	'type',
	'description',
	'properties',
	'required',
	'items',
	'enum',
	'format',
	'additionalProperties'
]);

/** Keywords that change a field's structure: the visual editor cannot show them. */
const STRUCTURAL = new Set([
	'anyOf',
	'oneOf',
	'allOf',
	'not',
	'if',
	'then',
	'else',
	'$ref',
	'$defs',
	'definitions',
	'patternProperties',
	'prefixItems',
	'additionalItems',
	'dependentSchemas',
	'const'
]);

export class NotVisualError extends Error {
	constructor(readonly path: string) {
		super(`Not editable visually at ${path || 'the top level'}`);
		this.name = 'NotVisualError';
	}
}

function nodeFromSchema(name: string, schema: Schema, required: boolean, path: string): FieldNode {
	const node = newField(name);
	for (const [key, value] of Object.entries(schema)) {
		if (STRUCTURAL.has(key) || (key === 'type' && Array.isArray(value)))
			throw new NotVisualError(path);
		if (!EDITED.has(key)) node.extra[key] = value;
	}
	node.required = required;
	node.description = typeof schema.description === 'string' ? schema.description : '';
	if (Array.isArray(schema.enum)) {
		node.type = 'enum';
		node.options = schema.enum.map(String);
		return node;
	}
	switch (schema.type) {
		case 'string':
			node.type = schema.format === 'date' ? 'date' : 'string';
			return node;
		case 'number':
		case 'integer':
		case 'boolean':
			node.type = schema.type;
			return node;
		case 'object':
			node.type = 'object';
			node.children = fieldsFromSchema(schema, path);
			return node;
		case 'array': {
			node.type = 'array';
			const items = schema.items;
			if (!items || typeof items !== 'object' || Array.isArray(items))
				throw new NotVisualError(path);
			node.children = [nodeFromSchema('item', items as Schema, true, `${path}[]`)];
			return node;
		}
		default:
			throw new NotVisualError(path);
	}
}

/** The fields of an object schema, in order. Throws NotVisualError for what the editor cannot show. */
export function fieldsFromSchema(schema: Schema, path = ''): FieldNode[] {
	const properties = (schema.properties ?? {}) as Record<string, Schema>;
	const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
	return Object.entries(properties).map(([name, sub]) =>
		nodeFromSchema(name, sub, required.has(name), path ? `${path}.${name}` : name)
	);
}

function schemaFromNode(node: FieldNode): Schema {
	const description = {
		...node.extra,
		...(node.description.trim() ? { description: node.description.trim() } : {})
	};
	switch (node.type) {
		case 'enum':
			return { type: 'string', enum: node.options.filter((o) => o.trim() !== ''), ...description };
		case 'date':
			return { type: 'string', format: 'date', ...description };
		case 'object':
			return { ...schemaFromFields(node.children), ...description };
		case 'array':
			return {
				type: 'array',
				items: schemaFromNode(node.children[0] ?? newField('item')),
				...description
			};
		default:
			return { type: node.type, ...description };
	}
}

export function schemaFromFields(fields: FieldNode[]): Schema {
	const named = fields.filter((f) => f.name.trim() !== '');
	return {
		type: 'object',
		properties: Object.fromEntries(named.map((f) => [f.name.trim(), schemaFromNode(f)])),
		required: named.filter((f) => f.required).map((f) => f.name.trim()),
		additionalProperties: false
	};
}

/** Problems the editor shows before saving: empty or repeated names, enums without values. */
export function fieldProblems(fields: FieldNode[], path = ''): string[] {
	const problems: string[] = [];
	const seen = new Set<string>();
	for (const f of fields) {
		const here = path ? `${path}.${f.name || '?'}` : f.name || '?';
		if (!f.name.trim()) problems.push(`${here}: name missing`);
		else if (seen.has(f.name.trim())) problems.push(`${here}: name used twice`);
		seen.add(f.name.trim());
		if (f.type === 'enum' && f.options.filter((o) => o.trim()).length === 0)
			problems.push(`${here}: no values`);
		if (f.type === 'object') problems.push(...fieldProblems(f.children, here));
		if (f.type === 'array' && f.children[0]?.type === 'object')
			problems.push(...fieldProblems(f.children[0].children, `${here}[]`));
	}
	return problems;
}
