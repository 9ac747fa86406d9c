/**
 * A redacted copy of a PDF that holds nothing but pictures of its pages with black boxes burnt
 * in, plus optionally an invisible text layer of the redacted text. Nothing of the original file
 * (text, fonts, form fields, annotations, scripts, attachments, metadata) is copied. Before the
 * bytes are handed out the result is checked, and refused when a removed string could still be
 * read (fail closed).
 */
import {
	beginText,
	concatTransformationMatrix,
	drawObject,
	endText,
	PDFDocument,
	popGraphicsState,
	pushGraphicsState,
	setFontAndSize,
	setTextMatrix,
	setTextRenderingMode,
	showText,
	StandardFonts,
	TextRenderingMode,
	type PDFFont,
	type PDFPage,
	type PDFRef
} from 'pdf-lib';
import type { PageViewport, PDFPageProxy } from 'pdfjs-dist';
import type { ExtractedDocument } from '$lib/documents/document';
import {
	openPdfForRendering,
	PdfOpenError,
	renderEnvironment,
	renderPage,
	type OpenedPdf,
	type PageCanvas,
	type PdfOpenProblem,
	type Pixels
} from '$lib/documents/pdf-render';
import { EnclaveError } from '$lib/errors';
import { DESCENT, ASCENT, type LaidOutItem, type PdfBox } from './boxes';

export interface RedactPdfOptions {
	/** Resolution of the page pictures; at least (and by default) 150. */
	dpi?: number;
	/** Redacted text per page, laid invisibly over the picture so the file stays searchable. */
	textLayer?: string[];
	/** Every string that must not be readable in the output (names, dates, numbers …). */
	removed: string[];
	/**
	 * The text and word boxes the boxes were computed from. Needed for scans, where only OCR
	 * knows where the words are; for text PDFs the file's own text is checked in any case.
	 */
	layout?: Pick<ExtractedDocument, 'text' | 'pages'>;
	password?: string;
	onProgress?: (donePages: number, totalPages: number) => void;
	signal?: AbortSignal;
}

export type PdfLeakReason = 'uncovered' | 'formField' | 'textLayer' | 'structure';

export const DEFAULT_DPI = 150;
export const MIN_DPI = 150;
export const REDACTED_TITLE = 'Redacted document';
export const REDACTED_PRODUCER = 'Enclave';

/**
 * Pages are stored losslessly (Flate with PNG predictors): black text stays crisp and boxes stay
 * pure black. A page that compresses worse than this is photo-like (a colour scan) and is stored
 * as JPEG when that is much smaller, since a lossless photo would make the file huge.
 */
const PHOTO_PAGE_BYTES = 1_500_000;
const JPEG_QUALITY = 0.85;

/** A pixel darker than this is ink (text, lines, stamps) on the usual light paper. */
const INK_LUMINANCE = 200;
/** A painted box is black; a little slack for anti-aliased box edges. */
const BLACK_LUMINANCE = 24;
/** Gaps narrower than this share of the font size are inside a word, wider ones between words. */
const WORD_GAP = 0.2;
/** Rows checked across a line, in font sizes above the baseline: the x-height zone. */
const CHECK_BAND: [number, number] = [0.15, 0.55];

// ---------------------------------------------------------------------------------------------
// Finding removed strings in text: case, accents and spacing do not matter.

interface Folded {
	text: string;
	/** For each folded character, the index of the original character it came from. */
	source: number[];
}

function foldWithMap(text: string): Folded {
	let out = '';
	const source: number[] = [];
	let i = 0;
	for (const ch of text) {
		const piece = /\s/u.test(ch) ? ' ' : ch.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
		for (const c of piece) {
			if (c === ' ' && (out === '' || out.endsWith(' '))) continue;
			out += c;
			source.push(i);
		}
		i += ch.length;
	}
	return { text: out, source };
}

