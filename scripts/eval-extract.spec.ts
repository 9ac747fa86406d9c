import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAiServer } from '../e2e/fixtures/fake-openai-server.js';
import type { EvaluationReport } from '$lib/eval/metrics';
import { readResultsFile } from '$lib/eval/results-file';

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
			['tsx', 'scripts/eval-extract.ts', ...args],
			{ timeout: 60_000 },
			(err, stdout, stderr) => {
				const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
				done({ code, stdout, stderr });
			}
		);
	});
}

let dir: string;
let truthFile: string;
let resultsFile: string;

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'enclave-eval-'));
	truthFile = join(dir, 'truth.csv');
	resultsFile = join(dir, 'results.json');
	await writeFile(
		truthFile,
		'\uFEFFdocument;Name;Geburt;Aerzte\r\n' +
			'a.txt;Anna;1.2.1990;Dr. X | Dr. Y\r\n' +
			'b.txt;Bert;3.4.1950;Dr. Z | Dr. W\r\n' +
			'c.txt;Carla;;Dr. X\r\n'
	);
	await writeFile(
		resultsFile,
		JSON.stringify([
			{
				document: 'a.txt',
				status: 'reviewed',
				values: { Name: 'Anna', Geburt: '1990-02-01', Aerzte: ['Dr. Y', 'Dr. X'] },
				corrections: {}
			},
			{
				document: 'b.txt',
				status: 'unverified',
				values: { Name: 'Bert', Geburt: '4.3.1950', Aerzte: ['Dr. Z'] },
				corrections: { Geburt: '3. April 1950' }
			},
			{
				document: 'c.txt',
				status: 'unverified',
				values: { Name: null, Geburt: '1.1.2000', Aerzte: ['Dr. X', 'Dr. Q'] },
				corrections: {}
			}
		])
	);
});

afterAll(async () => {
	await rm(dir, { recursive: true, force: true });
});

