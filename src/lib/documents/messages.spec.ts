import { describe, expect, it } from 'vitest';
import { INTAKE_ERROR_CODES } from './intake-errors';
import { documentMessages } from './messages';

const params = { name: 'Brief Müller.pdf', ext: '.png', sizeMb: 61.5, limitMb: 50, pages: 3 };

describe('documentMessages', () => {
	it('words every intake error code in English and German', () => {
		expect(Object.keys(documentMessages.en).sort()).toEqual([...INTAKE_ERROR_CODES].sort());
		expect(Object.keys(documentMessages.de).sort()).toEqual([...INTAKE_ERROR_CODES].sort());
	});

	it('names the file and leaves no placeholder unfilled', () => {
		for (const messages of Object.values(documentMessages)) {
			for (const message of Object.values(messages)) {
				const text = message(params);
				expect(text).toContain('Brief Müller.pdf');
				expect(text).not.toMatch(/undefined|NaN|\$\{/);
			}
		}
	});

	it('formats numbers and plurals per language', () => {
		expect(documentMessages.de['intake.tooLarge'](params)).toContain('61,5 MB');
		expect(documentMessages.en['intake.tooLarge'](params)).toContain('61.5 MB');
		expect(documentMessages.en['intake.pdfNoText']({ name: 'a.pdf', pages: 1 })).toContain(
			'1 page '
		);
		expect(documentMessages.de['intake.pdfNoText']({ name: 'a.pdf', pages: 2 })).toContain(
			'2 Seiten'
		);
	});
});
