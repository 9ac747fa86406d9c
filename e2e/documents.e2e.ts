import { writeFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { makePdfFromLines, REPORT_PAGES } from '../scripts/fixture-pdf.js';
import { expect, test } from './test';
import {
	dropFiles,
	expectImported,
	fixtureFile,
	importItem,
	pasteDocument,
	tableCounts
} from './helpers';

test.beforeEach(async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { name: 'Add documents' })).toBeVisible();
});

test('pasted text is stored and shown with its metadata', async ({ page }) => {
	await pasteDocument(
		page,
		'Diagnose: Pneumonie rechts.\nTherapie: Ampicillin.',
		'Befund Station 3'
	);
	await page.getByRole('link', { name: 'Befund Station 3' }).click();
	await expect(page.getByTestId('document-text')).toContainText('Pneumonie rechts');
	await expect(page.getByTestId('meta-chars')).toHaveText('49');
	await expect(page).toHaveURL(/\/documents\/[0-9a-f-]{36}$/);
	// A deep link works on its own: reload the document's page.
	await page.reload();
	await expect(page.getByTestId('document-text')).toContainText('Pneumonie rechts');
});

test('dropped text files decode UTF-8, UTF-16 and Windows-1252 with umlauts intact', async ({
	page
}) => {
	await dropFiles(page, [
		fixtureFile('befund-utf8.txt'),
		fixtureFile('befund-utf16.txt'),
		fixtureFile('arztbrief-latin1.txt')
	]);
	for (const name of ['befund-utf8.txt', 'befund-utf16.txt', 'arztbrief-latin1.txt']) {
		await expectImported(page, name);
	}
	await page.getByRole('link', { name: 'arztbrief-latin1.txt' }).click();
	const text = page.getByTestId('document-text');
	await expect(text).toContainText(/[äöüß]/);
	await expect(text).not.toContainText('�');
	await page.goBack();
	await page.getByRole('link', { name: 'befund-utf16.txt' }).click();
	await expect(page.getByTestId('document-text')).toContainText(/[äöüÄÖÜß]/);
});

test('a PDF keeps its pages, a Word file its text', async ({ page }) => {
	await page
		.getByTestId('file-input')
		.setInputFiles([fixtureFile('report-3pages.pdf'), fixtureFile('letter.docx')]);
	await expectImported(page, 'report-3pages.pdf');
	await expectImported(page, 'letter.docx');
	await page.getByRole('link', { name: 'report-3pages.pdf' }).click();
	await expect(page.getByTestId('meta-pages')).toHaveText('3');
	await expect(page.getByTestId('page-marker')).toHaveCount(3);
	await page.goBack();
	await page.getByRole('link', { name: 'letter.docx' }).click();
	await expect(page.getByTestId('document-text')).toContainText(/[äöüß]/);
});

test('each bad file gets its own reason while the good ones in the same drop import', async ({
	page
}, testInfo) => {
	const dir = testInfo.outputPath('big');
	mkdirSync(dir, { recursive: true });
	const big = resolve(dir, 'huge-scan.txt');
	writeFileSync(big, Buffer.alloc(51 * 1024 * 1024, 'a'));

	await page
		.getByTestId('file-input')
		.setInputFiles([
			fixtureFile('empty.txt'),
			fixtureFile('corrupt.pdf'),
			fixtureFile('binary.txt'),
			fixtureFile('photo.png'),
			fixtureFile('scanned.pdf'),
			big,
			fixtureFile('befund-utf8.txt')
		]);
	await expectImported(page, 'befund-utf8.txt');
	const expectations: [string, RegExp][] = [
		['empty.txt', /empty/i],
		['corrupt.pdf', /damaged|corrupt|cannot be read/i],
		['binary.txt', /not a text file|binary/i],
		['photo.png', /not supported|unsupported/i],
		['scanned.pdf', /no text|scanned/i],
		['huge-scan.txt', /larger|too large|limit/i]
	];
	for (const [name, reason] of expectations) {
		const item = importItem(page, name);
		await expect(item).toHaveAttribute('data-status', 'failed');
		await expect(item.getByRole('alert')).toContainText(name);
		await expect(item.getByRole('alert')).toContainText(reason);
	}
	// Only the good file was stored, and stored whole.
	await expect(page.getByTestId('doc-count')).toHaveText('1 document');
	const counts = await tableCounts(page);
	expect(counts.documents).toBe(1);
	expect(counts.contents).toBe(1);
});

