import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerateOptions, GenerateRequest, GenerateResult } from '$lib/engine/engine';
import { OpenAiEngine } from '$lib/engine/openai/openai-engine';
import { EnclaveError } from '$lib/errors';
import { startFakeOpenAiServer } from '../../../../e2e/fixtures/fake-openai-server.js';
import { withEvidence } from './evidence';
import { extractDocument, type ExtractionResult } from './pipeline';
import type { ExtractionTemplate } from './template';
import { builtInTemplates } from './templates';

const usage = {
	promptTokens: 100,
	completionTokens: 20,
	prefillTokensPerSecond: null,
	decodeTokensPerSecond: null,
	timeToFirstTokenMs: null,
	totalMs: 5
};

type Answer =
	| string
	| Partial<GenerateResult>
	| Error
	| ((request: GenerateRequest, options: GenerateOptions) => Promise<GenerateResult>);

/** An engine that answers from a script and records what it was asked. */
function fakeEngine(...answers: Answer[]) {
	const requests: GenerateRequest[] = [];
	return {
		requests,
		async generate(
			request: GenerateRequest,
			options: GenerateOptions = {}
		): Promise<GenerateResult> {
			requests.push(request);
			const answer = answers[Math.min(requests.length - 1, answers.length - 1)];
			if (answer instanceof Error) throw answer;
			if (typeof answer === 'function') return answer(request, options);
			const partial = typeof answer === 'string' ? { text: answer } : (answer ?? {});
			options.onToken?.(partial.text ?? '', partial.text ?? '');
			return { text: '', finishReason: 'stop', usage, ...partial };
		}
	};
}

const template: ExtractionTemplate = {
	id: 'test',
	name: 'Test',
	language: 'de',
	instructions: 'Entnimm Name und Seite.',
	schema: {
		type: 'object',
		properties: {
			name: { type: 'string' },
			side: { type: 'string', enum: ['links', 'rechts'] },
			codes: { type: 'array', items: { type: 'string' } }
		},
		required: ['name']
	},
	examples: [],
	fieldRules: { codes: 'all' }
};

const document = 'Patientin: Erika Mustermann\nBefund: Embolie rechts. Codes: I26.9';

function answer(name: unknown, side: unknown, codes: unknown[] = []): string {
	return JSON.stringify({ name, side, codes });
}

const run = (engine: ReturnType<typeof fakeEngine>, text = document, contextWindow = 4096) =>
	extractDocument(engine, template, text, { contextWindow });

