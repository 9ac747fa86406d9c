import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAiServer } from '../e2e/fixtures/fake-openai-server.js';

interface Run {
	code: number;
	stdout: string;
	stderr: string;
}

interface Report {
	mode: string;
	pairs: number;
	skippedRows: number[];
	rouge: Record<string, { precision: number; recall: number; fmeasure: number }>;
	bleu: { score: number; precisions: number[]; bp: number; sysLen: number; refLen: number };
	stoppedBy?: Record<string, number>;
	perPair?: { row: number; rouge: Record<string, number>; candidate: string; stoppedBy?: string }[];
}

/** Runs the CLI as a user does, through tsx (which also has to resolve `$lib`). */
function cli(...args: string[]): Promise<Run> {
	return new Promise((done) => {
		execFile(
			'npx',
			['tsx', 'scripts/eval-summarize.ts', ...args],
			{ timeout: 60_000 },
			(err, stdout, stderr) => {
				const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
				done({ code, stdout, stderr });
			}
		);
	});
}

const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;

/** (reference, candidate) pairs, the same texts as in rouge.spec.ts. */
const PAIRS: [string, string][] = [
	[
		'The patient is a 45-year-old male with chest pain.\nHe was started on aspirin 81 mg daily.',
		'45 year old man with chest pain; started aspirin 81 mg.\nFollow up in 2 weeks.'
	],
	[
		'Sehr geehrte Frau Kollegin,\nwir berichten über Herrn Müller, der vom 12.03.2024 bis 15.03.2024 stationär behandelt wurde.\nDiagnosen: Lungenembolie rechts.',
		'Wir berichten über Herrn Müller (stationär 12.03.–15.03.2024).\nDiagnose: Lungenembolie rechts, Therapie mit Apixaban 5 mg 1-0-1.'
	],
	['a b c d\ne f a b\nc d e', 'a b\nc d e f\nb a c']
];

/*
 * Expected scores of PAIRS, computed with the reference implementations run from source (see
 * rouge.spec.ts and bleu.spec.ts for versions): ROUGE as the mean over the three pairs of
 * rouge_scorer.RougeScorer(['rouge1','rouge2','rougeL','rougeLsum'], use_stemmer=False)
 * .score(reference, candidate)[type].fmeasure; BLEU as sacrebleu BLEU().corpus_score(
 * candidates, [references]).
 */
const EXPECTED = {
	rouge1: 0.6904761904761904,
	rouge2: 0.4452861952861953,
	rougeL: 0.6304761904761905,
	rougeLsum: 0.6638095238095238,
	bleu: 21.195796902542565,
	bp: 0.9823013510997377,
	sysLen: 56,
	refLen: 57
};

let dir: string;
let pairsFile: string;

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'enclave-summarize-'));
	pairsFile = join(dir, 'pairs.csv');
	// As Excel saves it in Germany: BOM, semicolons, quoted cells with line breaks, CRLF.
	const rows = PAIRS.map(([reference, candidate], i) =>
		[quote(`Dialog ${i + 1}:\nWie geht es Ihnen?`), quote(reference), quote(candidate)].join(';')
	);
	rows.splice(2, 0, `${quote('no reference')};;${quote('x')}`);
	await writeFile(pairsFile, `\uFEFFdialogue;note;output\r\n${rows.join('\r\n')}\r\n`);
});

afterAll(async () => {
	await rm(dir, { recursive: true, force: true });
});

function expectScores(report: Report) {
	for (const type of ['rouge1', 'rouge2', 'rougeL', 'rougeLsum'] as const)
		expect(report.rouge[type]?.fmeasure, type).toBeCloseTo(EXPECTED[type], 12);
	expect(report.bleu.score).toBeCloseTo(EXPECTED.bleu, 10);
	expect(report.bleu.bp).toBeCloseTo(EXPECTED.bp, 12);
	expect(report.bleu).toMatchObject({ sysLen: EXPECTED.sysLen, refLen: EXPECTED.refLen });
}

