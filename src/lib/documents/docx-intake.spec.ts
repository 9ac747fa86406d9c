import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { DOCX_PARAGRAPHS, makeDocx } from '../../../scripts/make-fixtures.js';
import { extractDocx } from './docx-intake';

describe('extractDocx', () => {
	it('returns the paragraphs with umlauts, separated by blank lines', async () => {
		const doc = await extractDocx(await makeDocx(), 'letter.docx');
		expect(doc).toEqual({ text: DOCX_PARAGRAPHS.join('\n\n'), type: 'docx', pages: [] });
		expect(doc.text).toContain('Überprüfung');
		expect(doc.text).toContain('Größmann');
	});

	it('reports a zip without a Word document as corrupt', async () => {
		const zip = new JSZip();
		zip.file('hello.txt', 'not a document');
		const bytes = await zip.generateAsync({ type: 'uint8array' });
		await expect(extractDocx(bytes, 'fake.docx')).rejects.toMatchObject({
			code: 'intake.docxCorrupt',
			params: { name: 'fake.docx' }
		});
	});

	it('reports truncated and non-zip files as corrupt', async () => {
		const docx = await makeDocx();
		await expect(extractDocx(docx.slice(0, 300), 'cut.docx')).rejects.toMatchObject({
			code: 'intake.docxCorrupt'
		});
		await expect(
			extractDocx(new TextEncoder().encode('plain text'), 'text.docx')
		).rejects.toMatchObject({ code: 'intake.docxCorrupt' });
	});

	it('tells encrypted or old-format Word files apart', async () => {
		const ole = new Uint8Array(512);
		ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
		await expect(extractDocx(ole, 'locked.docx')).rejects.toMatchObject({
			code: 'intake.docxProtected',
			params: { name: 'locked.docx' }
		});
	});
});
