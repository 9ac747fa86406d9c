/** What an extraction template is: a JSON Schema, instructions, and worked examples. */

/** A JSON Schema (draft 2020-12 subset); kept loose because templates come from JSON files. */
export type JsonSchema = { [keyword: string]: unknown };

/** A leaf value as the model returns it: never an object or a list. */
export type LeafValue = string | number | boolean | null;

/** One extracted value: a leaf, a list, or a group of fields. */
export type ExtractedValue = LeafValue | ExtractedValue[] | { [key: string]: ExtractedValue };
/**
 * Extracted values in the shape of the template's schema. Typed loosely on purpose: a recursive
 * type here makes Svelte's `$state.snapshot` typing recurse without end.
 */
export type ExtractedValues = Record<string, unknown>;

/**
 * How values from several parts of a long document are combined: the first or the latest value
 * stated, or all of them (lists are joined, repeated text values listed with " | ").
 */
export type FieldRule = 'first' | 'all' | 'latest';

export interface ExtractionExample {
	text: string;
	output: ExtractedValues;
	/**
	 * Quotes by evidence path (`side`, `medications[0].route`) for values that do not appear
	 * verbatim in `text` (booleans, categories, numbers written with units). Values that do appear
	 * are quoted automatically.
	 */
	quotes?: Record<string, string>;
}

export interface ExtractionTemplate {
	id: string;
	name: string;
	language: 'en' | 'de';
	description?: string;
	instructions: string;
	/** An object schema: one property per field. */
	schema: JsonSchema;
	examples: ExtractionExample[];
	/** Merge rules by field path (`patient.name`, `medications`); 'first' when absent. */
	fieldRules?: Record<string, FieldRule>;
}
