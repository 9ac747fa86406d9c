import { readFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	buildFixtures,
	FIXTURE_DIR,
	FORM_PDF,
	PDF_PASSWORD
} from '../../../../../scripts/make-fixtures.js';
import { REPORT_PAGES } from '../../../../../scripts/fixture-pdf.js';
import { PAGE_BREAK, type ExtractedDocument } from '$lib/documents/document';
import { extractPdf } from '$lib/documents/pdf-intake';
import { openPdfForRendering, renderPage, type Pixels } from '$lib/documents/pdf-render';
import { useNodeRendering } from '$lib/documents/pdf-render-node';
import { spansToBoxes, type CharSpan, type LaidOutItem, type PdfBox } from './boxes';
import { containsRemoved, redactPdf, REDACTED_TITLE, toWinAnsi } from './redact-pdf';

const fixtures = await buildFixtures();
const fixture = (name: string) => {
	const bytes = fixtures[name];
	if (!bytes) throw new Error(`no fixture ${name}`);
	return bytes;
};

beforeAll(() => {
	useNodeRendering();
});

function spansOf(text: string, ...needles: string[]): CharSpan[] {
	const spans: CharSpan[] = [];
	for (const needle of needles) {
		for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
			spans.push({ start: at, end: at + needle.length });
		}
	}
	return spans;
}

/** What a de-identified text layer looks like: every removed string replaced by a tag. */
function redactedPages(doc: ExtractedDocument, removed: string[]): string[] {
	let text = doc.text;
	for (const r of removed) text = text.split(r).join('[REMOVED]');
	return text.split(PAGE_BREAK);
}

async function textOf(pdf: Uint8Array): Promise<string> {
	const doc = await extractPdf(pdf, 'out.pdf');
	return doc.text;
}

async function renderAt(pdf: Uint8Array, number: number, dpi = 150) {
	const opened = await openPdfForRendering(pdf);
	try {
		const page = await opened.doc.getPage(number);
		const rendered = await renderPage(page, opened.pdfjs, dpi);
		const { width, height } = rendered.canvas;
		return { pixels: rendered.context.getImageData(0, 0, width, height), rendered };
	} finally {
		await opened.close();
	}
}

/** Mean luminance of a region given in PDF points from the top left of the displayed page. */
function meanLuminance(px: Pixels, dpi: number, x: number, top: number, w: number, h: number) {
	const s = dpi / 72;
	let sum = 0;
	let n = 0;
	for (let y = Math.round(top * s); y < Math.round((top + h) * s); y++) {
		for (let xx = Math.round(x * s); xx < Math.round((x + w) * s); xx++) {
			const i = (y * px.width + xx) * 4;
			sum += (px.data[i]! + px.data[i + 1]! + px.data[i + 2]!) / 3;
			n++;
		}
	}
	return sum / n;
}

