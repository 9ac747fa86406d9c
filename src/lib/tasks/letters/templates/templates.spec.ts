import { describe, expect, it } from 'vitest';
import { buildLetterPrompt } from '../prompt';
import { checkLetterTemplate, LETTER_KINDS } from '../template';
import { builtInLetterTemplates, findBuiltInLetterTemplate } from './index';

describe('built-in letter templates', () => {
	it.each(builtInLetterTemplates.map((t) => [t.id, t] as const))('%s is valid', (_id, template) => {
		expect(checkLetterTemplate(template)).toEqual({ ok: true, errors: [] });
		expect(template.sections.length).toBeGreaterThanOrEqual(4);
	});

	it('has every kind in English and German, with unique ids', () => {
		const ids = builtInLetterTemplates.map((t) => t.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const lang of ['en', 'de'] as const) {
			const kinds = builtInLetterTemplates.filter((t) => t.lang === lang).map((t) => t.kind);
			expect(kinds.sort()).toEqual([...LETTER_KINDS].sort());
		}
		expect(findBuiltInLetterTemplate('builtin-physician-letter-de')?.kind).toBe('physician-letter');
		expect(findBuiltInLetterTemplate('nope')).toBeUndefined();
	});

	it('writes the German ones in the German medical register', () => {
		const letter = findBuiltInLetterTemplate('builtin-physician-letter-de')!;
		expect(letter.instructions).toContain(
			'Sehr geehrte Frau Kollegin, sehr geehrter Herr Kollege,'
		);
		expect(letter.sections).toEqual(
			expect.arrayContaining([
				'Diagnosen',
				'Anamnese',
				'Befunde',
				'Therapie und Verlauf',
				'Procedere'
			])
		);
		const radiology = findBuiltInLetterTemplate('builtin-radiology-report-de')!;
		expect(radiology.sections).toEqual(expect.arrayContaining(['Befund', 'Beurteilung']));
	});

	it('keeps worked examples in the template’s own section headings', () => {
		for (const template of builtInLetterTemplates) {
			for (const example of template.examples) {
				const lines = example.output.split('\n');
				for (const heading of template.sections) expect(lines, template.id).toContain(heading);
			}
		}
	});

	it.each(builtInLetterTemplates.map((t) => [t.id, t] as const))(
		'%s leaves most of an 8k context window to the sources',
		(_id, template) => {
			const prompt = buildLetterPrompt({
				template,
				sources: [{ id: 'a', label: 'A', text: 'x' }],
				contextWindow: 8192,
				maxOutputTokens: 2048
			});
			expect(prompt.fits).toBe(true);
			expect(prompt.promptTokens).toBeLessThan(1500);
		}
	);
});
