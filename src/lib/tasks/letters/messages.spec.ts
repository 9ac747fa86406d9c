import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	letterKindNames,
	lettersMessages,
	progressLabels,
	stopReasonDescriptions,
	stopReasonLabels
} from './messages';
import { LETTER_KINDS } from './template';

const params = {
	tokens: 9000,
	max: 8192,
	parts: 140,
	name: 'brief.json',
	reason: 'lang: must be "en" or "de"',
	label: 'CT report, part 2 of 3',
	file: 'pairs.csv',
	column: 'note',
	columns: 'dialogue, summary'
};

describe('letters messages', () => {
	it('has every code in English and German, filling in the parameters', () => {
		expect(Object.keys(lettersMessages.de)).toEqual(Object.keys(lettersMessages.en));
		for (const language of ['en', 'de'] as const) {
			for (const message of Object.values(lettersMessages[language])) {
				const text = message(params);
				expect(text.length).toBeGreaterThan(40);
				expect(text).not.toMatch(/undefined|\$\{/);
			}
		}
		expect(lettersMessages.de['letters.tooLong'](params)).toContain('8192');
	});

	it('has a message for every code the letters code throws', () => {
		const thrown = new Set<string>();
		for (const file of [
			'pipeline.ts',
			'map-reduce.ts',
			'template.ts',
			'../../eval/summarization/pairs.ts'
		]) {
			const source = readFileSync(new URL(file, import.meta.url), 'utf8');
			for (const m of source.matchAll(/EnclaveError\('(letters\.[A-Za-z]+)'/g)) thrown.add(m[1]!);
		}
		expect(thrown.size).toBeGreaterThan(5);
		for (const code of thrown) expect(Object.keys(lettersMessages.en), code).toContain(code);
	});

	it('names every stop reason, kind and stage in both languages', () => {
		for (const language of ['en', 'de'] as const) {
			for (const table of [stopReasonLabels, stopReasonDescriptions])
				expect(Object.keys(table[language]).sort()).toEqual([
					'cancelled',
					'done',
					'error',
					'length',
					'repetition'
				]);
			expect(Object.keys(letterKindNames[language]).sort()).toEqual([...LETTER_KINDS].sort());
			expect(Object.keys(progressLabels[language]).sort()).toEqual(['map', 'reduce']);
		}
	});
});
