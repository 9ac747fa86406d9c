import { expect, test } from './test';
import { pasteDocument } from './helpers';

test('after one visit the app and its documents work with the network off', async ({
	page,
	context
}) => {
	await page.goto('/');
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await expect
		.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
		.toBe(true);
	await pasteDocument(page, 'Entlassung nach Hause in gutem Allgemeinzustand.', 'Offline-Brief');

	await context.setOffline(true);
	await page.reload();
	await expect(page.getByTestId('doc-row').filter({ hasText: 'Offline-Brief' })).toBeVisible();
	await page.getByRole('link', { name: 'Offline-Brief' }).click();
	await expect(page.getByTestId('document-text')).toContainText('gutem Allgemeinzustand');
	await page.reload();
	await expect(page.getByTestId('document-text')).toContainText('gutem Allgemeinzustand');

	// Pages never visited before come from the precached shell too.
	await page.goto('/storage');
	await expect(page.getByRole('heading', { name: 'Storage' })).toBeVisible();
	await page.goto('/system');
	await expect(page.getByRole('heading', { name: 'System check' })).toBeVisible();
});

test('the service worker never stores patient text or model files', async ({ page }) => {
	await page.goto('/');
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await pasteDocument(page, 'Geheimer Befundtext 4711.', 'Privat');
	const cached = await page.evaluate(async () => {
		const out: { cache: string; url: string; body: string }[] = [];
		for (const name of await caches.keys()) {
			if (name.startsWith('webllm/')) continue;
			const cache = await caches.open(name);
			for (const req of await cache.keys()) {
				const res = await cache.match(req);
				const body =
					res && /text|json|javascript/.test(res.headers.get('content-type') ?? '')
						? await res.text()
						: '';
				out.push({ cache: name, url: req.url, body });
			}
		}
		return out;
	});
	expect(cached.length).toBeGreaterThan(10);
	for (const entry of cached) {
		expect(entry.body).not.toContain('Geheimer Befundtext 4711');
		expect(entry.url).not.toMatch(/\.bin$|tensor-cache|mlc-chat-config/);
	}
});

test('the app is installable: manifest with icons', async ({ page, request }) => {
	await page.goto('/');
	const href = await page.locator('link[rel="manifest"]').getAttribute('href');
	expect(href).toBeTruthy();
	const manifest = await (await request.get(href!)).json();
	expect(manifest.name).toBe('Enclave');
	expect(manifest.display).toBe('standalone');
	const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes);
	expect(sizes).toContain('192x192');
	expect(sizes).toContain('512x512');
	for (const icon of manifest.icons) {
		expect((await request.get(icon.src)).ok()).toBe(true);
	}
});
