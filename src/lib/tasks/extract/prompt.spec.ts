import { describe, expect, it } from 'vitest';
import { withEvidence } from './evidence';
import {
	buildExtractionMessages,
	buildExtractionRequest,
	describeFields,
	estimateOutputTokens,
	MAX_OUTPUT_TOKENS,
	promptOverheadTokens
} from './prompt';
import type { ExtractionTemplate } from './template';

const template: ExtractionTemplate = {
	id: 'pe',
	name: 'Pulmonary embolism',
	language: 'en',
	instructions: 'Extract what the report says about pulmonary embolism.',
	schema: {
		type: 'object',
		properties: {
			present: { type: 'boolean', description: 'Embolism shown' },
			side: { type: 'string', enum: ['left', 'right', 'bilateral'] },
			reported: { type: 'string', format: 'date' },
			vessels: {
				type: 'array',
				description: 'Each affected vessel',
				items: {
					type: 'object',
					properties: { name: { type: 'string' }, clot: { type: 'number' } }
				}
			}
		}
	},
	examples: [
		{
			text: 'Impression: left-sided pulmonary embolism in the lower lobe artery. 3.4.2031',
			output: {
				present: true,
				side: 'left',
				reported: '3.4.2031',
				vessels: [{ name: 'lower lobe artery', clot: null }]
			},
			quotes: { present: 'pulmonary embolism', side: 'left-sided' }
		}
	]
};

describe('buildExtractionMessages', () => {
	it('puts instructions, fields and rules in the system message', () => {
		const [system] = buildExtractionMessages(template, 'Report text.');
		expect(system?.role).toBe('system');
		expect(system?.content).toContain(template.instructions);
		expect(system?.content).toContain('- present (true/false): Embolism shown');
		expect(system?.content).toContain('- side (one of: "left", "right", "bilateral")');
		expect(system?.content).toContain('- reported (date as written)');
		expect(system?.content).toContain('- vessels (list; each entry has): Each affected vessel');
		expect(system?.content).toContain('  - clot (number)');
		expect(system?.content).toMatch(/Write dates exactly as they appear/);
		expect(system?.content).toMatch(/"value": null, "quote": ""/);
	});

	it('adds worked examples as user/assistant turns in the evidence shape, the document last', () => {
		const messages = buildExtractionMessages(template, 'Report text.');
		expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
		expect(messages[1]?.content).toContain(template.examples[0]?.text);
		expect(JSON.parse(messages[2]?.content ?? '')).toEqual({
			present: { value: true, quote: 'pulmonary embolism' },
			side: { value: 'left', quote: 'left-sided' },
			reported: { value: '3.4.2031', quote: '3.4.2031' },
			vessels: [
				{
					name: { value: 'lower lobe artery', quote: 'lower lobe artery' },
					clot: { value: null, quote: '' }
				}
			]
		});
		expect(messages[3]).toEqual({
			role: 'user',
			content: '<document>\nReport text.\n</document>\n\nExtract the fields from this document.'
		});
	});

	it('leaves examples out on request and says which part of a long document this is', () => {
		const messages = buildExtractionMessages(template, 'Part text.', {
			includeExamples: false,
			part: { index: 2, count: 3 }
		});
		expect(messages).toHaveLength(2);
		expect(messages[1]?.content).toMatch(/part 2 of 3 of a longer document/);
	});

	it('writes the prompt in the template language', () => {
		const [system, , , user] = buildExtractionMessages({ ...template, language: 'de' }, 'Befund.');
		expect(system?.content).toContain('Regeln:');
		expect(system?.content).toContain('- side (einer von: "left", "right", "bilateral")');
		expect(user?.content).toMatch(/Extrahiere die Felder/);
	});
});

describe('output budget', () => {
	it('grows with the number of fields and list allowance, and is always capped', () => {
		const small = estimateOutputTokens({ type: 'object', properties: { a: { type: 'boolean' } } });
		expect(small).toBe(64 + 48);
		const list = estimateOutputTokens({
			type: 'object',
			properties: { xs: { type: 'array', maxItems: 3, items: { type: 'string' } } }
		});
		expect(list).toBe(64 + 3 * 80);
		const huge = {
			type: 'object',
			properties: Object.fromEntries(
				Array.from({ length: 100 }, (_, i) => [`f${i}`, { type: 'string' }])
			)
		};
		expect(estimateOutputTokens(huge)).toBe(MAX_OUTPUT_TOKENS);
		expect(estimateOutputTokens(huge, 500)).toBe(500);
	});

	it('builds a deterministic, bounded request with the evidence schema', () => {
		const request = buildExtractionRequest(template, 'Report text.');
		expect(request.jsonSchema).toEqual(withEvidence(template.schema));
		expect(request.maxTokens).toBe(estimateOutputTokens(template.schema));
		expect(request.maxTokens).toBeGreaterThan(0);
		expect(request.maxTokens).toBeLessThanOrEqual(MAX_OUTPUT_TOKENS);
		expect(request.temperature).toBe(0);
		expect(typeof request.seed).toBe('number');
	});

	it('counts the prompt overhead with and without examples', () => {
		const withExamples = promptOverheadTokens(template);
		const without = promptOverheadTokens(template, { includeExamples: false });
		expect(withExamples).toBeGreaterThan(without);
		expect(without).toBeGreaterThan(100);
	});
});

describe('describeFields', () => {
	it('lists lists of plain values with their item type', () => {
		expect(
			describeFields(
				{ type: 'object', properties: { codes: { type: 'array', items: { type: 'string' } } } },
				'en'
			)
		).toBe('- codes (list of text)');
	});
});
