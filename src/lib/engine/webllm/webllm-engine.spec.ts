import type { ChatCompletionChunk } from '@mlc-ai/web-llm';
import { describe, expect, it } from 'vitest';
import { loadingFraction, readCompletionStream } from './webllm-engine';

// Report texts as web-llm 0.2.86 writes them while loading a cached model.
const reports = [
	{ progress: 0, text: 'Start to fetch params' },
	{
		progress: 0.5,
		text: 'Loading model from cache[54/108]: 2315MB loaded. 50% completed, 3 secs elapsed.'
	},
	{
		progress: 1,
		text: 'Loading model from cache[108/108]: 4630MB loaded. 100% completed, 6 secs elapsed.'
	},
	{ progress: 0.1, text: 'Loading GPU shader modules[10/100]: 10% completed, 7 secs elapsed.' },
	{ progress: 1, text: 'Loading GPU shader modules[100/100]: 100% completed, 9 secs elapsed.' },
	{ progress: 1, text: 'Finish loading on WebGPU - nvidia' }
];

describe('loadingFraction', () => {
	it('turns web-llm steps that restart at 0 into one rising fraction', () => {
		const fractions = reports.map(loadingFraction);
		expect(fractions[0]).toBe(0);
		expect(fractions.at(-1)).toBe(1);
		for (let i = 1; i < fractions.length; i++) {
			expect(fractions[i]).toBeGreaterThanOrEqual(fractions[i - 1]!);
		}
	});
});

function chunk(content: string | null, finish: string | null = null): ChatCompletionChunk {
	return {
		id: 'c',
		object: 'chat.completion.chunk',
		created: 0,
		model: 'm',
		choices: [
			{
				index: 0,
				delta: content === null ? {} : { role: 'assistant', content },
				finish_reason: finish as ChatCompletionChunk.Choice['finish_reason'],
				logprobs: null
			}
		]
	};
}

/** The final chunk web-llm sends with `stream_options: { include_usage: true }`. */
const usageChunk: ChatCompletionChunk = {
	id: 'c',
	object: 'chat.completion.chunk',
	created: 0,
	model: 'm',
	choices: [],
	usage: {
		prompt_tokens: 120,
		completion_tokens: 3,
		total_tokens: 123,
		extra: {
			e2e_latency_s: 1.5,
			prefill_tokens_per_s: 800,
			decode_tokens_per_s: 25,
			time_to_first_token_s: 0.15,
			time_per_output_token_s: 0.04
		}
	}
};

async function* stream(chunks: ChatCompletionChunk[], onEach?: (i: number) => void) {
	for (const [i, c] of chunks.entries()) {
		onEach?.(i);
		await Promise.resolve();
		yield c;
	}
}

describe('readCompletionStream', () => {
	it('collects deltas in order and takes web-llm usage figures', async () => {
		const seen: string[] = [];
		const result = await readCompletionStream(
			stream([chunk('Hel'), chunk('lo'), chunk('!'), chunk(null, 'stop'), usageChunk]),
			{
				interrupt: () => undefined,
				start: performance.now(),
				onToken: (_d, soFar) => seen.push(soFar)
			}
		);
		expect(seen).toEqual(['Hel', 'Hello', 'Hello!']);
		expect(result.text).toBe('Hello!');
		expect(result.finishReason).toBe('stop');
		expect(result.usage).toMatchObject({
			promptTokens: 120,
			completionTokens: 3,
			prefillTokensPerSecond: 800,
			decodeTokensPerSecond: 25,
			timeToFirstTokenMs: 150
		});
	});

	it('maps finish_reason length', async () => {
		const result = await readCompletionStream(stream([chunk('a'), chunk(null, 'length')]), {
			interrupt: () => undefined,
			start: performance.now()
		});
		expect(result.finishReason).toBe('length');
		expect(result.usage.completionTokens).toBe(1);
		expect(result.usage.prefillTokensPerSecond).toBeNull();
	});

	it('on cancel keeps the text so far, interrupts, and reads the stream to its end', async () => {
		const controller = new AbortController();
		let interrupts = 0;
		let read = 0;
		const chunks = [chunk('one'), chunk(' two'), chunk(' three'), chunk(null, 'abort'), usageChunk];
		const result = await readCompletionStream(
			stream(chunks, (i) => {
				read = i + 1;
				if (i === 2) controller.abort();
			}),
			{ signal: controller.signal, interrupt: () => interrupts++, start: performance.now() }
		);
		expect(result.text).toBe('one two');
		expect(result.finishReason).toBe('abort');
		expect(interrupts).toBeGreaterThan(0);
		expect(read).toBe(chunks.length);
	});
});
