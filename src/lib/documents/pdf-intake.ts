import type { PDFDocumentProxy } from 'pdfjs-dist';
import type { TextContent } from 'pdfjs-dist/types/src/display/api';
import { PAGE_BREAK, type ExtractedDocument, type PageInfo, type TextItem } from './document';
import { IntakeError } from './intake-errors';
import { loadPdfJs, type PdfJs } from './pdfjs';

export interface PdfOptions {
	password?: string;
	onProgress?: (donePages: number, totalPages: number) => void;
}

/** Fewer visible characters per page than this on average means a scan without a text layer. */
const MIN_CHARS_PER_PAGE = 8;

/** Appends text while tracking the offset, so items and pages can point into the final string. */
class TextBuilder {
	private parts: string[] = [];
	offset = 0;

	push(s: string): void {
		this.parts.push(s);
		this.offset += s.length;
	}

	dropTrailingNewline(): void {
		if (this.parts.at(-1) === '\n') {
			this.parts.pop();
			this.offset -= 1;
		}
	}

	toString(): string {
		return this.parts.join('');
	}
}

/**
 * Lays out one page in pdf.js item order: a line break where pdf.js marks one (hasEOL) or the
 * baseline moves by more than half a line, never two in a row. Returns the count of visible
 * characters, to tell scans from text PDFs.
 */
function appendPage(out: TextBuilder, content: TextContent, items: TextItem[]): number {
	let visible = 0;
	let atLineStart = true;
	let lastY: number | undefined;
	let lastHeight = 0;
	for (const item of content.items) {
		if (!('str' in item)) continue;
		const [a = 1, b = 0, c = 0, d = 0, x = 0, y = 0] = item.transform as number[];
		const height = item.height || Math.hypot(c, d);
		// The run's direction: redaction boxes of turned text must turn with it.
		const angle = Math.round((Math.atan2(b, a) * 180) / Math.PI);
		if (item.str) {
			const moved = lastY !== undefined && Math.abs(y - lastY) > Math.max(height, lastHeight) / 2;
			if (moved && !atLineStart) out.push('\n');
			items.push({
				start: out.offset,
				end: out.offset + item.str.length,
				x,
				y,
				width: item.width,
				height,
				...(angle !== 0 ? { angle } : {})
			});
			out.push(item.str);
			visible += item.str.replace(/\s+/g, '').length;
			atLineStart = false;
			lastY = y;
			lastHeight = height;
		}
		if (item.hasEOL && !atLineStart) {
			out.push('\n');
			atLineStart = true;
		}
	}
	out.dropTrailingNewline();
	return visible;
}

interface FormField {
	value: string;
	rect: [number, number, number, number];
}

/** Filled-in form fields: their values are not page text, but they are on the page. */
function formFields(annotations: unknown[]): FormField[] {
	const fields: FormField[] = [];
	for (const a of annotations as { subtype?: string; fieldValue?: unknown; rect?: number[] }[]) {
		const value = typeof a.fieldValue === 'string' ? a.fieldValue.trim() : '';
		if (a.subtype !== 'Widget' || !value || a.rect?.length !== 4) continue;
		fields.push({ value, rect: a.rect as FormField['rect'] });
	}
	return fields;
}

/** Each field value as a line of its own, with the field's rectangle as its box. */
function appendFields(out: TextBuilder, fields: FormField[], items: TextItem[]): number {
	let visible = 0;
	for (const { value, rect } of fields) {
		if (out.offset > 0) out.push('\n');
		const [x1, y1, x2, y2] = rect;
		items.push({
			start: out.offset,
			end: out.offset + value.length,
			x: Math.min(x1, x2),
			y: Math.min(y1, y2),
			width: Math.abs(x2 - x1),
			height: Math.abs(y2 - y1)
		});
		out.push(value);
		visible += value.replace(/\s+/g, '').length;
	}
	return visible;
}

function openError(err: unknown, name: string, pdfjs: PdfJs): IntakeError {
	// By name: the modern and legacy builds each have their own PasswordException class.
	const { name: kind, code } = (err ?? {}) as { name?: unknown; code?: unknown };
	if (kind === 'PasswordException') {
		const wrong = code === pdfjs.PasswordResponses.INCORRECT_PASSWORD;
		return new IntakeError(wrong ? 'intake.pdfPasswordWrong' : 'intake.pdfPassword', { name });
	}
	return new IntakeError('intake.pdfCorrupt', { name }, { cause: err });
}

async function readPage(
	doc: PDFDocumentProxy,
	number: number,
	name: string
): Promise<{ width: number; height: number; content: TextContent; fields: FormField[] }> {
	try {
		const page = await doc.getPage(number);
		const { width, height } = page.getViewport({ scale: 1 });
		const content = await page.getTextContent();
		const fields = formFields(await page.getAnnotations({ intent: 'display' }));
		page.cleanup();
		return { width, height, content, fields };
	} catch (err) {
		throw new IntakeError('intake.pdfCorrupt', { name }, { cause: err });
	}
}

/**
 * Text of a PDF with page ranges and a box for every text item. Throws IntakeError
 * pdfPassword / pdfPasswordWrong (ask the user, then call again with `password`),
 * pdfCorrupt, or pdfNoText for scans.
 */
export async function extractPdf(
	bytes: Uint8Array,
	name: string,
	opts: PdfOptions = {}
): Promise<ExtractedDocument> {
	const pdfjs = await loadPdfJs();
	const task = pdfjs.getDocument({
		// pdf.js hands the buffer to its worker, which detaches it; a copy keeps the caller's intact.
		data: bytes.slice(),
		password: opts.password,
		isEvalSupported: false,
		disableFontFace: true,
		useSystemFonts: false,
		enableXfa: false,
		verbosity: pdfjs.VerbosityLevel.ERRORS
	});
	try {
		let doc: PDFDocumentProxy;
		try {
			doc = await task.promise;
		} catch (err) {
			throw openError(err, name, pdfjs);
		}
		const total = doc.numPages;
		opts.onProgress?.(0, total);
		const out = new TextBuilder();
		const pages: PageInfo[] = [];
		let visible = 0;
		const textless: number[] = [];
		for (let number = 1; number <= total; number++) {
			const { width, height, content, fields } = await readPage(doc, number, name);
			if (number > 1) out.push(PAGE_BREAK);
			const start = out.offset;
			const items: TextItem[] = [];
			const onPage = appendPage(out, content, items) + appendFields(out, fields, items);
			visible += onPage;
			if (onPage < MIN_CHARS_PER_PAGE) textless.push(number);
			pages.push({ number, start, end: out.offset, width, height, items });
			opts.onProgress?.(number, total);
		}
		if (total > 0 && visible < MIN_CHARS_PER_PAGE * total) {
			throw new IntakeError('intake.pdfNoText', { name, pages: total });
		}
		// A text PDF with a scanned page: that page's content is not in the text, so say so.
		return {
			text: out.toString(),
			type: 'pdf',
			pages,
			...(textless.length > 0 ? { textlessPages: textless } : {})
		};
	} finally {
		await task.destroy();
	}
}
