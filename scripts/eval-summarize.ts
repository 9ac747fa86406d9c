/**
 * Measured quality of letters and summaries from the command line, with the same code the app
 * uses: ROUGE-1/2/L/Lsum (as Google's rouge-score computes them) and corpus BLEU (as sacreBLEU
 * does) of candidate texts against reference texts. The candidates are a column of the pairs
 * file, the first characters of each source (a trivial baseline), or drafts written by the
 * letters pipeline on an OpenAI-compatible server.
 *
 *   npm run eval:summarize -- --pairs valid.csv --source-col dialogue --reference-col note \
 *     --candidate-col output
 *   npm run eval:summarize -- --pairs valid.csv --source-col dialogue --reference-col note \
 *     --engine http://gpu-server:8080 --model llama-3.1-8b-instruct --limit 5
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { EnclaveError } from '$lib/errors';
import { corpusBleu, type BleuResult } from '$lib/eval/summarization/bleu';
import { readPairs, toCsv, type SummaryPair } from '$lib/eval/summarization/pairs';
import {
	meanRouge,
	ROUGE_TYPES,
	rougeScores,
	type RougeScores
} from '$lib/eval/summarization/rouge';
import type { LetterTemplate } from '$lib/tasks/letters/template';
import { runCli } from './cli';

const DEFAULT_TEMPLATE = 'builtin-physician-letter-en';

const USAGE = `Usage: npm run eval:summarize -- --pairs <csv|xlsx> --source-col <name> --reference-col <name> (--candidate-col <name> | --lead <chars> | --engine <url> --model <name>) [options]

  --pairs <file>            reference texts: one row a pair, with named columns (CSV or XLSX)
  --source-col <name>       the column with the source text (dialogue, findings, documents)
  --reference-col <name>    the column with the reference text (the note or letter to compare with)
  --candidate-col <name>    score the texts in this column; no model needed
  --lead <chars>            score the first <chars> characters of each source (a trivial baseline)
  --engine <url>            write drafts with the letters pipeline on this OpenAI-compatible server
                            (API key: ENCLAVE_API_KEY)
  --model <name>            the model name the server expects (with --engine)
  --template <file|id>      letter template (JSON file or built-in id; default ${DEFAULT_TEMPLATE})
  --context-window <n>      tokens the model takes in one request (default 8192)
  --max-output-tokens <n>   the longest draft, in tokens (default 1024)
  --limit <n>               only the first <n> pairs
  --json                    print the scores as JSON instead of a table
  --out <file>              write the scores with every pair's scores and candidate (JSON)
  --save-candidates <file>  write source, reference and candidate as CSV (rescore with --candidate-col)
  --help                    show this text`;

class UsageError extends Error {}

interface Args {
	pairs: string;
	sourceCol: string;
	referenceCol: string;
	candidateCol?: string;
	lead?: number;
	engine?: string;
	model?: string;
	template: string;
	contextWindow: number;
	maxOutputTokens: number;
	limit?: number;
	json: boolean;
	out?: string;
	saveCandidates?: string;
}

function positiveInteger(value: string | undefined, name: string, min = 1): number | undefined {
	if (value === undefined) return undefined;
	const n = Number(value);
	if (!Number.isInteger(n) || n < min)
		throw new UsageError(`--${name} must be a whole number, at least ${min}`);
	return n;
}

function parse(argv: string[]): Args | 'help' {
	let parsed;
	try {
		parsed = parseArgs({
			args: argv,
			options: {
				pairs: { type: 'string' },
				'source-col': { type: 'string' },
				'reference-col': { type: 'string' },
				'candidate-col': { type: 'string' },
				lead: { type: 'string' },
				engine: { type: 'string' },
				model: { type: 'string' },
				template: { type: 'string' },
				'context-window': { type: 'string' },
				'max-output-tokens': { type: 'string' },
				limit: { type: 'string' },
				json: { type: 'boolean' },
				out: { type: 'string' },
				'save-candidates': { type: 'string' },
				help: { type: 'boolean', short: 'h' }
			}
		}).values;
	} catch (err) {
		throw new UsageError(err instanceof Error ? err.message : String(err));
	}
	if (parsed.help) return 'help';
	for (const name of ['pairs', 'source-col', 'reference-col'] as const)
		if (!parsed[name]) throw new UsageError(`--${name} is required`);
	const modes = [parsed['candidate-col'], parsed.lead, parsed.engine].filter(
		(m) => m !== undefined
	);
	if (modes.length !== 1)
		throw new UsageError('give exactly one of --candidate-col, --lead and --engine');
	if (parsed.engine && !parsed.model) throw new UsageError('--engine needs --model');
	if (!parsed.engine) {
		for (const name of ['model', 'template', 'context-window', 'max-output-tokens'] as const)
			if (parsed[name] !== undefined) throw new UsageError(`--${name} only goes with --engine`);
	}
	if (parsed['save-candidates'] && parsed['candidate-col'])
		throw new UsageError('--save-candidates goes with --lead or --engine');
	return {
		pairs: parsed.pairs as string,
		sourceCol: parsed['source-col'] as string,
		referenceCol: parsed['reference-col'] as string,
		candidateCol: parsed['candidate-col'],
		lead: positiveInteger(parsed.lead, 'lead'),
		engine: parsed.engine,
		model: parsed.model,
		template: parsed.template ?? DEFAULT_TEMPLATE,
		contextWindow: positiveInteger(parsed['context-window'], 'context-window', 512) ?? 8192,
		maxOutputTokens: positiveInteger(parsed['max-output-tokens'], 'max-output-tokens', 16) ?? 1024,
		limit: positiveInteger(parsed.limit, 'limit'),
		json: parsed.json ?? false,
		out: parsed.out,
		saveCandidates: parsed['save-candidates']
	};
}

async function loadTemplate(nameOrFile: string): Promise<LetterTemplate> {
	const { findBuiltInLetterTemplate } = await import('$lib/tasks/letters/templates');
	const builtIn = findBuiltInLetterTemplate(nameOrFile);
	if (builtIn) return builtIn;
	const { parseLetterTemplate } = await import('$lib/tasks/letters/template');
	return parseLetterTemplate(await readFile(nameOrFile, 'utf8'), basename(nameOrFile));
}

interface Generated {
	candidate: string;
	stoppedBy: string;
	error?: string;
}

/** Drafts from the letters pipeline, one pair at a time; stops early on Ctrl-C. */
async function generate(
	args: Args,
	pairs: SummaryPair[],
	signal: AbortSignal
): Promise<Generated[]> {
	const { OpenAiEngine } = await import('$lib/engine/openai/openai-engine');
	const { writeDraft } = await import('$lib/tasks/letters/pipeline');
	const template = await loadTemplate(args.template);
	const engine = new OpenAiEngine(
		{
			id: 'cli',
			label: 'CLI',
			engine: 'openai',
			baseUrl: args.engine as string,
			model: args.model as string,
			contextWindow: args.contextWindow,
			...(process.env.ENCLAVE_API_KEY ? { apiKey: process.env.ENCLAVE_API_KEY } : {})
		},
		{ origin: 'http://localhost' }
	);
	const out: Generated[] = [];
	for (const [i, pair] of pairs.entries()) {
		if (signal.aborted) break;
		const started = Date.now();
		let generated: Generated;
		try {
			const draft = await writeDraft({
				engine,
				template,
				sources: [{ id: `row-${pair.row}`, label: `row ${pair.row}`, text: pair.source }],
				contextWindow: args.contextWindow,
				maxOutputTokens: args.maxOutputTokens,
				temperature: 0,
				seed: 42,
				signal
			});
			generated = {
				candidate: draft.text,
				stoppedBy: draft.stoppedBy,
				...(draft.error ? { error: draft.error.code } : {})
			};
		} catch (err) {
			if (!(err instanceof EnclaveError)) throw err;
			generated = { candidate: '', stoppedBy: 'error', error: err.code };
		}
		if (generated.stoppedBy === 'cancelled') break;
		out.push(generated);
		const seconds = ((Date.now() - started) / 1000).toFixed(1);
		const error = generated.error ? ` ${generated.error}` : '';
		console.error(
			`[${i + 1}/${pairs.length}] row ${pair.row}: ${generated.stoppedBy}${error} (${seconds} s)`
		);
	}
	return out;
}

