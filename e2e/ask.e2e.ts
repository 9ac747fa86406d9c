import type { Page } from '@playwright/test';
import { expect, test } from './test';
import { pasteDocument } from './helpers';

async function connectServer(page: Page) {
	await page.goto('/models');
	const card = page.getByTestId('model-card').filter({ hasText: 'Hospital server (fixture)' });
	await expect(card).toContainText('Runs on the hospital server');
	await card.getByRole('button', { name: 'Load' }).click();
	await expect(card.getByText('Loaded')).toBeVisible();
	await expect(page.getByTestId('engine-badge')).toHaveText('Hospital server (fixture)');
}

async function ask(page: Page, docName: string, question: string) {
	await page.getByRole('link', { name: 'Ask', exact: true }).click();
	await expect(page.getByTestId('engine-status')).toHaveAttribute('data-status', 'ready');
	await page.getByTestId('ask-document').selectOption({ label: docName });
	await page.getByLabel('Question').fill(question);
	await page.getByRole('button', { name: 'Ask', exact: true }).click();
}

test.beforeEach(async ({ page }) => {
	await page.goto('/');
	await pasteDocument(page, 'Diagnose: Community-acquired pneumonia.', 'Pneumonie-Brief');
	await connectServer(page);
});

test('a streamed answer about a document, with usage figures, copy and a stored result', async ({
	page,
	context
}) => {
	await ask(page, 'Pneumonie-Brief', 'What is the diagnosis?');
	const answer = page.getByTestId('answer');
	await expect(answer).toContainText('Fixture answer');
	await expect(page.getByTestId('usage')).toContainText('prompt tokens');
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await page.getByRole('button', { name: 'Copy' }).click();
	const copied = await page.evaluate(() => navigator.clipboard.readText());
	expect(copied).toBe(await answer.innerText());

	// The run is stored with the document, with the model that answered.
	await page.getByRole('link', { name: 'Documents' }).click();
	await page.getByRole('link', { name: 'Pneumonie-Brief' }).click();
	const answers = page.getByTestId('document-answers');
	await expect(answers).toContainText('What is the diagnosis?');
	await expect(answers).toContainText('Hospital server (fixture)');
	await answers.getByText('What is the diagnosis?').click();
	await expect(answers).toContainText(copied);
});

test('stop keeps the partial answer', async ({ page }) => {
	await ask(page, 'Pneumonie-Brief', 'Summarise slowly [[slow]]');
	const answer = page.getByTestId('answer');
	await expect(answer).toContainText('Fixture');
	await page.getByRole('button', { name: 'Stop' }).click();
	await expect(page.getByText('Stopped. The answer so far is kept.')).toBeVisible();
	const partial = await answer.innerText();
	expect(partial.length).toBeGreaterThan(0);
	await page.waitForTimeout(600);
	expect(await answer.innerText()).toBe(partial);
});

test('a server error becomes a clear message and the app keeps working', async ({ page }) => {
	await ask(page, 'Pneumonie-Brief', 'Break please [[error500]]');
	await expect(page.getByRole('alert')).toContainText(/server/i);
	await page.getByLabel('Question').fill('And now properly?');
	await page.getByRole('button', { name: 'Ask', exact: true }).click();
	await expect(page.getByTestId('answer')).toContainText('Fixture answer');
});