describe('extractDocument', () => {
	it('returns ok with values and located evidence when every quote is found', async () => {
		const engine = fakeEngine(
			answer(
				{ value: 'Erika Mustermann', quote: 'Erika Mustermann' },
				{ value: 'rechts', quote: 'Embolie rechts' },
				[{ value: 'I26.9', quote: 'I26.9' }]
			)
		);
		const result = await run(engine);
		expect(result.status).toBe('ok');
		expect(result.values).toEqual({ name: 'Erika Mustermann', side: 'rechts', codes: ['I26.9'] });
		const side = result.evidence.find((e) => e.path === 'side');
		expect(document.slice(side!.span!.start, side!.span!.end)).toBe('Embolie rechts');
		expect(result.errors).toEqual([]);
		expect(result.usage).toEqual([usage]);
		expect(result.rawOutputs).toHaveLength(1);
		expect(result.chunks).toEqual([{ start: 0, end: document.length }]);
		expect(result.reason).toBeUndefined();
	});

	it('sends a deterministic, bounded request constrained to the evidence schema', async () => {
		const engine = fakeEngine(answer({ value: null, quote: '' }, { value: null, quote: '' }));
		await run(engine);
		const request = engine.requests[0];
		expect(request?.jsonSchema).toEqual(withEvidence(template.schema));
		expect(request?.temperature).toBe(0);
		expect(request?.seed).toBe(42);
		expect(request?.maxTokens).toBeGreaterThan(0);
		expect(request?.maxTokens).toBeLessThanOrEqual(2048);
		expect(request?.messages.at(-1)?.content).toContain(document);
	});

	it('is unverified when a stated value has a quote that is not in the document', async () => {
		const engine = fakeEngine(
			answer({ value: 'Max Muster', quote: 'Max Muster' }, { value: 'links', quote: 'links' })
		);
		const result = await run(engine);
		expect(result.status).toBe('unverified');
		expect(result.evidence.filter((e) => !e.verified).map((e) => e.path)).toEqual(['name', 'side']);
	});

	it('is incomplete when the answer hit the token limit, keeping the raw output', async () => {
		const engine = fakeEngine({ text: '{"name": {"value": "Erika', finishReason: 'length' });
		const result = await run(engine);
		expect(result.status).toBe('incomplete');
		expect(result.rawOutputs).toEqual(['{"name": {"value": "Erika']);
		expect(result.values).toEqual({ name: null, side: null, codes: [] });
		expect(result.errors[0]).toMatch(/cut off/);
	});

	it('is invalid when the answer is not JSON, without quoting it in the errors', async () => {
		const result = await run(fakeEngine('Die Patientin heißt Erika Mustermann.'));
		expect(result.status).toBe('invalid');
		expect(result.errors).toEqual(['the answer is not valid JSON']);
		expect(result.errors.join()).not.toContain('Erika');
	});

	it('is invalid when the answer breaks the schema, listing the problems', async () => {
		const engine = fakeEngine(
			answer({ value: 'Erika Mustermann', quote: 'Erika Mustermann' }, { value: 'oben', quote: '' })
		);
		const result = await run(engine);
		expect(result.status).toBe('invalid');
		expect(result.errors).toEqual(['side.value: not one of the allowed values']);
		expect(result.values.name).toBe('Erika Mustermann');
	});

	it('accepts JSON in a Markdown fence from servers without grammar support', async () => {
		const fenced =
			'```json\n' +
			answer({ value: 'Erika Mustermann', quote: 'Erika Mustermann' }, { value: null, quote: '' }) +
			'\n```';
		expect((await run(fakeEngine(fenced))).status).toBe('ok');
	});

	it('fails with the EnclaveError code when the engine fails', async () => {
		const server = await run(fakeEngine(new EnclaveError('engine.server', { status: 500 })));
		expect(server).toMatchObject({ status: 'failed', reason: 'engine.server', rawOutputs: [] });
		const oom = await run(fakeEngine(new Error('GPU out of memory')));
		expect(oom).toMatchObject({ status: 'failed', reason: 'model.outOfMemory' });
		expect(oom.values).toEqual({ name: null, side: null, codes: [] });
	});

	it('is cancelled when aborted, keeping what was generated', async () => {
		const controller = new AbortController();
		const engine = fakeEngine(async () => {
			controller.abort();
			return { text: '{"name": {"val', finishReason: 'abort', usage };
		});
		const result = await extractDocument(engine, template, document, {
			contextWindow: 4096,
			signal: controller.signal
		});
		expect(result.status).toBe('cancelled');
		expect(result.rawOutputs).toEqual(['{"name": {"val']);

		const thrown = fakeEngine(new DOMException('aborted', 'AbortError'));
		expect((await run(thrown)).status).toBe('cancelled');

		const before = fakeEngine('{}');
		const aborted = await extractDocument(before, template, document, {
			contextWindow: 4096,
			signal: AbortSignal.abort()
		});
		expect(aborted.status).toBe('cancelled');
		expect(before.requests).toHaveLength(0);
	});

	it('throws before calling the engine for an empty document or an unusable template', async () => {
		const engine = fakeEngine('{}');
		await expect(run(engine, ' \n\t ')).rejects.toMatchObject({ code: 'extract.emptyDocument' });
		await expect(
			extractDocument(
				engine,
				{ ...template, schema: { type: 'object', properties: { x: {} } } },
				document,
				{
					contextWindow: 4096
				}
			)
		).rejects.toMatchObject({ code: 'extract.schemaInvalid' });
		await expect(run(engine, document, 300)).rejects.toMatchObject({ code: 'extract.tooLong' });
		expect(engine.requests).toHaveLength(0);
	});

	it('reads a long document in parts and merges them with document offsets', async () => {
		const filler = 'Der Verlauf war unauffällig, die Werte waren stabil. '.repeat(60);
		const long = `Patientin: Erika Mustermann\n\n${filler}\n\nCodes: I26.9\n\n${filler}\n\nCodes: C34.1`;
		const parts: number[] = [];
		const engine = fakeEngine(async (request) => {
			const text = request.messages.at(-1)?.content ?? '';
			const codes = ['I26.9', 'C34.1']
				.filter((c) => text.includes(c))
				.map((c) => ({ value: c, quote: c }));
			const name = text.includes('Erika Mustermann')
				? { value: 'Erika Mustermann', quote: 'Erika Mustermann' }
				: { value: null, quote: '' };
			return { text: answer(name, { value: null, quote: '' }, codes), finishReason: 'stop', usage };
		});
		const result: ExtractionResult = await extractDocument(engine, template, long, {
			contextWindow: 2048,
			onChunk: (index) => parts.push(index)
		});
		expect(result.chunks.length).toBeGreaterThan(1);
		expect(parts).toEqual(result.chunks.map((_, i) => i));
		expect(engine.requests[1]?.messages.at(-1)?.content).toMatch(/Teil 2 von \d+/);
		expect(result.usage).toHaveLength(result.chunks.length);
		expect(result.status).toBe('ok');
		expect(result.values).toEqual({
			name: 'Erika Mustermann',
			side: null,
			codes: ['I26.9', 'C34.1']
		});
		for (const e of result.evidence.filter((e) => e.span))
			expect(long.slice(e.span!.start, e.span!.end)).toBe(e.quote);
		expect(result.evidence.find((e) => e.path === 'codes[1]')?.span?.start).toBe(
			long.lastIndexOf('C34.1')
		);
	});

	it('leaves the worked examples out when they would not fit otherwise', async () => {
		const withExample: ExtractionTemplate = {
			...template,
			examples: [{ text: 'Beispiel '.repeat(1000), output: { name: null, side: null, codes: [] } }]
		};
		const engine = fakeEngine(answer({ value: null, quote: '' }, { value: null, quote: '' }));
		const result = await extractDocument(engine, withExample, document, { contextWindow: 2400 });
		expect(result.status).toBe('ok');
		expect(engine.requests[0]?.messages).toHaveLength(2);
	});
});

