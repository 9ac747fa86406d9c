/**
 * Measured de-identification quality from the command line, with the detectors the app runs:
 * rules and known identifiers alone, or together with a model on an OpenAI-compatible server,
 * scored against a gold standard (INCEpTION CAS JSON, BRAT or JSON Lines).
 *
 *   npm run eval:deid -- ../shared/data/deid/grascco-phi
 *   npm run eval:deid -- notes.jsonl --engine http://gpu-server:8080 --model qwen2.5-7b-instruct
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { LlmEngine } from '$lib/engine/engine';
import { engineMessages } from '$lib/engine/messages';
import { EnclaveError } from '$lib/errors';
import { LabelMapper, labelSummary, type GoldDocument } from '$lib/eval/deid/ground-truth';
import { normalizeDocumentKey } from '$lib/eval/ground-truth';
import { evalDeidMessages } from '$lib/eval/deid/messages';
import { scoreDeid, type DeidItem } from '$lib/eval/deid/metrics';
import { deidReport, formatDeidTable } from '$lib/eval/deid/report';
import { deidMessages } from '$lib/tasks/deid/messages';
import type { KnownIdentifier } from '$lib/tasks/deid/known';
import type { DeidWarning } from '$lib/tasks/deid/pipeline';
import { PHI_TYPES, type Lang, type PhiType } from '$lib/tasks/deid/types';
import { loadDeidCorpus } from './deid-corpus';
import { runCli } from './cli';

const USAGE = `Usage: npm run eval:deid -- <path> [options]

  <path>                  the gold standard: an INCEpTION export in UIMA CAS JSON (a file or a
                          folder of them), a JSON Lines file ({"id","text","spans":[{"start","end",
                          "label"}]}), a BRAT folder (.txt + .ann) or one .txt with its .ann
  --engine <url>          also ask the model on this OpenAI-compatible server (API key: ENCLAVE_API_KEY)
  --model <name>          the model name the server expects (with --engine)
  --context-window <n>    tokens the model takes in one request (default: the app's)
  --lang de|en|auto       the documents' language (default: as the gold standard states it, else auto)
  --known <file>          known identifiers, looked for as the app does: one a line ("Anna Muster",
                          "id: 4711") for every document, or a CSV with a document column and one
                          column per type (name_patient, date_birth, id, …) for each document
  --map <label>=<type>    score a gold label as this type, or "none" to leave it unscored (repeatable);
                          types: ${PHI_TYPES.join(', ')}
  --limit <n>             only the first n documents
  --render                also write each document with the app's default policy and look for gold
                          strings left in the output
  --json                  print the scores as JSON instead of a table
  --out <file>            write the scores as JSON
  --help                  show this text`;

class UsageError extends Error {}

interface Args {
	path: string;
	engine?: string;
	model?: string;
	contextWindow?: number;
	lang?: Lang | 'auto';
	known?: string;
	labels: Record<string, PhiType | null>;
	limit?: number;
	render: boolean;
	json: boolean;
	out?: string;
}

function parse(argv: string[]): Args | 'help' {
	let parsed;
	try {
		parsed = parseArgs({
			args: argv,
			allowPositionals: true,
			options: {
				engine: { type: 'string' },
				model: { type: 'string' },
				'context-window': { type: 'string' },
				lang: { type: 'string' },
				known: { type: 'string' },
				map: { type: 'string', multiple: true },
				limit: { type: 'string' },
				render: { type: 'boolean' },
				json: { type: 'boolean' },
				out: { type: 'string' },
				help: { type: 'boolean', short: 'h' }
			}
		});
	} catch (err) {
		throw new UsageError(err instanceof Error ? err.message : String(err));
	}
	const { values, positionals } = parsed;
	if (values.help) return 'help';
	if (positionals.length === 0) throw new UsageError('give the path of a gold standard');
	if (positionals.length > 1)
		throw new UsageError(`give one path, not ${positionals.length} (${positionals.join(' ')})`);
	if (values.engine && !values.model) throw new UsageError('--engine needs --model');
	if (values.model && !values.engine) throw new UsageError('--model only goes with --engine');
	const contextWindow =
		values['context-window'] === undefined ? undefined : Number(values['context-window']);
	if (contextWindow !== undefined && (!Number.isInteger(contextWindow) || contextWindow < 512))
		throw new UsageError('--context-window must be a whole number of tokens, at least 512');
	const lang = values.lang;
	if (lang !== undefined && lang !== 'de' && lang !== 'en' && lang !== 'auto')
		throw new UsageError('--lang must be de, en or auto');
	const limit = values.limit === undefined ? undefined : Number(values.limit);
	if (limit !== undefined && (!Number.isInteger(limit) || limit < 1))
		throw new UsageError('--limit must be a whole number, at least 1');
	const labels: Record<string, PhiType | null> = {};
	for (const entry of values.map ?? []) {
		const at = entry.lastIndexOf('=');
		const type = entry.slice(at + 1).trim();
		if (at <= 0 || (type !== 'none' && !(PHI_TYPES as readonly string[]).includes(type)))
			throw new UsageError(`--map ${entry}: expected <label>=<type or none>`);
		labels[entry.slice(0, at).trim()] = type === 'none' ? null : (type as PhiType);
	}
	return {
		path: positionals[0] as string,
		engine: values.engine,
		model: values.model,
		contextWindow,
		lang,
		known: values.known,
		labels,
		limit,
		render: values.render ?? false,
		json: values.json ?? false,
		out: values.out
	};
}

/** Known identifiers: for every document, or per document (a CSV with a document column). */
interface Known {
	forDocument(id: string): KnownIdentifier[];
	description: string;
}

