/**
 * A model that runs on this computer's GPU through web-llm, in a dedicated worker so that the page
 * stays responsive. web-llm (several MB) is imported only when a model is loaded, never with the
 * page.
 */
import { EnclaveError, isAbortError } from '$lib/errors';
import type { ChatCompletionChunk, CompletionUsage, WebWorkerMLCEngine } from '@mlc-ai/web-llm';
import { toAppConfig, type WebLlmModelEntry } from '../catalog';
import { downloadModel, modelCacheStatus } from '../download';
import type {
	FinishReason,
	GenerateOptions,
	GenerateRequest,
	GenerateResult,
	LlmEngine,
	LoadProgress
} from '../engine';
import { rethrowAsEnclaveError, toEnclaveError } from '../errors';
import { abortError, SerialQueue } from '../queue';

/** Share of the progress bar for the download, when there is one; the rest is loading. */
const DOWNLOAD_SHARE = 0.8;
/** Within loading: copying weights to the GPU, then compiling shaders. */
const WEIGHTS_SHARE = 0.7;

/**
 * web-llm's load reports restart at 0 for each step, and only the text tells which step it is:
 * "Loading model from cache[…]" (weights to GPU), "Loading GPU shader modules[…]", "Finish loading".
 */
export function loadingFraction(report: { progress: number; text: string }): number {
	const p = Math.min(1, Math.max(0, report.progress));
	if (report.text.startsWith('Finish loading')) return 1;
	if (report.text.startsWith('Loading GPU shader')) return WEIGHTS_SHARE + (1 - WEIGHTS_SHARE) * p;
	return WEIGHTS_SHARE * p;
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
	if (!signal) return promise;
	return new Promise<T>((resolve, reject) => {
		const onAbort = () => reject(abortError());
		if (signal.aborted) return onAbort();
		signal.addEventListener('abort', onAbort, { once: true });
		void promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
	});
}

function finishReasonOf(reason: string | null | undefined): FinishReason {
	if (reason === 'length') return 'length';
	if (reason === 'abort') return 'abort';
	return 'stop';
}

/**
 * Collects web-llm's stream into a result. After a cancel the stream is still read to its end:
 * the worker holds the model until its generator finishes.
 */
export async function readCompletionStream(
	chunks: AsyncIterable<ChatCompletionChunk>,
	options: GenerateOptions & { interrupt: () => void; start: number }
): Promise<GenerateResult> {
	const { signal, onToken, interrupt, start } = options;
	let text = '';
	let deltas = 0;
	let firstTokenAt: number | null = null;
	let reason: string | null | undefined;
	let usage: CompletionUsage | undefined;
	try {
		for await (const chunk of chunks) {
			if (chunk.usage) usage = chunk.usage;
			const choice = chunk.choices[0];
			if (!choice) continue;
			reason = choice.finish_reason ?? reason;
			if (signal?.aborted) {
				// web-llm clears its interrupt flag when generation starts, so an early cancel is resent.
				interrupt();
				continue;
			}
			const delta = choice.delta.content ?? '';
			if (delta) {
				firstTokenAt ??= performance.now();
				deltas++;
				text += delta;
				onToken?.(delta, text);
			}
		}
	} catch (err) {
		if (!(isAbortError(err) && signal?.aborted)) throw err;
	}

	const end = performance.now();
	const extra = usage?.extra;
	const measuredTtft = firstTokenAt === null ? null : firstTokenAt - start;
	return {
		text,
		finishReason: signal?.aborted ? 'abort' : finishReasonOf(reason),
		usage: {
			promptTokens: usage?.prompt_tokens ?? 0,
			completionTokens: usage?.completion_tokens ?? deltas,
			prefillTokensPerSecond: extra?.prefill_tokens_per_s ?? null,
			decodeTokensPerSecond: extra?.decode_tokens_per_s ?? null,
			// web-llm's own figure leaves out the round trips to the worker.
			timeToFirstTokenMs: extra ? extra.time_to_first_token_s * 1000 : measuredTtft,
			totalMs: end - start
		}
	};
}

