import { describe, expect, it } from 'vitest';
import { EnclaveError } from '$lib/errors';
import { checkSchema, checkTemplate, isDateAsWritten, validateOutput } from './schema-check';
import type { ExtractionTemplate, JsonSchema } from './template';

const schema: JsonSchema = {
	type: 'object',
	properties: {
		name: { type: 'string', description: 'Patient name' },
		born: { type: 'string', format: 'date' },
		side: { type: 'string', enum: ['left', 'right', 'bilateral'] },
		meds: {
			type: 'array',
			items: {
				type: 'object',
				properties: { drug: { type: 'string' }, dose: { type: 'number' } },
				required: ['drug']
			}
		}
	},
	required: ['name']
};

describe('checkSchema', () => {
	it('accepts a plain extraction schema without warnings', () => {
		expect(checkSchema(schema)).toEqual({ ok: true, errors: [], warnings: [] });
	});

	it('reports a schema that does not compile, with the reason', () => {
		const result = checkSchema({ type: 'object', properties: { x: { type: 'strng' } } });
		expect(result.ok).toBe(false);
		expect(result.errors[0]).toMatch(/unknown type "strng"/);
		expect(checkSchema('not a schema').ok).toBe(false);
		expect(checkSchema({ $ref: '#/$defs/missing' }).ok).toBe(false);
	});

	it('names what extraction cannot use, by field path', () => {
		const result = checkSchema({
			type: 'object',
			properties: {
				free: { description: 'no type' },
				list: { type: 'array' },
				group: { type: 'object', properties: {} },
				'a.b': { type: 'string' }
			}
		});
		expect(result.ok).toBe(false);
		expect(result.errors).toEqual([
			expect.stringMatching(/^free: no type given/),
			expect.stringMatching(/^list: a list needs/),
			expect.stringMatching(/^group: an object needs/),
			expect.stringMatching(/^a\.b: field names/)
		]);
		expect(checkSchema({ type: 'string' }).errors[0]).toMatch(/must describe an object/);
	});

	it('sees a schema edited in place (an editor mutates one state object)', () => {
		const edited: JsonSchema = { type: 'object', properties: { x: { type: 'string' } } };
		expect(checkSchema(edited).ok).toBe(true);
		(edited.properties as Record<string, JsonSchema>).x = { type: 'strng' };
		expect(checkSchema(edited).ok).toBe(false);
		expect(
			validateOutput({ type: 'object', properties: { x: { type: 'number' } } }, { x: 1 })
		).toEqual([]);
	});

	it('refuses recursive references and inlines the others', () => {
		const recursive = {
			type: 'object',
			properties: { node: { $ref: '#/$defs/node' } },
			$defs: {
				node: { type: 'object', properties: { child: { $ref: '#/$defs/node' } } }
			}
		};
		expect(checkSchema(recursive).errors[0]).toMatch(/recursive reference/);
		const shared = {
			type: 'object',
			properties: { admitted: { $ref: '#/$defs/date' }, discharged: { $ref: '#/$defs/date' } },
			$defs: { date: { type: 'string', format: 'date' } }
		};
		expect(checkSchema(shared)).toEqual({ ok: true, errors: [], warnings: [] });
	});

	it('warns about keywords constrained decoding ignores, with their field paths', () => {
		const result = checkSchema({
			type: 'object',
			properties: {
				codes: {
					type: 'array',
					uniqueItems: true,
					contains: { const: 'C18' },
					items: { type: 'string' }
				},
				dose: { type: 'number', multipleOf: 0.5, not: { const: 0 } },
				when: { type: 'string', format: 'date-time' },
				meds: {
					type: 'array',
					items: {
						type: 'object',
						properties: { drug: { type: 'string' } },
						patternProperties: { '^x-': { type: 'string' } },
						if: { required: ['drug'] },
						then: { required: ['drug'] },
						dependentRequired: { drug: ['drug'] }
					}
				}
			},
			unevaluatedProperties: false,
			propertyNames: { maxLength: 20 }
		});
		expect(result.ok).toBe(true);
		expect(result.warnings).toEqual(
			expect.arrayContaining([
				{ keyword: 'unevaluatedProperties', path: '' },
				{ keyword: 'propertyNames', path: '' },
				{ keyword: 'uniqueItems', path: 'codes' },
				{ keyword: 'contains', path: 'codes' },
				{ keyword: 'multipleOf', path: 'dose' },
				{ keyword: 'not', path: 'dose' },
				{ keyword: 'format', path: 'when' },
				{ keyword: 'patternProperties', path: 'meds[]' },
				{ keyword: 'if', path: 'meds[]' },
				{ keyword: 'then', path: 'meds[]' },
				{ keyword: 'dependentRequired', path: 'meds[]' }
			])
		);
		expect(result.warnings).toHaveLength(11);
	});
});