/** The form in which removed strings are compared. */
export function foldText(text: string): string {
	return foldWithMap(text).text.trim();
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Occurrences as [start, end) in folded positions; a name inside a longer word does not count. */
function occurrences(haystack: string, needle: string): [number, number][] {
	const found: [number, number][] = [];
	const checkStart = WORD_CHAR.test(needle[0] ?? '');
	const checkEnd = WORD_CHAR.test(needle.at(-1) ?? '');
	for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
		const end = at + needle.length;
		if (checkStart && WORD_CHAR.test(haystack[at - 1] ?? '')) continue;
		if (checkEnd && WORD_CHAR.test(haystack[end] ?? '')) continue;
		found.push([at, end]);
	}
	return found;
}

function needlesOf(removed: readonly string[]): string[] {
	return [...new Set(removed.map(foldText).filter((n) => n !== ''))];
}

/** Whether any removed string occurs in `text` (as a whole word or phrase). */
export function containsRemoved(text: string, removed: readonly string[]): boolean {
	const haystack = foldText(text);
	return needlesOf(removed).some((needle) => occurrences(haystack, needle).length > 0);
}

// ---------------------------------------------------------------------------------------------
// Geometry on the rendered page.

/** Canvas pixel rectangle [x0, x1) × [y0, y1). */
interface PixelRect {
	x0: number;
	y0: number;
	x1: number;
	y1: number;
}

type Axis = 'x' | 'y';

function luminance(px: Pixels, x: number, y: number): number {
	const i = (y * px.width + x) * 4;
	const d = px.data;
	return (d[i]! * 299 + d[i + 1]! * 587 + d[i + 2]! * 114) / 1000;
}

function isInk(px: Pixels, x: number, y: number): boolean {
	return luminance(px, x, y) < INK_LUMINANCE;
}

function toPixelRect(viewport: PageViewport, rect: [number, number, number, number], px: Pixels) {
	const [ax, ay, bx, by] = viewport.convertToViewportRectangle(rect) as number[];
	return {
		x0: Math.max(0, Math.floor(Math.min(ax!, bx!))),
		y0: Math.max(0, Math.floor(Math.min(ay!, by!))),
		x1: Math.min(px.width, Math.ceil(Math.max(ax!, bx!))),
		y1: Math.min(px.height, Math.ceil(Math.max(ay!, by!)))
	};
}

/** Which canvas axis a user-space direction ends up on, or undefined when it is slanted. */
function canvasAxis(viewport: PageViewport, ux: number, uy: number): Axis | undefined {
	const [x0, y0] = viewport.convertToViewportPoint(0, 0) as number[];
	const [x1, y1] = viewport.convertToViewportPoint(ux, uy) as number[];
	const dx = x1! - x0!;
	const dy = y1! - y0!;
	const length = Math.hypot(dx, dy);
	if (length === 0) return undefined;
	if (Math.abs(dy) / length < 0.035) return 'x';
	if (Math.abs(dx) / length < 0.035) return 'y';
	return undefined;
}

/**
 * Stretches of ink along `axis` within rows (or columns) `band`, in [from, to): positions where
 * any pixel of the band is ink, joined across gaps narrower than `gap`. Words, in short.
 */
function inkRuns(
	px: Pixels,
	axis: Axis,
	band: [number, number],
	from: number,
	to: number,
	gap: number
): [number, number][] {
	const runs: [number, number][] = [];
	const limit = axis === 'x' ? px.width : px.height;
	const crossLimit = axis === 'x' ? px.height : px.width;
	const b0 = Math.max(0, band[0]);
	const b1 = Math.min(crossLimit, band[1]);
	for (let p = Math.max(0, Math.floor(from)); p < Math.min(limit, Math.ceil(to)); p++) {
		let ink = false;
		for (let q = b0; q < b1 && !ink; q++) ink = axis === 'x' ? isInk(px, p, q) : isInk(px, q, p);
		if (!ink) continue;
		const last = runs.at(-1);
		if (last && p - last[1] < gap) last[1] = p + 1;
		else runs.push([p, p + 1]);
	}
	return runs;
}

function along(rect: PixelRect, axis: Axis): [number, number] {
	return axis === 'x' ? [rect.x0, rect.x1] : [rect.y0, rect.y1];
}

