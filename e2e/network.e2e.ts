import { expect, test } from './test';
import { dropFiles, expectImported, fixtureFile } from './helpers';

const APP = 'http://127.0.0.1:4173';
const MODEL_HOST = 'http://127.0.0.1:8090';
const SERVER = 'http://127.0.0.1:8089';

test('a full flow talks only to the app, the model host and the configured server', async ({
	page,
	context
}) => {
	const origins = new Set<string>();
	const urls: string[] = [];
	context.on('request', (req) => {
		const url = new URL(req.url());
		if (url.protocol === 'data:' || url.protocol === 'blob:') return;
		origins.add(url.origin);
		urls.push(req.url());
	});

	await page.goto('/');
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await dropFiles(page, [fixtureFile('report-3pages.pdf'), fixtureFile('letter.docx')]);
	await expectImported(page, 'report-3pages.pdf');
	await expectImported(page, 'letter.docx');

	await page.getByRole('link', { name: 'Models' }).click();
	const tiny = page.locator('[data-testid=model-card][data-model="tiny-fixture"]');
	await tiny.getByRole('button', { name: 'Download' }).click();
	await expect(tiny.getByTestId('cache-status')).toHaveText('Downloaded', { timeout: 30_000 });

	const server = page.getByTestId('model-card').filter({ hasText: 'Hospital server (fixture)' });
	await server.getByRole('button', { name: 'Load' }).click();
	await expect(server.getByText('Loaded')).toBeVisible();
	await page.getByRole('link', { name: 'Ask', exact: true }).click();
	await page.getByTestId('ask-document').selectOption({ label: 'report-3pages.pdf' });
	await page.getByLabel('Question').fill('What is the finding?');
	await page.getByRole('button', { name: 'Ask', exact: true }).click();
	await expect(page.getByTestId('answer')).toContainText('Fixture answer');

	await context.setOffline(true);
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Ask about a document' })).toBeVisible();

	expect([...origins].sort()).toEqual([APP, SERVER, MODEL_HOST].sort());
	// Patient text never travels in a URL.
	for (const url of urls) expect(url).not.toMatch(/pneumonia|Befund|finding/i);
});