const columns = ['--pairs', '', '--source-col', 'dialogue', '--reference-col', 'note'];
const withPairs = (file: string) => columns.map((c) => (c === '' ? file : c));

describe('eval:summarize CLI', () => {
	it('scores a candidate column as the reference tools do, skipping incomplete rows', async () => {
		const run = await cli(...withPairs(pairsFile), '--candidate-col', 'output', '--json');
		expect(run.code, run.stderr).toBe(0);
		const report = JSON.parse(run.stdout) as Report;
		expect(report).toMatchObject({ mode: 'candidates', pairs: 3, skippedRows: [4] });
		expectScores(report);
	}, 60_000);

	it('prints a table and writes every pair’s scores with --out', async () => {
		const out = join(dir, 'scores.json');
		const run = await cli(...withPairs(pairsFile), '--candidate-col', 'output', '--out', out);
		expect(run.code, run.stderr).toBe(0);
		expect(run.stdout).toMatch(/^3 pairs scored; rows without source or reference skipped: 4/);
		expect(run.stdout).toMatch(/^ROUGE-1\s+[\d.]+\s+[\d.]+\s+69\.05$/m);
		expect(run.stdout).toMatch(/^ROUGE-Lsum\s+[\d.]+\s+[\d.]+\s+66\.38$/m);
		expect(run.stdout).toMatch(/^BLEU 21\.20 {2}\(/m);
		const saved = JSON.parse(await readFile(out, 'utf8')) as Report;
		expect(saved.perPair?.map((p) => p.row)).toEqual([2, 3, 5]);
		expect(saved.perPair?.[2]?.candidate).toBe(PAIRS[2]![1]);
		expectScores(saved);
	}, 60_000);

	it('scores a lead baseline and saves candidates that rescore the same', async () => {
		const saved = join(dir, 'lead.csv');
		const lead = await cli(
			...withPairs(pairsFile),
			'--lead',
			'12',
			'--json',
			'--save-candidates',
			saved
		);
		expect(lead.code, lead.stderr).toBe(0);
		const report = JSON.parse(lead.stdout) as Report;
		expect(report.mode).toBe('lead');
		const rescored = await cli(...withPairs(saved), '--candidate-col', 'candidate', '--json');
		expect(rescored.code, rescored.stderr).toBe(0);
		const again = JSON.parse(rescored.stdout) as Report;
		expect(again.rouge).toEqual(report.rouge);
		expect(again.bleu).toEqual(report.bleu);
		// Source, reference and the first 12 characters of the source, quoted across lines.
		const csv = await readFile(saved, 'utf8');
		expect(csv).toMatch(
			/^dialogue,note,candidate\r\n"Dialog 1:\nWie geht es Ihnen\?","The patient/
		);
		expect(csv).toContain(',"Dialog 1:\nWi"\r\n');
	}, 60_000);

	it('writes drafts with the letters pipeline on an OpenAI-compatible server', async () => {
		const server = await startFakeOpenAiServer({ tokenDelayMs: 0 });
		try {
			const out = join(dir, 'engine.json');
			const run = await cli(
				...withPairs(pairsFile),
				...['--engine', server.url, '--model', 'fixture-model', '--limit', '2', '--json'],
				...['--template', 'builtin-discharge-summary-de', '--out', out]
			);
			expect(run.code, run.stderr).toBe(0);
			expect(run.stderr).toContain('[2/2] row 3: done');
			const chats = server.requests.filter((r) => r.path.endsWith('/chat/completions'));
			expect(chats).toHaveLength(2);
			const system = chats[0]?.body.messages?.[0]?.content;
			expect(system).toContain('Entlassungsbericht');
			const report = JSON.parse(run.stdout) as Report;
			expect(report).toMatchObject({ mode: 'engine', pairs: 2, stoppedBy: { done: 2 } });
			const saved = JSON.parse(await readFile(out, 'utf8')) as Report;
			expect(saved.perPair?.[0]?.candidate).toMatch(
				/^Fixture answer: the document has \d+ characters\.$/
			);
		} finally {
			await server.close();
		}
	}, 60_000);

	it.each([
		[[], '--pairs is required'],
		[['--pairs', 'p.csv', '--source-col', 's'], '--reference-col is required'],
		[['--pairs', 'p.csv', '--source-col', 's', '--reference-col', 'r'], 'exactly one of'],
		[
			[
				'--pairs',
				'p.csv',
				'--source-col',
				's',
				'--reference-col',
				'r',
				'--lead',
				'5',
				'--candidate-col',
				'c'
			],
			'exactly one of'
		],
		[
			['--pairs', 'p.csv', '--source-col', 's', '--reference-col', 'r', '--engine', 'http://x'],
			'--engine needs --model'
		],
		[
			[
				'--pairs',
				'p.csv',
				'--source-col',
				's',
				'--reference-col',
				'r',
				'--lead',
				'5',
				'--model',
				'm'
			],
			'--model only goes with --engine'
		],
		[
			['--pairs', 'p.csv', '--source-col', 's', '--reference-col', 'r', '--lead', '0'],
			'--lead must be a whole number'
		],
		[
			[
				'--pairs',
				'p.csv',
				'--source-col',
				's',
				'--reference-col',
				'r',
				'--lead',
				'5',
				'--limit',
				'x'
			],
			'--limit must be'
		],
		[['--pairs', 'p.csv', '--frobnicate'], "Unknown option '--frobnicate'"]
	])(
		'rejects bad arguments %j with a usage message',
		async (args, message) => {
			const run = await cli(...args);
			expect(run.code).toBe(2);
			expect(run.stderr).toContain(message);
			expect(run.stderr).toContain('Usage: npm run eval:summarize');
		},
		60_000
	);

	it('says which file it cannot read and which column is missing', async () => {
		const missing = await cli(...withPairs(join(dir, 'nope.csv')), '--lead', '5');
		expect(missing.code).toBe(1);
		expect(missing.stderr).toContain('cannot read');
		const column = await cli(
			'--pairs',
			pairsFile,
			'--source-col',
			'dialog',
			'--reference-col',
			'note',
			'--lead',
			'5'
		);
		expect(column.code).toBe(1);
		expect(column.stderr).toContain('letters.pairsColumnMissing');
		expect(column.stderr).toContain('columns=dialogue, note, output');
	}, 60_000);

	/*
	 * The trivial baseline on ACI-BENCH valid (20 dialogue → note pairs): the first 2,000
	 * characters of the dialogue as the note. Expected values from the reference tools (versions
	 * as above) on the same data: Python's csv module, dialogue[:2000], mean fmeasure of
	 * RougeScorer(...).score(note, candidate), BLEU().corpus_score(candidates, [notes]).score.
	 */
	const aci = resolve('../shared/data/summarization/aci-bench/valid.csv');
	it.skipIf(!existsSync(aci))(
		'reproduces the reference tools on the ACI-BENCH lead baseline',
		async () => {
			const run = await cli(
				...['--pairs', aci, '--source-col', 'dialogue', '--reference-col', 'note'],
				...['--lead', '2000', '--json']
			);
			expect(run.code, run.stderr).toBe(0);
			const report = JSON.parse(run.stdout) as Report;
			expect(report.pairs).toBe(20);
			expect(report.rouge.rouge1?.fmeasure).toBeCloseTo(0.3241693589741973, 12);
			expect(report.rouge.rouge2?.fmeasure).toBeCloseTo(0.08756247313985464, 12);
			expect(report.rouge.rougeL?.fmeasure).toBeCloseTo(0.1595051981240015, 12);
			expect(report.rouge.rougeLsum?.fmeasure).toBeCloseTo(0.29493445350530173, 12);
			expect(report.bleu.score).toBeCloseTo(6.229860579104484, 10);
			expect(report.bleu).toMatchObject({ sysLen: 9049, refLen: 9960 });
		},
		60_000
	);
});