function across(rect: PixelRect, axis: Axis): [number, number] {
	return axis === 'x' ? [rect.y0, rect.y1] : [rect.x0, rect.x1];
}

function withAlong(rect: PixelRect, axis: Axis, [a, b]: [number, number]): PixelRect {
	return axis === 'x' ? { ...rect, x0: a, x1: b } : { ...rect, y0: a, y1: b };
}

/**
 * Moves the ends of a box whose ends were estimated from character counts to word boundaries
 * seen in the ink: a word the box covers in good part is covered whole; a word it only grazes
 * at its end is left out. A box that lies within one word grows to the whole word.
 */
function snapToWords(rect: PixelRect, axis: Axis, original: Pixels): PixelRect {
	const [c0, c1] = across(rect, axis);
	const extent = c1 - c0;
	if (extent <= 0) return rect;
	// The box spans DESCENT + ASCENT font sizes plus padding, so this slightly overestimates.
	const size = extent / (DESCENT + ASCENT);
	const band: [number, number] = [Math.floor(c0 + extent * 0.3), Math.ceil(c0 + extent * 0.7)];
	let [start, end] = along(rect, axis);
	const runs = inkRuns(original, axis, band, start - 4 * extent, end + 4 * extent, size * WORD_GAP);
	const margin = Math.ceil(size * 0.1);
	const keep = (a: number, b: number, covered: number) => covered >= Math.min((b - a) / 3, size);
	const [s0, e0] = [start, end];
	for (const [a, b] of runs) {
		if (b <= s0 || a >= e0) continue;
		const covered = Math.min(b, e0) - Math.max(a, s0);
		if (a < s0 && b > e0) {
			start = Math.min(start, a - margin);
			end = Math.max(end, b + margin);
		} else if (a < s0) {
			start = keep(a, b, covered) ? Math.min(start, a - margin) : Math.max(start, b);
		} else if (b > e0) {
			end = keep(a, b, covered) ? Math.max(end, b + margin) : Math.min(end, a);
		}
	}
	const limit = axis === 'x' ? original.width : original.height;
	return withAlong(rect, axis, [Math.max(0, start), Math.min(limit, Math.max(start, end))]);
}

function covered(rects: readonly PixelRect[], x: number, y: number): boolean {
	return rects.some((r) => x >= r.x0 && x < r.x1 && y >= r.y0 && y < r.y1);
}

// ---------------------------------------------------------------------------------------------
// Checking that every occurrence of a removed string is under a box.

/** Part of a text run where a removed word sits, in user space. */
interface Probe {
	ox: number;
	oy: number;
	/** Unit vector along the baseline. */
	ux: number;
	uy: number;
	width: number;
	size: number;
	from: number;
	to: number;
	/** Position within the run guessed from character counts (the run holds more than the word). */
	estimated: boolean;
}

interface Run {
	text: string;
	ox: number;
	oy: number;
	ux: number;
	uy: number;
	width: number;
	size: number;
}

/**
 * The words of every occurrence of a removed string in a page's runs. Runs are joined as they
 * come, with a line break where `breakAfter` says so, the way intake builds a page's text.
 */
function probesOf(runs: readonly Run[], breakAfter: readonly boolean[], needles: string[]) {
	let text = '';
	const owner: { run: number; index: number }[] = [];
	runs.forEach((run, r) => {
		for (let i = 0; i < run.text.length; i++) owner.push({ run: r, index: i });
		text += run.text;
		if (breakAfter[r]) {
			owner.push({ run: -1, index: 0 });
			text += '\n';
		}
	});
	const folded = foldWithMap(text);
	const probes: Probe[] = [];
	for (const needle of needles) {
		for (const [start, end] of occurrences(folded.text, needle)) {
			// Group the occurrence's characters by run and word: each word is checked on its own.
			let current: { run: number; first: number; last: number } | undefined;
			const flush = () => {
				if (!current) return;
				const run = runs[current.run]!;
				const length = run.text.length;
				probes.push({
					...run,
					from: current.first / length,
					to: (current.last + 1) / length,
					estimated: current.first > 0 || current.last + 1 < length
				});
				current = undefined;
			};
			for (let f = start; f < end; f++) {
				const o = owner[folded.source[f]!];
				if (!o || o.run < 0 || folded.text[f] === ' ') {
					flush();
					continue;
				}
				if (current && current.run === o.run) current.last = Math.max(current.last, o.index);
				else {
					flush();
					current = { run: o.run, first: o.index, last: o.index };
				}
			}
			flush();
		}
	}
	return probes;
}

