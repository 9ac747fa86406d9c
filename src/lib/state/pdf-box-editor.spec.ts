import { degrees, PDFDocument } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { toManualBox, toPixelRect } from './pdf-box-editor.svelte';

/** The viewport of a 600 × 800 pt page turned by `rotation`, at 1.5 pixels per point. */
async function viewportOf(rotation: number) {
	const doc = await PDFDocument.create();
	doc.addPage([600, 800]).setRotation(degrees(rotation));
	const pdf = await getDocument({ data: await doc.save(), isEvalSupported: false }).promise;
	try {
		return (await pdf.getPage(1)).getViewport({ scale: 1.5 });
	} finally {
		await pdf.destroy();
	}
}

function expectClose(actual: object, expected: object) {
	for (const [key, value] of Object.entries(expected)) {
		expect((actual as Record<string, number>)[key], key).toBeCloseTo(value as number, 6);
	}
}

describe('boxes between the page picture and PDF user space', () => {
	it('puts a box drawn at the top left of an upright page at the top of its user space', async () => {
		const viewport = await viewportOf(0);
		const box = toManualBox(viewport, 1, { x: 15, y: 30, width: 150, height: 45 });
		expectClose(box, { page: 1, x: 10, y: 800 - 50, width: 100, height: 30 });
		expectClose(toPixelRect(viewport, box), { x: 15, y: 30, width: 150, height: 45 });
	});

	it('follows /Rotate: a page turned 90° shows user-space x downwards and y to the right', async () => {
		const viewport = await viewportOf(90);
		expect([viewport.width, viewport.height]).toEqual([1200, 900]);
		const box = { x: 100, y: 50, width: 200, height: 20 };
		expectClose(toPixelRect(viewport, box), { x: 75, y: 150, width: 30, height: 300 });
		expectClose(toManualBox(viewport, 2, toPixelRect(viewport, box)), { page: 2, ...box });
	});

	it('gives the same box back after a round trip on every rotation', async () => {
		const box = { x: 120.5, y: 300.25, width: 80, height: 44 };
		for (const rotation of [0, 90, 180, 270]) {
			const viewport = await viewportOf(rotation);
			expectClose(toManualBox(viewport, 1, toPixelRect(viewport, box)), { page: 1, ...box });
		}
	});
});
