import { describe, expect, it } from 'vitest';
import { EnclaveError } from '$lib/errors';
import { checkLetterTemplate, parseLetterTemplate, toLetterTemplate } from './template';

const valid = {
	id: 't1',
	name: 'Kurzbrief',
	lang: 'de',
	kind: 'physician-letter',
	instructions: 'Schreibe einen kurzen Arztbrief.',
	sections: ['Diagnosen', ' Procedere '],
	examples: [{ source: 'Quelle', output: 'Diagnosen\nKeine' }]
};

describe('checkLetterTemplate', () => {
	it('accepts a complete template', () => {
		expect(checkLetterTemplate(valid)).toEqual({ ok: true, errors: [] });
	});

	it('names each field that is wrong', () => {
		const check = checkLetterTemplate({
			...valid,
			name: ' ',
			lang: 'fr',
			kind: 'poem',
			sections: ['Diagnosen', 'diagnosen', 'a\nb', ''],
			examples: [{ source: 'x' }]
		});
		expect(check.ok).toBe(false);
		expect(check.errors).toEqual([
			'name: required text',
			'lang: must be "en" or "de"',
			expect.stringMatching(/^kind: must be one of physician-letter, /),
			'sections[1]: listed twice',
			'sections[2]: must be one line',
			'sections[3]: required text',
			'examples[0].output: required text'
		]);
	});

	it('rejects what is not an object, and missing lists', () => {
		expect(checkLetterTemplate(null).errors).toEqual(['the template is not an object']);
		expect(checkLetterTemplate([]).ok).toBe(false);
		const { sections: _s, examples: _e, ...bare } = valid;
		expect(checkLetterTemplate(bare).errors).toEqual([
			'sections: must be a list of headings',
			'examples: must be a list (it may be empty)'
		]);
	});
});

describe('parseLetterTemplate', () => {
	it('reads a JSON file, trimming headings and dropping unknown fields', () => {
		const template = parseLetterTemplate(JSON.stringify({ ...valid, extra: 1 }), 'brief.json');
		expect(template.sections).toEqual(['Diagnosen', 'Procedere']);
		expect(template).not.toHaveProperty('extra');
		expect(toLetterTemplate(valid, 'x').examples).toEqual(valid.examples);
	});

	it('throws letters.templateInvalid with the file name and the reason', () => {
		const bad = () => parseLetterTemplate('{"id": 1', 'brief.json');
		expect(bad).toThrow(EnclaveError);
		try {
			bad();
		} catch (err) {
			expect((err as EnclaveError).code).toBe('letters.templateInvalid');
			expect((err as EnclaveError).params).toEqual({
				name: 'brief.json',
				reason: 'not valid JSON'
			});
		}
		expect(() => parseLetterTemplate(JSON.stringify({ ...valid, lang: 'xx' }), 'b.json')).toThrow(
			/letters.templateInvalid/
		);
	});
});