/** Runs of pdf.js text content, with their exact direction. */
function runsOfTextContent(items: readonly unknown[]): { runs: Run[]; breakAfter: boolean[] } {
	const runs: Run[] = [];
	const breakAfter: boolean[] = [];
	for (const raw of items) {
		if (!raw || typeof raw !== 'object' || !('str' in raw)) continue;
		const item = raw as { str: string; transform: number[]; width: number; height: number };
		const [a = 1, b = 0, c = 0, d = 0, e = 0, f = 0] = item.transform;
		const length = Math.hypot(a, b) || 1;
		runs.push({
			text: item.str,
			ox: e,
			oy: f,
			ux: a / length,
			uy: b / length,
			width: item.width,
			size: item.height || Math.hypot(c, d)
		});
		breakAfter.push((raw as { hasEOL?: boolean }).hasEOL === true);
	}
	return { runs, breakAfter };
}

/** Runs of a document's page as intake or OCR recorded them. */
function runsOfLayout(
	layout: Pick<ExtractedDocument, 'text' | 'pages'>,
	number: number
): { runs: Run[]; breakAfter: boolean[] } {
	const page = layout.pages.find((p) => p.number === number);
	const runs: Run[] = [];
	const breakAfter: boolean[] = [];
	for (const item of (page?.items ?? []) as LaidOutItem[]) {
		const rad = ((item.angle ?? 0) * Math.PI) / 180;
		runs.push({
			text: layout.text.slice(item.start, item.end),
			ox: item.x,
			oy: item.y,
			ux: Math.cos(rad),
			uy: Math.sin(rad),
			width: item.width,
			size: item.height
		});
		// Runs are separate words or lines: never let two of them run together.
		breakAfter.push(true);
	}
	return { runs, breakAfter };
}

function point(viewport: PageViewport, x: number, y: number): [number, number] {
	const [px, py] = viewport.convertToViewportPoint(x, y) as number[];
	return [px!, py!];
}

/** Whether every ink pixel of the probed word lies under a painted box. */
function probeCovered(
	probe: Probe,
	viewport: PageViewport,
	original: Pixels,
	rects: readonly PixelRect[]
): boolean {
	const { ox, oy, ux, uy, width, size } = probe;
	const vx = -uy;
	const vy = ux;
	const at = (s: number, u: number) =>
		point(viewport, ox + ux * s * width + vx * u * size, oy + uy * s * width + vy * u * size);
	const axis = canvasAxis(viewport, ux, uy);
	const sizePx = Math.hypot(...sub(at(0, 1), at(0, 0)));
	if (axis) {
		const pos = (p: [number, number]) => (axis === 'x' ? p[0] : p[1]);
		const crossPos = (p: [number, number]) => (axis === 'x' ? p[1] : p[0]);
		const c0 = crossPos(at(probe.from, CHECK_BAND[0]));
		const c1 = crossPos(at(probe.from, CHECK_BAND[1]));
		const band: [number, number] = [Math.floor(Math.min(c0, c1)), Math.ceil(Math.max(c0, c1))];
		const p0 = pos(at(probe.from, 0));
		const p1 = pos(at(probe.to, 0));
		const [a0, a1] = [Math.min(p0, p1), Math.max(p0, p1)];
		const runs = inkRuns(original, axis, band, a0 - 2 * sizePx, a1 + 2 * sizePx, sizePx * WORD_GAP);
		let targets: [number, number][];
		if (probe.estimated) {
			const mid = (a0 + a1) / 2;
			const half = (a1 - a0) / 4;
			targets = runs.filter(([a, b]) => b > mid - half && a < mid + half);
		} else {
			targets = runs
				.filter(([a, b]) => b > a0 && a < a1)
				.map(([a, b]) => [Math.max(a, Math.floor(a0)), Math.min(b, Math.ceil(a1))]);
		}
		for (const [a, b] of targets) {
			for (let p = a; p < b; p++) {
				for (let q = Math.max(0, band[0]); q < band[1]; q++) {
					const [x, y] = axis === 'x' ? [p, q] : [q, p];
					if (x >= original.width || y >= original.height) continue;
					if (isInk(original, x, y) && !covered(rects, x, y)) return false;
				}
			}
		}
		return true;
	}
	// Slanted text: check the middle of the word's estimated place, pixel by pixel.
	const steps = Math.max(2, Math.ceil(((probe.to - probe.from) * width * sizePx) / size));
	const span = probe.to - probe.from;
	for (let i = 0; i <= steps; i++) {
		const s = probe.from + span * (0.25 + (0.5 * i) / steps);
		for (let j = 0; j <= 4; j++) {
			const u = CHECK_BAND[0] + ((CHECK_BAND[1] - CHECK_BAND[0]) * j) / 4;
			const [x, y] = at(s, u).map(Math.floor) as [number, number];
			if (x < 0 || y < 0 || x >= original.width || y >= original.height) continue;
			if (isInk(original, x, y) && !covered(rects, x, y)) return false;
		}
	}
	return true;
}

