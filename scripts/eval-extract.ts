/**
 * Measured extraction quality from the command line, with the same code the app uses:
 * scores an exported results file, or runs a template over a folder of letters on an
 * OpenAI-compatible server, against a ground truth (CSV or XLSX).
 *
 *   npm run eval:extract -- --truth truth.csv --results results.json
 *   npm run eval:extract -- --template t.json --docs letters/ --truth truth.csv \
 *     --engine http://gpu-server:8080 --model qwen2.5-7b-instruct
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { EnclaveError } from '$lib/errors';
import { FIELD_KINDS, type FieldKind, type SlashDateOrder } from '$lib/eval/compare';
import { normalizeDocumentKey, readGroundTruth, type GroundTruth } from '$lib/eval/ground-truth';
import {
	evaluate,
	evaluationToCsv,
	evaluationToJson,
	resolveFieldKinds,
	type EvaluationReport,
	type FieldSpec,
	type Predictions
} from '$lib/eval/metrics';
import { finalValues, readResultsFile } from '$lib/eval/results-file';
import { runCli } from './cli';

const USAGE = `Usage: npm run eval:extract -- --truth <csv|xlsx> (--results <file> | --engine <url> --model <name> --template <file> --docs <folder>) [options]

  --truth <file>           ground truth: a document column and one column per field (CSV or XLSX)
  --results <file>         score this exported results file (JSON, CSV or XLSX); no model needed
  --engine <url>           run the extraction on this OpenAI-compatible server (API key: ENCLAVE_API_KEY)
  --model <name>           the model name the server expects (with --engine)
  --template <file>        extraction template (JSON); with --results it gives the field kinds
  --docs <folder>          the letters as .txt files; with --results it limits scoring to them
  --context-window <n>     tokens the model takes in one request (default 8192)
  --kind <field>=<kind>    compare a field as ${FIELD_KINDS.join(', ')} (repeatable)
  --slash-dates dmy|mdy    how to read 1/2/2024 (default dmy: 1 February)
  --fold-umlauts           text fields: ä = ae, ß = ss, é = e
  --json                   print the evaluation as JSON instead of a table
  --out <file>             write the evaluation (.csv: a spreadsheet table, else JSON)
  --save-results <file>    with --engine: write the extraction results (JSON, readable by --results)
  --help                   show this text`;

class UsageError extends Error {}

interface Args {
	truth: string;
	results?: string;
	engine?: string;
	model?: string;
	template?: string;
	docs?: string;
	contextWindow: number;
	kinds: Record<string, FieldKind>;
	slashDates: SlashDateOrder;
	foldUmlauts: boolean;
	json: boolean;
	out?: string;
	saveResults?: string;
}

function parse(argv: string[]): Args | 'help' {
	let parsed;
	try {
		parsed = parseArgs({
			args: argv,
			options: {
				truth: { type: 'string' },
				results: { type: 'string' },
				engine: { type: 'string' },
				model: { type: 'string' },
				template: { type: 'string' },
				docs: { type: 'string' },
				'context-window': { type: 'string' },
				kind: { type: 'string', multiple: true },
				'slash-dates': { type: 'string' },
				'fold-umlauts': { type: 'boolean' },
				json: { type: 'boolean' },
				out: { type: 'string' },
				'save-results': { type: 'string' },
				help: { type: 'boolean', short: 'h' }
			}
		}).values;
	} catch (err) {
		throw new UsageError(err instanceof Error ? err.message : String(err));
	}
	if (parsed.help) return 'help';
	if (!parsed.truth) throw new UsageError('--truth is required');
	if (parsed.results && parsed.engine) throw new UsageError('give --results or --engine, not both');
	if (!parsed.results && !parsed.engine) throw new UsageError('give --results or --engine');
	if (parsed.engine) {
		for (const name of ['model', 'template', 'docs'] as const)
			if (!parsed[name]) throw new UsageError(`--engine needs --${name}`);
	}
	if (parsed['save-results'] && !parsed.engine)
		throw new UsageError('--save-results only goes with --engine');
	const contextWindow = Number(parsed['context-window'] ?? 8192);
	if (!Number.isInteger(contextWindow) || contextWindow < 512)
		throw new UsageError('--context-window must be a whole number of tokens, at least 512');
	const slashDates = parsed['slash-dates'] ?? 'dmy';
	if (slashDates !== 'dmy' && slashDates !== 'mdy')
		throw new UsageError('--slash-dates must be dmy or mdy');
	const kinds: Record<string, FieldKind> = {};
	for (const entry of parsed.kind ?? []) {
		const at = entry.lastIndexOf('=');
		const kind = entry.slice(at + 1) as FieldKind;
		if (at <= 0 || !FIELD_KINDS.includes(kind))
			throw new UsageError(`--kind ${entry}: expected <field>=<${FIELD_KINDS.join('|')}>`);
		kinds[entry.slice(0, at)] = kind;
	}
	return {
		truth: parsed.truth,
		results: parsed.results,
		engine: parsed.engine,
		model: parsed.model,
		template: parsed.template,
		docs: parsed.docs,
		contextWindow,
		kinds,
		slashDates,
		foldUmlauts: parsed['fold-umlauts'] ?? false,
		json: parsed.json ?? false,
		out: parsed.out,
		saveResults: parsed['save-results']
	};
}

/** Letters in the folder (plain text only: PDF and Word intake run in the browser's workers). */
async function readDocs(folder: string): Promise<Map<string, string>> {
	const docs = new Map<string, string>();
	const names = (await readdir(folder)).sort();
	for (const name of names) {
		if (!['.txt', '.md'].includes(extname(name).toLowerCase())) continue;
		docs.set(name, await readFile(join(folder, name), 'utf8'));
	}
	if (docs.size === 0) throw new EnclaveError('eval.noDocuments', { folder });
	return docs;
}