describe('redactPdf on a text PDF', () => {
	const removed = ['Max Mustermann', '01.02.1960', 'Erika Beispiel'];

	it('leaves the removed strings out of the file and keeps the rest searchable', async () => {
		const input = fixture('report-3pages.pdf');
		const doc = await extractPdf(input, 'report.pdf');
		const boxes = spansToBoxes(spansOf(doc.text, ...removed), doc.pages);
		const progress: number[] = [];
		const out = await redactPdf(input, boxes, {
			removed,
			textLayer: redactedPages(doc, removed),
			onProgress: (done) => progress.push(done)
		});
		expect(progress).toEqual([0, 1, 2, 3]);
		const text = await textOf(out);
		for (const r of removed) expect(text).not.toContain(r);
		expect(containsRemoved(text, removed)).toBe(false);
		expect(text).toContain('Ambulant erworbene Pneumonie');
		expect(text).toContain('Röntgen-Kontrolle');
		expect(text).toContain('Patient: [REMOVED], geb. [REMOVED]');
		// Nothing of the original's fonts or text objects travels along.
		const raw = new TextDecoder('latin1').decode(out);
		expect(raw).not.toContain('Mustermann');
		expect(raw).not.toContain('/FontFile');

		// The picture shows a black box where the name was and the rest as it was.
		const { pixels } = await renderAt(out, 1);
		// Lines start 56 points from the top, 15 apart; their capitals reach 11 points up.
		const line2Top = 56 + 15 - 11;
		const nameX = 56 + 40; // "Patient: " is about 40 points wide at 11 pt
		expect(meanLuminance(pixels, 150, nameX + 5, line2Top + 2, 60, 7)).toBeLessThan(10);
		expect(meanLuminance(pixels, 150, 56, line2Top - 15, 120, 9)).toBeGreaterThan(150);
		const original = await renderAt(input, 1);
		const diagnose = (px: Pixels) => meanLuminance(px, 150, 56, line2Top + 15, 250, 11);
		// Drawn again from a picture at the same resolution, the text only blurs a little.
		expect(diagnose(original.pixels)).toBeLessThan(235);
		expect(Math.abs(diagnose(pixels) - diagnose(original.pixels))).toBeLessThan(10);
	});

	it('covers a name deep in a long line, where counting characters is off', async () => {
		const input = fixture('report-3pages.pdf');
		const doc = await extractPdf(input, 'report.pdf');
		const line = REPORT_PAGES[2]![2]!;
		expect(line).toContain('Erika Beispiel');
		const boxes = spansToBoxes(spansOf(doc.text, 'Erika Beispiel'), doc.pages);
		expect(boxes).toHaveLength(1);
		expect(boxes[0]!.estimatedAxis).toBe('x');
		const out = await redactPdf(input, boxes, { removed: ['Erika Beispiel'] });
		const { pixels } = await renderAt(out, 3);
		// "med." right before the name is still there.
		const top = 56 + 2 * 15 - 11;
		const box = boxes[0]!;
		expect(meanLuminance(pixels, 150, box.x + 4, top + 2, box.width - 8, 7)).toBeLessThan(10);
		expect(meanLuminance(pixels, 150, box.x - 22, top + 2, 18, 9)).toBeGreaterThan(150);
		expect(meanLuminance(pixels, 150, box.x - 22, top + 2, 18, 9)).toBeLessThan(250);
	});

	it('refuses when an occurrence has no box', async () => {
		const input = fixture('report-3pages.pdf');
		const doc = await extractPdf(input, 'report.pdf');
		const boxes = spansToBoxes(spansOf(doc.text, '01.02.1960'), doc.pages);
		await expect(
			redactPdf(input, boxes, { removed: ['01.02.1960', 'Mustermann'] })
		).rejects.toMatchObject({
			code: 'deid.pdfLeak',
			params: { page: 1, reason: 'uncovered' }
		});
	});

	it('refuses when a box covers only part of a removed string', async () => {
		const input = fixture('report-3pages.pdf');
		const doc = await extractPdf(input, 'report.pdf');
		const boxes = spansToBoxes(spansOf(doc.text, 'Max'), doc.pages);
		await expect(redactPdf(input, boxes, { removed: ['Max Mustermann'] })).rejects.toMatchObject({
			code: 'deid.pdfLeak'
		});
	});

	it('refuses a text layer that still holds a removed string', async () => {
		const input = fixture('report-3pages.pdf');
		const doc = await extractPdf(input, 'report.pdf');
		const boxes = spansToBoxes(spansOf(doc.text, 'Mustermann'), doc.pages);
		await expect(
			redactPdf(input, boxes, {
				removed: ['Mustermann'],
				textLayer: ['Patient: Max MUSTERMANN', '', '']
			})
		).rejects.toMatchObject({ code: 'deid.pdfLeak', params: { page: 1, reason: 'textLayer' } });
	});

	it('opens protected files with their password and says when one is needed', async () => {
		const input = new Uint8Array(readFileSync(`${FIXTURE_DIR}/protected.pdf`));
		await expect(redactPdf(input, [], { removed: [] })).rejects.toMatchObject({
			code: 'deid.pdfPassword'
		});
		await expect(redactPdf(input, [], { removed: [], password: 'wrong' })).rejects.toMatchObject({
			code: 'deid.pdfPasswordWrong'
		});
		const out = await redactPdf(input, [], { removed: [], password: PDF_PASSWORD });
		expect((await PDFDocument.load(out)).getPageCount()).toBe(3);
	});

	it('rejects boxes on pages the file does not have and stops when aborted', async () => {
		const input = fixture('report-3pages.pdf');
		const box: PdfBox = { page: 4, x: 0, y: 0, width: 10, height: 10 };
		await expect(redactPdf(input, [box], { removed: [] })).rejects.toThrow(RangeError);
		const controller = new AbortController();
		controller.abort();
		await expect(
			redactPdf(input, [], { removed: [], signal: controller.signal })
		).rejects.toMatchObject({ name: 'AbortError' });
	});
});