function sub(a: [number, number], b: [number, number]): [number, number] {
	return [a[0] - b[0], a[1] - b[1]];
}

/** Text a form field or annotation shows or holds. */
function annotationTexts(annotation: Record<string, unknown>): string[] {
	const texts: string[] = [];
	const add = (v: unknown) => {
		if (typeof v === 'string') texts.push(v);
		else if (Array.isArray(v)) v.forEach(add);
		else if (v && typeof v === 'object' && 'str' in v) add((v as { str: unknown }).str);
	};
	for (const key of ['fieldValue', 'textContent', 'contentsObj', 'richText', 'buttonValue']) {
		add(annotation[key]);
	}
	return texts;
}

// ---------------------------------------------------------------------------------------------
// Writing the new PDF.

/** Characters 0x80–0x9F of Windows-1252, the code page of the standard fonts (WinAnsi). */
const WIN_ANSI_HIGH = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
/** Common characters the standard fonts lack, written the way a typist would. */
const TRANSLITERATION: Record<string, string> = {
	'≤': '<=',
	'≥': '>=',
	'≠': '!=',
	'≈': '~',
	'→': '->',
	'←': '<-',
	'↑': '^',
	'↓': 'v',
	'−': '-',
	'‐': '-',
	'‑': '-',
	'∙': '·',
	'⋅': '·',
	μ: 'µ',
	α: 'alpha',
	β: 'beta',
	γ: 'gamma',
	δ: 'delta',
	Δ: 'Delta',
	κ: 'kappa',
	λ: 'lambda',
	Ω: 'Ohm',
	'√': 'sqrt',
	'∅': 'O'
};

