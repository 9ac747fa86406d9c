import { describe, expect, it } from 'vitest';
import { attachEvidence, splitEvidence, withEvidence } from './evidence';
import { validateOutput } from './schema-check';
import type { JsonSchema } from './template';

const schema: JsonSchema = {
	type: 'object',
	properties: {
		patient: {
			type: 'object',
			description: 'The patient',
			properties: {
				name: { type: 'string', description: 'Full name' },
				born: { type: 'string', format: 'date' }
			},
			required: ['name']
		},
		side: { type: 'string', enum: ['left', 'right'] },
		smoker: { type: 'boolean' },
		codes: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 5 },
		medications: {
			type: 'array',
			items: {
				type: 'object',
				properties: {
					drug: { type: 'string' },
					dose: { type: 'number' },
					times: { type: 'array', items: { type: 'string', const: 'morning' } }
				}
			}
		}
	}
};

const leaf = (value: JsonSchema) => ({
	type: 'object',
	properties: {
		value,
		quote: expect.objectContaining({ type: 'string' })
	},
	required: ['value', 'quote'],
	additionalProperties: false
});

describe('withEvidence', () => {
	it('wraps each leaf as { value (nullable), quote } and requires every key', () => {
		const out = withEvidence(schema);
		expect(out).toEqual({
			type: 'object',
			properties: {
				patient: {
					description: 'The patient',
					type: 'object',
					properties: {
						name: leaf({ type: ['string', 'null'], description: 'Full name' }),
						born: leaf({ type: ['string', 'null'] })
					},
					required: ['name', 'born'],
					additionalProperties: false
				},
				side: leaf({ type: ['string', 'null'], enum: ['left', 'right', null] }),
				smoker: leaf({ type: ['boolean', 'null'] }),
				codes: { type: 'array', maxItems: 5, items: leaf({ type: ['string', 'null'] }) },
				medications: {
					type: 'array',
					items: {
						type: 'object',
						properties: {
							drug: leaf({ type: ['string', 'null'] }),
							dose: leaf({ type: ['number', 'null'] }),
							times: {
								type: 'array',
								items: leaf({ type: ['string', 'null'], enum: ['morning', null] })
							}
						},
						required: ['drug', 'dose', 'times'],
						additionalProperties: false
					}
				}
			},
			required: ['patient', 'side', 'smoker', 'codes', 'medications'],
			additionalProperties: false
		});
	});

	it('makes composed leaves nullable with anyOf and inlines references', () => {
		const out = withEvidence({
			type: 'object',
			properties: {
				size: { anyOf: [{ type: 'number' }, { type: 'string' }] },
				admitted: { $ref: '#/$defs/date' }
			},
			$defs: { date: { type: 'string', format: 'date', description: 'as written' } }
		});
		const props = out.properties as Record<string, { properties: { value: unknown } }>;
		expect(props.size?.properties.value).toEqual({
			anyOf: [{ anyOf: [{ type: 'number' }, { type: 'string' }] }, { type: 'null' }]
		});
		expect(props.admitted?.properties.value).toEqual({
			type: ['string', 'null'],
			description: 'as written'
		});
		expect(out).not.toHaveProperty('$defs');
	});
});

