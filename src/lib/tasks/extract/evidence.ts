/**
 * Evidence: the model answers every leaf field as `{ value, quote }`, the quote being the
 * shortest verbatim passage that supports the value. Quotes are checked against the document,
 * so a value the document does not contain shows up as unverified instead of passing silently.
 */
import { QuoteIndex, type Span } from './quote-match';
import { fieldKind, inlineRefs, isSchema, itemsOf, joinPath, propertiesOf } from './schema-shape';
import type { ExtractedValue, ExtractedValues, JsonSchema, LeafValue } from './template';

export interface EvidenceItem {
	/** `patient.name`, `medications[2].dose`, `codes[0]`. */
	path: string;
	value: LeafValue;
	quote: string;
	/** The value is null, or its quote (or, for text, the value itself) occurs in the document. */
	verified: boolean;
	/** Where in the document, in UTF-16 offsets of the original text. */
	span?: Span;
}

export interface SplitResult {
	values: ExtractedValues;
	evidence: EvidenceItem[];
}

const QUOTE_SCHEMA: JsonSchema = {
	type: 'string',
	description:
		'The shortest passage copied verbatim from the document that supports the value; empty when the value is null.'
};

const COMPOSITION = ['anyOf', 'oneOf', 'allOf'];

function addNull(type: unknown): unknown {
	if (typeof type === 'string') return type === 'null' ? type : [type, 'null'];
	if (Array.isArray(type)) return type.includes('null') ? type : [...type, 'null'];
	return type;
}

/** The leaf's own schema, also allowing null ("not stated"). */
function nullableLeaf(leaf: JsonSchema): JsonSchema {
	// Grammar engines turn `format: date` into ISO dates, but dates are kept as written.
	const { format: _format, ...rest } = leaf;
	if (COMPOSITION.some((key) => key in rest)) return { anyOf: [rest, { type: 'null' }] };
	if ('const' in rest) {
		const { const: value, ...others } = rest;
		return {
			...others,
			...('type' in others ? { type: addNull(others.type) } : {}),
			enum: [value, null]
		};
	}
	const out: JsonSchema = { ...rest };
	if ('type' in rest) out.type = addNull(rest.type);
	if (Array.isArray(rest.enum) && !rest.enum.includes(null)) out.enum = [...rest.enum, null];
	return out;
}

function pick(schema: JsonSchema, keys: string[]): JsonSchema {
	return Object.fromEntries(keys.filter((k) => k in schema).map((k) => [k, schema[k]]));
}

/**
 * The schema the model answers in: each leaf becomes `{ value: <leaf or null>, quote: string }`;
 * every key is required and no other is allowed, so the model states "not found" as null
 * instead of leaving keys out (which strict servers and grammars also demand).
 */
export function withEvidence(schema: JsonSchema): JsonSchema {
	const transform = (node: JsonSchema): JsonSchema => {
		const kind = fieldKind(node);
		if (kind === 'object') {
			const props = propertiesOf(node);
			return {
				...pick(node, ['title', 'description']),
				type: 'object',
				properties: Object.fromEntries(props.map(([key, sub]) => [key, transform(sub)])),
				required: props.map(([key]) => key),
				additionalProperties: false
			};
		}
		if (kind === 'array') {
			// No minItems: a document may state none, and the model must not invent items.
			return {
				...pick(node, ['title', 'description', 'maxItems']),
				type: 'array',
				items: transform(itemsOf(node))
			};
		}
		return {
			type: 'object',
			properties: { value: nullableLeaf(node), quote: QUOTE_SCHEMA },
			required: ['value', 'quote'],
			additionalProperties: false
		};
	};
	return transform(inlineRefs(schema));
}

function asLeaf(value: unknown): LeafValue {
	if (typeof value === 'string') return value.trim() === '' ? null : value;
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value === 'boolean') return value;
	return null;
}

function isEmpty(value: ExtractedValue): boolean {
	if (value === null) return true;
	if (Array.isArray(value)) return value.length === 0;
	if (typeof value === 'object') return Object.values(value).every(isEmpty);
	return false;
}

/**
 * Values in the evidence shape, for worked examples and tests. A value's quote is `quotes[path]`
 * when given, else the value itself as it occurs in `text` (a value listing several names with
 * " | " is quoted from the first name to the last), else ''.
 */
