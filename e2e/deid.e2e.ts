import { readFileSync, writeFileSync } from 'node:fs';
import { createCanvas } from '@napi-rs/canvas';
import JSZip from 'jszip';
import type { Page } from '@playwright/test';
import { getDocument, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { expect, test } from './test';
import { dropFiles, expectImported, fixtureFile, pasteDocument } from './helpers';

// Invented letters: every name, date and number below is made up.
const LETTER_DE = [
	'Sehr geehrte Frau Kollegin,',
	'wir berichten über Herrn Bernd Schulze, geb. 04.04.1957, wohnhaft Hauptstraße 12, 10115 Berlin,',
	'Tel. 030 1234567, der vom 19.3.2024 bis 27.3.2024 bei uns stationär behandelt wurde.',
	'Herr Schulze wurde mit Ramipril 5 mg entlassen.',
	'Mit freundlichen Grüßen',
	'Dr. med. Anna Weber'
].join('\n');

const NOTE_EN =
	'Pt seen on 03/04/2024 by Dr. Miller. Call 617-555-0199 or mail jo.doe@example.org.';

async function startRun(page: Page, names: string[], known = '') {
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'De-identify' })
		.click();
	for (const name of names) await page.getByRole('checkbox', { name }).check();
	if (known) await page.getByTestId('deid-known').fill(known);
	await page.getByTestId('run-deid').click();
	await expect(page).toHaveURL(/\/deid\/jobs\//);
	await expect(page.getByTestId('job-progress')).toHaveText(
		`${names.length} of ${names.length} documents`
	);
}

async function textOfPdf(bytes: Uint8Array): Promise<string> {
	const pdf = await getDocument({ data: bytes, isEvalSupported: false }).promise;
	let text = '';
	for (let i = 1; i <= pdf.numPages; i++) {
		const content = await (await pdf.getPage(i)).getTextContent();
		text += content.items.map((it) => ('str' in it ? it.str : '')).join(' ') + '\n';
	}
	return text;
}

/** Page `number` of a PDF as a viewer shows it, at `scale` pixels per point. */
async function pixelsOfPage(bytes: Uint8Array, number: number, scale: number) {
	// The invisible text layer's font is never drawn: no standard fonts needed, no warning.
	const pdf = await getDocument({
		data: bytes,
		isEvalSupported: false,
		verbosity: VerbosityLevel.ERRORS
	}).promise;
	try {
		const page = await pdf.getPage(number);
		const viewport = page.getViewport({ scale });
		const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
		const context = canvas.getContext('2d');
		await page.render({
			canvas: null,
			canvasContext: context as unknown as CanvasRenderingContext2D,
			viewport
		}).promise;
		return { pixels: context.getImageData(0, 0, canvas.width, canvas.height), scale };
	} finally {
		await pdf.destroy();
	}
}

/** Mean luminance (0 black, 255 white) of a region in points from the page's top left. */
function meanLuminance(
	{ pixels, scale }: Awaited<ReturnType<typeof pixelsOfPage>>,
	[x, top, width, height]: [number, number, number, number]
) {
	let sum = 0;
	let n = 0;
	for (let py = Math.round(top * scale); py < Math.round((top + height) * scale); py++) {
		for (let px = Math.round(x * scale); px < Math.round((x + width) * scale); px++) {
			const i = (py * pixels.width + px) * 4;
			sum += (pixels.data[i]! + pixels.data[i + 1]! + pixels.data[i + 2]!) / 3;
			n++;
		}
	}
	return sum / n;
}

/** A4 in points, the size of the fixture PDFs' pages. */
const A4 = { width: 595.28, height: 841.89 };

/** Drags with the mouse over a region of the shown PDF page, given in points from its top left. */
async function drawBox(page: Page, [x, top, width, height]: [number, number, number, number]) {
	const picture = page.getByTestId('pdf-page').locator('canvas');
	await picture.evaluate((el) => el.scrollIntoView({ block: 'center' }));
	const bounds = (await picture.boundingBox())!;
	const at = (px: number, pt: number) =>
		[
			bounds.x + (px / A4.width) * bounds.width,
			bounds.y + (pt / A4.height) * bounds.height
		] as const;
	await page.mouse.move(...at(x, top));
	await page.mouse.down();
	await page.mouse.move(...at(x + width / 2, top + height / 2), { steps: 4 });
	await page.mouse.move(...at(x + width, top + height), { steps: 4 });
	await page.mouse.up();
}

test.beforeEach(async ({ page }) => {
	await page.goto('/');
});

