import { describe, expect, it } from 'vitest';
import { PAGE_BREAK, type PageInfo } from '$lib/documents/document';
import {
	ASCENT,
	DESCENT,
	itemBounds,
	itemFromBounds,
	spansToBoxes,
	type LaidOutItem,
	type PdfBox
} from './boxes';

/**
 * Two pages: page 1 has "Patient: Max Mustermann" as one run and "geb. 01.02.1960" as a second
 * line; page 2 has "Mustermann" split over two runs on one line, then "Ende".
 */
const line1 = 'Patient: Max Mustermann';
const line2 = 'geb. 01.02.1960';
const page2Text = 'Muster' + 'mann Ende';
const text = `${line1}\n${line2}${PAGE_BREAK}${page2Text}`;
const p2 = line1.length + 1 + line2.length + 1;

const pages: PageInfo[] = [
	{
		number: 1,
		start: 0,
		end: line1.length + 1 + line2.length,
		width: 595,
		height: 842,
		items: [
			{ start: 0, end: line1.length, x: 50, y: 700, width: 230, height: 10 },
			{ start: line1.length + 1, end: p2 - 1, x: 50, y: 685, width: 150, height: 10 }
		]
	},
	{
		number: 2,
		start: p2,
		end: p2 + page2Text.length,
		width: 595,
		height: 842,
		items: [
			{ start: p2, end: p2 + 6, x: 100, y: 500, width: 60, height: 12 },
			{ start: p2 + 6, end: p2 + 10, x: 160, y: 500, width: 40, height: 12 },
			{ start: p2 + 11, end: p2 + 15, x: 100, y: 480, width: 40, height: 12 }
		]
	}
];

function span(needle: string, from = 0) {
	const start = text.indexOf(needle, from);
	if (start < 0) throw new Error(needle);
	return { start, end: start + needle.length };
}

const close = (box: PdfBox, expected: Partial<PdfBox>) => {
	for (const [key, value] of Object.entries(expected)) {
		if (typeof value === 'number') expect(box[key as keyof PdfBox], key).toBeCloseTo(value, 6);
		else expect(box[key as keyof PdfBox], key).toBe(value);
	}
};

describe('spansToBoxes', () => {
	it('covers part of a run in proportion to its characters, with padding', () => {
		const [box, ...rest] = spansToBoxes([span('Max')], pages, { padding: 0 });
		expect(rest).toEqual([]);
		const per = 230 / line1.length;
		close(box!, {
			page: 1,
			x: 50 + 9 * per,
			width: 3 * per,
			y: 700 - DESCENT * 10,
			height: (DESCENT + ASCENT) * 10,
			estimatedAxis: 'x'
		});
		const [padded] = spansToBoxes([span('Max')], pages, { padding: 2 });
		close(padded!, {
			x: box!.x - 2,
			y: box!.y - 2,
			width: box!.width + 4,
			height: box!.height + 4
		});
	});

	it('gives a whole run exact edges, which need no snapping', () => {
		const [box] = spansToBoxes([span(line2)], pages, { padding: 0 });
		close(box!, { page: 1, x: 50, width: 150 });
		expect(box!.estimatedAxis).toBeUndefined();
	});

	it('gives a span across lines one box per line', () => {
		const boxes = spansToBoxes([span('Mustermann\ngeb.')], pages, { padding: 0 });
		expect(boxes.map((b) => [b.page, b.y])).toEqual([
			[1, 700 - DESCENT * 10],
			[1, 685 - DESCENT * 10]
		]);
		expect(boxes[0]!.x + boxes[0]!.width).toBeCloseTo(280, 6);
		expect(boxes[1]!.x).toBeCloseTo(50, 6);
		expect(boxes[1]!.width).toBeCloseTo((4 / line2.length) * 150, 6);
	});

	it('joins the runs of one line and follows a span onto the next page', () => {
		const boxes = spansToBoxes([span(`1960${PAGE_BREAK}Mustermann`)], pages, { padding: 0 });
		expect(boxes.map((b) => b.page)).toEqual([1, 2]);
		close(boxes[1]!, {
			x: 100,
			width: 100,
			y: 500 - DESCENT * 12,
			height: (DESCENT + ASCENT) * 12
		});
		expect(boxes[1]!.estimatedAxis).toBeUndefined();
	});

	it('boxes every span, and nothing for text no run holds', () => {
		expect(spansToBoxes([span('\n'), { start: 3, end: 3 }], pages)).toEqual([]);
		expect(spansToBoxes([span('Max'), span('Ende')], pages).map((b) => b.page)).toEqual([1, 2]);
		expect(spansToBoxes([], pages)).toEqual([]);
	});

	it('turns boxes with the run when its baseline is rotated', () => {
		const up: LaidOutItem = { start: 0, end: 10, x: 100, y: 80, width: 100, height: 10, angle: 90 };
		const page: PageInfo = { number: 1, start: 0, end: 10, width: 842, height: 595, items: [up] };
		const [box] = spansToBoxes([{ start: 2, end: 4 }], [page], { padding: 0 });
		close(box!, {
			x: 100 - ASCENT * 10,
			width: (ASCENT + DESCENT) * 10,
			y: 100,
			height: 20,
			estimatedAxis: 'y'
		});
		const slanted: LaidOutItem = { ...up, angle: 30 };
		const [tilted] = spansToBoxes([{ start: 2, end: 4 }], [{ ...page, items: [slanted] }]);
		expect(tilted!.estimatedAxis).toBeUndefined();
		expect(tilted!.width).toBeGreaterThan(20);
	});
});

describe('itemBounds and itemFromBounds', () => {
	it('are each other’s inverse, so OCR word boxes redact exactly', () => {
		const rect = { x: 10, y: 20, width: 30, height: 13 };
		const item = itemFromBounds(rect, 5, 9);
		expect(item).toMatchObject({ start: 5, end: 9 });
		const back = itemBounds(item);
		for (const key of ['x', 'y', 'width', 'height'] as const) {
			expect(back[key]).toBeCloseTo(rect[key], 9);
		}
		const [box] = spansToBoxes(
			[{ start: 5, end: 9 }],
			[{ number: 1, start: 0, end: 9, width: 100, height: 100, items: [item] }]
		);
		expect(box).toMatchObject({ x: 9, y: 19, width: 32 });
		expect(box!.height).toBeCloseTo(15, 9);
	});
});
