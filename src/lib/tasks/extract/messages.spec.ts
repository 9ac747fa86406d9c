import { describe, expect, it } from 'vitest';
import { extractMessages, statusDescriptions, statusLabels } from './messages';

const params = { tokens: 5000, max: 4096, reason: 'x: no type given', name: 'vorlage.json' };

describe('extraction messages', () => {
	it('has every code in English and German, filling in the parameters', () => {
		expect(Object.keys(extractMessages.de)).toEqual(Object.keys(extractMessages.en));
		for (const language of ['en', 'de'] as const) {
			for (const message of Object.values(extractMessages[language])) {
				const text = message(params);
				expect(text.length).toBeGreaterThan(40);
				expect(text).not.toMatch(/undefined|\$\{/);
			}
		}
		expect(extractMessages.de['extract.tooLong'](params)).toContain('4096');
		expect(extractMessages.de['extract.tooLong'](params)).toMatch(/größerem Kontextfenster/);
	});

	it('labels and describes all six statuses in both languages', () => {
		const statuses = ['ok', 'unverified', 'incomplete', 'invalid', 'failed', 'cancelled'];
		for (const table of [statusLabels, statusDescriptions])
			for (const language of ['en', 'de'] as const) {
				expect(Object.keys(table[language]).sort()).toEqual([...statuses].sort());
				expect(Object.values(table[language]).every((t) => t.trim().length > 0)).toBe(true);
			}
	});
});
