/**
 * An intranet model server that speaks the OpenAI chat API (llama.cpp server, vLLM, Ollama).
 * Streaming is used even for short answers: it shows progress, makes cancel immediate, and lets
 * the idle timeout tell a busy server from a dead one.
 */
import { EnclaveError, isAbortError } from '$lib/errors';
import { resolveUrl, type OpenAiServerEntry } from '../catalog';
import type {
	FinishReason,
	GenerateOptions,
	GenerateRequest,
	GenerateResult,
	LlmEngine,
	LoadProgress
} from '../engine';
import { toEnclaveError } from '../errors';
import { SerialQueue } from '../queue';

export interface OpenAiEngineOptions {
	/** Resolves a relative `baseUrl` (a server behind the app's own reverse proxy). */
	origin?: string;
	/** Give up when the server sends nothing for this long. */
	timeoutMs?: number;
	fetchImpl?: typeof fetch;
}

const DEFAULT_TIMEOUT_MS = 120_000;

interface ChunkUsage {
	prompt_tokens?: number;
	completion_tokens?: number;
}

interface ChatChunk {
	choices?: {
		delta?: { content?: string | null };
		message?: { content?: string | null };
		finish_reason?: string | null;
	}[];
	usage?: ChunkUsage | null;
	error?: { code?: unknown; message?: unknown };
}

/** `baseUrl` may or may not end in /v1; the API root always does. */
export function apiRoot(baseUrl: string): string {
	const trimmed = baseUrl.replace(/\/+$/, '');
	return `${trimmed.replace(/\/v1$/, '')}/v1`;
}

/** The `data` payloads of a server-sent event stream. */
async function* sseData(body: ReadableStream<Uint8Array>, onBytes: () => void) {
	const reader = body.getReader();
	const decoder = new TextDecoder();
	let buffer = '';
	let data: string[] = [];
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			onBytes();
			buffer += decoder.decode(value, { stream: true });
			let newline: number;
			while ((newline = buffer.indexOf('\n')) !== -1) {
				const line = buffer.slice(0, newline).replace(/\r$/, '');
				buffer = buffer.slice(newline + 1);
				if (line === '') {
					if (data.length > 0) yield data.join('\n');
					data = [];
				} else if (line.startsWith('data:')) {
					data.push(line.slice(5).replace(/^ /, ''));
				}
			}
		}
		if (data.length > 0) yield data.join('\n');
	} finally {
		reader.releaseLock();
	}
}

function serverError(chunk: ChatChunk): EnclaveError {
	const code = chunk.error?.code;
	return new EnclaveError('engine.server', { status: typeof code === 'number' ? code : 500 });
}

export class OpenAiEngine implements LlmEngine {
	readonly kind = 'openai' as const;
	readonly modelId: string;
	readonly #entry: OpenAiServerEntry;
	readonly #root: string;
	readonly #timeoutMs: number;
	readonly #fetch: typeof fetch;
	readonly #queue = new SerialQueue();

	constructor(entry: OpenAiServerEntry, options: OpenAiEngineOptions = {}) {
		this.#entry = entry;
		this.modelId = entry.id;
		const base = options.origin ? resolveUrl(entry.baseUrl, options.origin) : entry.baseUrl;
		this.#root = apiRoot(base);
		this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
		this.#fetch = options.fetchImpl ?? ((input, init) => fetch(input, init));
	}

	#headers(): Record<string, string> {
		const headers: Record<string, string> = { 'content-type': 'application/json' };
		if (this.#entry.apiKey) headers.authorization = `Bearer ${this.#entry.apiKey}`;
		return headers;
	}

	/**
	 * An AbortController that fires on the caller's abort or after `timeoutMs` without bytes;
	 * `touch()` restarts the clock whenever data arrives.
	 */
	#watch(signal: AbortSignal | undefined) {
		const controller = new AbortController();
		let timer: ReturnType<typeof setTimeout> | undefined;
		const state = { timedOut: false };
		const touch = () => {
			clearTimeout(timer);
			timer = setTimeout(() => {
				state.timedOut = true;
				controller.abort();
			}, this.#timeoutMs);
		};
		const onAbort = () => controller.abort();
		signal?.addEventListener('abort', onAbort, { once: true });
		touch();
		return {
			signal: controller.signal,
			state,
			touch,
			dispose: () => {
				clearTimeout(timer);
				signal?.removeEventListener('abort', onAbort);
			}
		};
	}