function inWinAnsi(ch: string): boolean {
	const code = ch.codePointAt(0) ?? 0;
	return (
		(code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_HIGH.includes(ch)
	);
}

/**
 * The text layer uses a standard font, which only encodes WinAnsi (Western European). Other
 * characters are transliterated where a common spelling exists (≥ → >=, α → alpha), lose their
 * accents where that helps (č → c), and become '?' otherwise (ł, ß-like letters of other scripts); tabs and odd spaces
 * become spaces and control characters are dropped.
 */
export function toWinAnsi(text: string): string {
	let out = '';
	for (const ch of text.normalize('NFC')) {
		if (inWinAnsi(ch)) out += ch;
		else if (/\s/u.test(ch)) out += ' ';
		else if (/\p{Cc}|\p{Cf}/u.test(ch)) continue;
		else if (TRANSLITERATION[ch]) out += TRANSLITERATION[ch];
		else {
			const bare = ch.normalize('NFKD').replace(/\p{M}/gu, '');
			out += bare !== '' && [...bare].every(inWinAnsi) ? bare : '?';
		}
	}
	return out;
}

const TEXT_MARGIN = 36;
const TEXT_SIZE = 10;

/** Invisible (render mode 3, as OCR layers are) lines of text from the top of the page down. */
function drawTextLayer(page: PDFPage, font: PDFFont, text: string): void {
	const lines = text.split('\n').map(toWinAnsi);
	if (!lines.some((l) => l.trim() !== '')) return;
	const { width, height } = page.getSize();
	const room = Math.max(1, height - 2 * TEXT_MARGIN);
	const size = Math.max(1, Math.min(TEXT_SIZE, room / (lines.length * 1.2)));
	const fontName = page.node.newFontDictionary(font.name, font.ref);
	page.pushOperators(
		beginText(),
		setFontAndSize(fontName, size),
		setTextRenderingMode(TextRenderingMode.Invisible)
	);
	lines.forEach((line, i) => {
		if (line.trim() === '') return;
		const y = height - TEXT_MARGIN - size - i * size * 1.2;
		const x = Math.min(TEXT_MARGIN, width / 10);
		page.pushOperators(setTextMatrix(1, 0, 0, 1, x, y), showText(font.encodeText(line)));
	});
	page.pushOperators(endText());
}

async function deflate(data: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
	const stream = new Blob([data]).stream().pipeThrough(new CompressionStream('deflate'));
	return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * The page picture as a Flate image with PNG "Up" prediction per row, grey when the page has
 * no colour (most letters), which makes it a third of the size.
 */
async function losslessImage(px: Pixels) {
	const { width, height, data } = px;
	let grey = true;
	for (let i = 0; i < data.length && grey; i += 4) {
		grey = data[i] === data[i + 1] && data[i] === data[i + 2];
	}
	const colors = grey ? 1 : 3;
	const stride = width * colors;
	const rows = new Uint8Array((stride + 1) * height);
	const prev = new Uint8Array(stride);
	const cur = new Uint8Array(stride);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const i = (y * width + x) * 4;
			if (grey) cur[x] = data[i]!;
			else {
				cur[x * 3] = data[i]!;
				cur[x * 3 + 1] = data[i + 1]!;
				cur[x * 3 + 2] = data[i + 2]!;
			}
		}
		const o = y * (stride + 1);
		rows[o] = 2; // PNG filter "Up"
		for (let k = 0; k < stride; k++) rows[o + 1 + k] = (cur[k]! - prev[k]!) & 0xff;
		prev.set(cur);
	}
	return { bytes: await deflate(rows), colors };
}

async function addPageImage(
	out: PDFDocument,
	page: PDFPage,
	rendered: { canvas: PageCanvas; scale: number },
	final: Pixels
): Promise<void> {
	const { width, height } = final;
	const lossless = await losslessImage(final);
	let ref: PDFRef;
	const jpeg =
		lossless.bytes.length > PHOTO_PAGE_BYTES
			? await renderEnvironment().canvas.encode(rendered.canvas, 'image/jpeg', JPEG_QUALITY)
			: undefined;
	if (jpeg && jpeg.length < lossless.bytes.length * 0.6) {
		ref = (await out.embedJpg(jpeg)).ref;
	} else {
		const stream = out.context.stream(lossless.bytes, {
			Type: 'XObject',
			Subtype: 'Image',
			Width: width,
			Height: height,
			ColorSpace: lossless.colors === 1 ? 'DeviceGray' : 'DeviceRGB',
			BitsPerComponent: 8,
			Filter: 'FlateDecode',
			DecodeParms: { Predictor: 15, Colors: lossless.colors, BitsPerComponent: 8, Columns: width }
		});
		ref = out.context.register(stream);
	}
	const name = page.node.newXObject('Page', ref);
	// The picture has whole pixels, so it may reach a fraction of a point past the right and
	// bottom edge; anchored at the top left, every pixel keeps its place.
	const w = width / rendered.scale;
	const h = height / rendered.scale;
	page.pushOperators(
		pushGraphicsState(),
		concatTransformationMatrix(w, 0, 0, h, 0, page.getHeight() - h),
		drawObject(name),
		popGraphicsState()
	);
}