describe('redactPdf on photo-like pages', () => {
	it('stores them as JPEG, which keeps the file small, and the boxes black', async () => {
		// A page-filling colour picture of noise: the worst case for lossless compression.
		const { createCanvas } = await import('@napi-rs/canvas');
		const canvas = createCanvas(600, 800);
		const ctx = canvas.getContext('2d');
		const noise = ctx.createImageData(600, 800);
		let seed = 7;
		for (let i = 0; i < noise.data.length; i++) {
			seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
			noise.data[i] = i % 4 === 3 ? 255 : seed >>> 24;
		}
		ctx.putImageData(noise, 0, 0);
		const doc = await PDFDocument.create();
		const image = await doc.embedPng(new Uint8Array(await canvas.encode('png')));
		doc.addPage([595.28, 841.89]).drawImage(image, { x: 0, y: 0, width: 595.28, height: 841.89 });
		const input = await doc.save();
		const box: PdfBox = { page: 1, x: 100, y: 400, width: 200, height: 50 };
		const out = await redactPdf(input, [box], { removed: [] });
		expect(new TextDecoder('latin1').decode(out)).toContain('/DCTDecode');
		// Lossless, the 1241 × 1754 RGB page would take about 6.5 MB.
		expect(out.length).toBeLessThan(2_500_000);
		const { pixels } = await renderAt(out, 1);
		expect(meanLuminance(pixels, 150, 110, 841.89 - 440, 180, 30)).toBeLessThan(12);
	});
});