async function readKnown(file: string): Promise<Known> {
	const { parseKnownCsv, parseKnownList } = await import('$lib/tasks/deid/known');
	const content = await readFile(file, 'utf8');
	if (/\.(csv|tsv)$/i.test(file)) {
		try {
			const byDocument = new Map(
				[...parseKnownCsv(content)].map(([name, list]) => [normalizeDocumentKey(name), list])
			);
			return {
				forDocument: (id) => byDocument.get(normalizeDocumentKey(id)) ?? [],
				description: `known identifiers for ${byDocument.size} documents`
			};
		} catch (err) {
			// A CSV without a document column is one list for all documents.
			if (!(err instanceof EnclaveError && err.code === 'deid.knownCsvNoDocument')) throw err;
		}
	}
	const list = parseKnownList(content);
	return { forDocument: () => list, description: `${list.length} known identifiers` };
}

const NO_KNOWN: Known = { forDocument: () => [], description: '' };

async function openEngine(args: Args): Promise<LlmEngine> {
	// Loaded only when needed, as in eval:extract.
	const { OpenAiEngine } = await import('$lib/engine/openai/openai-engine');
	const { DEFAULT_CONTEXT_WINDOW } = await import('$lib/tasks/deid/pipeline');
	return new OpenAiEngine(
		{
			id: 'cli',
			label: 'CLI',
			engine: 'openai',
			baseUrl: args.engine as string,
			model: args.model as string,
			contextWindow: args.contextWindow ?? DEFAULT_CONTEXT_WINDOW,
			...(process.env.ENCLAVE_API_KEY ? { apiKey: process.env.ENCLAVE_API_KEY } : {})
		},
		{ origin: 'http://localhost' }
	);
}

/** The language to detect in: `--lang`, else what the gold standard states, else auto. */
function langOf(doc: GoldDocument, args: Args): Lang | 'auto' {
	if (args.lang) return args.lang;
	return doc.lang === 'de' || doc.lang === 'en' ? doc.lang : 'auto';
}

interface Run {
	items: DeidItem[];
	warnings: DeidWarning[];
	seconds: number;
}

