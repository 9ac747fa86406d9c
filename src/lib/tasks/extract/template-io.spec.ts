import { describe, expect, it } from 'vitest';
import { EnclaveError } from '$lib/errors';
import { parseTemplateFile, templateFileName, templateToFile } from './template-io';
import { builtInTemplates } from './templates';

describe('template files', () => {
	it('round-trips every built-in template through its file', () => {
		for (const template of builtInTemplates) {
			const back = parseTemplateFile(templateToFile(template), 'x.json');
			expect(back).toEqual(template);
		}
	});

	it('accepts a bare template object and fills defaults', () => {
		const t = parseTemplateFile(
			JSON.stringify({
				name: ' TNM ',
				schema: { type: 'object', properties: { T: { type: 'string' } } }
			}),
			'tnm.json'
		);
		expect(t).toMatchObject({ name: 'TNM', language: 'en', instructions: '', examples: [] });
	});

	it.each([
		['{ nope', 'not JSON'],
		['{"schema": {"type": "object"}}', 'name missing'],
		['{"name": "A"}', 'schema missing'],
		['{"name": "A", "schema": {"type": "object"}, "examples": {}}', 'examples must be a list'],
		['{"name": "A", "schema": {"type": "nonsense"}}', '']
	])('refuses %s with a reason naming the file', (text, reason) => {
		try {
			parseTemplateFile(text, 'bad.json');
			expect.unreachable();
		} catch (err) {
			expect(err).toBeInstanceOf(EnclaveError);
			expect((err as EnclaveError).code).toBe('extract.templateInvalid');
			expect((err as EnclaveError).params.name).toBe('bad.json');
			expect(String((err as EnclaveError).params.reason)).toContain(reason);
		}
	});

	it('names files after the template, without odd characters', () => {
		const [first] = builtInTemplates;
		expect(templateFileName({ ...first!, name: 'Arztbrief: Kopfdaten / Ü' })).toBe(
			'enclave-template-arztbrief-kopfdaten-u.json'
		);
	});
});