describe('redactPdf on forms, metadata and rotated pages', () => {
	const removed = [FORM_PDF.patient, '12.03.1971'];
	// Drawn by hand a little larger than the field, border included.
	const { x, y, width, height } = FORM_PDF.field;
	const fieldBox: PdfBox = { page: 1, x: x - 3, y: y - 3, width: width + 6, height: height + 6 };

	/** Intake's runs plus their direction, as pdf.js reports it. */
	async function layoutWithAngles(input: Uint8Array): Promise<ExtractedDocument> {
		const doc = await extractPdf(input, 'form.pdf');
		const opened = await openPdfForRendering(input);
		try {
			for (const page of doc.pages) {
				const content = await (await opened.doc.getPage(page.number)).getTextContent();
				const transforms = content.items.flatMap((i) =>
					'str' in i && i.str ? [i.transform as number[]] : []
				);
				page.items.forEach((item, k) => {
					const [a = 1, b = 0] = transforms[k] ?? [];
					(item as LaidOutItem).angle = Math.round((Math.atan2(b, a) * 180) / Math.PI);
				});
			}
		} finally {
			await opened.close();
		}
		return doc;
	}

	it('flattens the form, drops metadata and keeps the rotated page upright', async () => {
		const input = fixture('form-rotated.pdf');
		const doc = await layoutWithAngles(input);
		const boxes = [...spansToBoxes(spansOf(doc.text, ...removed), doc.pages), fieldBox];
		expect(boxes.filter((b) => b.page === 2)).toHaveLength(1);
		expect(boxes.find((b) => b.page === 2)?.estimatedAxis).toBe('y');
		const out = await redactPdf(input, boxes, {
			removed,
			textLayer: redactedPages(doc, removed),
			layout: doc
		});

		const raw = new TextDecoder('latin1').decode(out);
		expect(raw).not.toMatch(/Musterfrau|AcroForm|Beispiel/);
		const opened = await openPdfForRendering(out);
		try {
			expect(await opened.doc.getFieldObjects()).toBeNull();
			const { info, metadata } = (await opened.doc.getMetadata()) as {
				info: Record<string, unknown>;
				metadata: unknown;
			};
			expect(metadata).toBeNull();
			expect(info.Title).toBe(REDACTED_TITLE);
			expect(info.Author).toBeUndefined();
			expect(info.Subject).toBeUndefined();
			expect(info.Keywords).toBeUndefined();
			expect(info.Producer).toBe('Enclave');
			const second = await opened.doc.getPage(2);
			expect(second.rotate).toBe(0);
			const { width, height } = second.getViewport({ scale: 1 });
			expect(width).toBeCloseTo(841.89, 0);
			expect(height).toBeCloseTo(595.28, 0);
		} finally {
			await opened.close();
		}
		const text = await textOf(out);
		expect(containsRemoved(text, removed)).toBe(false);
		expect(text).toContain('kein Anhalt für Malignität');

		// Page 2 looks as the original shows it: upright text where it was, the name blacked out.
		// Turned clockwise for display, user y runs left to right and user x top to bottom.
		const before = (await renderAt(input, 2)).pixels;
		const after = (await renderAt(out, 2)).pixels;
		expect([after.width, after.height]).toEqual([before.width, before.height]);
		const befund = (px: Pixels) => meanLuminance(px, 150, 82, 90, 100, 8);
		expect(befund(before)).toBeLessThan(235);
		expect(Math.abs(befund(after) - befund(before))).toBeLessThan(10);
		const nameBox = boxes.find((b) => b.page === 2)!;
		expect(nameBox.height).toBeGreaterThan(nameBox.width);
		const name = (px: Pixels) =>
			meanLuminance(px, 150, nameBox.y + 3, nameBox.x + 3, nameBox.height - 6, nameBox.width - 6);
		expect(name(before)).toBeGreaterThan(150);
		expect(name(after)).toBeLessThan(10);
	});

	it('refuses while the form field still shows the name', async () => {
		const input = fixture('form-rotated.pdf');
		const doc = await extractPdf(input, 'form.pdf');
		// Every box but the one over the field's value, whose text intake now reads too.
		const fieldStart = doc.text.indexOf(FORM_PDF.patient, doc.text.indexOf(FORM_PDF.patient) + 1);
		const spans = spansOf(doc.text, ...removed).filter((s) => s.start !== fieldStart);
		const boxes = spansToBoxes(spans, doc.pages);
		await expect(redactPdf(input, boxes, { removed })).rejects.toMatchObject({
			code: 'deid.pdfLeak',
			params: { page: 1, reason: 'formField' }
		});
	});

	it('intake reads field values and the direction of turned text, so its boxes suffice', async () => {
		const input = fixture('form-rotated.pdf');
		const doc = await extractPdf(input, 'form.pdf');
		expect(
			doc.pages[0]!.items.some((i) => doc.text.slice(i.start, i.end) === FORM_PDF.patient)
		).toBe(true);
		expect(doc.pages[1]!.items.some((i) => i.angle !== undefined)).toBe(true);
		const boxes = spansToBoxes(spansOf(doc.text, ...removed), doc.pages);
		// redactPdf verifies its output and throws on any leak.
		await expect(redactPdf(input, boxes, { removed, layout: doc })).resolves.toBeInstanceOf(
			Uint8Array
		);
	});
});

describe('toWinAnsi', () => {
	it('keeps German and Western text and spells out what the standard fonts lack', () => {
		expect(toWinAnsi('Größe „gut“ – 10 € µg')).toBe('Größe „gut“ – 10 € µg');
		expect(toWinAnsi('Na ≥ 135, α-Blocker, γ-GT\t↑')).toBe('Na >= 135, alpha-Blocker, gamma-GT ^');
		expect(toWinAnsi('Dvořák Łukasz 東')).toBe('Dvorák ?ukasz ?');
		expect(toWinAnsi('a\u0000b\u200bc')).toBe('abc');
	});
});

describe('containsRemoved', () => {
	it('ignores case, accents and spacing but not word boundaries', () => {
		expect(containsRemoved('Pat.: MAX  Mustermann', ['Max Mustermann'])).toBe(true);
		expect(containsRemoved('Herr Muller', ['Müller'])).toBe(true);
		expect(containsRemoved('Maximal 5 mg', ['Max'])).toBe(false);
		expect(containsRemoved('ID 1234567', ['123456'])).toBe(false);
		expect(containsRemoved('Tel. +49 30 1234', ['+49 30 1234'])).toBe(true);
		expect(containsRemoved('anything', ['', '  '])).toBe(false);
	});
});