describe('eval:extract CLI', () => {
	it('scores a results file and prints the evaluation as JSON', async () => {
		const run = await cli('--results', resultsFile, '--truth', truthFile, '--json');
		expect(run.code, run.stderr).toBe(0);
		const report = JSON.parse(run.stdout) as EvaluationReport;
		const field = (name: string) => report.fields.find((f) => f.field === name);
		expect(field('Name')).toMatchObject({ kind: 'text', tp: 2, fp: 0, fn: 1, accuracy: 2 / 3 });
		// The correction fixes b; c has a date the truth does not.
		expect(field('Geburt')).toMatchObject({ kind: 'date', tp: 2, fp: 1, fn: 0 });
		expect(field('Aerzte')).toMatchObject({ kind: 'list', tp: 4, fp: 1, fn: 1, correct: 1 });
		expect(report.overall.micro).toMatchObject({ tp: 8, fp: 2, fn: 2, correct: 5, total: 9 });
		expect(report.mismatches).toHaveLength(4);
	}, 60_000);

	it('prints a table and writes the evaluation as CSV', async () => {
		const out = join(dir, 'evaluation.csv');
		const run = await cli(
			'--results',
			resultsFile,
			'--truth',
			truthFile,
			'--kind',
			'Aerzte=text',
			'--out',
			out
		);
		expect(run.code, run.stderr).toBe(0);
		expect(run.stdout).toMatch(/^field\s+kind\s+acc\s+P\s+R\s+F1/);
		expect(run.stdout).toMatch(/Geburt\s+date\s+66\.7%/);
		expect(run.stdout).toMatch(/Aerzte\s+text\s/);
		expect(run.stdout).toMatch(/^micro\s/m);
		expect(run.stdout).toContain('3 documents');
		const csv = await readFile(out, 'utf8');
		expect(csv).toContain('mismatch,c.txt,Geburt,date');
	}, 60_000);

	it.each([
		[[], '--truth is required'],
		[['--truth', 'x.csv'], 'give --results or --engine'],
		[['--truth', 'x.csv', '--engine', 'http://localhost:8080'], '--engine needs --model'],
		[['--truth', 'x.csv', '--results', 'r.json', '--slash-dates', 'ymd'], 'dmy or mdy'],
		[['--truth', 'x.csv', '--results', 'r.json', '--kind', 'Name=fuzzy'], '--kind Name=fuzzy'],
		[['--truth', 'x.csv', '--results', 'r.json', '--frobnicate'], "Unknown option '--frobnicate'"]
	])(
		'rejects bad arguments %j with a usage message',
		async (args, message) => {
			const run = await cli(...args);
			expect(run.code).toBe(2);
			expect(run.stderr).toContain(message);
			expect(run.stderr).toContain('Usage: npm run eval:extract');
		},
		60_000
	);

	it('says which file it cannot read, and what is wrong with a bad one', async () => {
		const missing = await cli('--results', join(dir, 'nope.json'), '--truth', truthFile);
		expect(missing.code).toBe(1);
		expect(missing.stderr).toContain('cannot read');
		const bad = join(dir, 'bad.csv');
		await writeFile(bad, 'Name,Geburt\nAnna,1.2.1990\n');
		const noDocument = await cli('--results', resultsFile, '--truth', bad);
		expect(noDocument.code).toBe(1);
		expect(noDocument.stderr).toContain('eval.noDocumentColumn');
	}, 60_000);

	it('runs a template over a folder on an OpenAI-compatible server and scores it', async () => {
		const server = await startFakeOpenAiServer({ tokenDelayMs: 0 });
		try {
			const docs = join(dir, 'letters');
			await mkdir(docs);
			await writeFile(join(docs, 'a.txt'), 'Patientin Anna, geb. 1.2.1990.');
			await writeFile(join(docs, 'b.txt'), 'Patient Bert, geb. 3.4.1950.');
			await writeFile(join(docs, 'z.txt'), 'Not in the ground truth.');
			const template = join(dir, 'template.json');
			await writeFile(
				template,
				JSON.stringify({
					name: 'Test',
					instructions: 'Extract.',
					schema: {
						type: 'object',
						properties: { Name: { type: 'string' }, Geburt: { type: 'string', format: 'date' } }
					},
					examples: []
				})
			);
			const saved = join(dir, 'extracted.json');
			const run = await cli(
				...['--engine', server.url, '--model', 'fixture-model', '--template', template],
				...['--docs', docs, '--truth', truthFile, '--json', '--save-results', saved]
			);
			expect(run.code, run.stderr).toBe(0);
			expect(run.stderr).toContain('skipped: z.txt');
			expect(server.requests.filter((r) => r.path.endsWith('/chat/completions'))).toHaveLength(2);
			// The fake server fills every text field with the document's first word ("Patientin",
			// "Patient"): 4 wrong predictions, and everything the truth has is missed.
			const report = JSON.parse(run.stdout) as EvaluationReport;
			expect(report.documents.map((d) => d.document)).toEqual(['a.txt', 'b.txt']);
			expect(report.overall.micro).toMatchObject({ tp: 0, fp: 4, fn: 8 });
			const rescored = await readResultsFile('extracted.json', await readFile(saved));
			expect([...rescored.predictions.keys()]).toEqual(['a.txt', 'b.txt']);
		} finally {
			await server.close();
		}
	}, 60_000);

	const grascco = resolve('../shared/data/extraction/grascco-fields/ground-truth.csv');
	it.skipIf(!existsSync(grascco))(
		'scores the GraSCCo ground truth against itself as all correct',
		async () => {
			const run = await cli('--results', grascco, '--truth', grascco, '--json');
			expect(run.code, run.stderr).toBe(0);
			const report = JSON.parse(run.stdout) as EvaluationReport;
			expect(report.fields).toHaveLength(9);
			for (const f of report.fields) expect(f.f1, f.field).toBe(1);
			expect(report.overall.micro.accuracy).toBe(1);
		},
		60_000
	);
});
