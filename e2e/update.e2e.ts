import { appendFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from './test';

const COPY = 'http://127.0.0.1:4174';
const SW_FILE = resolve(import.meta.dirname, '.tmp/build-update/service-worker.js');

test('a waiting new version is announced and applied by "Reload"', async ({ page }) => {
	await page.goto(`${COPY}/`);
	await expect
		.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
		.toBe(true);
	await expect(page.getByText('A new version is available.')).toHaveCount(0);

	// A new deployment: the service worker file changes on the server.
	appendFileSync(SW_FILE, `\n// deployed ${Date.now()}\n`);
	await page.evaluate(async () => {
		const reg = await navigator.serviceWorker.getRegistration();
		await reg?.update();
	});
	await expect(page.getByText('A new version is available.')).toBeVisible();

	const reloaded = page.waitForEvent('load');
	await page.getByRole('button', { name: 'Reload' }).click();
	await reloaded;
	await expect(page.getByRole('heading', { name: 'Add documents' })).toBeVisible();
	await expect(page.getByText('A new version is available.')).toHaveCount(0);
	expect(
		await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting)
	).toBeNull();
});
