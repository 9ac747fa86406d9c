import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAiServer } from '../../../../e2e/fixtures/fake-openai-server.js';
import { EnclaveError, isAbortError } from '$lib/errors';
import type { OpenAiServerEntry } from '../catalog';
import type { LoadProgress } from '../engine';
import { apiRoot, OpenAiEngine } from './openai-engine';

type FakeServer = Awaited<ReturnType<typeof startFakeOpenAiServer>>;

let server: FakeServer;
let authServer: FakeServer;

beforeAll(async () => {
	server = await startFakeOpenAiServer({ tokenDelayMs: 2 });
	authServer = await startFakeOpenAiServer({ apiKey: 'secret' });
});
afterAll(async () => {
	await server.close();
	await authServer.close();
});

function entry(baseUrl = server.url, extra: Partial<OpenAiServerEntry> = {}): OpenAiServerEntry {
	return {
		id: 'intranet',
		label: 'Intranet',
		engine: 'openai',
		baseUrl,
		model: 'fixture-model',
		contextWindow: 8192,
		...extra
	};
}

const ask = (content: string, maxTokens = 64) => ({
	messages: [
		{ role: 'system' as const, content: 'You are terse.' },
		{ role: 'user' as const, content }
	],
	maxTokens
});

async function errorOf(promise: Promise<unknown>): Promise<EnclaveError> {
	const err = await promise.then(
		() => undefined,
		(e: unknown) => e
	);
	expect(err).toBeInstanceOf(EnclaveError);
	return err as EnclaveError;
}

/** A port with nothing listening (browsers and Node refuse some low ports outright). */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const { port } = server.address() as AddressInfo;
	await new Promise((r) => server.close(r));
	return port;
}

describe('apiRoot', () => {
	it('normalises the base URL', () => {
		expect(apiRoot('http://h:8080')).toBe('http://h:8080/v1');
		expect(apiRoot('http://h:8080/')).toBe('http://h:8080/v1');
		expect(apiRoot('http://h:8080/v1')).toBe('http://h:8080/v1');
		expect(apiRoot('http://h/llm/v1/')).toBe('http://h/llm/v1');
	});
});