async function loadTemplate(file: string) {
	// Loaded only when needed: the template code pulls in the schema compiler.
	const { parseTemplateFile } = await import('$lib/tasks/extract/template-io');
	return parseTemplateFile(await readFile(file, 'utf8'), basename(file));
}

interface ExtractionRun {
	predictions: Predictions;
	rows: {
		document: string;
		status: string;
		values: unknown;
		corrections: object;
		evidence: unknown;
	}[];
}

async function runExtraction(
	args: Args,
	template: Awaited<ReturnType<typeof loadTemplate>>,
	docs: Map<string, string>,
	signal: AbortSignal
): Promise<ExtractionRun> {
	const { OpenAiEngine } = await import('$lib/engine/openai/openai-engine');
	const { extractDocument } = await import('$lib/tasks/extract/pipeline');
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
	const predictions = new Map<string, ReturnType<typeof finalValues>>();
	const rows: ExtractionRun['rows'] = [];
	let done = 0;
	for (const [name, text] of docs) {
		if (signal.aborted) break;
		const started = Date.now();
		const result = await extractDocument(engine, template, text, {
			contextWindow: args.contextWindow,
			signal
		});
		done++;
		const seconds = ((Date.now() - started) / 1000).toFixed(1);
		const reason = result.reason ? ` ${result.reason}` : '';
		console.error(`[${done}/${docs.size}] ${name}: ${result.status}${reason} (${seconds} s)`);
		predictions.set(name, finalValues(result.values, {}));
		rows.push({
			document: name,
			status: result.status,
			values: result.values,
			corrections: {},
			evidence: result.evidence
		});
	}
	return { predictions, rows };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(6);

/** A fixed-width table: field, kind, accuracy, P, R, F1 and counts; then the overall rows. */
function formatReport(report: EvaluationReport): string {
	const width = Math.max(8, ...report.fields.map((f) => f.field.length));
	const line = (cells: string[]) => cells.join('  ');
	const head = line([
		'field'.padEnd(width),
		'kind'.padEnd(8),
		'   acc',
		'     P',
		'     R',
		'    F1',
		'  tp',
		'  fp',
		'  fn',
		'  tn'
	]);
	const n = (x: number) => String(x).padStart(4);
	const rows = report.fields.map((f) =>
		line([
			f.field.padEnd(width),
			f.kind.padEnd(8),
			pct(f.accuracy),
			pct(f.precision),
			pct(f.recall),
			pct(f.f1),
			n(f.tp),
			n(f.fp),
			n(f.fn),
			n(f.tn)
		])
	);
	const { micro, macro } = report.overall;
	const out = [
		head,
		'-'.repeat(head.length),
		...rows,
		'-'.repeat(head.length),
		line([
			'micro'.padEnd(width),
			''.padEnd(8),
			pct(micro.accuracy),
			pct(micro.precision),
			pct(micro.recall),
			pct(micro.f1),
			n(micro.tp),
			n(micro.fp),
			n(micro.fn),
			n(micro.tn)
		]),
		line([
			'macro'.padEnd(width),
			''.padEnd(8),
			pct(macro.accuracy),
			pct(macro.precision),
			pct(macro.recall),
			pct(macro.f1)
		]),
		'',
		`${report.documents.length} documents, ${micro.correct} of ${micro.total} fields correct, ${report.mismatches.length} mismatches`
	];
	if (report.missingDocuments.length > 0)
		out.push(`No prediction (scored as empty): ${report.missingDocuments.join(', ')}`);
	if (report.extraDocuments.length > 0)
		out.push(`Not in the ground truth (not scored): ${report.extraDocuments.join(', ')}`);
	if (report.unknownFields.length > 0)
		out.push(`Fields not in the ground truth (not scored): ${report.unknownFields.join(', ')}`);
	return out.join('\n');
}

/** Kinds from the truth and the template, then `--kind`; the comparison options for all. */
function fieldKinds(
	truth: GroundTruth,
	schema: Record<string, unknown> | undefined,
	args: Args
): Record<string, FieldSpec> {
	const kinds = resolveFieldKinds(truth, schema);
	for (const [field, kind] of Object.entries(args.kinds)) kinds[field] = { kind };
	const options = { slashDateOrder: args.slashDates, foldUmlauts: args.foldUmlauts };
	return Object.fromEntries(
		Object.entries(kinds).map(([field, spec]) => [
			field,
			{ kind: spec.kind, options: { ...spec.options, ...options } }
		])
	);
}

async function main(argv: string[]): Promise<number> {
	let args: Args | 'help';
	try {
		args = parse(argv);
	} catch (err) {
		if (!(err instanceof UsageError)) throw err;
		console.error(`eval:extract: ${err.message}\n\n${USAGE}`);
		return 2;
	}
	if (args === 'help') {
		console.log(USAGE);
		return 0;
	}

	const truth = await readGroundTruth(basename(args.truth), await readFile(args.truth));
	const docs = args.docs ? await readDocs(args.docs) : undefined;
	const template = args.template ? await loadTemplate(args.template) : undefined;
	let predictions: Predictions;
	let scope: string[] | undefined;
	if (args.results) {
		predictions = (await readResultsFile(basename(args.results), await readFile(args.results)))
			.predictions;
		scope = docs ? [...docs.keys()] : undefined;
	} else {
		const all = docs as Map<string, string>;
		// Only letters with a ground truth are worth the model's time.
		const scored = new Map([...all].filter(([name]) => truth.rows.has(normalizeDocumentKey(name))));
		const skipped = [...all.keys()].filter((name) => !scored.has(name));
		if (skipped.length > 0)
			console.error(`Not in the ground truth, skipped: ${skipped.join(', ')}`);
		const controller = new AbortController();
		process.once('SIGINT', () => controller.abort());
		const run = await runExtraction(
			args,
			template as NonNullable<typeof template>,
			scored,
			controller.signal
		);
		predictions = run.predictions;
		scope = [...scored.keys()];
		if (args.saveResults) await writeFile(args.saveResults, JSON.stringify(run.rows, null, 2));
	}

	const report = evaluate(predictions, truth, fieldKinds(truth, template?.schema, args), {
		...(scope ? { documents: scope } : {})
	});
	if (args.out)
		await writeFile(
			args.out,
			/\.csv$/i.test(args.out) ? evaluationToCsv(report) : evaluationToJson(report)
		);
	console.log(args.json ? evaluationToJson(report) : formatReport(report));
	return 0;
}

await runCli('eval:extract', main);