test('finds patient data with rules and known identifiers, reviews it and exports clean copies', async ({
	page
}) => {
	await pasteDocument(page, LETTER_DE, 'Brief Schulze');
	await pasteDocument(page, NOTE_EN, 'Note Doe');
	await startRun(page, ['Brief Schulze', 'Note Doe'], 'Bernd Schulze');

	const rows = page.getByTestId('deid-row');
	await expect(rows).toHaveCount(2);
	await expect(rows.first().getByTestId('verdict')).toHaveText('PASS');

	await rows.filter({ hasText: 'Brief Schulze' }).getByRole('link', { name: 'Review' }).click();
	const output = page.getByTestId('deid-output');
	for (const leaked of ['Schulze', '04.04.1957', '030 1234567', '10115', 'Hauptstraße 12'])
		await expect(output).not.toContainText(leaked);
	// Clinical content stays.
	await expect(output).toContainText('Ramipril 5 mg');

	// Keyboard review: J moves to the next span; rejecting a known identifier makes it leak.
	const toolbar = page.getByTestId('span-toolbar');
	const first = await page.getByTestId('span-text').textContent();
	await page.keyboard.press('j');
	await expect(page.getByTestId('span-text')).not.toHaveText(first ?? '');
	await page.keyboard.press('k');
	await expect(page.getByTestId('span-text')).toHaveText(first ?? '');

	// Select the span holding the known surname and reject it with all its occurrences.
	while (!((await page.getByTestId('span-text').textContent()) ?? '').includes('Schulze'))
		await page.keyboard.press('j');
	await toolbar.getByTestId('reject-span').click();
	if (await toolbar.getByTestId('apply-all').isVisible())
		await toolbar.getByTestId('apply-all').click();
	await expect(page.getByTestId('verdict').first()).toHaveText('FAIL');
	await expect(page.getByTestId('export-txt')).toBeDisabled();
	await page.keyboard.press('a');
	if (await toolbar.getByTestId('apply-all').isVisible())
		await toolbar.getByTestId('apply-all').click();
	await expect(page.getByTestId('verdict').first()).not.toHaveText('FAIL');

	// A word the rules do not treat as patient data, marked by hand from a text selection.
	await page
		.getByTestId('deid-original')
		.getByText(/stationär/)
		.evaluate((el) => {
			const node = [...el.childNodes].find((n) => n.textContent?.includes('stationär'))!;
			const at = node.textContent!.indexOf('stationär');
			const range = document.createRange();
			range.setStart(node, at);
			range.setEnd(node, at + 'stationär'.length);
			getSelection()!.removeAllRanges();
			getSelection()!.addRange(range);
		});
	await page.getByTestId('add-span').click();
	await expect(output).not.toContainText('stationär');

	// Decisions survive a reload.
	await page.getByTestId('mark-reviewed').click();
	await page.reload();
	await expect(page.getByTestId('deid-output')).not.toContainText('stationär');
	await expect(page.getByText('Reviewed', { exact: true })).toBeVisible();

	const txt = page.waitForEvent('download');
	await page.getByTestId('export-txt').click();
	const download = await txt;
	expect(download.suggestedFilename()).toBe('document-001.txt');
	const exported = readFileSync((await download.path())!, 'utf8');
	expect(exported).not.toContain('Schulze');
	expect(exported).toContain('Ramipril 5 mg');

	// The whole batch as a ZIP with neutral names.
	await page.goBack();
	const zipDownload = page.waitForEvent('download');
	await page.getByTestId('deid-export').click();
	const zip = await JSZip.loadAsync(readFileSync((await (await zipDownload).path())!));
	const names = Object.keys(zip.files).sort();
	expect(names).toEqual([
		'document-001.json',
		'document-001.txt',
		'document-002.json',
		'document-002.txt'
	]);
	const all = (await Promise.all(names.map((n) => zip.file(n)!.async('string')))).join('\n');
	for (const leaked of ['Schulze', '617-555-0199', 'jo.doe@example.org', '04.04.1957'])
		expect(all).not.toContain(leaked);
});

test('a PDF becomes a redacted PDF whose text no longer holds the removed data', async ({
	page
}) => {
	await dropFiles(page, [fixtureFile('report-3pages.pdf')]);
	await expectImported(page, 'report-3pages.pdf');
	await startRun(page, ['report-3pages.pdf'], 'Max Mustermann');
	await page.getByRole('link', { name: 'Review' }).click();
	await expect(page.getByTestId('deid-output')).not.toContainText('Mustermann');

	const pdfDownload = page.waitForEvent('download');
	await page.getByTestId('export-pdf').click();
	const download = await pdfDownload;
	expect(download.suggestedFilename()).toBe('document-001.pdf');
	const text = await textOfPdf(new Uint8Array(readFileSync((await download.path())!)));
	expect(text).not.toContain('Mustermann');
	expect(text).not.toContain('01.02.1960');
	// The invisible text layer keeps the rest searchable.
	expect(text).toContain('Pneumonie');
});