describe('OpenAiEngine', () => {
	it('loads by checking the server', async () => {
		const progress: LoadProgress[] = [];
		const engine = new OpenAiEngine(entry(`${server.url}/v1/`));
		await engine.load((p) => progress.push(p));
		expect(progress.map((p) => p.fraction)).toEqual([0, 1]);
		expect(progress.at(-1)?.phase).toBe('ready');
		expect(server.requests.at(-1)).toMatchObject({ method: 'GET', path: '/v1/models' });
	});

	it('streams tokens in order and reports usage', async () => {
		const engine = new OpenAiEngine(entry());
		const deltas: string[] = [];
		const snapshots: string[] = [];
		const document = 'Patient presents with chest pain.';
		const result = await engine.generate(
			{ ...ask(document), temperature: 0, seed: 7 },
			{ onToken: (delta, soFar) => (deltas.push(delta), snapshots.push(soFar)) }
		);
		const expected = `Fixture answer: the document has ${document.length} characters.`;
		expect(result.text).toBe(expected);
		expect(deltas.join('')).toBe(expected);
		expect(deltas.length).toBeGreaterThan(3);
		expect(snapshots.at(-1)).toBe(expected);
		expect(result.finishReason).toBe('stop');
		expect(result.usage.completionTokens).toBe(deltas.length);
		expect(result.usage.promptTokens).toBeGreaterThan(0);
		expect(result.usage.timeToFirstTokenMs).toBeGreaterThan(0);
		expect(result.usage.decodeTokensPerSecond).toBeGreaterThan(0);
		expect(result.usage.prefillTokensPerSecond).toBeGreaterThan(0);
		expect(result.usage.totalMs).toBeGreaterThanOrEqual(result.usage.timeToFirstTokenMs!);

		const sent = server.requests.at(-1)!;
		expect(sent.path).toBe('/v1/chat/completions');
		expect(sent.body).toMatchObject({
			model: 'fixture-model',
			stream: true,
			stream_options: { include_usage: true },
			max_tokens: 64,
			temperature: 0,
			seed: 7
		});
		expect(sent.body.response_format).toBeUndefined();
	});

	it('sends a JSON schema as response_format json_schema', async () => {
		const engine = new OpenAiEngine(entry());
		const schema = {
			type: 'object',
			properties: { diagnosis: { type: 'string' }, severity: { enum: ['mild', 'severe'] } },
			required: ['diagnosis', 'severity'],
			additionalProperties: false
		};
		const result = await engine.generate({ ...ask('Extract.'), jsonSchema: schema });
		expect(server.requests.at(-1)!.body.response_format).toEqual({
			type: 'json_schema',
			json_schema: { name: 'output', strict: true, schema }
		});
		expect(JSON.parse(result.text)).toEqual({ diagnosis: '', severity: 'mild' });
	});

	it('reports finish_reason length', async () => {
		const engine = new OpenAiEngine(entry());
		const result = await engine.generate(ask('Summarise.', 2));
		expect(result.finishReason).toBe('length');
		expect(result.usage.completionTokens).toBe(2);
		expect(result.text).toBe('Fixture answer:');
	});

	it('keeps the partial text on abort', async () => {
		const engine = new OpenAiEngine(entry());
		const controller = new AbortController();
		const result = await engine.generate(ask('[[slow]] long answer'), {
			signal: controller.signal,
			onToken: (_delta, soFar) => {
				if (soFar.split(' ').length >= 2) controller.abort();
			}
		});
		expect(result.finishReason).toBe('abort');
		expect(result.text).toBe('Fixture answer:');
	});

	it('runs requests one at a time and drops an aborted queued one', async () => {
		const engine = new OpenAiEngine(entry());
		const before = server.requests.length;
		const controller = new AbortController();
		const first = engine.generate(ask('one'));
		const second = engine.generate(ask('two'), { signal: controller.signal });
		const third = engine.generate(ask('three!'));
		controller.abort();
		const [a, b, c] = await Promise.allSettled([first, second, third]);
		expect(a.status).toBe('fulfilled');
		expect(b.status === 'rejected' && isAbortError(b.reason)).toBe(true);
		expect(c.status === 'fulfilled' && c.value.text).toContain('6 characters');
		const contents = server.requests.slice(before).map((r) => r.body.messages?.at(-1)?.content);
		expect(contents).toEqual(['one', 'three!']);
	});

	it('maps HTTP errors to engine.server', async () => {
		const engine = new OpenAiEngine(entry());
		const err = await errorOf(engine.generate(ask('[[error500]]')));
		expect(err.code).toBe('engine.server');
		expect(err.params).toEqual({ status: 500 });
	});

	it('times out when the server sends nothing', async () => {
		const engine = new OpenAiEngine(entry(), { timeoutMs: 300 });
		const err = await errorOf(engine.generate(ask('[[hang]]')));
		expect(err.code).toBe('engine.timeout');
		expect(err.params).toEqual({ seconds: 1 });
	});

	it('sends the API key and reports a rejected one', async () => {
		await new OpenAiEngine(entry(authServer.url, { apiKey: 'secret' })).load();
		expect(authServer.requests.at(-1)!.headers.authorization).toBe('Bearer secret');
		const err = await errorOf(new OpenAiEngine(entry(authServer.url)).load());
		expect(err).toMatchObject({ code: 'engine.server', params: { status: 401 } });
	});

	it('maps an unreachable server to model.network', async () => {
		const engine = new OpenAiEngine(entry(`http://127.0.0.1:${await closedPort()}`));
		expect((await errorOf(engine.load())).code).toBe('model.network');
		expect((await errorOf(engine.generate(ask('x')))).code).toBe('model.network');
	});

	it('accepts a server that ignores stream: true', async () => {
		const fetchImpl = (async () =>
			Response.json({
				choices: [{ message: { content: 'whole answer' }, finish_reason: 'stop' }],
				usage: { prompt_tokens: 12, completion_tokens: 2 }
			})) as typeof fetch;
		const engine = new OpenAiEngine(entry(), { fetchImpl });
		const result = await engine.generate(ask('x'));
		expect(result.text).toBe('whole answer');
		expect(result.usage).toMatchObject({ promptTokens: 12, completionTokens: 2 });
	});
});
