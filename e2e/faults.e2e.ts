import { expect, test } from './test';
import { importItem, tableCounts } from './helpers';

// Without the service worker's precache, the origin's usage is small enough to set a quota
// just above it, as on a nearly full disk (with room for the workspace set-up and a small file).
test.use({ serviceWorkers: 'block' });

test('a full disk during an import: a clear message, nothing half-stored, smaller files still import', async ({
	page,
	context
}) => {
	await page.goto('/');
	const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
	const cdp = await context.newCDPSession(page);
	await cdp.send('Storage.overrideQuotaForOrigin', {
		origin: new URL(page.url()).origin,
		quotaSize: usage + 2_000_000
	});
	// Set before the workspace is set up: Chromium keeps the quota it saw at an origin's first
	// writes for a while, so an override after them would not apply yet.
	await expect(page.getByRole('heading', { name: 'Add documents' })).toBeVisible();

	await page.getByTestId('file-input').setInputFiles([
		{
			name: 'grosser-befund.txt',
			mimeType: 'text/plain',
			buffer: Buffer.from('Befund '.repeat(1_000_000))
		},
		{ name: 'kleiner-befund.txt', mimeType: 'text/plain', buffer: Buffer.from('Kurzer Befund.') }
	]);
	const big = importItem(page, 'grosser-befund.txt');
	await expect(big).toHaveAttribute('data-status', 'failed');
	await expect(big.getByRole('alert')).toContainText('grosser-befund.txt');
	await expect(big.getByRole('alert')).toContainText('disk space for this browser is full');
	await expect(importItem(page, 'kleiner-befund.txt')).toHaveAttribute('data-status', 'saved');
	const counts = await tableCounts(page);
	expect(counts.documents).toBe(1);
	expect(counts.contents).toBe(1);

	await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(page.url()).origin });
});

test('a full disk during a model download: a clear message, and the download resumes once there is room', async ({
	page,
	context
}) => {
	await page.goto('/models');
	const origin = new URL(page.url()).origin;
	const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
	const cdp = await context.newCDPSession(page);
	// Room for about half of the fixture model's 8 MB.
	await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: usage + 4_500_000 });

	const card = page.locator('[data-testid=model-card][data-model="tiny-fixture"]');
	await card.getByRole('button', { name: 'Download' }).click();
	await expect(card.getByRole('alert')).toContainText(/disk|space|storage/i, { timeout: 30_000 });
	await expect(card.getByTestId('cache-status')).toHaveText(/Partly downloaded/);

	await cdp.send('Storage.overrideQuotaForOrigin', { origin });
	await card.getByRole('button', { name: 'Try again' }).click();
	await expect(card.getByTestId('cache-status')).toHaveText('Downloaded', { timeout: 30_000 });
});

test('the network gone during a model download: a clear message, and "Try again" resumes', async ({
	page,
	context,
	request
}) => {
	const HOST = 'http://127.0.0.1:8090';
	const files = '/tiny-fixture-netloss/resolve/main';
	const before = (await (await request.get(`${HOST}/__control/requests`)).json()).requests;

	await page.goto('/models');
	const card = page.locator('[data-testid=model-card][data-model="tiny-fixture-netloss"]');
	await card.getByRole('button', { name: 'Download' }).click();
	// This copy is served slowly: cut the network once part of it has arrived.
	const progress = card.getByTestId('download-progress').locator('progress');
	await expect
		.poll(async () => Number((await progress.getAttribute('value').catch(() => null)) ?? 0))
		.toBeGreaterThan(0.2);
	await context.setOffline(true);
	await expect(card.getByRole('alert')).toContainText(/network|connection/i);
	await expect(card.getByTestId('cache-status')).toHaveText(/Partly downloaded/);

	await context.setOffline(false);
	await card.getByRole('button', { name: 'Try again' }).click();
	await expect(card.getByTestId('cache-status')).toHaveText('Downloaded', { timeout: 30_000 });
	await expect(card.getByRole('alert')).toHaveCount(0);

	// Shards finished before the cut are not fetched again.
	const after = (await (await request.get(`${HOST}/__control/requests`)).json()).requests;
	const fetched = [0, 1, 2, 3, 4, 5, 6, 7].map(
		(i) =>
			(after[`${files}/params_shard_${i}.bin`] ?? 0) -
			(before[`${files}/params_shard_${i}.bin`] ?? 0)
	);
	expect(fetched.filter((n) => n === 1).length).toBeGreaterThan(0);
	expect(Math.max(...fetched)).toBeLessThanOrEqual(2);
});
