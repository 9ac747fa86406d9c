/**
 * Extraction of one document: plan the parts, ask the model for each, check and locate the
 * quotes, merge. Never throws for what the model does (bad JSON, cut-off answers, unfound
 * quotes): those become a status, so a batch goes on and the result can be reviewed.
 */
import type { GenerateResult, LlmEngine, Usage } from '$lib/engine/engine';
import { toEnclaveError } from '$lib/engine/errors';
import { EnclaveError, isAbortError } from '$lib/errors';
import { mergeChunkResults, planChunks, type Chunk, type ChunkExtraction } from './chunking';
import { splitEvidence, withEvidence, type EvidenceItem } from './evidence';
import {
	buildExtractionMessages,
	DEFAULT_SEED,
	estimateOutputTokens,
	promptOverheadTokens
} from './prompt';
import { QuoteIndex } from './quote-match';
import { checkSchema, validateOutput } from './schema-check';
import { emptyValues, inlineRefs } from './schema-shape';
import type { ExtractedValues, ExtractionTemplate, JsonSchema } from './template';

export type { EvidenceItem };

/**
 * ok: valid and every stated value's quote was found. unverified: valid, but some quote was not
 * found (see `evidence[].verified`). incomplete: an answer hit the token limit. invalid: an
 * answer was not JSON or broke the schema (`errors`). failed: the engine failed (`reason`).
 * cancelled: stopped by the user. Whatever parts finished before are kept in every case.
 */
export type ExtractionStatus =
	'ok' | 'unverified' | 'incomplete' | 'invalid' | 'failed' | 'cancelled';

export interface ExtractionResult {
	status: ExtractionStatus;
	/** In the template's shape; null or [] for what was not stated or not read. */
	values: ExtractedValues;
	evidence: EvidenceItem[];
	/** What was wrong with the answers; names fields and rules, never document text. */
	errors: string[];
	/** The EnclaveError code when status is 'failed'. */
	reason?: string;
	/** One per part sent to the model. */
	usage: Usage[];
	rawOutputs: string[];
	/** The parts the document was read in, as document offsets. */
	chunks: { start: number; end: number }[];
}

export interface ExtractOptions {
	contextWindow: number;
	signal?: AbortSignal;
	/** Streams the answer of the part being read; `textSoFar` starts afresh with each part. */
	onToken?: (delta: string, textSoFar: string) => void;
	/** Called before each part is sent, 0-based. */
	onChunk?: (index: number, count: number) => void;
	maxOutputTokens?: number;
	overlapChars?: number;
	temperature?: number;
	seed?: number;
}

export type ExtractionEngine = Pick<LlmEngine, 'generate'>;

const SEVERITY: ExtractionStatus[] = [
	'ok',
	'unverified',
	'invalid',
	'incomplete',
	'failed',
	'cancelled'
];
const worse = (a: ExtractionStatus, b: ExtractionStatus) =>
	SEVERITY.indexOf(a) >= SEVERITY.indexOf(b) ? a : b;

/** A batch runs one template over many documents: check and transform its schema once. */
const MAX_PREPARED = 8;
const prepared = new Map<string, { schema: JsonSchema; evidenceSchema: JsonSchema }>();

function prepare(template: ExtractionTemplate) {
	// Keyed by content: a template being edited is the same object with a new schema.
	const key = JSON.stringify(template.schema);
	let entry = prepared.get(key);
	if (!entry) {
		const check = checkSchema(template.schema);
		if (!check.ok)
			throw new EnclaveError('extract.schemaInvalid', { reason: check.errors.join('; ') });
		const schema = inlineRefs(template.schema);
		entry = { schema, evidenceSchema: withEvidence(schema) };
		prepared.set(key, entry);
		for (const oldKey of prepared.keys()) {
			if (prepared.size <= MAX_PREPARED) break;
			prepared.delete(oldKey);
		}
	}
	return entry;
}

/** A server without grammar support may wrap the JSON in a Markdown fence. */
function parseJson(text: string): unknown {
	const bare = text
		.trim()
		.replace(/^```(?:json)?\s*/i, '')
		.replace(/\s*```$/, '');
	return JSON.parse(bare);
}

