import { expect, test } from './test';

// The real WebLLM path in Chromium's SwiftShader WebGPU: no shader-f16, 1 GiB buffers.

test('the system check shows the adapter without shader-f16 and recommends q4f32', async ({
	page
}) => {
	await page.goto('/system');
	await expect(page.getByTestId('webgpu')).toHaveText('available');
	await expect(page.getByTestId('adapter')).not.toHaveText('–');
	await expect(page.getByTestId('shader-f16')).toHaveText('no');
	const f16 = page.locator('[data-testid=fit][data-model="Llama-3.1-8B-Instruct-q4f16_1-MLC"]');
	await expect(f16).toHaveAttribute('data-fit', 'no');
	const f32 = page.locator('[data-testid=fit][data-model="Llama-3.1-8B-Instruct-q4f32_1-MLC"]');
	await expect(f32).toContainText('Recommended');
	await expect(page.getByTestId('gpu-badge')).toHaveText('GPU (no f16)');

	await page.goto('/models');
	const card = page.locator('[data-model="Llama-3.1-8B-Instruct-q4f16_1-MLC"]');
	await expect(card.getByTestId('fit-reasons')).toContainText('16-bit shaders');
});

test('a fixture model downloads with progress, stays cached across reloads, and fails to load clearly', async ({
	page
}) => {
	await page.goto('/models');
	const card = page.locator('[data-testid=model-card][data-model="tiny-fixture"]');
	await expect(card.getByTestId('cache-status')).toHaveText('Not downloaded');
	await card.getByRole('button', { name: 'Download' }).click();
	const progress = card.getByTestId('download-progress');
	await expect(progress).toBeVisible();
	await expect(progress).toContainText(/Downloading: .* of .*MB/);
	await expect(card.getByTestId('cache-status')).toHaveText('Downloaded', { timeout: 30_000 });

	await page.reload();
	await expect(card.getByTestId('cache-status')).toHaveText('Downloaded');

	await card.getByRole('button', { name: 'Load', exact: true }).click();
	await expect(card.getByTestId('load-error')).toContainText(/model library/i, {
		timeout: 30_000
	});
	// The app keeps working.
	await page.getByRole('link', { name: 'Documents' }).click();
	await expect(page.getByRole('heading', { name: 'Add documents' })).toBeVisible();
});

test('a broken-off download resumes where it stopped, fetching nothing twice', async ({
	page,
	request
}) => {
	const HOST = 'http://127.0.0.1:8090';
	const files = '/tiny-fixture-resume/resolve/main';
	await request.get(`${HOST}/__control/fail-once?path=${files}/params_shard_5.bin`);
	const before = (await (await request.get(`${HOST}/__control/requests`)).json()).requests;

	await page.goto('/models');
	const card = page.locator('[data-testid=model-card][data-model="tiny-fixture-resume"]');
	await card.getByRole('button', { name: 'Download' }).click();
	await expect(card.getByRole('alert')).toContainText(/could not be downloaded|server/i);
	await expect(card.getByTestId('cache-status')).toHaveText(/Partly downloaded/);
	await card.getByRole('button', { name: 'Try again' }).click();
	await expect(card.getByTestId('cache-status')).toHaveText('Downloaded', { timeout: 30_000 });
	await expect(card.getByRole('alert')).toHaveCount(0);

	const after = (await (await request.get(`${HOST}/__control/requests`)).json()).requests;
	const fetched = (name: string) =>
		(after[`${files}/${name}`] ?? 0) - (before[`${files}/${name}`] ?? 0);
	expect(fetched('params_shard_5.bin')).toBe(2);
	for (const shard of [0, 1, 2, 3, 4, 6, 7]) expect(fetched(`params_shard_${shard}.bin`)).toBe(1);

	await card.getByRole('button', { name: 'Delete download' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
	await expect(card.getByTestId('cache-status')).toHaveText('Not downloaded');
});