test('a box drawn by hand on a PDF page is saved, blacks out that area in the export and can be removed', async ({
	page
}) => {
	// The whole first page fits on the screen, so the drag needs no scrolling.
	await page.setViewportSize({ width: 1280, height: 1400 });
	await dropFiles(page, [fixtureFile('report-3pages.pdf')]);
	await expectImported(page, 'report-3pages.pdf');
	await startRun(page, ['report-3pages.pdf'], 'Max Mustermann');
	await page.getByRole('link', { name: 'Review' }).click();

	const pdfPage = page.getByTestId('pdf-page');
	await expect(pdfPage).toHaveAttribute('data-page', '1');
	// The patient's name and birth date on page 1 are covered by boxes from the text.
	await expect(pdfPage.getByTestId('auto-box').first()).toBeVisible();
	await expect(pdfPage.getByTestId('manual-box')).toHaveCount(0);

	// The heading "Klinik für Innere Medizin – Entlassungsbericht": baseline 786 pt, x from 56 pt.
	const heading: [number, number, number, number] = [50, 42, 280, 19];
	await drawBox(page, heading);
	await expect(pdfPage.getByTestId('manual-box')).toHaveCount(1);

	await page.reload();
	await expect(page.getByTestId('pdf-page')).toHaveAttribute('data-page', '1');
	await expect(page.getByTestId('manual-box')).toHaveCount(1);

	const pdfDownload = page.waitForEvent('download');
	await page.getByTestId('export-pdf').click();
	const exported = new Uint8Array(readFileSync((await (await pdfDownload).path())!));
	const page1 = await pixelsOfPage(exported, 1, 2);
	expect(meanLuminance(page1, [54, 44, 272, 15])).toBeLessThan(10);
	// Beside the heading and below the text the page is still white.
	expect(meanLuminance(page1, [400, 44, 140, 15])).toBeGreaterThan(250);
	expect(meanLuminance(page1, [56, 200, 480, 100])).toBeGreaterThan(250);
	// The line below the box keeps its text: neither white nor black.
	const line2 = meanLuminance(page1, [56, 62, 40, 9]);
	expect(line2).toBeGreaterThan(100);
	expect(line2).toBeLessThan(250);

	// A second box, selected by a click and removed with the Delete key.
	await drawBox(page, [300, 500, 100, 60]);
	await expect(page.getByTestId('manual-box')).toHaveCount(2);
	await page.getByTestId('manual-box').nth(1).getByRole('button', { name: 'Box 2' }).click();
	await page.keyboard.press('Delete');
	await expect(page.getByTestId('manual-box')).toHaveCount(1);

	await page.getByTestId('remove-box').click();
	await expect(page.getByTestId('manual-box')).toHaveCount(0);
	await page.reload();
	await expect(page.getByTestId('auto-box').first()).toBeVisible();
	await expect(page.getByTestId('manual-box')).toHaveCount(0);

	// Pages are drawn one at a time; the signature line on page 3 has its own boxes.
	await page.getByRole('button', { name: 'Next page' }).click();
	await expect(page.getByTestId('pdf-page')).toHaveAttribute('data-page', '2');
	await expect(page.getByTestId('auto-box')).toHaveCount(0);
	await page.getByRole('button', { name: 'Next page' }).click();
	await expect(page.getByTestId('pdf-page')).toHaveAttribute('data-page', '3');
	await expect(page.getByTestId('pdf-page-number')).toHaveText('Page 3 of 3');
	await expect(page.getByTestId('auto-box').first()).toBeVisible();
});

test('a single document is de-identified from the review page without a batch', async ({
	page
}) => {
	await pasteDocument(page, NOTE_EN, 'Single note');
	await page.getByTestId('doc-row').filter({ hasText: 'Single note' }).getByRole('link').click();
	await expect(page.getByTestId('document-text')).toContainText('617-555-0199');
	await page.locator('#main').getByRole('link', { name: 'De-identify' }).click();
	await page.getByTestId('detect-now').click();
	await expect(page.getByTestId('deid-output')).not.toContainText('617-555-0199');
	await expect(page.getByTestId('deid-output')).not.toContainText('jo.doe@example.org');
});

