import { describe, expect, it } from 'vitest';
import {
	buildLetterPrompt,
	buildSummaryMessages,
	guessLanguage,
	headingKey,
	lexicalSimilarity,
	missingSections,
	rankStyleExamples,
	type LetterSource,
	type StyleExample
} from './prompt';
import type { LetterTemplate } from './template';

const template: LetterTemplate = {
	id: 't',
	name: 'Letter',
	lang: 'en',
	kind: 'physician-letter',
	instructions: 'Write a short letter to the family physician.',
	sections: ['Diagnoses', 'Recommendations'],
	examples: []
};

const sources: LetterSource[] = [
	{ id: 'ct', label: 'CT report 14 Mar 2024', text: 'Segmental pulmonary embolism on the right.' },
	{ id: 'empty', label: 'Scan', text: '   ' },
	{ id: 'lab', label: 'Lab', text: 'D-dimer 2.1 mg/l. Troponin negative.' }
];

const base = { template, sources, contextWindow: 8192, maxOutputTokens: 1024 };

describe('buildLetterPrompt', () => {
	it('puts instructions, headings and rules in the system message and the sources, labelled in order, last', () => {
		const prompt = buildLetterPrompt(base);
		const [system, user] = prompt.messages;
		expect(prompt.messages).toHaveLength(2);
		expect(system?.role).toBe('system');
		expect(system?.content).toContain(template.instructions);
		expect(system?.content).toContain('- Diagnoses\n- Recommendations');
		expect(system?.content).toMatch(/Copy numbers, units, dates, drug names, doses/);
		expect(user?.content).toBe(
			'[Source 1: CT report 14 Mar 2024]\nSegmental pulmonary embolism on the right.\n\n' +
				'[Source 2: Lab]\nD-dimer 2.1 mg/l. Troponin negative.\n\n' +
				'Write the physician letter from the sources above.'
		);
		expect(prompt.usedSourceIds).toEqual(['ct', 'lab']);
		expect(prompt.fits).toBe(true);
		expect(prompt.budgetTokens).toBe(8192 - 1024 - 128);
		expect(prompt.promptTokens).toBeGreaterThan(0);
	});

	it('writes German labels and rules for a German template', () => {
		const prompt = buildLetterPrompt({ ...base, template: { ...template, lang: 'de' } });
		expect(prompt.messages[1]?.content).toMatch(/^\[Quelle 1: CT report 14 Mar 2024\]/);
		expect(prompt.messages[1]?.content).toMatch(/Schreibe den Arztbrief aus den obigen Quellen\.$/);
		expect(prompt.messages[0]?.content).toContain('Keine Angaben in den Quellen.');
	});

	it('reports sources that do not fit instead of cutting them', () => {
		const long = { id: 'long', label: 'Long', text: 'word '.repeat(20_000) };
		const prompt = buildLetterPrompt({
			...base,
			sources: [long],
			styleExamples: [{ id: 's', text: 'Dear colleague' }]
		});
		expect(prompt.fits).toBe(false);
		expect(prompt.messages[1]?.content).toContain(long.text.trim());
		expect(prompt.usedExampleIds).toEqual([]);
	});

	it('adds the template’s worked examples as earlier turns while they fit', () => {
		const withExamples = {
			...template,
			examples: [
				{ source: 'Short source.', output: 'Diagnoses\nNone' },
				{ source: 'x'.repeat(30_000), output: 'Too long to fit' }
			]
		};
		const prompt = buildLetterPrompt({ ...base, template: withExamples });
		expect(prompt.templateExamples).toBe(1);
		expect(prompt.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
		expect(prompt.messages[1]?.content).toMatch(/^\[Source 1: Example\]\nShort source\./);
		expect(prompt.messages[2]?.content).toBe('Diagnoses\nNone');
	});

	it('includes the best-fitting house-style examples whole, within the budget', () => {
		const examples: StyleExample[] = [
			{
				id: 'other-kind',
				kind: 'radiology-report',
				text: 'Pulmonary embolism right, D-dimer raised.'
			},
			{
				id: 'german',
				kind: 'physician-letter',
				text: 'Sehr geehrte Frau Kollegin, wir berichten über die Patientin und die Therapie mit dem Mittel.'
			},
			{
				id: 'huge',
				kind: 'physician-letter',
				text: 'Dear Colleague, ' + 'the patient was seen. '.repeat(2000)
			},
			{
				id: 'same-kind',
				kind: 'physician-letter',
				text: 'Dear Colleague, we saw your patient with embolism.'
			}
		];
		const prompt = buildLetterPrompt({ ...base, contextWindow: 4096, styleExamples: examples });
		// Same kind first; the huge one does not fit and is skipped whole; German is left out.
		expect(prompt.usedExampleIds).toEqual(['same-kind', 'other-kind']);
		const system = prompt.messages[0]?.content ?? '';
		expect(system).toContain(
			'<example 1>\nDear Colleague, we saw your patient with embolism.\n</example 1>'
		);
		expect(system).toContain(
			'<example 2>\nPulmonary embolism right, D-dimer raised.\n</example 2>'
		);
		expect(system).not.toContain('the patient was seen.');
		expect(prompt.promptTokens).toBeLessThanOrEqual(prompt.budgetTokens);
		expect(
			buildLetterPrompt({ ...base, styleExamples: examples, maxStyleExamples: 1 }).usedExampleIds
		).toEqual(['same-kind']);
	});

	it('counts with the engine’s tokenizer when given one', () => {
		const words = (text: string) => text.split(/\s+/).length;
		const prompt = buildLetterPrompt({ ...base, countTokens: words });
		const expected = prompt.messages.reduce((sum, m) => sum + words(m.content) + 8, 0);
		expect(prompt.promptTokens).toBe(expected);
	});
});

describe('rankStyleExamples', () => {
	it('orders by kind, then similarity to the sources, then the user’s order', () => {
		const ranked = rankStyleExamples(
			[
				{ id: 'a', text: 'Knee arthroscopy, meniscus repair, physiotherapy.' },
				{ id: 'b', text: 'Pulmonary embolism, D-dimer, anticoagulation.' },
				{ id: 'c', text: 'Knee arthroscopy again.' },
				{ id: 'd', kind: 'physician-letter', text: 'Knee arthroscopy.' },
				{ id: 'e', text: '  ' }
			],
			template,
			sources
		);
		expect(ranked.map((e) => e.id)).toEqual(['d', 'b', 'a', 'c']);
	});
});

describe('language and similarity', () => {
	it('guesses English and German from function words', () => {
		expect(guessLanguage('The patient was admitted with chest pain and dyspnoea.')).toBe('en');
		expect(guessLanguage('Die Patientin wurde mit Thoraxschmerz und Dyspnoe aufgenommen.')).toBe(
			'de'
		);
		expect(guessLanguage('CT Thorax')).toBeNull();
	});

	it('scores shared words', () => {
		expect(lexicalSimilarity('embolism right lung', 'embolism right lung')).toBeCloseTo(1);
		expect(lexicalSimilarity('embolism', 'fracture')).toBe(0);
		expect(lexicalSimilarity('', 'x')).toBe(0);
	});
});

describe('buildSummaryMessages', () => {
	it('asks to summarise one part and to combine several notes, keeping numbers verbatim', () => {
		const one = buildSummaryMessages(template, { inputs: [sources[0]!], level: 1 });
		expect(one[0]?.content).toContain('exactly as written');
		expect(one[1]?.content).toMatch(/^\[Source 1: CT report 14 Mar 2024\]\n/);
		expect(one[1]?.content).toMatch(/Write the notes for this text\.$/);
		const two = buildSummaryMessages(template, { inputs: [sources[0]!, sources[2]!], level: 2 });
		expect(two[1]?.content).toMatch(/Combine these notes/);
		expect(two[1]?.content).toContain('[Source 2: Lab]');
	});
});

describe('missingSections', () => {
	it('finds headings the text lacks, whatever their markup', () => {
		const text = '**Diagnoses:**\n- none\n\n## recommendations\nRest.';
		expect(missingSections(text, ['Diagnoses', 'Recommendations', 'Next appointments'])).toEqual([
			'Next appointments'
		]);
		expect(headingKey('  **Befunde**:  ')).toBe('befunde');
		expect(headingKey('Therapie   und Verlauf:')).toBe('therapie und verlauf');
	});
});
