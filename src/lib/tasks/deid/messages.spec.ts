import { describe, expect, it } from 'vitest';
import { deidLabels, deidMessages } from './messages';
import { PHI_TYPES } from './types';

const params = { tokens: 5000, max: 4096, n: 3 };

describe('de-identification messages', () => {
	it('has every code in English and German, filling in the parameters', () => {
		expect(Object.keys(deidMessages.de)).toEqual(Object.keys(deidMessages.en));
		for (const language of ['en', 'de'] as const) {
			for (const message of Object.values(deidMessages[language])) {
				const text = message(params);
				expect(text.length).toBeGreaterThan(40);
				expect(text).not.toMatch(/undefined|\$\{/);
			}
		}
		expect(deidMessages.de['deid.tooLong'](params)).toContain('4096');
		expect(deidMessages.en['deid.exportFail']({ n: 1 })).toMatch(/^One document still contains/);
		expect(deidMessages.de['deid.exportFail'](params)).toMatch(/^3 Dokumente enthalten/);
	});

	it('names every type, action and verdict in both languages', () => {
		const actions = ['remove', 'mask', 'tag', 'surrogate', 'generalise', 'keep'];
		for (const language of ['en', 'de'] as const) {
			const labels = deidLabels[language];
			expect(Object.keys(labels.types)).toEqual([...PHI_TYPES]);
			expect(Object.keys(labels.actions).sort()).toEqual([...actions].sort());
			expect(Object.keys(labels.actionDescriptions).sort()).toEqual([...actions].sort());
			expect(Object.keys(labels.verdicts).sort()).toEqual(['FAIL', 'PASS', 'REVIEW']);
			expect(Object.keys(labels.verdictDescriptions).sort()).toEqual(['FAIL', 'PASS', 'REVIEW']);
			for (const table of Object.values(labels) as Record<string, string>[])
				expect(Object.values(table).every((t) => t.trim().length > 0)).toBe(true);
		}
		expect(deidLabels.de.types.name_patient).toBe('Name Patient(in)');
		expect(deidLabels.en.types.name_patient).toBe('Patient name');
	});
});