describe('attachEvidence and splitEvidence', () => {
	const document =
		'Patientin: Erika Mustermann, geb. 4.4.1997. Raucherin. Medikation: ASS 100 mg morgens, ' +
		'Ramipril 5 mg morgens. Diagnosen C18.7 und C78.7.';
	const values = {
		patient: { name: 'Erika Mustermann', born: '4.4.1997' },
		side: null,
		smoker: true,
		codes: ['C18.7', 'C78.7'],
		medications: [
			{ drug: 'ASS', dose: 100, times: ['morning'] },
			{ drug: 'Ramipril', dose: 5, times: [] }
		]
	};

	it('round-trips values, nested lists included, with every leaf verified', () => {
		const shaped = attachEvidence(schema, values, document, {
			smoker: 'Raucherin',
			'medications[0].times[0]': 'morgens',
			'medications[1].dose': '5 mg'
		});
		expect(validateOutput(withEvidence(schema), shaped)).toEqual([]);
		const { values: back, evidence } = splitEvidence(schema, shaped, document);
		expect(back).toEqual(values);
		expect(evidence.map((e) => e.path)).toEqual([
			'patient.name',
			'patient.born',
			'side',
			'smoker',
			'codes[0]',
			'codes[1]',
			'medications[0].drug',
			'medications[0].dose',
			'medications[0].times[0]',
			'medications[1].drug',
			'medications[1].dose'
		]);
		expect(evidence.every((e) => e.verified)).toBe(true);
		const dose = evidence.find((e) => e.path === 'medications[1].dose');
		expect(dose).toMatchObject({ value: 5, quote: '5 mg' });
		expect(document.slice(dose!.span!.start, dose!.span!.end)).toBe('5 mg');
		expect(evidence.find((e) => e.path === 'side')).toEqual({
			path: 'side',
			value: null,
			quote: '',
			verified: true
		});
	});

	it('quotes example values that occur in the text and leaves the rest empty', () => {
		const shaped = attachEvidence(schema, values, document) as Record<string, unknown>;
		expect(shaped.patient).toEqual({
			name: { value: 'Erika Mustermann', quote: 'Erika Mustermann' },
			born: { value: '4.4.1997', quote: '4.4.1997' }
		});
		expect(shaped.smoker).toEqual({ value: true, quote: '' });
		const names = { type: 'object', properties: { doctors: { type: 'string' } } };
		const letter = 'Mit freundlichen Grüßen\n\nDr. A. Vogt      Dr. S. Brandt\nOberarzt';
		expect(attachEvidence(names, { doctors: 'Dr. A. Vogt | Dr. S. Brandt' }, letter)).toEqual({
			doctors: { value: 'Dr. A. Vogt | Dr. S. Brandt', quote: 'Dr. A. Vogt      Dr. S. Brandt' }
		});
	});

	it('marks a value unverified when neither its quote nor the value is in the document', () => {
		const output = {
			patient: {
				name: { value: 'Erika Musterfrau', quote: 'Erika Musterfrau' },
				born: { value: '4.4.1997', quote: 'geboren am 4.4.1997' }
			},
			side: { value: 'left', quote: '' },
			smoker: { value: null, quote: '' },
			codes: [],
			medications: []
		};
		const { evidence } = splitEvidence(schema, output, document);
		expect(evidence.map((e) => [e.path, e.verified])).toEqual([
			['patient.name', false],
			// The quote was garbled, but the value itself stands in the document.
			['patient.born', true],
			['side', false],
			['smoker', true]
		]);
		expect(evidence[1]?.span).toEqual({ start: 34, end: 42 });
	});

	it('reads a sloppy answer tolerantly: missing keys, bare values, empty text, empty items', () => {
		const { values: out, evidence } = splitEvidence(schema, {
			patient: { name: 'Erika Mustermann' },
			side: { value: '  ', quote: '' },
			codes: [
				{ value: null, quote: '' },
				{ value: 'C18.7', quote: 'C18.7' }
			],
			medications: [{ drug: { value: null, quote: '' } }, { drug: { value: 'ASS', quote: 'ASS' } }]
		});
		expect(out).toEqual({
			patient: { name: 'Erika Mustermann', born: null },
			side: null,
			smoker: null,
			codes: ['C18.7'],
			medications: [{ drug: 'ASS', dose: null, times: [] }]
		});
		expect(evidence.map((e) => e.path)).toEqual([
			'patient.name',
			'patient.born',
			'side',
			'smoker',
			'codes[0]',
			'medications[0].drug',
			'medications[0].dose'
		]);
		// Without the document only null values count as verified.
		expect(evidence[0]?.verified).toBe(false);
		expect(evidence[1]?.verified).toBe(true);
	});
});
