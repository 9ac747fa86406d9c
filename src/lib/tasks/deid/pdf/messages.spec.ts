import { describe, expect, it } from 'vitest';
import { ocrMessages } from '$lib/documents/ocr-messages';
import { deidPdfMessages } from './messages';

describe('deidPdfMessages and ocrMessages', () => {
	it('word the same codes in English and German', () => {
		for (const messages of [deidPdfMessages, ocrMessages]) {
			expect(Object.keys(messages.de).sort()).toEqual(Object.keys(messages.en).sort());
		}
	});

	it('name the page and the kind of leak, with no placeholder left', () => {
		for (const reason of ['uncovered', 'formField', 'textLayer']) {
			for (const [lang, messages] of Object.entries(deidPdfMessages)) {
				const text = messages['deid.pdfLeak']({ page: 7, reason });
				expect(text, `${lang} ${reason}`).toContain('7');
				expect(text).not.toMatch(/undefined|NaN|\$\{/);
			}
		}
		expect(deidPdfMessages.de['deid.pdfLeak']({ page: 0, reason: 'structure' })).toContain(
			'Metadaten'
		);
	});

	it('name the scanned file and count its pages', () => {
		const params = { name: 'Scan Müller.pdf', pages: 1 };
		for (const messages of Object.values(ocrMessages)) {
			for (const message of Object.values(messages)) {
				expect(message(params)).toContain('Scan Müller.pdf');
				expect(message(params)).not.toMatch(/undefined|NaN|\$\{/);
			}
		}
		expect(ocrMessages.en['documents.ocrNoText']({ name: 'a.pdf', pages: 3 })).toContain('3 pages');
		expect(ocrMessages.de['documents.ocrNoText']({ name: 'a.pdf', pages: 1 })).toContain(
			'der einen Seite'
		);
	});
});
