import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './test';
import { pasteDocument } from './helpers';

const TEMPLATE = 'Arztbrief: Kopfdaten (built in)';

async function connectServer(page: Page) {
	await page.getByRole('link', { name: 'Models' }).click();
	const card = page.getByTestId('model-card').filter({ hasText: 'Hospital server (fixture)' });
	await card.getByRole('button', { name: 'Load', exact: true }).click();
	await expect(card.getByText('Loaded')).toBeVisible();
}

async function runExtraction(page: Page, docNames: string[]) {
	await page.getByRole('link', { name: 'Extract' }).click();
	await page.getByTestId('template-select').selectOption({ label: TEMPLATE });
	for (const name of docNames) await page.getByRole('checkbox', { name }).check();
	await page.getByTestId('run-extraction').click();
	await expect(page).toHaveURL(/\/extract\/jobs\//);
}

function resultRow(page: Page, name: string) {
	return page.getByTestId('result-row').filter({ hasText: name });
}

test.beforeEach(async ({ page }) => {
	await page.goto('/');
});

test('extraction gives checked values, evidence in the document, corrections and exports', async ({
	page
}) => {
	await pasteDocument(page, 'Albers Beate, geb. 4.4.1997, stationär vom 19.3. bis 7.5.', 'Brief A');
	await pasteDocument(page, 'Schulze Bernd, geb. 1.2.1950. Entlassung am 3.3.2024.', 'Brief B');
	await pasteDocument(page, 'Nicht belegbar [[unverifiable]]', 'Brief C');
	await connectServer(page);
	await runExtraction(page, ['Brief A', 'Brief B', 'Brief C']);

	await expect(page.getByTestId('job-progress')).toHaveText('3 of 3 documents');
	await expect(resultRow(page, 'Brief A').getByTestId('result-status')).toHaveText('ok');
	await expect(resultRow(page, 'Brief C').getByTestId('result-status')).toHaveText('unverified');

	// The fixture model answers each text field with the document's first word, quoted.
	const cell = resultRow(page, 'Brief A').locator('[data-field="PatientName"]');
	await expect(cell).toHaveText('Albers');
	await cell.click();
	const detail = page.getByTestId('field-detail');
	await expect(detail).toContainText('quote found in the document');

	await detail.getByTestId('correction-input').fill('Beate Albers');
	await detail.getByRole('button', { name: 'Save correction' }).click();
	await expect(cell).toHaveText('Beate Albers');

	const csvDownload = page.waitForEvent('download');
	await page.getByRole('button', { name: 'CSV' }).click();
	const csv = await csvDownload;
	expect(csv.suggestedFilename()).toMatch(/^enclave-extraction-\d{4}-\d{2}-\d{2}\.csv$/);
	const text = readFileSync((await csv.path())!, 'utf8');
	expect(text).toContain('Beate Albers');
	expect(text).toContain('PatientName (model)');

	const jsonDownload = page.waitForEvent('download');
	await page.getByRole('button', { name: 'JSON' }).click();
	const rows = JSON.parse(readFileSync((await (await jsonDownload).path())!, 'utf8'));
	const a = rows.find((r: { document: string }) => r.document === 'Brief A');
	expect(a.corrections).toEqual({ PatientName: 'Beate Albers' });
	expect(a.values.PatientName).toBe('Albers');

	// Scored against a ground-truth file, the correction counts as the final value.
	await page.getByTestId('truth-input').setInputFiles({
		name: 'truth.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(
			'document,PatientName\nBrief A,Beate Albers\nBrief B,Bernd Schulze\nBrief C,\n',
			'utf8'
		)
	});
	// A right (corrected), B wrong ("Schulze"), C spurious: accuracy 1/3, precision 1/3, recall 1/2.
	const field = page.locator('[data-testid=eval-field][data-field="PatientName"]');
	await expect(field).toContainText('33.3 %33.3 %50 %40 %');
	await expect(page.getByTestId('eval-overall')).toContainText('Overall');
	await expect(page.getByText('2 differences to review')).toBeVisible();
	await page.getByText('Per document').click();
	await expect(page.getByTestId('eval-document').filter({ hasText: 'Brief A' })).toContainText(
		'1 / 1'
	);

	// Evidence opens the document with the quote marked.
	await resultRow(page, 'Brief A').locator('[data-field="PatientName"]').click();
	await page.getByRole('link', { name: 'Show in document' }).first().click();
	await expect(page.locator('mark')).toHaveText('Albers');
});