test('a scanned PDF is read by OCR at import and becomes a redacted PDF', async ({ page }) => {
	test.setTimeout(180_000);
	await dropFiles(page, [fixtureFile('scanned-text.pdf')]);
	await expect(
		page.getByTestId('import-item').filter({ hasText: 'scanned-text.pdf' })
	).toHaveAttribute('data-status', 'saved', { timeout: 120_000 });
	await page.getByRole('link', { name: 'scanned-text.pdf' }).click();
	await expect(page.getByTestId('document-text')).toContainText('Pleuraerguss');

	await startRun(page, ['scanned-text.pdf'], 'Max Mustermann');
	await page.getByRole('link', { name: 'Review' }).click();
	await expect(page.getByTestId('deid-output')).not.toContainText('Mustermann');
	const pdfDownload = page.waitForEvent('download');
	await page.getByTestId('export-pdf').click();
	const text = await textOfPdf(new Uint8Array(readFileSync((await (await pdfDownload).path())!)));
	expect(text).not.toContain('Mustermann');
	expect(text).toContain('Pleuraerguss');
});

test('with a model loaded, its proposals are located in the text; what it invents becomes a warning', async ({
	page
}) => {
	await pasteDocument(
		page,
		'Kontrolle bei Zilly Quandt, alles unauffällig. Nächster Termin bei Bedarf. [[propose:Zilly Quandt]]',
		'Kontrolle'
	);
	await page.getByRole('link', { name: 'Models' }).click();
	const card = page.getByTestId('model-card').filter({ hasText: 'Hospital server (fixture)' });
	await card.getByRole('button', { name: 'Load', exact: true }).click();
	await expect(card.getByText('Loaded')).toBeVisible();

	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'De-identify' })
		.click();
	await page.getByRole('checkbox', { name: 'Kontrolle' }).check();
	await expect(page.getByTestId('deid-use-model')).toBeChecked();
	await page.getByTestId('run-deid').click();
	await expect(page.getByTestId('job-progress')).toHaveText('1 of 1 documents');
	await page.getByRole('link', { name: 'Review' }).click();

	const output = page.getByTestId('deid-output');
	await expect(output).not.toContainText('Quandt');
	await expect(output).toContainText('alles unauffällig');
	await expect(page.getByTestId('span-toolbar')).toContainText('model');
	await page.getByText(/For the reviewer/).click();
	await expect(
		page.getByText('The model proposed “Nirgendwo Unbekannt” but it is not in the text.')
	).toBeVisible();
});

test('quality is measured in the app against a gold standard the user picks', async ({
	page
}, testInfo) => {
	// Two invented notes in JSON Lines, with gold spans (one date, one phone, one name).
	const gold = [
		{
			id: 'a',
			text: 'Seen on 03/04/2024. Call 617-555-0199.',
			spans: [
				{ start: 8, end: 18, label: 'DATE' },
				{ start: 25, end: 37, label: 'PHONE_NUMBER' }
			]
		},
		{ id: 'b', text: 'Mr. Quandt is stable.', spans: [{ start: 4, end: 10, label: 'PERSON' }] }
	];
	const path = testInfo.outputPath('gold.jsonl');
	writeFileSync(path, gold.map((d) => JSON.stringify(d)).join('\n'));

	await page.goto('/deid/evaluate');
	await page.getByTestId('deid-eval-files').setInputFiles(path);
	await page.getByTestId('deid-eval-run').click();
	await expect(page.getByTestId('deid-eval-summary')).toHaveText('2 documents, 3 gold spans');
	await expect(page.getByTestId('deid-eval-recall')).toHaveText('100 %');
	await expect(page.getByTestId('deid-eval-figures')).toContainText('0 / 2');
});

test('in a batch the same person gets the same tag in every document, in review and export', async ({
	page
}) => {
	await pasteDocument(page, 'Herr Bernd Schulze wurde am 3.3.2024 aufgenommen.', 'Teil A');
	await pasteDocument(
		page,
		'Frau Anna Krause begleitete Herrn Bernd Schulze zur Visite.',
		'Teil B'
	);
	await startRun(page, ['Teil A', 'Teil B']);
	await page.getByTestId('deid-row').filter({ hasText: 'Teil B' }).getByRole('link').click();
	// Teil B alone would number Krause first; after Teil A, Schulze is already PATIENT_1.
	await expect(page.getByTestId('deid-output')).toHaveText(/\[PATIENT_2\].*\[PATIENT_1\]/);
});