interface Report {
	mode: 'candidates' | 'lead' | 'engine';
	pairs: number;
	skippedRows: number[];
	rouge: RougeScores;
	bleu: BleuResult;
	stoppedBy?: Record<string, number>;
}

const pct = (x: number) => (x * 100).toFixed(2).padStart(7);

function formatReport(report: Report): string {
	const lines = [
		`${report.pairs} pairs scored${report.skippedRows.length > 0 ? `; rows without source or reference skipped: ${report.skippedRows.join(', ')}` : ''}`,
		'',
		'metric          P        R        F',
		...ROUGE_TYPES.map((type) => {
			const s = report.rouge[type];
			const name = {
				rouge1: 'ROUGE-1',
				rouge2: 'ROUGE-2',
				rougeL: 'ROUGE-L',
				rougeLsum: 'ROUGE-Lsum'
			}[type];
			return `${name.padEnd(12)}${pct(s.precision)}  ${pct(s.recall)}  ${pct(s.fmeasure)}`;
		}),
		'',
		`BLEU ${report.bleu.score.toFixed(2)}  (${report.bleu.precisions.map((p) => p.toFixed(1)).join('/')}, BP ${report.bleu.bp.toFixed(3)}, hyp_len ${report.bleu.sysLen}, ref_len ${report.bleu.refLen})`,
		'ROUGE: mean over pairs, rouge-score tokenizer without stemming. BLEU: corpus, sacreBLEU 13a, exp smoothing.'
	];
	if (report.stoppedBy)
		lines.push(
			`Drafts: ${Object.entries(report.stoppedBy)
				.map(([reason, n]) => `${n} ${reason}`)
				.join(', ')}`
		);
	return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
	let args: Args | 'help';
	try {
		args = parse(argv);
	} catch (err) {
		if (!(err instanceof UsageError)) throw err;
		console.error(`eval:summarize: ${err.message}\n\n${USAGE}`);
		return 2;
	}
	if (args === 'help') {
		console.log(USAGE);
		return 0;
	}

	const table = await readPairs(basename(args.pairs), await readFile(args.pairs), {
		source: args.sourceCol,
		reference: args.referenceCol,
		...(args.candidateCol ? { candidate: args.candidateCol } : {})
	});
	let pairs = args.limit ? table.pairs.slice(0, args.limit) : table.pairs;
	let candidates: string[];
	let generated: Generated[] | undefined;
	if (args.candidateCol) {
		candidates = pairs.map((p) => p.candidate ?? '');
	} else if (args.lead) {
		const lead = args.lead;
		candidates = pairs.map((p) => p.source.slice(0, lead));
	} else {
		const controller = new AbortController();
		process.once('SIGINT', () => controller.abort());
		generated = await generate(args, pairs, controller.signal);
		// After Ctrl-C only the pairs with a draft are scored.
		pairs = pairs.slice(0, generated.length);
		candidates = generated.map((g) => g.candidate);
	}

	const perPair = pairs.map((pair, i) => rougeScores(pair.reference, candidates[i] ?? ''));
	const report: Report = {
		mode: args.candidateCol ? 'candidates' : args.lead ? 'lead' : 'engine',
		pairs: pairs.length,
		skippedRows: table.skipped,
		rouge: meanRouge(perPair),
		bleu: corpusBleu(candidates, [pairs.map((p) => p.reference)]),
		...(generated
			? {
					stoppedBy: generated.reduce<Record<string, number>>((counts, g) => {
						counts[g.stoppedBy] = (counts[g.stoppedBy] ?? 0) + 1;
						return counts;
					}, {})
				}
			: {})
	};

	if (args.out) {
		const rows = pairs.map((pair, i) => ({
			row: pair.row,
			rouge: Object.fromEntries(ROUGE_TYPES.map((t) => [t, perPair[i]?.[t].fmeasure])),
			candidate: candidates[i],
			...(generated?.[i] ? { stoppedBy: generated[i].stoppedBy, error: generated[i].error } : {})
		}));
		await writeFile(args.out, JSON.stringify({ ...report, perPair: rows }, null, 2));
	}
	if (args.saveCandidates) {
		await writeFile(
			args.saveCandidates,
			toCsv(
				[args.sourceCol, args.referenceCol, 'candidate'],
				pairs.map((p, i) => [p.source, p.reference, candidates[i] ?? ''])
			)
		);
	}
	console.log(args.json ? JSON.stringify(report, null, 2) : formatReport(report));
	return 0;
}

await runCli('eval:summarize', main);
