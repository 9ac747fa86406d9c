/**
 * Drawing PDF pages into pixels, shared by OCR and by PDF redaction. pdf.js parses in its worker
 * and draws on the calling thread onto a canvas from the environment: OffscreenCanvas in the
 * browser, @napi-rs/canvas in Node (tests, benchmark) via setRenderEnvironment.
 */
import type { PageViewport, PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist';
import { loadPdfJs, type PdfJs } from './pdfjs';

/** The part of a 2D context that rendering and redaction use; both canvas kinds have it. */
export interface Context2D {
	fillStyle: unknown;
	fillRect(x: number, y: number, width: number, height: number): void;
	getImageData(x: number, y: number, width: number, height: number): Pixels;
}

/** RGBA, row by row, as ImageData holds it. */
export interface Pixels {
	width: number;
	height: number;
	data: Uint8ClampedArray;
}

export interface PageCanvas {
	width: number;
	height: number;
}

export interface CanvasBackend {
	create(width: number, height: number): { canvas: PageCanvas; context: Context2D };
	encode(
		canvas: PageCanvas,
		type: 'image/png' | 'image/jpeg',
		quality?: number
	): Promise<Uint8Array>;
}

/** Where pdf.js finds the fonts, wasm decoders and colour profiles it loads on demand. */
export interface PdfAssets {
	standardFontDataUrl: string;
	wasmUrl: string;
	iccUrl: string;
}

export interface RenderEnvironment {
	canvas: CanvasBackend;
	assets: PdfAssets;
}

/** Served by the app itself (vite.config.ts copies them from pdfjs-dist), never from a CDN. */
export const BROWSER_PDF_ASSETS: PdfAssets = {
	standardFontDataUrl: '/pdfjs/standard_fonts/',
	wasmUrl: '/pdfjs/wasm/',
	iccUrl: '/pdfjs/iccs/'
};

/**
 * Browsers refuse or crash on canvases much beyond this; a page that would need more pixels is
 * drawn at a lower resolution instead (only posters and plans get there: A2 at 300 dpi is 35 M).
 */
export const MAX_CANVAS_PIXELS = 40_000_000;
const MAX_CANVAS_SIDE = 16_384;

const offscreenBackend: CanvasBackend = {
	create(width, height) {
		const canvas = new OffscreenCanvas(width, height);
		// Every page is read back (redaction checks, OCR): a CPU canvas is much faster at that.
		const context = canvas.getContext('2d', { alpha: false, willReadFrequently: true });
		if (!context) throw new Error('No 2D canvas context');
		return { canvas, context };
	},
	async encode(canvas, type, quality) {
		const blob = await (canvas as OffscreenCanvas).convertToBlob({ type, quality });
		return new Uint8Array(await blob.arrayBuffer());
	}
};

let environment: RenderEnvironment | undefined;

/** For Node: a canvas backend on @napi-rs/canvas and file paths into node_modules/pdfjs-dist. */
export function setRenderEnvironment(env: RenderEnvironment): void {
	environment = env;
}

export function renderEnvironment(): RenderEnvironment {
	if (environment) return environment;
	if (typeof OffscreenCanvas === 'undefined') {
		throw new Error('No canvas: call setRenderEnvironment outside the browser');
	}
	return (environment = { canvas: offscreenBackend, assets: BROWSER_PDF_ASSETS });
}

export interface OpenedPdf {
	doc: PDFDocumentProxy;
	pdfjs: PdfJs;
	close(): Promise<void>;
}

export type PdfOpenProblem = 'needsPassword' | 'wrongPassword' | 'unreadable';

/** Why a PDF could not be opened for drawing; callers word it in their own error codes. */
export class PdfOpenError extends Error {
	constructor(
		readonly problem: PdfOpenProblem,
		options?: { cause?: unknown }
	) {
		super(problem, options);
		this.name = 'PdfOpenError';
	}
}

/** Opens a PDF for drawing; throws PdfOpenError. */
export async function openPdfForRendering(
	bytes: Uint8Array,
	password?: string
): Promise<OpenedPdf> {
	const pdfjs = await loadPdfJs();
	const { assets } = renderEnvironment();
	const task = pdfjs.getDocument({
		// pdf.js hands the buffer to its worker, which detaches it; a copy keeps the caller's intact.
		data: bytes.slice(),
		password,
		isEvalSupported: false,
		// Glyphs are drawn as paths: no FontFace, so no font-src in the CSP and the same in Node.
		disableFontFace: true,
		useSystemFonts: false,
		enableXfa: false,
		...assets,
		verbosity: pdfjs.VerbosityLevel.ERRORS
	});
	try {
		const doc = await task.promise;
		return { doc, pdfjs, close: () => task.destroy() };
	} catch (err) {
		await task.destroy();
		// By name: the modern and legacy builds each have their own PasswordException class.
		const { name, code } = (err ?? {}) as { name?: unknown; code?: unknown };
		const problem: PdfOpenProblem =
			name !== 'PasswordException'
				? 'unreadable'
				: code === pdfjs.PasswordResponses.INCORRECT_PASSWORD
					? 'wrongPassword'
					: 'needsPassword';
		throw new PdfOpenError(problem, { cause: err });
	}
}

export interface RenderedPage {
	canvas: PageCanvas;
	context: Context2D;
	/** Maps PDF user space to canvas pixels, page rotation included. */
	viewport: PageViewport;
	/** Pixels per PDF unit actually used (lower than asked for on giant pages). */
	scale: number;
}

/**
 * Draws one page upright (its /Rotate applied) on a white background, with the appearance of
 * annotations and form fields burnt in, as a viewer shows it.
 */
export async function renderPage(
	page: PDFPageProxy,
	pdfjs: PdfJs,
	dpi: number
): Promise<RenderedPage> {
	const unit = page.getViewport({ scale: 1 });
	let scale = dpi / 72;
	const area = unit.width * unit.height * scale * scale;
	if (area > MAX_CANVAS_PIXELS) scale *= Math.sqrt(MAX_CANVAS_PIXELS / area);
	scale = Math.min(scale, MAX_CANVAS_SIDE / Math.max(unit.width, unit.height));
	const viewport = page.getViewport({ scale });
	const width = Math.max(1, Math.ceil(viewport.width));
	const height = Math.max(1, Math.ceil(viewport.height));
	const { canvas, context } = renderEnvironment().canvas.create(width, height);
	await page.render({
		canvas: null,
		canvasContext: context as unknown as CanvasRenderingContext2D,
		viewport,
		intent: 'display',
		annotationMode: pdfjs.AnnotationMode.ENABLE
	}).promise;
	return { canvas, context, viewport, scale };
}
