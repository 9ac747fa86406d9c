import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAiServer } from '../e2e/fixtures/fake-openai-server.js';
import type { DeidReport } from '$lib/eval/deid/report';
import { detectFormat, loadDeidCorpus } from './deid-corpus';

interface Run {
	code: number;
	stdout: string;
	stderr: string;
}

/** Runs the CLI as a user does, through tsx (which also has to resolve `$lib`). */
function cli(...args: string[]): Promise<Run> {
	return new Promise((done) => {
		execFile(
			'npx',
			['tsx', 'scripts/eval-deid.ts', ...args],
			{ timeout: 60_000 },
			(err, stdout, stderr) => {
				const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
				done({ code, stdout, stderr });
			}
		);
	});
}

const line = (o: object) => JSON.stringify(o);

/** A gold span by its text, so that offsets are not counted by hand. */
function span(text: string, value: string, label: string) {
	const start = text.indexOf(value);
	if (start < 0) throw new Error(`${value} not in ${text}`);
	return { start, end: start + value.length, label };
}

const A = 'Befund vom 12.03.2024. Rückfragen an praxis.kranich@example.org erbeten.';
const B = 'Kontrolle am 01.04.2024 mit Stichwort Kranich.';

let dir: string;
let jsonl: string;

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'enclave-eval-deid-'));
	jsonl = join(dir, 'gold.jsonl');
	await writeFile(
		jsonl,
		[
			line({
				id: 'a',
				lang: 'de',
				text: A,
				spans: [span(A, '12.03.2024', 'DATE'), span(A, 'praxis.kranich@example.org', 'EMAIL')]
			}),
			line({
				id: 'b',
				lang: 'de',
				text: B,
				spans: [span(B, '01.04.2024', 'DATE'), span(B, 'Kranich', 'NAME_PATIENT')]
			})
		].join('\n')
	);
});

afterAll(async () => {
	await rm(dir, { recursive: true, force: true });
});