// ---------------------------------------------------------------------------------------------

function leak(page: number, reason: PdfLeakReason): EnclaveError {
	return new EnclaveError('deid.pdfLeak', { page, reason });
}

const OPEN_ERRORS: Record<PdfOpenProblem, string> = {
	needsPassword: 'deid.pdfPassword',
	wrongPassword: 'deid.pdfPasswordWrong',
	unreadable: 'deid.pdfUnreadable'
};

async function openOriginal(bytes: Uint8Array, password?: string): Promise<OpenedPdf> {
	try {
		return await openPdfForRendering(bytes, password);
	} catch (err) {
		if (!(err instanceof PdfOpenError)) throw err;
		throw new EnclaveError(OPEN_ERRORS[err.problem], {}, { cause: err });
	}
}

function checkBoxes(boxes: readonly PdfBox[], pageCount: number): void {
	for (const box of boxes) {
		const numbers = [box.x, box.y, box.width, box.height];
		if (!Number.isInteger(box.page) || box.page < 1 || box.page > pageCount) {
			throw new RangeError(`Box on page ${box.page} of a ${pageCount}-page PDF`);
		}
		if (!numbers.every(Number.isFinite)) throw new RangeError('Box with a non-finite coordinate');
	}
}

async function redactPage(
	page: PDFPageProxy,
	opened: OpenedPdf,
	boxes: readonly PdfBox[],
	dpi: number,
	needles: string[],
	layout: RedactPdfOptions['layout']
) {
	const rendered = await renderPage(page, opened.pdfjs, dpi);
	const { context, viewport } = rendered;
	const original = context.getImageData(0, 0, rendered.canvas.width, rendered.canvas.height);
	const rects: PixelRect[] = [];
	for (const box of boxes) {
		let rect = toPixelRect(
			viewport,
			[box.x, box.y, box.x + box.width, box.y + box.height],
			original
		);
		if (box.estimatedAxis) {
			const axis = canvasAxis(
				viewport,
				box.estimatedAxis === 'x' ? 1 : 0,
				box.estimatedAxis === 'y' ? 1 : 0
			);
			if (axis) rect = snapToWords(rect, axis, original);
		}
		if (rect.x1 > rect.x0 && rect.y1 > rect.y0) rects.push(rect);
	}
	context.fillStyle = '#000000';
	for (const r of rects) context.fillRect(r.x0, r.y0, r.x1 - r.x0, r.y1 - r.y0);
	const final = context.getImageData(0, 0, rendered.canvas.width, rendered.canvas.height);

	// What was painted must be black in the picture that is written.
	for (const r of rects) {
		for (let y = r.y0; y < r.y1; y++) {
			for (let x = r.x0; x < r.x1; x++) {
				if (luminance(final, x, y) > BLACK_LUMINANCE) throw leak(page.pageNumber, 'uncovered');
			}
		}
	}
	if (needles.length > 0) {
		const content = runsOfTextContent((await page.getTextContent()).items);
		const probes = probesOf(content.runs, content.breakAfter, needles);
		if (layout) {
			const laid = runsOfLayout(layout, page.pageNumber);
			probes.push(...probesOf(laid.runs, laid.breakAfter, needles));
		}
		for (const probe of probes) {
			if (!probeCovered(probe, viewport, original, rects)) throw leak(page.pageNumber, 'uncovered');
		}
		const annotations = (await page.getAnnotations({ intent: 'display' })) as Record<
			string,
			unknown
		>[];
		for (const annotation of annotations) {
			if (annotation.hidden === true || annotation.noView === true) continue;
			const text = foldText(annotationTexts(annotation).join('\n'));
			if (!needles.some((n) => occurrences(text, n).length > 0)) continue;
			const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = (annotation.rect as number[] | undefined) ?? [];
			const r = toPixelRect(viewport, [x1, y1, x2, y2], original);
			for (let y = r.y0; y < r.y1; y++) {
				for (let x = r.x0; x < r.x1; x++) {
					if (isInk(original, x, y) && !covered(rects, x, y)) {
						throw leak(page.pageNumber, 'formField');
					}
				}
			}
		}
	}
	return { rendered, final, size: page.getViewport({ scale: 1 }) };
}