export function attachEvidence(
	schema: JsonSchema,
	values: unknown,
	text?: string,
	quotes: Record<string, string> = {}
): ExtractedValues {
	const index = text === undefined ? undefined : new QuoteIndex(text);
	const quoteFor = (value: LeafValue): string => {
		if (value === null || typeof value === 'boolean' || !index) return '';
		const whole = index.find(String(value));
		if (whole) return index.text.slice(whole.start, whole.end);
		if (typeof value !== 'string' || !value.includes(' | ')) return '';
		const spans = value.split(' | ').map((part) => index.find(part));
		if (spans.some((s) => !s)) return '';
		const found = spans as Span[];
		const start = Math.min(...found.map((s) => s.start));
		const end = Math.max(...found.map((s) => s.end));
		// Names far apart (one in the letterhead, one in the signature) make no short quote.
		return end - start <= 2 * value.length + 40 ? index.text.slice(start, end) : '';
	};
	const walk = (node: JsonSchema, value: unknown, path: string): unknown => {
		const kind = fieldKind(node);
		if (kind === 'object') {
			const obj = isSchema(value) ? value : {};
			return Object.fromEntries(
				propertiesOf(node).map(([key, sub]) => [key, walk(sub, obj[key], joinPath(path, key))])
			);
		}
		if (kind === 'array') {
			const list = Array.isArray(value) ? value : [];
			return list.map((item, i) => walk(itemsOf(node), item, `${path}[${i}]`));
		}
		const leaf = asLeaf(value);
		return { value: leaf, quote: quotes[path] ?? quoteFor(leaf) };
	};
	return walk(inlineRefs(schema), values, '') as ExtractedValues;
}

/** A wrapper `{ value, quote }`, or a bare value from a model that skipped the wrapper. */
function readLeaf(raw: unknown): { value: LeafValue; quote: string } {
	if (isSchema(raw)) {
		return {
			value: asLeaf(raw.value),
			quote: typeof raw.quote === 'string' ? raw.quote : ''
		};
	}
	return { value: asLeaf(raw), quote: '' };
}

function locate(
	value: LeafValue,
	quote: string,
	index: QuoteIndex | undefined
): Pick<EvidenceItem, 'verified' | 'span'> {
	if (!index) return { verified: value === null };
	// A text value found verbatim supports itself even when its quote was garbled.
	const span =
		(quote.trim() ? index.find(quote) : null) ??
		(typeof value === 'string' ? index.find(value) : null);
	return span ? { verified: true, span } : { verified: value === null };
}

/**
 * The model's answer (evidence shape) split into values in the template's shape and one
 * evidence item per leaf. Tolerant: missing keys read as null, a bare value as one without a
 * quote, empty text as null; empty list items are dropped. With the document (or its
 * QuoteIndex), each quote is located; without it, only null values count as verified.
 */
export function splitEvidence(
	schema: JsonSchema,
	modelOutput: unknown,
	document?: string | QuoteIndex
): SplitResult {
	const index = typeof document === 'string' ? new QuoteIndex(document) : document;
	const evidence: EvidenceItem[] = [];
	const walk = (
		node: JsonSchema,
		raw: unknown,
		path: string,
		out: EvidenceItem[]
	): ExtractedValue => {
		const kind = fieldKind(node);
		if (kind === 'object') {
			const obj = isSchema(raw) ? raw : {};
			return Object.fromEntries(
				propertiesOf(node).map(([key, sub]) => [key, walk(sub, obj[key], joinPath(path, key), out)])
			);
		}
		if (kind === 'array') {
			const items: ExtractedValue[] = [];
			for (const item of Array.isArray(raw) ? raw : []) {
				const itemEvidence: EvidenceItem[] = [];
				const value = walk(itemsOf(node), item, `${path}[${items.length}]`, itemEvidence);
				if (isEmpty(value)) continue;
				items.push(value);
				out.push(...itemEvidence);
			}
			return items;
		}
		const { value, quote } = readLeaf(raw);
		out.push({ path, value, quote, ...locate(value, quote, index) });
		return value;
	};
	const values = walk(inlineRefs(schema), modelOutput, '', evidence);
	return { values: isSchema(values) ? (values as ExtractedValues) : {}, evidence };
}