describe('eval:deid CLI', () => {
	it('scores the rules on a JSON Lines gold standard and prints JSON', async () => {
		const out = join(dir, 'scores.json');
		const run = await cli(jsonl, '--json', '--out', out);
		expect(run.code, run.stderr).toBe(0);
		const report = JSON.parse(run.stdout) as DeidReport;
		expect(report).toMatchObject({ corpus: 'gold.jsonl', scores: { documents: 2 } });
		expect(report.detector).toContain('rules');
		expect(report.scores.overall.gold).toBe(4);
		// Dates and e-mail addresses of these plain forms are what the rules exist for.
		const row = (name: string) => report.scores.types.find((r) => r.name === name);
		expect(row('date')?.overlap.recall).toBe(1);
		expect(row('email')?.exact).toMatchObject({ recall: 1, precision: 1 });
		// "Kranich" is a common noun too: without the known list the rules leave it.
		expect(row('name_patient')?.overlap.recall).toBe(0);
		expect(report.labels?.map((l) => l.label).sort()).toEqual(['DATE', 'EMAIL', 'NAME_PATIENT']);
		expect(JSON.parse(await readFile(out, 'utf8'))).toEqual(report);
		expect(run.stderr).toMatch(/Detected in \d+\.\d s/);
	}, 60_000);

	it('finds known identifiers, maps labels and prints the table', async () => {
		const known = join(dir, 'known.txt');
		await writeFile(known, 'Kranich\n');
		const run = await cli(jsonl, '--known', known, '--map', 'EMAIL=none', '--lang', 'de');
		expect(run.code, run.stderr).toBe(0);
		expect(run.stdout).toContain('Corpus: gold.jsonl');
		expect(run.stdout).toContain('Detector: rules + 1 known identifiers; language de');
		expect(run.stdout).toMatch(/^name\s+gold\s+pred/m);
		// The name is found through the known list: every gold span (the two dates and the name;
		// the e-mail address is not scored) is touched.
		expect(run.stdout).toMatch(/^ {2}name_patient\s+1\s+\d+(\s+\S+){4}\s+100\.0%/m);
		expect(run.stdout).toContain('Not scored: EMAIL 1');
		// The rules still find the address, but a prediction on an unscored span counts nowhere.
		expect(run.stdout).not.toMatch(/^ {2}email/m);
	}, 60_000);

	it('takes known identifiers per document from a CSV with a document column', async () => {
		const known = join(dir, 'known.csv');
		// Listed for b only (named with an extension, as a stored file would be).
		await writeFile(known, 'document;name_patient\nb.txt;Kranich\n');
		const run = await cli(jsonl, '--known', known, '--json');
		expect(run.code, run.stderr).toBe(0);
		const report = JSON.parse(run.stdout) as DeidReport;
		expect(report.detector).toContain('known identifiers for 1 documents');
		const name = report.scores.types.find((r) => r.name === 'name_patient');
		expect(name?.overlap.recall).toBe(1);
	}, 60_000);

	it('reads a BRAT folder and checks the default policy’s output with --render', async () => {
		const brat = join(dir, 'brat');
		await mkdir(brat);
		const text = 'Aufnahme am 03.02.2024, Entlassung am 10.02.2024.';
		await writeFile(join(brat, 'doc1.txt'), `\uFEFF${text}`);
		// BRAT counts the byte order mark: every offset is one more than in the text without it.
		await writeFile(
			join(brat, 'doc1.ann'),
			'T1\tDATE 13 23\t03.02.2024\nT2\tDATE 39 49\t10.02.2024\n'
		);
		await writeFile(join(brat, 'README.md'), 'not a document');
		const run = await cli(brat, '--render', '--json');
		expect(run.code, run.stderr).toBe(0);
		const report = JSON.parse(run.stdout) as DeidReport;
		expect(report.scores.overall.gold).toBe(2);
		expect(report.scores.overall.exact.recall).toBe(1);
		// Shifted dates keep no gold string.
		expect(report.scores.documentsWithOutput).toBe(1);
		expect(report.scores.overall.output).toEqual({ checked: 2, leaked: 0, rate: 0 });
	}, 60_000);

	it('runs the model through the app’s pipeline on an OpenAI-compatible server', async () => {
		const server = await startFakeOpenAiServer({ tokenDelayMs: 0 });
		try {
			const rulesOnly = JSON.parse((await cli(jsonl, '--json')).stdout) as DeidReport;
			const run = await cli(jsonl, '--engine', server.url, '--model', 'fixture-model', '--json');
			expect(run.code, run.stderr).toBe(0);
			// One request a (short) document; the fixture proposes nothing, so the rules' spans stay.
			const chats = server.requests.filter((r) => r.path.endsWith('/chat/completions'));
			expect(chats).toHaveLength(2);
			expect(run.stderr).toContain('[2/2] b:');
			const report = JSON.parse(run.stdout) as DeidReport;
			expect(report.detector).toContain('model fixture-model');
			expect(report.scores.overall).toEqual(rulesOnly.scores.overall);
		} finally {
			await server.close();
		}
	}, 60_000);

	it.each([
		[[], 'give the path of a gold standard'],
		[['a', 'b'], 'give one path, not 2'],
		[['x.jsonl', '--engine', 'http://localhost:8080'], '--engine needs --model'],
		[['x.jsonl', '--lang', 'fr'], '--lang must be de, en or auto'],
		[['x.jsonl', '--map', 'PERSON=human'], '--map PERSON=human'],
		[['x.jsonl', '--limit', '0'], '--limit must be a whole number'],
		[['x.jsonl', '--frobnicate'], "Unknown option '--frobnicate'"]
	])(
		'rejects bad arguments %j with a usage message',
		async (args, message) => {
			const run = await cli(...args);
			expect(run.code).toBe(2);
			expect(run.stderr).toContain(message);
			expect(run.stderr).toContain('Usage: npm run eval:deid');
		},
		60_000
	);

	it('prints help', async () => {
		const run = await cli('--help');
		expect(run.code).toBe(0);
		expect(run.stdout).toContain('--engine <url>');
		expect(run.stdout).toContain('BRAT folder');
	}, 60_000);

	it('says when the path is missing, and what is wrong with a bad file', async () => {
		const missing = await cli(join(dir, 'nope'));
		expect(missing.code).toBe(1);
		expect(missing.stderr).toContain('does not exist');
		const bad = join(dir, 'bad.jsonl');
		await writeFile(bad, `${line({ id: 'ok', text: 'x', spans: [] })}\n{"text": "y"}\n`);
		const run = await cli(bad);
		expect(run.code).toBe(1);
		expect(run.stderr).toContain('“bad.jsonl”, line 2: “spans” is missing or not a list.');
		expect(run.stderr).toContain('[evalDeid.badJsonLine]');
	}, 60_000);
});

describe('loadDeidCorpus', () => {
	it('tells formats apart by extension and content', () => {
		expect(detectFormat('a.jsonl', '')).toBe('jsonl');
		expect(detectFormat('a.ann', '')).toBe('brat');
		expect(detectFormat('a.json', '{\n  "%TYPES": {}')).toBe('cas');
		expect(detectFormat('a.json', '{"id": 1, "text": "x", "spans": []}\n')).toBe('jsonl');
		expect(detectFormat('export', '{"%FEATURE_STRUCTURES": []}')).toBe('cas');
		expect(detectFormat('notes.csv', 'a,b\n')).toBeUndefined();
	});

	it('pairs a .txt with its .ann and names a missing text', async () => {
		const folder = join(dir, 'pairs');
		await mkdir(folder);
		await writeFile(join(folder, 'x.txt'), 'Am 01.01.2020.');
		await writeFile(join(folder, 'x.ann'), 'T1\tDATE 3 13\t01.01.2020\n');
		const [doc] = await loadDeidCorpus(join(folder, 'x.txt'));
		expect(doc?.spans).toEqual([{ start: 3, end: 13, label: 'DATE', type: 'date' }]);
		await writeFile(join(folder, 'y.ann'), 'T1\tDATE 0 1\tA\n');
		await expect(loadDeidCorpus(folder)).rejects.toMatchObject({
			code: 'evalDeid.missingText',
			params: { file: 'y.ann', expected: 'y.txt' }
		});
	});

	it('says when a folder has no gold standard in it', async () => {
		const empty = join(dir, 'empty');
		await mkdir(empty);
		await writeFile(join(empty, 'notes.md'), '# nothing');
		await expect(loadDeidCorpus(empty)).rejects.toMatchObject({ code: 'evalDeid.noDocuments' });
	});
});
