import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerateOptions, GenerateRequest, GenerateResult } from '$lib/engine/engine';
import { OpenAiEngine } from '$lib/engine/openai/openai-engine';
import { EnclaveError } from '$lib/errors';
import { startFakeOpenAiServer } from '../../../../e2e/fixtures/fake-openai-server.js';
import { writeDraft, type DraftProgress, type WriteDraftOptions } from './pipeline';
import type { LetterSource } from './prompt';
import type { LetterTemplate } from './template';

const usage = {
	promptTokens: 100,
	completionTokens: 20,
	prefillTokensPerSecond: null,
	decodeTokensPerSecond: null,
	timeToFirstTokenMs: null,
	totalMs: 5
};

type Script = (request: GenerateRequest, options: GenerateOptions) => Promise<GenerateResult>;

/** Streams `text` word by word, as a server would, and stops when the signal fires. */
function streaming(text: string, finishReason: GenerateResult['finishReason'] = 'stop'): Script {
	return async (_request, options) => {
		let soFar = '';
		for (const token of text.match(/\s*\S+\s*/g) ?? []) {
			if (options.signal?.aborted) return { text: soFar, finishReason: 'abort', usage };
			soFar += token;
			options.onToken?.(token, soFar);
			await Promise.resolve();
		}
		return { text: soFar, finishReason, usage };
	};
}

/** An engine that answers each request with the next script and records the requests. */
function fakeEngine(...scripts: Script[]) {
	const requests: GenerateRequest[] = [];
	return {
		requests,
		generate(request: GenerateRequest, options: GenerateOptions = {}) {
			requests.push(request);
			const script = scripts[Math.min(requests.length - 1, scripts.length - 1)] as Script;
			return script(request, options);
		}
	};
}

const template: LetterTemplate = {
	id: 't',
	name: 'Letter',
	lang: 'en',
	kind: 'physician-letter',
	instructions: 'Write a short letter.',
	sections: ['Diagnoses', 'Recommendations'],
	examples: []
};

const sources: LetterSource[] = [
	{ id: 'ct', label: 'CT', text: 'Segmental pulmonary embolism on the right.' },
	{ id: 'blank', label: 'Scan', text: '' },
	{ id: 'lab', label: 'Lab', text: 'D-dimer 2.1 mg/l.' }
];

const letter =
	'Dear Colleague,\n\nDiagnoses\nPulmonary embolism.\n\nRecommendations\nApixaban 5 mg 1-0-1.';

function run(engine: ReturnType<typeof fakeEngine>, extra: Partial<WriteDraftOptions> = {}) {
	return writeDraft({
		engine,
		template,
		sources,
		contextWindow: 8192,
		maxOutputTokens: 1024,
		...extra
	});
}