/** Opens the written file as a reader would and looks for anything that should not be there. */
async function verifyOutput(bytes: Uint8Array, pageCount: number, needles: string[]) {
	const opened = await openPdfForRendering(bytes);
	try {
		const { doc } = opened;
		if (doc.numPages !== pageCount) throw leak(0, 'structure');
		const { info, metadata } = (await doc.getMetadata()) as {
			info: Record<string, unknown>;
			metadata: unknown;
		};
		const clean =
			metadata === null &&
			info.Title === REDACTED_TITLE &&
			info.Producer === REDACTED_PRODUCER &&
			info.Creator === REDACTED_PRODUCER &&
			['Author', 'Subject', 'Keywords', 'Custom'].every((key) => info[key] === undefined) &&
			['IsAcroFormPresent', 'IsXFAPresent', 'IsCollectionPresent', 'IsSignaturesPresent'].every(
				(key) => info[key] !== true
			);
		if (!clean) throw leak(0, 'structure');
		const extras = await Promise.all([
			doc.getFieldObjects(),
			doc.getJSActions(),
			doc.getAttachments(),
			doc.getOutline()
		]);
		if (extras.some((x) => x !== null)) throw leak(0, 'structure');
		for (let number = 1; number <= pageCount; number++) {
			const page = await doc.getPage(number);
			if ((await page.getAnnotations()).length > 0) throw leak(number, 'structure');
			const { items } = await page.getTextContent();
			const text = foldText(items.map((i) => ('str' in i ? i.str : '')).join(' '));
			if (needles.some((n) => occurrences(text, n).length > 0)) throw leak(number, 'textLayer');
		}
	} finally {
		await opened.close();
	}
}

/**
 * Burns `boxes` into pictures of the pages and builds a new PDF from them. Throws
 * EnclaveError deid.pdfLeak (and returns nothing) when a removed string would still be readable:
 * an occurrence in the page's text or in `layout` that no box covers, a form field or comment
 * showing it, or the text layer holding it. Also deid.pdfPassword / deid.pdfPasswordWrong /
 * deid.pdfUnreadable for the input, and AbortError when `signal` fires.
 */
export async function redactPdf(
	pdfBytes: Uint8Array,
	boxes: readonly PdfBox[],
	options: RedactPdfOptions
): Promise<Uint8Array> {
	const dpi = Math.max(MIN_DPI, options.dpi ?? DEFAULT_DPI);
	const needles = needlesOf(options.removed);
	const opened = await openOriginal(pdfBytes, options.password);
	let bytes: Uint8Array;
	try {
		const total = opened.doc.numPages;
		checkBoxes(boxes, total);
		const out = await PDFDocument.create({ updateMetadata: false });
		out.setTitle(REDACTED_TITLE);
		out.setProducer(REDACTED_PRODUCER);
		out.setCreator(REDACTED_PRODUCER);
		const font = options.textLayer ? await out.embedFont(StandardFonts.Helvetica) : undefined;
		options.onProgress?.(0, total);
		for (let number = 1; number <= total; number++) {
			options.signal?.throwIfAborted();
			const page = await opened.doc.getPage(number);
			try {
				const { rendered, final, size } = await redactPage(
					page,
					opened,
					boxes.filter((b) => b.page === number),
					dpi,
					needles,
					options.layout
				);
				const outPage = out.addPage([size.width, size.height]);
				await addPageImage(out, outPage, rendered, final);
				const text = options.textLayer?.[number - 1];
				if (font && text) drawTextLayer(outPage, font, text);
			} finally {
				page.cleanup();
			}
			options.onProgress?.(number, total);
		}
		options.signal?.throwIfAborted();
		bytes = await out.save();
		await verifyOutput(bytes, total, needles);
	} finally {
		await opened.close();
	}
	return bytes;
}