async function run(
	documents: GoldDocument[],
	args: Args,
	known: Known,
	engine: LlmEngine | undefined,
	signal: AbortSignal
): Promise<Run> {
	// Loaded here, not at the top: usage errors and --help need none of the detectors.
	const { deidentify, detectPhi, newDeidContext } = await import('$lib/tasks/deid/pipeline');
	const { actionFor, defaultPolicy } = await import('$lib/tasks/deid/policy');
	const items: DeidItem[] = [];
	const warnings: DeidWarning[] = [];
	const context = newDeidContext();
	const started = performance.now();
	for (const [i, gold] of documents.entries()) {
		if (signal.aborted) break;
		// The app refuses a text without words; there is nothing to find in it either.
		if (gold.text.trim() === '') {
			items.push({ gold, predicted: [] });
			continue;
		}
		const t0 = performance.now();
		const knownHere = known.forDocument(gold.id);
		const detection = await detectPhi(gold.text, {
			lang: langOf(gold, args),
			known: knownHere,
			engine,
			contextWindow: args.contextWindow,
			signal
		});
		warnings.push(...detection.warnings);
		const item: DeidItem = { gold, predicted: detection.spans };
		if (args.render) {
			const policy = defaultPolicy(detection.lang);
			const { output } = deidentify(gold.text, detection.spans, policy, context, {
				lang: detection.lang,
				known: knownHere
			});
			item.output = output;
			item.outputKeeps = PHI_TYPES.filter((t) => actionFor(t, policy) === 'keep');
		}
		items.push(item);
		if (engine) {
			const seconds = ((performance.now() - t0) / 1000).toFixed(1);
			console.error(
				`[${i + 1}/${documents.length}] ${gold.id}: ${detection.spans.length} spans (${seconds} s)`
			);
		}
	}
	return { items, warnings, seconds: (performance.now() - started) / 1000 };
}

function describeDetector(args: Args, known: Known): string {
	const parts = ['rules'];
	if (known.description) parts.push(known.description);
	if (args.engine) parts.push(`model ${args.model} at ${args.engine}`);
	return `${parts.join(' + ')}; language ${args.lang ?? 'as stated, else auto'}`;
}

async function main(argv: string[]): Promise<number> {
	let args: Args | 'help';
	try {
		args = parse(argv);
	} catch (err) {
		if (!(err instanceof UsageError)) throw err;
		console.error(`eval:deid: ${err.message}\n\n${USAGE}`);
		return 2;
	}
	if (args === 'help') {
		console.log(USAGE);
		return 0;
	}
	if (!existsSync(args.path)) {
		console.error(`eval:deid: ${args.path} does not exist (give a file or folder of gold data)`);
		return 1;
	}

	const labels = new LabelMapper(args.labels);
	let documents = await loadDeidCorpus(args.path, { labels });
	if (args.limit) documents = documents.slice(0, args.limit);
	const known = args.known ? await readKnown(args.known) : NO_KNOWN;
	const engine = args.engine ? await openEngine(args) : undefined;

	const controller = new AbortController();
	process.once('SIGINT', () => controller.abort());
	const result = await run(documents, args, known, engine, controller.signal);
	const scores = scoreDeid(result.items);
	const meta = {
		corpus: basename(args.path.replace(/[\\/]+$/, '')),
		detector: describeDetector(args, known),
		labels: labelSummary(documents, labels)
	};
	const report = deidReport(scores, meta);
	if (args.out) await writeFile(args.out, `${JSON.stringify(report, null, 2)}\n`);
	console.log(args.json ? JSON.stringify(report, null, 2) : formatDeidTable(scores, meta));

	const chars = documents.reduce((n, d) => n + d.text.length, 0);
	console.error(
		`Detected in ${result.seconds.toFixed(1)} s (${Math.round(chars / Math.max(result.seconds, 1e-3))} characters/s).`
	);
	if (result.warnings.length > 0) {
		const kinds = new Map<string, number>();
		for (const w of result.warnings) kinds.set(w.kind, (kinds.get(w.kind) ?? 0) + 1);
		console.error(`Model warnings: ${[...kinds].map(([kind, n]) => `${kind} ${n}`).join(', ')}`);
	}
	return controller.signal.aborted ? 130 : 0;
}

const MESSAGES: Record<string, (p: Record<string, string | number>) => string> = {
	...engineMessages.en,
	...deidMessages.en,
	...evalDeidMessages.en
};

await runCli('eval:deid', main, MESSAGES);