	#mapError(err: unknown, timedOut: boolean): unknown {
		if (timedOut) {
			return new EnclaveError('engine.timeout', { seconds: Math.ceil(this.#timeoutMs / 1000) });
		}
		if (isAbortError(err) || err instanceof EnclaveError) return err;
		// fetch() rejects with a TypeError when the server cannot be reached.
		if (err instanceof TypeError) return new EnclaveError('model.network');
		return toEnclaveError(err);
	}

	/** Checks that the server answers; there is nothing to download. */
	async load(onProgress?: (p: LoadProgress) => void, signal?: AbortSignal): Promise<void> {
		onProgress?.({ fraction: 0, phase: 'compile' });
		const watch = this.#watch(signal);
		try {
			const response = await this.#fetch(`${this.#root}/models`, {
				headers: this.#headers(),
				signal: watch.signal
			});
			await response.body?.cancel().catch(() => undefined);
			if (!response.ok) throw new EnclaveError('engine.server', { status: response.status });
		} catch (err) {
			throw this.#mapError(err, watch.state.timedOut);
		} finally {
			watch.dispose();
		}
		onProgress?.({ fraction: 1, phase: 'ready' });
	}

	generate(request: GenerateRequest, options: GenerateOptions = {}): Promise<GenerateResult> {
		return this.#queue.run(() => this.#generate(request, options), options.signal);
	}

	async #generate(request: GenerateRequest, options: GenerateOptions): Promise<GenerateResult> {
		const { signal, onToken } = options;
		const body: Record<string, unknown> = {
			model: this.#entry.model,
			messages: request.messages,
			stream: true,
			stream_options: { include_usage: true },
			max_tokens: request.maxTokens
		};
		if (request.temperature !== undefined) body.temperature = request.temperature;
		if (request.seed !== undefined) body.seed = request.seed;
		if (request.jsonSchema) {
			body.response_format = {
				type: 'json_schema',
				json_schema: { name: 'output', strict: true, schema: request.jsonSchema }
			};
		}

		const watch = this.#watch(signal);
		const start = performance.now();
		let text = '';
		let firstTokenAt: number | null = null;
		let deltas = 0;
		let finishReason: FinishReason = 'stop';
		let usage: ChunkUsage | undefined;

		const take = (chunk: ChatChunk) => {
			if (chunk.error) throw serverError(chunk);
			if (chunk.usage) usage = chunk.usage;
			const choice = chunk.choices?.[0];
			if (!choice) return;
			const delta = choice.delta?.content ?? choice.message?.content ?? '';
			if (delta) {
				firstTokenAt ??= performance.now();
				deltas++;
				text += delta;
				onToken?.(delta, text);
			}
			if (choice.finish_reason)
				finishReason = choice.finish_reason === 'length' ? 'length' : 'stop';
		};

		try {
			const response = await this.#fetch(`${this.#root}/chat/completions`, {
				method: 'POST',
				headers: this.#headers(),
				body: JSON.stringify(body),
				signal: watch.signal
			});
			watch.touch();
			if (!response.ok) {
				await response.body?.cancel().catch(() => undefined);
				throw new EnclaveError('engine.server', { status: response.status });
			}
			if (response.headers.get('content-type')?.includes('application/json')) {
				// A server that ignores `stream: true` answers with one JSON object.
				take((await response.json()) as ChatChunk);
			} else if (response.body) {
				for await (const data of sseData(response.body, watch.touch)) {
					if (data === '[DONE]') break;
					take(JSON.parse(data) as ChatChunk);
				}
			}
		} catch (err) {
			// A cancel is not a failure: it keeps what was generated so far.
			const cancelled = signal?.aborted === true && !watch.state.timedOut;
			if (!cancelled) throw this.#mapError(err, watch.state.timedOut);
		} finally {
			watch.dispose();
		}
		if (signal?.aborted) finishReason = 'abort';

		const end = performance.now();
		const promptTokens = usage?.prompt_tokens ?? 0;
		const completionTokens = usage?.completion_tokens ?? deltas;
		const ttftMs = firstTokenAt === null ? null : firstTokenAt - start;
		// The first token comes out of prefill; decode speed counts the tokens after it.
		const decodeSeconds = firstTokenAt === null ? 0 : (end - firstTokenAt) / 1000;
		return {
			text,
			finishReason,
			usage: {
				promptTokens,
				completionTokens,
				prefillTokensPerSecond: promptTokens > 0 && ttftMs ? promptTokens / (ttftMs / 1000) : null,
				decodeTokensPerSecond:
					completionTokens > 1 && decodeSeconds > 0 ? (completionTokens - 1) / decodeSeconds : null,
				timeToFirstTokenMs: ttftMs,
				totalMs: end - start
			}
		};
	}

	/** Nothing is held in the browser. */
	async unload(): Promise<void> {}
}