function planWithFallback(
	template: ExtractionTemplate,
	text: string,
	opts: ExtractOptions,
	maxOutputTokens: number
): { chunks: Chunk[]; includeExamples: boolean } {
	const plan = (includeExamples: boolean) =>
		planChunks(text, {
			contextWindow: opts.contextWindow,
			promptOverheadTokens: promptOverheadTokens(template, { includeExamples }),
			maxOutputTokens,
			overlapChars: opts.overlapChars
		});
	try {
		return { chunks: plan(true), includeExamples: true };
	} catch (err) {
		// Worked examples help but are optional: without them a small context may still do.
		const tooLong = err instanceof EnclaveError && err.code === 'extract.tooLong';
		if (!tooLong || template.examples.length === 0) throw err;
		return { chunks: plan(false), includeExamples: false };
	}
}

/**
 * Extracts the template's fields from the document. Throws EnclaveError before calling the
 * engine: 'extract.emptyDocument', 'extract.schemaInvalid', 'extract.tooLong'.
 */
export async function extractDocument(
	engine: ExtractionEngine,
	template: ExtractionTemplate,
	documentText: string,
	opts: ExtractOptions
): Promise<ExtractionResult> {
	if (documentText.trim() === '') throw new EnclaveError('extract.emptyDocument');
	const { schema, evidenceSchema } = prepare(template);
	const maxTokens = estimateOutputTokens(schema, opts.maxOutputTokens);
	const { chunks, includeExamples } = planWithFallback(template, documentText, opts, maxTokens);

	let status: ExtractionStatus = 'ok';
	let reason: string | undefined;
	const errors: string[] = [];
	const usage: Usage[] = [];
	const rawOutputs: string[] = [];
	const parts: ChunkExtraction[] = [];

	for (const [i, chunk] of chunks.entries()) {
		if (opts.signal?.aborted) {
			status = 'cancelled';
			break;
		}
		opts.onChunk?.(i, chunks.length);
		const label = chunks.length > 1 ? `part ${i + 1} of ${chunks.length}: ` : '';
		let result: GenerateResult;
		try {
			result = await engine.generate(
				{
					messages: buildExtractionMessages(template, chunk.text, {
						includeExamples,
						part: { index: i + 1, count: chunks.length }
					}),
					jsonSchema: evidenceSchema,
					maxTokens,
					temperature: opts.temperature ?? 0,
					seed: opts.seed ?? DEFAULT_SEED
				},
				{ signal: opts.signal, onToken: opts.onToken }
			);
		} catch (err) {
			if (isAbortError(err) || opts.signal?.aborted) {
				status = 'cancelled';
			} else {
				status = 'failed';
				reason = toEnclaveError(err).code;
			}
			break;
		}
		usage.push(result.usage);
		rawOutputs.push(result.text);
		if (result.finishReason === 'abort' || opts.signal?.aborted) {
			status = 'cancelled';
			break;
		}
		if (result.finishReason === 'length') {
			status = worse(status, 'incomplete');
			errors.push(`${label}the answer was cut off at the limit of ${maxTokens} tokens`);
			continue;
		}
		let parsed: unknown;
		try {
			parsed = parseJson(result.text);
		} catch {
			status = worse(status, 'invalid');
			errors.push(`${label}the answer is not valid JSON`);
			continue;
		}
		const problems = validateOutput(evidenceSchema, parsed);
		if (problems.length > 0) {
			status = worse(status, 'invalid');
			errors.push(...problems.map((p) => label + p));
		}
		// Quotes are looked up in the part the model saw: a quote from elsewhere (a worked
		// example, another part) does not support this part's answer.
		parts.push({
			offset: chunk.start,
			...splitEvidence(schema, parsed, new QuoteIndex(chunk.text))
		});
	}

	const merged =
		parts.length > 0
			? mergeChunkResults(schema, parts, template.fieldRules)
			: { values: emptyValues(schema), evidence: [] };
	if (status === 'ok' && merged.evidence.some((e) => e.value !== null && !e.verified))
		status = 'unverified';
	return {
		status,
		values: merged.values,
		evidence: merged.evidence,
		errors,
		...(reason ? { reason } : {}),
		usage,
		rawOutputs,
		chunks: chunks.map(({ start, end }) => ({ start, end }))
	};
}
