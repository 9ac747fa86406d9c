import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFixtures, FIXTURE_DIR, PDF_PASSWORD } from '../../../scripts/make-fixtures.js';
import { makePdfFromLines, makeTextPdf, REPORT_PAGES } from '../../../scripts/fixture-pdf.js';
import { PAGE_BREAK } from './document';
import { extractPdf } from './pdf-intake';
import { setPdfJsLoader } from './pdfjs';

const fixtures = await buildFixtures();
const fixture = (name: string) => {
	const bytes = fixtures[name];
	if (!bytes) throw new Error(`no fixture ${name}`);
	return bytes;
};
const protectedPdf = () => new Uint8Array(readFileSync(`${FIXTURE_DIR}/protected.pdf`));

beforeAll(() => {
	setPdfJsLoader(() => import('pdfjs-dist/legacy/build/pdf.mjs'));
});

describe('extractPdf', () => {
	it('names the pages of a text PDF that carry no text (a scanned page inside it)', async () => {
		const pdf = await makePdfFromLines([REPORT_PAGES[0]!, [], REPORT_PAGES[2]!]);
		const doc = await extractPdf(pdf, 'mixed.pdf');
		expect(doc.textlessPages).toEqual([2]);
		expect((await extractPdf(fixture('report-3pages.pdf'), 'r.pdf')).textlessPages).toBeUndefined();
	});

	it('joins pages with a page break and lines with newlines', async () => {
		const doc = await extractPdf(fixture('report-3pages.pdf'), 'report-3pages.pdf');
		expect(doc.type).toBe('pdf');
		expect(doc.text).toBe(REPORT_PAGES.map((lines) => lines.join('\n')).join(PAGE_BREAK));
		expect(doc.text).toContain('Röntgen-Kontrolle');
		expect(doc.text).toContain('Grüßen');
	});

	it('records page ranges, sizes and item boxes that point into the text', async () => {
		const doc = await extractPdf(fixture('report-3pages.pdf'), 'report-3pages.pdf');
		expect(doc.pages).toHaveLength(3);
		doc.pages.forEach((page, i) => {
			const lines = REPORT_PAGES[i] ?? [];
			expect(page.number).toBe(i + 1);
			expect(page.width).toBeCloseTo(595.28);
			expect(page.height).toBeCloseTo(841.89);
			expect(doc.text.slice(page.start, page.end)).toBe(lines.join('\n'));
			expect(page.items.map((item) => doc.text.slice(item.start, item.end))).toEqual(lines);
			for (const [j, item] of page.items.entries()) {
				expect(item.x).toBeCloseTo(56);
				expect(item.y).toBeCloseTo(841.89 - 56 - 15 * j);
				expect(item.width).toBeGreaterThan(100);
				expect(item.height).toBeCloseTo(11);
			}
		});
		expect(doc.text[doc.pages[1]!.start - 1]).toBe(PAGE_BREAK);
	});

	it('reports progress per page and leaves the caller’s bytes usable', async () => {
		const bytes = fixture('report-3pages.pdf');
		const length = bytes.length;
		const calls: [number, number][] = [];
		await extractPdf(bytes, 'report-3pages.pdf', { onProgress: (d, t) => calls.push([d, t]) });
		expect(calls).toEqual([
			[0, 3],
			[1, 3],
			[2, 3],
			[3, 3]
		]);
		expect(bytes.length).toBe(length);
	});

	it('reads a long generated PDF', async () => {
		const doc = await extractPdf(await makeTextPdf(12), 'long.pdf');
		expect(doc.pages).toHaveLength(12);
		expect(doc.text.split(PAGE_BREAK)).toHaveLength(12);
		expect(doc.text.slice(doc.pages[11]!.start)).toMatch(/^Seite 12 von 12\n1\. /);
	});

	it('asks for a password, rejects a wrong one and opens with the right one', async () => {
		const name = 'protected.pdf';
		await expect(extractPdf(protectedPdf(), name)).rejects.toMatchObject({
			code: 'intake.pdfPassword',
			params: { name }
		});
		await expect(extractPdf(protectedPdf(), name, { password: 'wrong' })).rejects.toMatchObject({
			code: 'intake.pdfPasswordWrong',
			params: { name }
		});
		const doc = await extractPdf(protectedPdf(), name, { password: PDF_PASSWORD });
		expect(doc.pages).toHaveLength(3);
		expect(doc.text).toBe(REPORT_PAGES.map((lines) => lines.join('\n')).join(PAGE_BREAK));
	});

	it('recognises a scan without text', async () => {
		await expect(extractPdf(fixture('scanned.pdf'), 'scanned.pdf')).rejects.toMatchObject({
			code: 'intake.pdfNoText',
			params: { name: 'scanned.pdf', pages: 1 }
		});
	});

	it('reports damaged PDFs as corrupt', async () => {
		await expect(extractPdf(fixture('corrupt.pdf'), 'corrupt.pdf')).rejects.toMatchObject({
			code: 'intake.pdfCorrupt',
			params: { name: 'corrupt.pdf' }
		});
		await expect(extractPdf(fixture('binary.txt'), 'x.pdf')).rejects.toMatchObject({
			code: 'intake.pdfCorrupt'
		});
	});
});
