import { describe, expect, it } from 'vitest';
import {
	fieldProblems,
	fieldsFromSchema,
	newField,
	NotVisualError,
	schemaFromFields
} from './schema-fields';

const schema = {
	type: 'object',
	properties: {
		name: { type: 'string', description: 'Patient name' },
		born: { type: 'string', format: 'date' },
		side: { type: 'string', enum: ['left', 'right', 'bilateral'] },
		present: { type: 'boolean' },
		age: { type: 'integer' },
		meds: {
			type: 'array',
			items: {
				type: 'object',
				properties: { drug: { type: 'string' }, dose: { type: 'number' } },
				required: ['drug', 'dose'],
				additionalProperties: false
			}
		},
		codes: { type: 'array', items: { type: 'string' } }
	},
	required: ['name', 'born', 'side', 'present', 'meds'],
	additionalProperties: false
};

describe('visual schema editing', () => {
	it('round-trips the field types the editor offers', () => {
		const fields = fieldsFromSchema(schema);
		expect(fields.map((f) => [f.name, f.type, f.required])).toEqual([
			['name', 'string', true],
			['born', 'date', true],
			['side', 'enum', true],
			['present', 'boolean', true],
			['age', 'integer', false],
			['meds', 'array', true],
			['codes', 'array', false]
		]);
		expect(fields[2]?.options).toEqual(['left', 'right', 'bilateral']);
		expect(fields[5]?.children[0]?.children.map((c) => c.name)).toEqual(['drug', 'dose']);
		const back = schemaFromFields(fields);
		expect(back).toEqual({
			...schema,
			properties: {
				...schema.properties,
				side: { type: 'string', enum: ['left', 'right', 'bilateral'] }
			}
		});
	});

	it('keeps keywords it does not edit, such as bounds and titles', () => {
		const bounded = {
			type: 'object',
			properties: {
				dose: { type: 'number', minimum: 0, title: 'Dose' },
				meds: { type: 'array', maxItems: 40, items: { type: 'string', pattern: '^[A-Z]' } }
			},
			required: ['dose', 'meds'],
			additionalProperties: false
		};
		expect(schemaFromFields(fieldsFromSchema(bounded))).toEqual(bounded);
	});

	it('refuses constructs it cannot show, naming where', () => {
		expect(() =>
			fieldsFromSchema({ type: 'object', properties: { x: { anyOf: [{ type: 'string' }] } } })
		).toThrow(NotVisualError);
		try {
			fieldsFromSchema({
				type: 'object',
				properties: { a: { type: 'object', properties: { b: { $ref: '#/x' } } } }
			});
		} catch (err) {
			expect((err as NotVisualError).path).toBe('a.b');
		}
	});

	it('names the problems before saving', () => {
		const enumField = newField('side', 'enum');
		const obj = newField('patient', 'object');
		obj.children = [newField(''), newField('x'), newField('x')];
		expect(fieldProblems([enumField, obj])).toEqual([
			'side: no values',
			'patient.?: name missing',
			'patient.x: name used twice'
		]);
	});
});

describe('built-in templates in the visual editor', () => {
	it('open visually and save back unchanged', async () => {
		const { builtInTemplates } = await import('./templates');
		for (const template of builtInTemplates) {
			const fields = fieldsFromSchema(template.schema);
			expect(schemaFromFields(fields), template.id).toEqual(template.schema);
		}
	});
});