describe('validateOutput', () => {
	it('accepts valid values and lists problems with readable paths', () => {
		expect(validateOutput(schema, { name: 'A', born: '4.4.1997', side: 'left', meds: [] })).toEqual(
			[]
		);
		const errors = validateOutput(schema, {
			born: 'yesterday',
			side: 'up',
			meds: [{ drug: 'ASS' }, { drug: 'X', dose: 'viel' }]
		});
		expect(errors).toEqual(
			expect.arrayContaining([
				'(top level): a required field is missing',
				'born: not a date',
				'side: not one of the allowed values',
				'meds[1].dose: wrong type'
			])
		);
	});

	it('throws an EnclaveError for a schema that does not compile', () => {
		expect(() => validateOutput({ type: 'nope' }, {})).toThrow(EnclaveError);
	});
});

describe('isDateAsWritten', () => {
	it.each([
		'2023-04-26',
		'4.4.1997',
		'5.7.54',
		'19.3.',
		'1.',
		'01.03.28',
		'6/7/1980',
		'21/06/1967',
		'04/2018',
		'21. Juli 2022',
		'3. Mai',
		'März 2025',
		'21 July 2022',
		'July 21, 2022',
		'3 September'
	])('accepts %s', (text) => expect(isDateAsWritten(text)).toBe(true));

	it.each(['yesterday', '', 'Dr. med.', '12345', '4.4.1997 und 5.5.1998'])('rejects %s', (text) =>
		expect(isDateAsWritten(text)).toBe(false)
	);
});

describe('checkTemplate', () => {
	const template: ExtractionTemplate = {
		id: 't',
		name: 'Test',
		language: 'en',
		instructions: 'Extract.',
		schema,
		examples: [
			{
				text: 'Mr John Doe, born 1.2.1960, right-sided.',
				output: { name: 'John Doe', born: '1.2.1960', side: 'right', meds: [] },
				quotes: { side: 'right-sided' }
			}
		],
		fieldRules: { meds: 'all' }
	};

	it('accepts a consistent template', () => {
		expect(checkTemplate(template)).toEqual({ ok: true, errors: [], warnings: [] });
	});

	it('finds bad rules, quotes not in the example and example outputs off the schema', () => {
		const result = checkTemplate({
			...template,
			name: ' ',
			fieldRules: { 'meds.drug': 'all', name: 'sometimes' as 'all' },
			examples: [
				{
					text: 'Mr John Doe',
					output: { name: 'John Doe', side: 'up' },
					quotes: { name: 'Jane' }
				}
			]
		});
		expect(result.ok).toBe(false);
		expect(result.errors).toEqual([
			'name: missing',
			'fieldRules.meds.drug: no such field outside a list',
			'fieldRules.name: must be "first", "all" or "latest"',
			'examples[0].quotes.name: not in the text',
			'examples[0].output: side.value: not one of the allowed values'
		]);
	});
});

describe('under a Content Security Policy without eval', () => {
	it('checks and validates without generating code', () => {
		const original = globalThis.Function;
		globalThis.Function = function () {
			throw new EvalError('code generation is blocked');
		} as unknown as FunctionConstructor;
		try {
			const fresh = {
				type: 'object',
				properties: { t: { type: 'string', enum: ['T1', 'T2'] }, n: { type: 'integer' } },
				required: ['t']
			};
			expect(checkSchema(fresh).ok).toBe(true);
			expect(validateOutput(fresh, { t: 'T3', n: 1.5 })).toEqual([
				't: not one of the allowed values',
				'n: wrong type'
			]);
		} finally {
			globalThis.Function = original;
		}
	});
});
