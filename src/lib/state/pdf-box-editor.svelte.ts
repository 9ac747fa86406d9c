import type { PageViewport } from 'pdfjs-dist';
import {
	openPdfForRendering,
	PdfOpenError,
	renderPage,
	type OpenedPdf
} from '$lib/documents/pdf-render';
import { EnclaveError } from '$lib/errors';
import type { ManualBox } from '$lib/storage/db';
import type { Rect } from '$lib/tasks/deid/pdf/boxes';
import type { DeidReview } from './deid-review.svelte';

/** 1.5 pixels per point: stamps and signatures are recognisable, a page draws quickly. */
const DPI = 108;
/** A drag shorter than this, in page pixels, is a click rather than a box. */
const MIN_SIDE = 4;

export interface ShownPage {
	number: number;
	image: ImageBitmap;
	/** Maps PDF user space to the picture's pixels, the page's /Rotate included. */
	viewport: PageViewport;
	width: number;
	height: number;
}

function corner(point: unknown[]): [number, number] {
	return [Number(point[0]), Number(point[1])];
}

function spanning([x0, y0]: [number, number], [x1, y1]: [number, number]): Rect {
	return {
		x: Math.min(x0, x1),
		y: Math.min(y0, y1),
		width: Math.abs(x1 - x0),
		height: Math.abs(y1 - y0)
	};
}

/**
 * A box in PDF user space as a rectangle in the picture's pixels. Pages turn by multiples of
 * 90°, so two opposite corners still span the whole box.
 */
export function toPixelRect(viewport: PageViewport, box: Rect): Rect {
	return spanning(
		corner(viewport.convertToViewportPoint(box.x, box.y)),
		corner(viewport.convertToViewportPoint(box.x + box.width, box.y + box.height))
	);
}

/** A rectangle drawn on the picture as a box in PDF user space, which the export burns in. */
export function toManualBox(viewport: PageViewport, page: number, rect: Rect): ManualBox {
	const box = spanning(
		corner(viewport.convertToPdfPoint(rect.x, rect.y)),
		corner(viewport.convertToPdfPoint(rect.x + rect.width, rect.y + rect.height))
	);
	return { page, ...box };
}

function openProblem(err: unknown): unknown {
	if (!(err instanceof PdfOpenError)) return err;
	const code = err.problem === 'unreadable' ? 'deid.pdfUnreadable' : 'deid.pdfPassword';
	return new EnclaveError(code, {}, { cause: err });
}

/**
 * The pages of a PDF under review, one at a time, with the boxes its redacted copy gets: those
 * over the removed text (from the review's spans) and those the user draws by hand.
 */
export class PdfBoxEditor {
	pageCount = $state(0);
	/** The page asked for; `shown` follows once it is drawn. */
	number = $state(1);
	shown = $state.raw<ShownPage>();
	/** The box being drawn, in the picture's pixels. */
	draft = $state.raw<Rect>();
	/** Index into the review's boxes. */
	selected = $state<number>();
	problem = $state.raw<unknown>();
	#opened: Promise<OpenedPdf> | undefined;
	#request = 0;
	#anchor: [number, number] | undefined;

	constructor(
		readonly review: DeidReview,
		readonly file: Uint8Array
	) {}

	/** The hand-drawn boxes on the shown page, with their index in the review. */
	get manual(): { index: number; rect: Rect }[] {
		const shown = this.shown;
		if (!shown) return [];
		return this.review.boxes.flatMap((box, index) =>
			box.page === shown.number ? [{ index, rect: toPixelRect(shown.viewport, box) }] : []
		);
	}

	/** The boxes over removed text on the shown page. */
	get auto(): Rect[] {
		const shown = this.shown;
		if (!shown) return [];
		return this.review.autoBoxes
			.filter((box) => box.page === shown.number)
			.map((box) => toPixelRect(shown.viewport, box));
	}

	async open() {
		this.#opened ??= openPdfForRendering(this.file).catch((err: unknown) => {
			throw openProblem(err);
		});
		try {
			this.pageCount = (await this.#opened).doc.numPages;
		} catch (err) {
			this.problem = err;
			return;
		}
		await this.go(1);
	}

	/** Draws page `number` (1-based); a page asked for meanwhile wins. */
	async go(number: number) {
		if (!this.#opened || number < 1 || number > this.pageCount) return;
		const request = ++this.#request;
		this.number = number;
		this.selected = undefined;
		this.cancel();
		try {
			const { doc, pdfjs } = await this.#opened;
			const page = await doc.getPage(number);
			try {
				const rendered = await renderPage(page, pdfjs, DPI);
				// In the browser the page is drawn on an OffscreenCanvas.
				const image = (rendered.canvas as OffscreenCanvas).transferToImageBitmap();
				if (request !== this.#request) {
					image.close();
					return;
				}
				this.shown?.image.close();
				const { width, height } = rendered.canvas;
				this.shown = { number, image, viewport: rendered.viewport, width, height };
				this.problem = undefined;
			} finally {
				page.cleanup();
			}
		} catch (err) {
			if (request === this.#request) this.problem = err;
		}
	}

	begin(x: number, y: number) {
		if (!this.shown) return;
		this.selected = undefined;
		this.#anchor = this.#clamp(x, y);
		this.draft = spanning(this.#anchor, this.#anchor);
	}

	extend(x: number, y: number) {
		if (this.#anchor) this.draft = spanning(this.#anchor, this.#clamp(x, y));
	}

	/** Ends a drag: a box big enough to mean something is saved with the review. */
	finish() {
		const { shown, draft } = this;
		this.cancel();
		if (!shown || !draft || draft.width < MIN_SIDE || draft.height < MIN_SIDE) return;
		this.review.addBox(toManualBox(shown.viewport, shown.number, draft));
	}

	cancel() {
		this.#anchor = undefined;
		this.draft = undefined;
	}

	select(index: number | undefined) {
		this.selected = index;
	}

	remove(index: number) {
		this.selected = undefined;
		this.review.removeBox(index);
	}

	close() {
		this.#request++;
		this.shown?.image.close();
		this.shown = undefined;
		const opened = this.#opened;
		this.#opened = undefined;
		// A PDF that did not open has nothing to close; its problem is already shown.
		opened?.then((o) => o.close()).catch(() => undefined);
	}

	#clamp(x: number, y: number): [number, number] {
		const { width = 0, height = 0 } = this.shown ?? {};
		return [Math.min(Math.max(x, 0), width), Math.min(Math.max(y, 0), height)];
	}
}
