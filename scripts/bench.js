// `npm run bench`: figures for the goals of the foundation, printed and written as JSON.
// Runs the production build in headless Chromium on this machine; no timing asserts anywhere.
import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startStaticServer } from './serve.js';
import { makeTextPdf } from './fixture-pdf.js';

const PORT = 4179;
const BASE = `http://127.0.0.1:${PORT}`;
const OUT = resolve('bench-results');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
	'--enable-unsafe-webgpu',
	'--no-sandbox',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run'
];

const server = await startStaticServer({ root: 'build', port: PORT });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
const results = { date: new Date().toISOString(), machine: `${process.platform} ${process.arch}` };

async function freshPage(options = {}) {
	const context = await browser.newContext({ baseURL: BASE, ...options });
	return { context, page: await context.newPage() };
}

/** A new profile first sets the passphrase of the encrypted workspace, then sees the app. */
async function setUpWorkspace(page) {
	const passphrase = 'Bench passphrase 2026';
	await page.getByTestId('new-passphrase').fill(passphrase);
	await page.getByTestId('repeat-passphrase').fill(passphrase);
	await page.getByTestId('create-vault').click();
}

/** Longest main-thread task while `fn` runs, from the Long Tasks API. */
async function watchLongTasks(page) {
	await page.evaluate(() => {
		window.__longest = 0;
		new PerformanceObserver((list) => {
			for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
		}).observe({ type: 'longtask' });
	});
	return () => page.evaluate(() => window.__longest);
}

// 1. Initial JavaScript: what the page itself loads (the service worker's precache is separate).
{
	const { context, page } = await freshPage({ serviceWorkers: 'block' });
	const scripts = new Set();
	page.on('response', (res) => {
		if (res.request().resourceType() === 'script') scripts.add(new URL(res.url()).pathname);
	});
	await page.goto('/');
	await setUpWorkspace(page);
	await page.getByRole('heading', { name: 'Add documents' }).waitFor();
	await page.waitForLoadState('networkidle');
	let gzip = 0;
	let raw = 0;
	let webllm = false;
	for (const path of scripts) {
		const body = readFileSync(resolve('build', `.${path}`));
		raw += body.length;
		gzip += gzipSync(body).length;
		// A string only web-llm's own bundle carries (its prebuilt model library URLs).
		if (body.includes('binary-mlc-llm-libs')) webllm = true;
	}
	results.firstLoadJs = {
		files: scripts.size,
		rawBytes: raw,
		gzipBytes: gzip,
		containsWebLlm: webllm,
		targetGzipBytes: 200_000
	};
	await context.close();
}

// 2. Cold start to interactive: a new profile, its first screen (the passphrase) ready for input.
{
	const runs = [];
	for (let i = 0; i < 5; i++) {
		const { context, page } = await freshPage();
		const t0 = Date.now();
		await page.goto('/');
		await page.getByTestId('new-passphrase').waitFor();
		runs.push(Date.now() - t0);
		await context.close();
	}
	runs.sort((a, b) => a - b);
	results.coldStartMs = { median: runs[2], runs };
}

// 3. PDF import speed on a 100-page text PDF, and whether the page stays responsive.
{
	const dir = resolve(OUT, 'tmp');
	mkdirSync(dir, { recursive: true });
	const pdfPath = resolve(dir, 'bench-100-pages.pdf');
	writeFileSync(pdfPath, await makeTextPdf(100));
	const { context, page } = await freshPage();
	await page.goto('/');
	await setUpWorkspace(page);
	await page.getByRole('heading', { name: 'Add documents' }).waitFor();
	const longest = await watchLongTasks(page);
	const t0 = Date.now();
	await page.getByTestId('file-input').setInputFiles(pdfPath);
	await page.locator('[data-testid=import-item][data-status=saved]').waitFor({ timeout: 120_000 });
	const ms = Date.now() - t0;
	results.pdfImport = {
		pages: 100,
		ms,
		pagesPerSecond: Math.round((100 / ms) * 1000 * 10) / 10,
		longestMainThreadTaskMs: Math.round(await longest()),
		targetMs: 3000
	};
	await context.close();
}

// 4. 1,000 text documents in one drop.
{
	const files = Array.from({ length: 1000 }, (_, i) => ({
		name: `befund-${String(i).padStart(4, '0')}.txt`,
		mimeType: 'text/plain',
		buffer: Buffer.from(
			`Befund ${i}\nPatientin in gutem Allgemeinzustand. Lunge frei, Herz rhythmisch. Kontrolle in 3 Monaten.\n`.repeat(
				5
			)
		)
	}));
	const { context, page } = await freshPage();
	await page.goto('/');
	await setUpWorkspace(page);
	await page.getByRole('heading', { name: 'Add documents' }).waitFor();
	const longest = await watchLongTasks(page);
	const t0 = Date.now();
	await page.getByTestId('file-input').setInputFiles(files);
	await page
		.getByTestId('import-summary')
		.filter({ hasText: /^1000 imported/ })
		.waitFor({ timeout: 300_000 });
	const ms = Date.now() - t0;
	await page.getByTestId('doc-count').filter({ hasText: '1000 documents' }).waitFor();
	results.import1000 = {
		documents: 1000,
		ms,
		documentsPerSecond: Math.round((1000 / ms) * 1000),
		longestMainThreadTaskMs: Math.round(await longest()),
		targetMs: 10_000
	};
	await context.close();
}

await browser.close();
server.close();

// 5. De-identification, in Node with the app's code: rule throughput on the development corpora
// (target at least 5 MB/s) and PDF redaction at 150 dpi (scripts/bench-deid.ts).
{
	const out = execFileSync(
		process.execPath,
		['--import', 'tsx', 'scripts/bench-deid.ts', '--json'],
		{
			encoding: 'utf8'
		}
	);
	results.deid = JSON.parse(out.trim().split('\n').at(-1) ?? '{}');
}

mkdirSync(OUT, { recursive: true });
writeFileSync(resolve(OUT, 'bench.json'), JSON.stringify(results, null, '\t') + '\n');
const kb = (b) => `${(b / 1000).toFixed(1)} KB`;
console.log(
	`First-load JS: ${kb(results.firstLoadJs.gzipBytes)} gzip in ${results.firstLoadJs.files} files (target < 200 KB); web-llm in it: ${results.firstLoadJs.containsWebLlm}`
);
console.log(
	`Cold start to interactive: ${results.coldStartMs.median} ms median of 5 (${results.coldStartMs.runs.join(', ')})`
);
console.log(
	`100-page PDF import: ${results.pdfImport.ms} ms, ${results.pdfImport.pagesPerSecond} pages/s, longest main-thread task ${results.pdfImport.longestMainThreadTaskMs} ms (target < 3000 ms)`
);
console.log(
	`1,000 documents: ${results.import1000.ms} ms, ${results.import1000.documentsPerSecond} docs/s, longest main-thread task ${results.import1000.longestMainThreadTaskMs} ms (target < 10000 ms)`
);
console.log(
	`De-identification rules: ${results.deid.rules.overallMbPerSecond.toFixed(1)} MB/s over the development corpora (target >= 5 MB/s); PDF redaction: ${results.deid.pdfRedaction.pagesPerSecond.toFixed(1)} pages/s at 150 dpi`
);
console.log(`Written to ${resolve(OUT, 'bench.json')}`);
