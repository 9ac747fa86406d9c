/**
 * De-identification figures for `npm run bench` (no timing asserts anywhere): rule detection
 * throughput on the development corpora, and PDF redaction pages per second, both in Node on
 * this machine, with the app's own code. Prints a table; `--json` prints the figures as JSON.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { extractPdf } from '$lib/documents/pdf-intake';
import { useNodeRendering } from '$lib/documents/pdf-render-node';
import { spansToBoxes } from '$lib/tasks/deid/pdf/boxes';
import { redactPdf } from '$lib/tasks/deid/pdf/redact-pdf';
import { detectByRules } from '$lib/tasks/deid/rules';
import { loadDeidCorpus } from './deid-corpus';
import { makeTextPdf } from './fixture-pdf.js';

const DATA = resolve('../shared/data/deid');
const CORPORA = ['grascco-phi', 'physionet-deid', 'presidio-synth', 'meddocan-brat-sample'];
const RUNS = 5;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function ruleThroughput() {
	const rows = [];
	for (const name of CORPORA) {
		const path = resolve(DATA, name);
		if (!existsSync(path)) continue;
		const texts = (await loadDeidCorpus(path)).map((d) => d.text);
		const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
		// One call per document, as the app runs it; the first run warms the JIT.
		const times: number[] = [];
		for (let run = 0; run <= RUNS; run++) {
			const started = performance.now();
			for (const text of texts) detectByRules(text, { lang: 'auto' });
			if (run > 0) times.push(performance.now() - started);
		}
		const ms = median(times);
		rows.push({
			corpus: name,
			documents: texts.length,
			megabytes: bytes / 1e6,
			ms,
			mbPerSecond: bytes / 1e6 / (ms / 1000)
		});
	}
	const bytes = rows.reduce((n, r) => n + r.megabytes, 0);
	const ms = rows.reduce((n, r) => n + r.ms, 0);
	return { corpora: rows, overallMbPerSecond: bytes / (ms / 1000) };
}

async function pdfRedaction(pages: number) {
	useNodeRendering();
	const bytes = await makeTextPdf(pages);
	const doc = await extractPdf(bytes, 'bench.pdf');
	// Redact every "Patient" and every number, as a dense letter would need.
	const spans = [...doc.text.matchAll(/patient|\d+/gi)].map((m) => ({
		start: m.index,
		end: m.index + m[0].length
	}));
	const boxes = spansToBoxes(spans, doc.pages);
	const started = performance.now();
	await redactPdf(bytes, boxes, { removed: ['Patient'], layout: doc });
	const ms = performance.now() - started;
	return { pages, boxes: boxes.length, ms, pagesPerSecond: pages / (ms / 1000), dpi: 150 };
}

const rules = await ruleThroughput();
const pdf = await pdfRedaction(20);
const result = { rules, pdfRedaction: pdf };
if (process.argv.includes('--json')) console.log(JSON.stringify(result));
else {
	for (const r of rules.corpora)
		console.log(
			`rules  ${r.corpus.padEnd(22)} ${r.documents} docs  ${r.megabytes.toFixed(2)} MB  ${r.mbPerSecond.toFixed(1)} MB/s`
		);
	console.log(`rules  overall ${rules.overallMbPerSecond.toFixed(1)} MB/s`);
	console.log(
		`pdf redaction  ${pdf.pages} pages at 150 dpi: ${pdf.pagesPerSecond.toFixed(2)} pages/s`
	);
}
