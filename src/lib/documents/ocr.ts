/**
 * Text recognition for scanned PDFs. Intake refuses a PDF without a text layer
 * (IntakeError intake.pdfNoText); the UI can then offer ocrPdf, which reads every page with
 * tesseract.js and returns the same ExtractedDocument a text PDF gives: the text plus a box per
 * word in PDF user space, so highlighting and redaction work on scans as on text PDFs.
 *
 * tesseract.js's worker, its wasm core and the German and English language data are served by
 * the app itself (vite.config.ts copies them under /ocr/ and the service worker precaches
 * them), so recognition works offline and no CDN is ever contacted.
 */
import type Tesseract from 'tesseract.js';
import { itemFromBounds } from '$lib/tasks/deid/pdf/boxes';
import { EnclaveError } from '$lib/errors';
import { PAGE_BREAK, type ExtractedDocument, type PageInfo, type TextItem } from './document';
import { IntakeError } from './intake-errors';
import {
	openPdfForRendering,
	PdfOpenError,
	renderEnvironment,
	renderPage,
	type OpenedPdf
} from './pdf-render';

export const OCR_LANGS = ['deu', 'eng'] as const;
export type OcrLang = (typeof OCR_LANGS)[number];

/** Scanners deliver 200–300 dpi; tesseract reads best at about 300. */
export const OCR_DPI = 300;

export interface OcrAssets {
	/** The worker script (browser only; Node uses tesseract.js's own worker). */
	workerPath?: string;
	/** Folder with tesseract-core-*.wasm.js; tesseract.js picks the variant the browser runs. */
	corePath?: string;
	/** Folder with <lang>.traineddata.gz. */
	langPath: string;
}

export const BROWSER_OCR_ASSETS: OcrAssets = {
	workerPath: '/ocr/worker.min.js',
	corePath: '/ocr/core/',
	langPath: '/ocr/lang'
};

let assets: OcrAssets = BROWSER_OCR_ASSETS;

/** For Node: `{ langPath }` of a folder holding deu and eng .traineddata.gz. */
export function setOcrAssets(next: OcrAssets): void {
	assets = next;
}

export interface OcrOptions {
	langs?: readonly OcrLang[];
	/** The file's name, for messages. */
	name?: string;
	password?: string;
	onProgress?: (donePages: number, totalPages: number) => void;
	signal?: AbortSignal;
}

function ocrFailed(name: string, cause: unknown): EnclaveError {
	return new EnclaveError('documents.ocrFailed', { name }, { cause });
}

/** Rejects with the signal's reason once it fires, so waits on tesseract can be cut short. */
function abortion(signal: AbortSignal | undefined): Promise<never> {
	return new Promise((_, reject) => {
		if (!signal) return;
		const fire = () => reject(signal.reason as Error);
		if (signal.aborted) fire();
		else signal.addEventListener('abort', fire, { once: true });
	});
}

/** A tesseract worker, and a promise that rejects when the worker reports a failure. */
async function startWorker(langs: readonly OcrLang[], stop: Promise<never>) {
	const { createWorker, OEM } = (await import('tesseract.js')).default;
	let reportFailure: (reason: unknown) => void = () => {};
	const failure = new Promise<never>((_, reject) => {
		reportFailure = reject;
	});
	// Nobody may be waiting when the worker fails between pages; the next wait picks it up.
	failure.catch(() => {});
	const creating = createWorker([...langs], OEM.LSTM_ONLY, {
		...assets,
		// A blob: worker would need worker-src blob: in the CSP; the served file needs nothing.
		workerBlobURL: false,
		gzip: true,
		// The service worker caches the language data; tesseract's own IndexedDB copy is not needed.
		cacheMethod: 'none',
		// Without a handler tesseract.js throws failures from its message handler, out of reach;
		// and a language that fails to load would leave createWorker pending forever.
		errorHandler: reportFailure
	});
	const worker = await Promise.race([creating, failure, stop]);
	await Promise.race([worker.setParameters({ user_defined_dpi: String(OCR_DPI) }), failure]);
	return { worker, failure };
}

interface Recognised {
	text: string;
	items: TextItem[];
}

/**
 * The words of one page as text (words joined by spaces, lines by line breaks) with a run per
 * word, its box turned from picture pixels into PDF user space.
 */
