/**
 * Where redacted text sits on the page: from character spans of a document's text to
 * rectangles in PDF user space (origin bottom-left, the space of PageInfo items), plus boxes a
 * user draws by hand over logos, signatures and stamps.
 */
import type { PageInfo, TextItem } from '$lib/documents/document';

export interface Rect {
	x: number;
	y: number;
	width: number;
	height: number;
}

/** A black box to burn into page `page` (1-based), in PDF user space. */
export interface PdfBox extends Rect {
	page: number;
	/**
	 * The user-space axis the covered text runs along, set when the box's edges along it were
	 * estimated from character counts (the span covers part of a text run): redactPdf then moves
	 * them to the word boundaries it sees in the rendered page. Absent on manual boxes, which are
	 * burnt in exactly as drawn.
	 */
	estimatedAxis?: 'x' | 'y';
}

export interface CharSpan {
	start: number;
	end: number;
}

/**
 * A text run as intake records it, optionally with the direction of its baseline in degrees
 * counter-clockwise (0 = left to right); runs without one are horizontal.
 */
export type LaidOutItem = TextItem & { angle?: number };

/**
 * Glyphs reach below the baseline by up to about 0.25 of the font size (descenders) and above
 * it by up to the font size (accents on capitals); `height` is the font size.
 */
export const DESCENT = 0.3;
export const ASCENT = 1;

export interface BoxOptions {
	/** Added on every side, in PDF units (points). */
	padding?: number;
}

export const DEFAULT_PADDING = 1;

/** Beyond this a run counts as slanted: its box is the bounding rectangle, not snapped. */
const AXIS_TOLERANCE_DEG = 2;

function axisOf(angle: number): 'x' | 'y' | undefined {
	const a = ((angle % 180) + 180) % 180;
	if (a <= AXIS_TOLERANCE_DEG || a >= 180 - AXIS_TOLERANCE_DEG) return 'x';
	if (Math.abs(a - 90) <= AXIS_TOLERANCE_DEG) return 'y';
	return undefined;
}

/**
 * The rectangle around the glyphs of characters [from, to) of a run, in fractions of its length,
 * without padding. Characters are assumed equally wide: only the run's ends are exact.
 */
function fragmentRect(item: LaidOutItem, from: number, to: number): Rect {
	const rad = ((item.angle ?? 0) * Math.PI) / 180;
	const ux = Math.cos(rad);
	const uy = Math.sin(rad);
	const corners: [number, number][] = [];
	for (const along of [from * item.width, to * item.width]) {
		for (const up of [-DESCENT * item.height, ASCENT * item.height]) {
			corners.push([item.x + ux * along - uy * up, item.y + uy * along + ux * up]);
		}
	}
	const xs = corners.map(([x]) => x);
	const ys = corners.map(([, y]) => y);
	const x = Math.min(...xs);
	const y = Math.min(...ys);
	return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

/** The rectangle around a whole run's glyphs, e.g. for highlighting it. */
export function itemBounds(item: LaidOutItem): Rect {
	return fragmentRect(item, 0, 1);
}

/**
 * The run geometry whose itemBounds is exactly `rect` (horizontal): how word boxes found by OCR
 * become runs that highlight and redact like the runs of a text PDF.
 */
export function itemFromBounds(rect: Rect, start: number, end: number): TextItem {
	const height = rect.height / (DESCENT + ASCENT);
	return { start, end, x: rect.x, y: rect.y + DESCENT * height, width: rect.width, height };
}

function pad(rect: Rect, padding: number): Rect {
	return {
		x: rect.x - padding,
		y: rect.y - padding,
		width: rect.width + 2 * padding,
		height: rect.height + 2 * padding
	};
}

interface Fragment {
	page: number;
	rect: Rect;
	axis: 'x' | 'y' | undefined;
	estimated: boolean;
	/** Font size, to tell when two fragments sit on one line. */
	size: number;
}

/** Neighbouring pieces of one span on one line become one box, so word gaps are black too. */
function sameLine(a: Fragment, b: Fragment): boolean {
	if (a.page !== b.page || a.axis !== b.axis || a.axis === undefined) return false;
	const size = Math.max(a.size, b.size);
	if (Math.abs(a.size - b.size) > size * 0.25) return false;
	const [across, along]: ['y' | 'x', 'x' | 'y'] = a.axis === 'x' ? ['y', 'x'] : ['x', 'y'];
	const extent = across === 'y' ? 'height' : 'width';
	const length = along === 'x' ? 'width' : 'height';
	const aMid = a.rect[across] + a.rect[extent] / 2;
	const bMid = b.rect[across] + b.rect[extent] / 2;
	if (Math.abs(aMid - bMid) > size * 0.25) return false;
	const gap =
		Math.max(a.rect[along], b.rect[along]) -
		Math.min(a.rect[along] + a.rect[length], b.rect[along] + b.rect[length]);
	return gap <= size;
}

function union(a: Rect, b: Rect): Rect {
	const x = Math.min(a.x, b.x);
	const y = Math.min(a.y, b.y);
	return {
		x,
		y,
		width: Math.max(a.x + a.width, b.x + b.width) - x,
		height: Math.max(a.y + a.height, b.y + b.height) - y
	};
}

/** Index of the first item that ends after `offset` (items are in text order). */
function firstItemEndingAfter(items: { item: LaidOutItem }[], offset: number): number {
	let lo = 0;
	let hi = items.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (items[mid]!.item.end <= offset) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/**
 * Boxes over the characters of `spans` (offsets into the document text the pages describe). A
 * span may cover part of a run, several runs, or cross lines and pages; each line it touches
 * gets one box. Text that no run covers (line breaks, a form field's value) gets none.
 */
export function spansToBoxes(
	spans: readonly CharSpan[],
	pages: readonly PageInfo[],
	options: BoxOptions = {}
): PdfBox[] {
	const padding = options.padding ?? DEFAULT_PADDING;
	const items = pages.flatMap((page) =>
		(page.items as LaidOutItem[]).map((item) => ({ page: page.number, item }))
	);
	const boxes: PdfBox[] = [];
	for (const span of spans) {
		const fragments: Fragment[] = [];
		for (let i = firstItemEndingAfter(items, span.start); i < items.length; i++) {
			const { page, item } = items[i]!;
			if (item.start >= span.end) break;
			const length = item.end - item.start;
			if (length <= 0 || Math.min(item.end, span.end) <= Math.max(item.start, span.start)) continue;
			const from = Math.max(0, span.start - item.start) / length;
			const to = (Math.min(item.end, span.end) - item.start) / length;
			const fragment: Fragment = {
				page,
				rect: fragmentRect(item, from, to),
				axis: axisOf(item.angle ?? 0),
				estimated: from > 0 || to < 1,
				size: item.height
			};
			const last = fragments.at(-1);
			if (last && sameLine(last, fragment)) {
				last.rect = union(last.rect, fragment.rect);
				last.estimated ||= fragment.estimated;
				last.size = Math.max(last.size, fragment.size);
			} else {
				fragments.push(fragment);
			}
		}
		for (const f of fragments) {
			const box: PdfBox = { page: f.page, ...pad(f.rect, padding) };
			if (f.estimated && f.axis) box.estimatedAxis = f.axis;
			boxes.push(box);
		}
	}
	return boxes;
}