describe('extractDocument against the fake OpenAI-compatible server', () => {
	let server: Awaited<ReturnType<typeof startFakeOpenAiServer>>;
	beforeAll(async () => {
		server = await startFakeOpenAiServer({ port: 0, tokenDelayMs: 0 });
	});
	afterAll(() => server.close());

	it('runs a built-in template end to end and returns values in the template shape', async () => {
		const engine = new OpenAiEngine(
			{
				id: 'fixture',
				label: 'Fixture',
				engine: 'openai',
				baseUrl: server.url,
				model: 'fixture',
				contextWindow: 8192
			},
			{ origin: 'http://localhost' }
		);
		const discharge = builtInTemplates.find((t) => t.id === 'builtin-discharge-header-de')!;
		const result = await extractDocument(engine, discharge, 'Sehr geehrte Frau Kollegin, …', {
			contextWindow: 8192
		});
		expect(['ok', 'unverified']).toContain(result.status);
		expect(Object.keys(result.values).sort()).toEqual(
			Object.keys(discharge.schema.properties as object).sort()
		);
		expect(result.rawOutputs).toHaveLength(1);
		expect(JSON.parse(result.rawOutputs[0] ?? '')).toHaveProperty('PatientName.quote');
		const sent = server.requests.at(-1)?.body;
		expect(sent?.response_format?.json_schema?.schema).toEqual(withEvidence(discharge.schema));
		expect(sent?.max_tokens).toBeLessThanOrEqual(2048);
	});
});