test('an engine error fails one document, the job goes on, and the failed can be retried', async ({
	page
}) => {
	await pasteDocument(page, 'Erster Brief ohne Probleme.', 'Gut 1');
	await pasteDocument(page, 'Dieser Brief bricht den Server [[error500]]', 'Kaputt');
	await pasteDocument(page, 'Dritter Brief ohne Probleme.', 'Gut 2');
	await connectServer(page);
	await runExtraction(page, ['Gut 1', 'Kaputt', 'Gut 2']);
	await expect(page.getByTestId('job-progress')).toHaveText('3 of 3 documents');
	await expect(resultRow(page, 'Kaputt').getByTestId('result-status')).toHaveText('failed');
	await expect(resultRow(page, 'Gut 2').getByTestId('result-status')).toHaveText('ok');
	await expect(page.getByText('1 failed')).toBeVisible();
	await page.getByRole('button', { name: 'Retry the failed' }).click();
	await expect(page.getByTestId('job-progress')).toHaveText('3 of 3 documents');
	await expect(resultRow(page, 'Kaputt').getByTestId('result-status')).toHaveText('failed');
	await expect(page.getByTestId('result-row')).toHaveCount(3);
});

test('a job resumes after a reload without running any document twice', async ({ page }) => {
	// Each slow document streams for about ten seconds.
	test.setTimeout(150_000);
	for (const n of [1, 2, 3]) await pasteDocument(page, `Langsam ${n} [[slow]]`, `Langsam ${n}`);
	await connectServer(page);
	await runExtraction(page, ['Langsam 1', 'Langsam 2', 'Langsam 3']);
	await expect(page.getByTestId('job-progress')).toHaveText('1 of 3 documents', {
		timeout: 30_000
	});
	await page.reload();
	// After the reload the model is loaded again and the job goes on by itself.
	await expect(page.getByTestId('job-progress')).toHaveText('3 of 3 documents', {
		timeout: 60_000
	});
	const runs = await page.evaluate(async () => {
		const req = indexedDB.open('enclave');
		const db = await new Promise<IDBDatabase>((res) => (req.onsuccess = () => res(req.result)));
		const all = await new Promise<{ documentId: string; jobId?: string }[]>((res) => {
			const r = db.transaction('results').objectStore('results').getAll();
			r.onsuccess = () => res(r.result);
		});
		db.close();
		return all.filter((r) => r.jobId).map((r) => r.documentId);
	});
	expect(runs).toHaveLength(3);
	expect(new Set(runs).size).toBe(3);
});

test('templates: duplicate a built-in, edit fields visually and as JSON, with warnings', async ({
	page
}) => {
	await page.goto('/extract/templates');
	const row = page.getByTestId('template-row').filter({ hasText: 'Arztbrief: Kopfdaten' });
	await row.getByRole('button', { name: 'Duplicate' }).click();
	await expect(page).toHaveURL(/\/extract\/templates\/[0-9a-f-]{36}$/);
	await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Arztbrief: Kopfdaten (copy)');

	await page.getByRole('button', { name: 'Add field' }).click();
	await page.getByLabel('Field name').last().fill('Station');
	await page.getByRole('button', { name: 'Save template' }).click();
	await expect(page.getByText('Template saved.')).toBeVisible();

	await page.getByRole('tab', { name: 'JSON Schema' }).click();
	const json = page.getByLabel('JSON Schema', { exact: true });
	await expect(json).toHaveValue(/"Station"/);
	const schema = JSON.parse(await json.inputValue());
	schema.properties.Station.uniqueItems = true;
	await json.fill(JSON.stringify(schema));
	await expect(page.getByTestId('schema-warnings')).toContainText('uniqueItems');
	await json.fill('{ not json');
	await expect(page.getByText('The JSON Schema is not valid JSON.')).toBeVisible();
	await expect(page.getByTestId('save-template')).toBeDisabled();

	await page.goto('/extract/templates');
	await expect(
		page.getByTestId('template-row').filter({ hasText: 'Arztbrief: Kopfdaten (copy)' })
	).toBeVisible();
});

test('with two tabs open, one runs the job and the other shows its progress', async ({
	page,
	context
}) => {
	test.setTimeout(150_000);
	for (const n of [1, 2]) await pasteDocument(page, `Zwei Tabs ${n} [[slow]]`, `Tab ${n}`);
	await connectServer(page);
	await runExtraction(page, ['Tab 1', 'Tab 2']);
	const jobUrl = page.url();

	const second = await context.newPage();
	await second.goto(jobUrl);
	await expect(second.getByTestId('job-progress')).toHaveText('2 of 2 documents', {
		timeout: 60_000
	});
	// The second tab never loaded a model: it only watched.
	await expect(second.getByTestId('engine-badge')).toHaveCount(0);
	const runs = await second.evaluate(async () => {
		const req = indexedDB.open('enclave');
		const db = await new Promise<IDBDatabase>((res) => (req.onsuccess = () => res(req.result)));
		const all = await new Promise<{ jobId?: string }[]>((res) => {
			const r = db.transaction('results').objectStore('results').getAll();
			r.onsuccess = () => res(r.result);
		});
		db.close();
		return all.filter((r) => r.jobId).length;
	});
	expect(runs).toBe(2);
});