export class WebLlmEngine implements LlmEngine {
	readonly kind = 'webllm' as const;
	readonly modelId: string;
	readonly #model: WebLlmModelEntry;
	readonly #origin: string;
	readonly #queue = new SerialQueue();
	#worker: Worker | null = null;
	#engine: WebWorkerMLCEngine | null = null;
	#loading: Promise<void> | null = null;

	constructor(model: WebLlmModelEntry, origin: string) {
		this.#model = model;
		this.#origin = origin;
		this.modelId = model.id;
	}

	load(onProgress?: (p: LoadProgress) => void, signal?: AbortSignal): Promise<void> {
		if (this.#engine) {
			onProgress?.({ fraction: 1, phase: 'ready' });
			return Promise.resolve();
		}
		this.#loading ??= this.#load(onProgress, signal).finally(() => {
			this.#loading = null;
		});
		return this.#loading;
	}

	async #load(onProgress: ((p: LoadProgress) => void) | undefined, signal?: AbortSignal) {
		let last = 0;
		const report = (p: LoadProgress) => {
			last = Math.max(last, p.fraction);
			onProgress?.({ ...p, fraction: last });
		};
		try {
			// Our downloader first: real byte progress, resumable; web-llm then finds every file cached.
			const status = await modelCacheStatus(this.#model, this.#origin);
			const downloadShare = status.cached ? 0 : DOWNLOAD_SHARE;
			if (!status.cached) {
				await downloadModel(this.#model, {
					origin: this.#origin,
					signal,
					onProgress: (p) =>
						report({
							fraction: downloadShare * p.fraction,
							phase: 'download',
							loadedBytes: p.loadedBytes,
							totalBytes: p.totalBytes
						})
				});
			}

			const webllm = await raceAbort(import('@mlc-ai/web-llm'), signal);
			const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
			this.#worker = worker;
			const engine = await raceAbort(
				webllm.CreateWebWorkerMLCEngine(worker, this.#model.id, {
					appConfig: toAppConfig([this.#model], this.#origin),
					initProgressCallback: (r) =>
						report({
							fraction: downloadShare + (1 - downloadShare) * loadingFraction(r),
							phase: 'compile'
						})
				}),
				signal
			);
			this.#engine = engine;
			report({ fraction: 1, phase: 'ready' });
		} catch (err) {
			// A half-loaded model holds GPU memory in the worker: end it.
			this.#terminate();
			return rethrowAsEnclaveError(err);
		}
	}

	generate(request: GenerateRequest, options: GenerateOptions = {}): Promise<GenerateResult> {
		return this.#queue.run(() => this.#generate(request, options), options.signal);
	}

	async #generate(request: GenerateRequest, options: GenerateOptions): Promise<GenerateResult> {
		const engine = this.#engine;
		if (!engine) throw new EnclaveError('engine.notLoaded');
		const interrupt = () => engine.interruptGenerate();
		options.signal?.addEventListener('abort', interrupt, { once: true });
		const start = performance.now();
		try {
			const chunks = await engine.chat.completions.create({
				messages: request.messages,
				stream: true,
				stream_options: { include_usage: true },
				max_tokens: request.maxTokens,
				temperature: request.temperature,
				seed: request.seed,
				response_format: request.jsonSchema
					? { type: 'json_object', schema: JSON.stringify(request.jsonSchema) }
					: undefined
			});
			return await readCompletionStream(chunks, { ...options, interrupt, start });
		} catch (err) {
			return rethrowAsEnclaveError(err);
		} finally {
			options.signal?.removeEventListener('abort', interrupt);
		}
	}

	async unload(): Promise<void> {
		const engine = this.#engine;
		this.#engine = null;
		try {
			await engine?.unload();
		} catch (err) {
			// The worker is ended below either way, which frees the GPU memory.
			console.warn('web-llm unload failed', toEnclaveError(err).code);
		} finally {
			this.#terminate();
		}
	}

	#terminate(): void {
		this.#worker?.terminate();
		this.#worker = null;
		this.#engine = null;
	}
}