describe('writeDraft', () => {
	it('streams the letter and says what it was written from', async () => {
		const engine = fakeEngine(streaming(letter));
		const streamed: string[] = [];
		const result = await run(engine, {
			styleExamples: [
				{ id: 'style', kind: 'physician-letter', text: 'Dear Colleague, thank you.' }
			],
			onToken: (delta) => streamed.push(delta)
		});
		expect(result).toMatchObject({
			text: letter,
			stoppedBy: 'done',
			usedSourceIds: ['ct', 'lab'],
			usedExampleIds: ['style'],
			missingSections: [],
			usage: [usage]
		});
		expect(result.error).toBeUndefined();
		expect(result.summaries).toBeUndefined();
		expect(streamed.join('')).toBe(letter);
		const request = engine.requests[0]!;
		expect(request.maxTokens).toBe(1024);
		expect(request.temperature).toBe(0.3);
		expect(request.messages.at(-1)?.content).toContain('[Source 2: Lab]\nD-dimer 2.1 mg/l.');
	});

	it('throws letters.noSources before asking the model', async () => {
		const engine = fakeEngine(streaming(letter));
		const blank = [{ id: 'a', label: 'A', text: ' \n ' }];
		await expect(run(engine, { sources: blank })).rejects.toThrow(EnclaveError);
		await expect(run(engine, { sources: [] })).rejects.toMatchObject({ code: 'letters.noSources' });
		expect(engine.requests).toHaveLength(0);
	});

	it('throws letters.tooLong when no part of the sources fits the context window', async () => {
		const engine = fakeEngine(streaming(letter));
		const long = [{ id: 'a', label: 'A', text: 'The patient was seen. '.repeat(500) }];
		await expect(
			run(engine, { sources: long, contextWindow: 1024, maxOutputTokens: 600 })
		).rejects.toMatchObject({
			code: 'letters.tooLong'
		});
		expect(engine.requests).toHaveLength(0);
	});

	it('reports a text cut off at the length limit, and the sections it lacks', async () => {
		const result = await run(
			fakeEngine(streaming('Dear Colleague,\n\nDiagnoses\nPulmonary', 'length'))
		);
		expect(result.stoppedBy).toBe('length');
		expect(result.text).toBe('Dear Colleague,\n\nDiagnoses\nPulmonary');
		expect(result.missingSections).toEqual(['Recommendations']);
	});

	it('stops a model that repeats itself and removes the copies', async () => {
		const loop = 'Please continue the anticoagulation as prescribed. ';
		const engine = fakeEngine(streaming(`${letter}\n${loop.repeat(50)}`));
		let streamed = '';
		const result = await run(engine, { onToken: (_delta, soFar) => (streamed = soFar) });
		expect(result.stoppedBy).toBe('repetition');
		expect(result.text).toBe(`${letter}\n${loop.trim()}`);
		// Stopped within a few copies, not after all fifty.
		expect(streamed.length).toBeLessThan(letter.length + loop.length * 6);
	});

	it('keeps the text so far when the user stops the model', async () => {
		const controller = new AbortController();
		let tokens = 0;
		const result = await run(fakeEngine(streaming(letter)), {
			signal: controller.signal,
			onToken: () => {
				if (++tokens === 3) controller.abort();
			}
		});
		expect(result.stoppedBy).toBe('cancelled');
		expect(result.text).toBe('Dear Colleague,\n\nDiagnoses\n');
		expect(result.error).toBeUndefined();
	});

	it('keeps the text so far when the engine throws an AbortError on cancel (web-llm)', async () => {
		const controller = new AbortController();
		const engine = fakeEngine(async (_request, options) => {
			options.onToken?.('Dear ', 'Dear ');
			controller.abort();
			throw new DOMException('aborted', 'AbortError');
		});
		const result = await run(engine, { signal: controller.signal });
		expect(result).toMatchObject({ stoppedBy: 'cancelled', text: 'Dear ' });
	});

	it('keeps the text so far when the engine fails, with the error', async () => {
		const engine = fakeEngine(async (_request, options) => {
			options.onToken?.('Dear Colleague,', 'Dear Colleague,');
			throw new TypeError('NetworkError when attempting to fetch resource.');
		});
		const result = await run(engine);
		expect(result.stoppedBy).toBe('error');
		expect(result.text).toBe('Dear Colleague,');
		expect(result.error?.code).toBe('model.network');
	});

	it('reports a model that wrote nothing as an error', async () => {
		const result = await run(fakeEngine(streaming('   ')));
		expect(result.stoppedBy).toBe('error');
		expect(result.error?.code).toBe('letters.emptyDraft');
	});

	it('summarises long sources first, then writes from the summaries', async () => {
		const long = (tag: string) =>
			Array.from({ length: 240 }, (_, i) => `${tag} day ${i}: stable, no complaints.`).join(' ');
		const many: LetterSource[] = [
			{ id: 'a', label: 'Ward notes', text: long('A') },
			{ id: 'b', label: 'Nursing notes', text: long('B') }
		];
		const engine = fakeEngine(async (request, options) => {
			const isSummary = request.messages[0]?.content.startsWith('You prepare notes');
			return streaming(isSummary ? '- stable throughout' : letter)(request, options);
		});
		const progress: DraftProgress[] = [];
		const result = await run(engine, {
			sources: many,
			contextWindow: 2048,
			maxOutputTokens: 512,
			onProgress: (p) => progress.push(p)
		});
		const summaries = engine.requests.slice(0, -1);
		expect(summaries.length).toBeGreaterThanOrEqual(4);
		expect(summaries.every((r) => r.temperature === 0 && r.maxTokens === 256)).toBe(true);
		expect(result.stoppedBy).toBe('done');
		expect(result.text).toBe(letter);
		expect(result.usedSourceIds).toEqual(['a', 'b']);
		expect(result.summaries?.map((s) => s.sourceIds[0])).toEqual(
			summaries.map((_, i) => (i < summaries.length / 2 ? 'a' : 'b'))
		);
		const final = engine.requests.at(-1)!.messages.at(-1)!.content;
		expect(final).toContain('[Source 1: Ward notes, part 1 of');
		expect(final).not.toContain('day 7: stable');
		expect(progress[0]).toEqual({ stage: 'map', done: 0, total: summaries.length });
		expect(progress.at(-1)).toEqual({ stage: 'reduce', done: 1, total: 1 });
	});

	it('keeps the summaries made so far when the engine fails during the map', async () => {
		const many: LetterSource[] = [
			{ id: 'a', label: 'Ward notes', text: 'Stable, no complaints. '.repeat(600) }
		];
		let calls = 0;
		const engine = fakeEngine(async (request, options) => {
			if (++calls === 2) throw new Error('DeviceLostError: GPU device was lost');
			return streaming('- stable')(request, options);
		});
		const result = await run(engine, { sources: many, contextWindow: 2048, maxOutputTokens: 512 });
		expect(result).toMatchObject({ stoppedBy: 'error', text: '' });
		expect(result.error?.code).toBe('model.deviceLost');
		expect(result.summaries?.map((s) => s.text)).toEqual(['- stable']);
	});
});

describe('writeDraft with an OpenAI-compatible server', () => {
	let server: Awaited<ReturnType<typeof startFakeOpenAiServer>>;
	beforeAll(async () => {
		server = await startFakeOpenAiServer({ port: 0, tokenDelayMs: 0 });
	});
	afterAll(async () => {
		await server.close();
	});

	const engine = (timeoutMs = 5000) =>
		new OpenAiEngine(
			{
				id: 'x',
				label: 'X',
				engine: 'openai',
				baseUrl: server.url,
				model: 'fixture-model',
				contextWindow: 8192
			},
			{ timeoutMs }
		);

	it('streams a draft over HTTP', async () => {
		const streamed: string[] = [];
		const result = await writeDraft({
			engine: engine(),
			template,
			sources,
			contextWindow: 8192,
			maxOutputTokens: 512,
			onToken: (delta) => streamed.push(delta)
		});
		expect(result.stoppedBy).toBe('done');
		expect(result.text).toMatch(/^Fixture answer: the document has \d+ characters\.$/);
		expect(streamed.length).toBeGreaterThan(3);
	});

	it('reports a server that stops answering as an error', async () => {
		const result = await writeDraft({
			engine: engine(100),
			template,
			sources: [{ id: 'a', label: 'A', text: 'Text [[hang]]' }],
			contextWindow: 8192,
			maxOutputTokens: 512
		});
		expect(result.stoppedBy).toBe('error');
		expect(result.error?.code).toBe('engine.timeout');
	});
});
