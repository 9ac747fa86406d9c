import type { Page } from '@playwright/test';
import { expect, test } from './test';

/**
 * The files OCR and PDF redaction load at run time come from the app itself, under its Content
 * Security Policy, and stay available offline. The code that uses them (ocrPdf, redactPdf) is
 * tested through the de-identification pages; here the files themselves are checked.
 */
const FILES: { url: string; magic?: number[] }[] = [
	{ url: '/ocr/worker.min.js' },
	{ url: '/ocr/core/tesseract-core-relaxedsimd-lstm.wasm.js' },
	{ url: '/ocr/core/tesseract-core-simd-lstm.wasm.js' },
	{ url: '/ocr/core/tesseract-core-lstm.wasm.js' },
	{ url: '/ocr/lang/deu.traineddata.gz', magic: [0x1f, 0x8b] },
	{ url: '/ocr/lang/eng.traineddata.gz', magic: [0x1f, 0x8b] },
	{ url: '/pdfjs/standard_fonts/LiberationSans-Regular.ttf', magic: [0, 1, 0, 0] },
	{ url: '/pdfjs/standard_fonts/FoxitSerif.pfb', magic: [1, 0, 4] }, // bare CFF
	{ url: '/pdfjs/wasm/openjpeg.wasm', magic: [0, 0x61, 0x73, 0x6d] },
	{ url: '/pdfjs/wasm/jbig2.wasm', magic: [0, 0x61, 0x73, 0x6d] },
	{ url: '/pdfjs/wasm/qcms_bg.wasm', magic: [0, 0x61, 0x73, 0x6d] },
	{ url: '/pdfjs/iccs/CGATS001Compat-v2-micro.icc' }
];

async function fetchAll(page: Page) {
	return page.evaluate(async (files) => {
		const out: { url: string; status: number; size: number; head: number[]; type: string }[] = [];
		for (const { url } of files) {
			const res = await fetch(url);
			const bytes = new Uint8Array(await res.arrayBuffer());
			out.push({
				url,
				status: res.status,
				size: bytes.length,
				head: [...bytes.subarray(0, 4)],
				type: res.headers.get('content-type') ?? ''
			});
		}
		return out;
	}, FILES);
}

async function readyOffline(page: Page) {
	await page.goto('/');
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await expect
		.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
		.toBe(true);
}

test('OCR and PDF drawing files are served by the app, precached and there offline', async ({
	page,
	context,
	baseURL
}) => {
	const app = new URL(baseURL ?? '').origin;
	const outside: string[] = [];
	page.on('request', (req) => {
		if (new URL(req.url()).origin !== app) outside.push(req.url());
	});
	await readyOffline(page);
	const online = await fetchAll(page);
	for (const [i, file] of online.entries()) {
		expect(file.status, file.url).toBe(200);
		expect(file.size, file.url).toBeGreaterThan(1000);
		const magic = FILES[i]!.magic;
		if (magic) expect(file.head.slice(0, magic.length), file.url).toEqual(magic);
	}
	// Unzipped by tesseract.js itself: a server that sent them with Content-Encoding would break it.
	expect(online.find((f) => f.url.endsWith('deu.traineddata.gz'))!.type).not.toMatch(/gzip/);

	const precached = await page.evaluate(
		async (urls) => {
			const found: string[] = [];
			for (const url of urls) if (await caches.match(url, { ignoreSearch: true })) found.push(url);
			return found;
		},
		FILES.map((f) => f.url)
	);
	expect(precached.sort()).toEqual(FILES.map((f) => f.url).sort());

	await context.setOffline(true);
	const offline = await fetchAll(page);
	expect(offline.map((f) => [f.url, f.status, f.size])).toEqual(
		online.map((f) => [f.url, f.status, f.size])
	);
	expect(outside).toEqual([]);
});

test('the OCR worker loads its core and language data under the CSP and reads text', async ({
	page
}) => {
	await readyOffline(page);
	const text = await page.evaluate(async () => {
		// tesseract.js's own message protocol, as its createWorker speaks it.
		const worker = new Worker('/ocr/worker.min.js');
		let job = 0;
		const call = (action: string, payload: unknown) =>
			new Promise<unknown>((resolve, reject) => {
				const jobId = `job-${++job}`;
				const onMessage = (e: MessageEvent) => {
					const msg = e.data as { jobId: string; status: string; data: unknown };
					if (msg.jobId !== jobId || msg.status === 'progress') return;
					worker.removeEventListener('message', onMessage);
					if (msg.status === 'resolve') resolve(msg.data);
					else reject(new Error(String(msg.data)));
				};
				worker.addEventListener('message', onMessage);
				worker.addEventListener('error', (e) => reject(new Error(e.message)), { once: true });
				worker.postMessage({ workerId: 'e2e', jobId, action, payload });
			});
		const origin = location.origin;
		try {
			await call('load', { options: { lstmOnly: true, corePath: `${origin}/ocr/core/` } });
			await call('loadLanguage', {
				langs: ['deu', 'eng'],
				options: { langPath: `${origin}/ocr/lang`, cacheMethod: 'none', gzip: true, lstmOnly: true }
			});
			await call('initialize', { langs: ['deu', 'eng'], oem: 1, config: {} });
			const canvas = new OffscreenCanvas(1000, 120);
			const ctx = canvas.getContext('2d')!;
			ctx.fillStyle = '#fff';
			ctx.fillRect(0, 0, canvas.width, canvas.height);
			ctx.fillStyle = '#000';
			ctx.font = '48px sans-serif';
			ctx.fillText('Röntgen Thorax ohne Befund', 20, 80);
			const png = new Uint8Array(await (await canvas.convertToBlob()).arrayBuffer());
			const result = (await call('recognize', {
				image: png,
				options: {},
				output: { text: true }
			})) as { text: string };
			return result.text;
		} finally {
			worker.terminate();
		}
	});
	expect(text).toContain('Thorax ohne Befund');
});