test('a password-protected PDF asks for the password and says when it is wrong', async ({
	page
}) => {
	await dropFiles(page, [fixtureFile('protected.pdf')]);
	const item = importItem(page, 'protected.pdf');
	await expect(item).toHaveAttribute('data-status', 'password');
	await item.getByLabel(/password for protected\.pdf/i).fill('wrong');
	await item.getByRole('button', { name: 'Open' }).click();
	await expect(item).toHaveAttribute('data-status', 'password');
	await expect(item).toContainText(/not correct/i);
	await item.getByLabel(/password for protected\.pdf/i).fill('enclave');
	await item.getByRole('button', { name: 'Open' }).click();
	await expect(item).toHaveAttribute('data-status', 'saved');
	await expect(page.getByTestId('doc-count')).toHaveText('1 document');
});

test('search finds names at once and text after a moment; sort and multi-delete work', async ({
	page
}) => {
	await pasteDocument(page, 'Befund ohne Besonderheiten.', 'Alpha Befund');
	await pasteDocument(page, 'Verdacht auf Lungenembolie links basal.', 'Beta Arztbrief');
	await pasteDocument(page, 'Kontrolle in drei Monaten.', 'Gamma Notiz');
	const rows = page.getByTestId('doc-row');
	await expect(rows).toHaveCount(3);

	const search = page.getByRole('searchbox', { name: /search names and text/i });
	await search.fill('gamma');
	await expect(rows).toHaveCount(1);
	await expect(rows.first()).toContainText('Gamma Notiz');
	await search.fill('lungenembolie');
	await expect(rows).toHaveCount(1);
	await expect(rows.first()).toContainText('Beta Arztbrief');
	await search.fill('');

	await page.getByLabel('Sort by').selectOption('name');
	await page.getByRole('button', { name: 'Descending' }).click();
	await expect(rows.first()).toContainText('Alpha Befund');

	await rows.filter({ hasText: 'Alpha' }).getByRole('checkbox').check();
	await rows.filter({ hasText: 'Gamma' }).getByRole('checkbox').check();
	await page.getByRole('button', { name: 'Delete selected' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
	await expect(rows).toHaveCount(1);
	await expect(rows.first()).toContainText('Beta Arztbrief');
	const counts = await tableCounts(page);
	expect(counts.documents).toBe(1);
	expect(counts.contents).toBe(1);
});

test('the list stays usable with 10,000 documents', async ({ page }) => {
	await page.evaluate(async () => {
		const req = indexedDB.open('enclave');
		const db = await new Promise<IDBDatabase>((res) => (req.onsuccess = () => res(req.result)));
		const tx = db.transaction(['documents', 'contents'], 'readwrite');
		for (let i = 0; i < 10_000; i++) {
			const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
			tx.objectStore('documents').put({
				id,
				name: `Bericht ${String(i).padStart(5, '0')}.txt`,
				type: 'txt',
				size: 100,
				pages: 0,
				chars: 40,
				importedAt: 1_700_000_000_000 + i
			});
			tx.objectStore('contents').put({ id, text: `Synthetischer Text Nummer ${i}`, pages: [] });
		}
		await new Promise((res) => (tx.oncomplete = res));
		db.close();
	});
	await page.reload();
	await expect(page.getByTestId('doc-count')).toHaveText('10000 documents');
	// Virtualized: only the rows in view exist in the DOM.
	expect(await page.getByTestId('doc-row').count()).toBeLessThan(60);
	await page.getByRole('searchbox').fill('Nummer 9876');
	await expect(page.getByTestId('doc-row')).toHaveCount(1);
	await expect(page.getByTestId('doc-row')).toContainText('Bericht 09876.txt');
});

test('a text PDF with a page without text says which page, at import and in the document', async ({
	page
}, testInfo) => {
	const path = testInfo.outputPath('mixed.pdf');
	writeFileSync(path, await makePdfFromLines([REPORT_PAGES[0]!, [], REPORT_PAGES[2]!]));
	await dropFiles(page, [path]);
	await expectImported(page, 'mixed.pdf');
	await expect(importItem(page, 'mixed.pdf').getByTestId('textless-notice')).toHaveText(
		/No text layer on page 2/
	);
	await page.getByRole('link', { name: 'mixed.pdf' }).click();
	await expect(page.getByTestId('textless-notice')).toHaveText(/No text layer on page 2/);
});