function layOut(
	blocks: Tesseract.Block[],
	toPdf: (x: number, y: number) => [number, number],
	offset: number
): Recognised {
	let text = '';
	const items: TextItem[] = [];
	for (const block of blocks) {
		for (const paragraph of block.paragraphs) {
			for (const line of paragraph.lines) {
				const words = line.words.filter((w) => w.text.trim() !== '');
				if (words.length === 0) continue;
				if (text !== '') text += '\n';
				words.forEach((word, i) => {
					if (i > 0) text += ' ';
					const { x0, y0, x1, y1 } = word.bbox;
					const corners = [toPdf(x0, y0), toPdf(x1, y0), toPdf(x0, y1), toPdf(x1, y1)];
					const xs = corners.map(([x]) => x);
					const ys = corners.map(([, y]) => y);
					const x = Math.min(...xs);
					const y = Math.min(...ys);
					const start = offset + text.length;
					const value = word.text.trim();
					text += value;
					const rect = { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
					items.push(itemFromBounds(rect, start, start + value.length));
				});
			}
		}
	}
	return { text, items };
}

async function open(bytes: Uint8Array, name: string, password?: string): Promise<OpenedPdf> {
	try {
		return await openPdfForRendering(bytes, password);
	} catch (err) {
		if (!(err instanceof PdfOpenError)) throw ocrFailed(name, err);
		if (err.problem === 'needsPassword') throw new IntakeError('intake.pdfPassword', { name });
		if (err.problem === 'wrongPassword') throw new IntakeError('intake.pdfPasswordWrong', { name });
		throw new IntakeError('intake.pdfCorrupt', { name }, { cause: err });
	}
}

/**
 * Recognises the text of every page of a PDF, drawn upright (its /Rotate applied) at 300 dpi.
 * Throws EnclaveError documents.ocrFailed when the engine cannot run (its files did not load,
 * a page could not be drawn) and documents.ocrNoText when no page holds recognisable text;
 * IntakeError pdfPassword / pdfPasswordWrong / pdfCorrupt for the file; AbortError when
 * `signal` fires.
 */
export async function ocrPdf(bytes: Uint8Array, opts: OcrOptions = {}): Promise<ExtractedDocument> {
	const name = opts.name ?? '';
	const langs = opts.langs ?? OCR_LANGS;
	opts.signal?.throwIfAborted();
	const stop = abortion(opts.signal);
	stop.catch(() => {});
	const opened = await open(bytes, name, opts.password);
	let engine: Awaited<ReturnType<typeof startWorker>> | undefined;
	try {
		try {
			engine = await startWorker(langs, stop);
		} catch (err) {
			opts.signal?.throwIfAborted();
			throw ocrFailed(name, err);
		}
		const total = opened.doc.numPages;
		opts.onProgress?.(0, total);
		const pages: PageInfo[] = [];
		let text = '';
		for (let number = 1; number <= total; number++) {
			opts.signal?.throwIfAborted();
			if (number > 1) text += PAGE_BREAK;
			const page = await opened.doc.getPage(number);
			let blocks: Tesseract.Block[];
			let viewport;
			try {
				const rendered = await renderPage(page, opened.pdfjs, OCR_DPI);
				viewport = rendered.viewport;
				const png = await renderEnvironment().canvas.encode(rendered.canvas, 'image/png');
				// tesseract.js takes raw file bytes in the browser and in Node alike.
				const image = png as unknown as Tesseract.ImageLike;
				const result = await Promise.race([
					engine.worker.recognize(image, {}, { blocks: true, text: false }),
					engine.failure,
					stop
				]);
				blocks = result.data.blocks ?? [];
			} catch (err) {
				opts.signal?.throwIfAborted();
				throw ocrFailed(name, err);
			} finally {
				page.cleanup();
			}
			const vp = viewport;
			const toPdf = (x: number, y: number) => vp.convertToPdfPoint(x, y) as [number, number];
			const recognised = layOut(blocks, toPdf, text.length);
			const { width, height } = page.getViewport({ scale: 1 });
			const start = text.length;
			text += recognised.text;
			pages.push({ number, start, end: text.length, width, height, items: recognised.items });
			opts.onProgress?.(number, total);
		}
		if (text.replace(/\s+/g, '') === '') {
			throw new EnclaveError('documents.ocrNoText', { name, pages: total });
		}
		return { text, type: 'pdf', pages };
	} finally {
		await engine?.worker.terminate();
		await opened.close();
	}
}
