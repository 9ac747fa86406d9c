import { beforeAll, describe, expect, it } from 'vitest';
import { buildFixtures, SCANNED_TEXT } from '../../../scripts/make-fixtures.js';
import { spansToBoxes } from '$lib/tasks/deid/pdf/boxes';
import { redactPdf } from '$lib/tasks/deid/pdf/redact-pdf';
import { PAGE_BREAK, type ExtractedDocument } from './document';
import { extractPdf } from './pdf-intake';
import { ocrPdf, setOcrAssets } from './ocr';
import { useNodeOcr, useNodeRendering } from './pdf-render-node';

const fixtures = await buildFixtures();
const scan = fixtures['scanned-text.pdf']!;

beforeAll(() => {
	useNodeRendering();
	useNodeOcr();
});

/** The run of the first word that reads `word`. */
function itemOf(doc: ExtractedDocument, word: string) {
	for (const page of doc.pages) {
		const item = page.items.find((i) => doc.text.slice(i.start, i.end) === word);
		if (item) return { page, item };
	}
	throw new Error(`"${word}" not recognised in: ${doc.text}`);
}

describe('ocrPdf', () => {
	let doc: ExtractedDocument;
	const progress: [number, number][] = [];

	beforeAll(async () => {
		doc = await ocrPdf(scan, { name: 'scan.pdf', onProgress: (d, t) => progress.push([d, t]) });
	}, 120_000);

	it('reads the printed words of every page, turned pages upright', () => {
		const [first = '', second = ''] = doc.text.split(PAGE_BREAK);
		for (const line of SCANNED_TEXT.page1) expect(first).toContain(line);
		for (const line of SCANNED_TEXT.page2) expect(second).toContain(line);
		expect(progress).toEqual([
			[0, 2],
			[1, 2],
			[2, 2]
		]);
		expect(doc.type).toBe('pdf');
		expect(doc.pages.map((p) => [p.width, p.height].map(Math.round))).toEqual([
			[595, 842],
			[842, 595]
		]);
		for (const page of doc.pages) {
			for (const item of page.items) {
				expect(item.start).toBeGreaterThanOrEqual(page.start);
				expect(item.end).toBeLessThanOrEqual(page.end);
			}
		}
	});

	it('boxes each word where it is printed, in PDF user space', () => {
		const { fontSize, margin, lineHeight } = SCANNED_TEXT;
		// Line 3 of page 1: its baseline sits margin + fontSize + 2 line heights below the top.
		const baseline = 841.89 - (margin + fontSize + 2 * lineHeight);
		const { item } = itemOf(doc, 'Mustermann,');
		expect(item.y).toBeGreaterThan(baseline - 4);
		expect(item.y).toBeLessThan(baseline + 4);
		expect(item.height).toBeGreaterThan(fontSize * 0.5);
		expect(item.height).toBeLessThan(fontSize * 1.2);
		const patient = itemOf(doc, 'Patient:').item;
		expect(patient.x).toBeGreaterThan(margin - 2);
		expect(patient.x).toBeLessThan(margin + 3);
		expect(item.x).toBeGreaterThan(patient.x + patient.width);
		// Page 2 is stored sideways with /Rotate 90: its user space runs up the displayed page.
		const rotated = doc.pages[1]!.items.find((i) => doc.text.slice(i.start, i.end) === 'CRP')!;
		expect(rotated.height).toBeGreaterThan(rotated.width);
		expect(rotated.x).toBeGreaterThan(margin + lineHeight - 4);
		expect(rotated.x).toBeLessThan(margin + fontSize + lineHeight + 4);
	});

	it('feeds redaction like a text PDF', async () => {
		const spans = [...doc.text.matchAll(/Max Mustermann|01\.02\.1960/g)].map((m) => ({
			start: m.index,
			end: m.index + m[0].length
		}));
		expect(spans).toHaveLength(3);
		const removed = ['Max Mustermann', '01.02.1960'];
		const out = await redactPdf(scan, spansToBoxes(spans, doc.pages), {
			removed,
			layout: doc,
			textLayer: doc.text.replace(/Max Mustermann|01\.02\.1960/g, '[X]').split(PAGE_BREAK)
		});
		const redacted = await extractPdf(out, 'out.pdf');
		expect(redacted.text).toContain('Patient: [X], geb. [X]');
		// Without the box on page 2 the name is still in the picture: refused.
		const firstPageOnly = spansToBoxes(spans, doc.pages).filter((b) => b.page === 1);
		await expect(redactPdf(scan, firstPageOnly, { removed, layout: doc })).rejects.toMatchObject({
			code: 'deid.pdfLeak',
			params: { page: 2, reason: 'uncovered' }
		});
	}, 60_000);
});

describe('ocrPdf failures', () => {
	it('says when the engine cannot load its files', async () => {
		setOcrAssets({ langPath: '/nonexistent' });
		try {
			await expect(ocrPdf(scan, { name: 'scan.pdf' })).rejects.toMatchObject({
				code: 'documents.ocrFailed',
				params: { name: 'scan.pdf' }
			});
		} finally {
			useNodeOcr();
		}
	}, 60_000);

	it('says when a scan holds no text', async () => {
		await expect(ocrPdf(fixtures['scanned.pdf']!, { name: 'stripes.pdf' })).rejects.toMatchObject({
			code: 'documents.ocrNoText',
			params: { name: 'stripes.pdf', pages: 1 }
		});
	}, 60_000);

	it('stops when aborted and reports damaged files like intake', async () => {
		const controller = new AbortController();
		const running = ocrPdf(scan, { signal: controller.signal });
		controller.abort();
		await expect(running).rejects.toMatchObject({ name: 'AbortError' });
		await expect(ocrPdf(fixtures['corrupt.pdf']!, { name: 'x.pdf' })).rejects.toMatchObject({
			code: 'intake.pdfCorrupt'
		});
	}, 60_000);
});
