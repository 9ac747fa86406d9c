/**
 * Our own model downloader. It fills exactly the Cache API entries web-llm 0.2.86 reads, so that
 * downloading is separate from loading, shows real byte progress, and resumes after a failure:
 * every file is stored only once complete, and files already stored are skipped.
 *
 * web-llm's keys (request URLs), with `modelUrl` = cleanModelUrl(model):
 * - "webllm/config": mlc-chat-config.json
 * - "webllm/wasm":   the model library (web-llm bypasses the cache when its URL has "localhost")
 * - "webllm/model":  tensor-cache.json, every shard it lists, and the tokenizer file
 */
import { EnclaveError, isAbortError } from '$lib/errors';
import { resolveModelUrls, type WebLlmModelEntry } from './catalog';
import { toEnclaveError } from './errors';
import { abortError } from './queue';

export const CACHE_NAMES = {
	config: 'webllm/config',
	wasm: 'webllm/wasm',
	model: 'webllm/model'
} as const;

const CONFIG_FILE = 'mlc-chat-config.json';
const TENSOR_CACHE_FILE = 'tensor-cache.json';

export interface DownloadProgress {
	loadedBytes: number;
	totalBytes: number;
	/** 0..1, monotonic. */
	fraction: number;
	/** null until the speed is known. */
	etaSeconds: number | null;
	bytesPerSecond: number | null;
}

export interface DownloadOptions {
	signal?: AbortSignal;
	onProgress?: (p: DownloadProgress) => void;
	/** Relative catalog URLs resolve against this; defaults to the page's origin. */
	origin?: string;
	/** Shards fetched at the same time. */
	concurrency?: number;
	fetchImpl?: typeof fetch;
}

export interface CacheStatus {
	/** Every file web-llm needs is stored. */
	cached: boolean;
	cachedBytes: number;
	/** null while the list of shards is not stored yet. */
	totalBytes: number | null;
}

interface ShardRecord {
	dataPath: string;
	nbytes: number;
}

interface FileKeys {
	modelUrl: string;
	configUrl: string;
	tensorCacheUrl: string;
	/** null when web-llm does not cache the library (a "localhost" URL). */
	modelLibUrl: string | null;
}

function defaultOrigin(): string {
	const origin = globalThis.location?.origin;
	if (!origin) throw new Error('No origin to resolve model URLs against');
	return origin;
}

function fileKeys(model: WebLlmModelEntry, origin: string): FileKeys {
	const { modelUrl, modelLibUrl } = resolveModelUrls(model, origin);
	return {
		modelUrl,
		configUrl: new URL(CONFIG_FILE, modelUrl).href,
		tensorCacheUrl: new URL(TENSOR_CACHE_FILE, modelUrl).href,
		modelLibUrl: modelLibUrl.includes('localhost') ? null : modelLibUrl
	};
}

function openCaches() {
	if (typeof caches === 'undefined') {
		// The Cache API (like WebGPU) exists only on https:// or localhost.
		throw new EnclaveError('model.insecureContext');
	}
	return Promise.all([
		caches.open(CACHE_NAMES.config),
		caches.open(CACHE_NAMES.wasm),
		caches.open(CACHE_NAMES.model)
	]).then(([config, wasm, model]) => ({ config, wasm, model }));
}

/** The file name for messages: the last path segment, never a query. */
function fileName(url: string): string {
	return new URL(url).pathname.split('/').pop() || url;
}

/** Same choice as web-llm's asyncLoadTokenizer: tokenizer.json if listed, else tokenizer.model. */
function tokenizerFile(config: unknown): string {
	const files = (config as { tokenizer_files?: unknown })?.tokenizer_files;
	if (Array.isArray(files)) {
		if (files.includes('tokenizer.json')) return 'tokenizer.json';
		if (files.includes('tokenizer.model')) return 'tokenizer.model';
	}
	throw new EnclaveError('model.invalidFiles', { file: CONFIG_FILE });
}

function shardRecords(tensorCache: unknown): ShardRecord[] {
	const records = (tensorCache as { records?: unknown })?.records;
	const valid =
		Array.isArray(records) &&
		records.every(
			(r: Partial<ShardRecord>) =>
				typeof r?.dataPath === 'string' && typeof r.nbytes === 'number' && r.nbytes >= 0
		);
	if (!valid) throw new EnclaveError('model.invalidFiles', { file: TENSOR_CACHE_FILE });
	return (records as ShardRecord[]).map(({ dataPath, nbytes }) => ({ dataPath, nbytes }));
}

async function readJson(cache: Cache, url: string): Promise<unknown> {
	const response = await cache.match(url);
	try {
		return await response?.json();
	} catch {
		throw new EnclaveError('model.invalidFiles', { file: fileName(url) });
	}
}

/** Size of a stored file: our own entries carry content-length; others are measured. */
async function storedSize(cache: Cache, url: string): Promise<number | null> {
	const response = await cache.match(url);
	if (!response) return null;
	const header = Number(response.headers.get('content-length'));
	if (Number.isFinite(header) && header > 0) return header;
	return (await response.blob()).size;
}

function isQuotaError(err: unknown): boolean {
	return (err instanceof DOMException || err instanceof Error) && err.name === 'QuotaExceededError';
}

/** Maps a failure while fetching or storing one file; an abort stays an AbortError. */
function downloadError(err: unknown, signal: AbortSignal | undefined): unknown {
	if (isAbortError(err) || signal?.aborted) return isAbortError(err) ? err : abortError();
	if (err instanceof EnclaveError) return err;
	if (isQuotaError(err)) return new EnclaveError('model.quota');
	// fetch() rejects with a TypeError when offline or when the connection drops mid-body.
	if (err instanceof TypeError) return new EnclaveError('model.network');
	return toEnclaveError(err);
}

/** Counts bytes, rates the speed over the last few seconds, and reports at most every 100 ms. */
class ProgressMeter {
	loaded = 0;
	/** Sizes of files beyond the shards, learnt as they arrive. */
	#extra = new Map<string, number>();
	/** null until tensor-cache.json is read: before that no total, so no progress. */
	#shardBytes: number | null = null;
	#samples: { t: number; bytes: number }[] = [];
	#sessionBytes = 0;
	#lastReport = 0;
	#lastFraction = 0;

	constructor(readonly onProgress: ((p: DownloadProgress) => void) | undefined) {}

	setShardBytes(bytes: number): void {
		this.#shardBytes = bytes;
	}

	setFileSize(url: string, bytes: number): void {
		this.#extra.set(url, bytes);
	}

	get total(): number {
		let total = this.#shardBytes ?? 0;
		for (const size of this.#extra.values()) total += size;
		return total;
	}

	/** Bytes that were already stored before this run. */
	skip(bytes: number): void {
		this.loaded += bytes;
	}

	add(bytes: number): void {
		this.loaded += bytes;
		this.#sessionBytes += bytes;
		this.report(false);
	}

	#speed(now: number): number | null {
		this.#samples.push({ t: now, bytes: this.#sessionBytes });
		while (this.#samples.length > 2 && now - this.#samples[1]!.t > 5000) this.#samples.shift();
		const first = this.#samples[0]!;
		const seconds = (now - first.t) / 1000;
		return seconds >= 0.5 ? (this.#sessionBytes - first.bytes) / seconds : null;
	}

	report(force: boolean): void {
		const now = performance.now();
		if (!this.onProgress || this.#shardBytes === null) return;
		if (!force && now - this.#lastReport < 100) return;
		this.#lastReport = now;
		const total = Math.max(this.total, this.loaded);
		// The total grows a little as file sizes become known; the bar must never move back.
		const fraction = Math.max(this.#lastFraction, total > 0 ? this.loaded / total : 0);
		this.#lastFraction = fraction;
		const bytesPerSecond = this.#speed(now);
		this.onProgress({
			loadedBytes: this.loaded,
			totalBytes: total,
			fraction,
			bytesPerSecond,
			etaSeconds: bytesPerSecond ? Math.max(0, total - this.loaded) / bytesPerSecond : null
		});
	}

	finish(): void {
		this.#lastFraction = 1;
		const total = Math.max(this.total, this.loaded);
		this.onProgress?.({
			loadedBytes: total,
			totalBytes: total,
			fraction: 1,
			etaSeconds: 0,
			bytesPerSecond: this.#speed(performance.now())
		});
	}
}

interface FetchContext {
	fetchImpl: typeof fetch;
	signal: AbortSignal | undefined;
	meter: ProgressMeter;
}

/**
 * Stores one file unless it is stored already. The body is streamed to count bytes and put into
 * the cache only when complete, so a broken download never leaves a truncated entry.
 */
async function ensureFile(
	cache: Cache,
	url: string,
	ctx: FetchContext,
	expectedBytes?: number
): Promise<void> {
	const { fetchImpl, signal, meter } = ctx;
	if (await cache.match(url)) {
		const size = expectedBytes ?? (await storedSize(cache, url)) ?? 0;
		if (expectedBytes === undefined) meter.setFileSize(url, size);
		meter.skip(size);
		return;
	}
	let received = 0;
	try {
		// The Cache API keeps the only copy; the HTTP cache would store gigabytes a second time.
		const response = await fetchImpl(url, { signal, cache: 'no-store' });
		if (!response.ok) {
			await response.body?.cancel().catch(() => undefined);
			throw new EnclaveError('model.httpError', { status: response.status, file: fileName(url) });
		}
		const contentType = response.headers.get('content-type') ?? 'application/octet-stream';
		const announced = Number(response.headers.get('content-length'));
		if (expectedBytes === undefined && announced > 0) meter.setFileSize(url, announced);
		const chunks: Uint8Array[] = [];
		if (response.body) {
			const reader = response.body.getReader();
			for (;;) {
				const { done, value } = await reader.read();
				if (done) break;
				chunks.push(value);
				received += value.byteLength;
				meter.add(value.byteLength);
			}
		}
		const blob = new Blob(chunks as BlobPart[], { type: contentType });
		if (expectedBytes !== undefined && blob.size !== expectedBytes) {
			throw new EnclaveError('model.invalidFiles', { file: fileName(url) });
		}
		if (expectedBytes === undefined) meter.setFileSize(url, blob.size);
		await cache.put(
			new Request(url),
			new Response(blob, {
				headers: { 'content-type': contentType, 'content-length': String(blob.size) }
			})
		);
	} catch (err) {
		meter.loaded -= received;
		throw downloadError(err, signal);
	}
}

/**
 * Downloads every file web-llm needs into its caches. Safe to call again after a failure or an
 * abort: files already stored are not fetched again.
 */
export async function downloadModel(
	model: WebLlmModelEntry,
	options: DownloadOptions = {}
): Promise<void> {
	const { signal, onProgress, concurrency = 3, fetchImpl = fetch } = options;
	if (signal?.aborted) throw abortError();
	const keys = fileKeys(model, options.origin ?? defaultOrigin());
	const stores = await openCaches();
	const meter = new ProgressMeter(onProgress);
	const ctx: FetchContext = { fetchImpl, signal, meter };

	await ensureFile(stores.config, keys.configUrl, ctx);
	await ensureFile(stores.model, keys.tensorCacheUrl, ctx);
	const config = await readJson(stores.config, keys.configUrl);
	const shards = shardRecords(await readJson(stores.model, keys.tensorCacheUrl));
	meter.setShardBytes(shards.reduce((sum, s) => sum + s.nbytes, 0));
	meter.report(true);

	await ensureFile(stores.model, new URL(tokenizerFile(config), keys.modelUrl).href, ctx);
	if (keys.modelLibUrl) await ensureFile(stores.wasm, keys.modelLibUrl, ctx);

	// A few shards at once; after a failure no new shard starts, but those under way finish and are
	// kept, so the next attempt has less to do.
	let next = 0;
	let failure: unknown;
	const worker = async () => {
		while (failure === undefined && next < shards.length) {
			const shard = shards[next++]!;
			try {
				await ensureFile(
					stores.model,
					new URL(shard.dataPath, keys.modelUrl).href,
					ctx,
					shard.nbytes
				);
			} catch (err) {
				failure ??= err;
			}
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
	if (failure !== undefined) throw failure;
	meter.finish();
}

/** Which of the files web-llm needs are stored, and how many bytes they take. */
export async function modelCacheStatus(
	model: WebLlmModelEntry,
	origin: string = defaultOrigin()
): Promise<CacheStatus> {
	const keys = fileKeys(model, origin);
	const stores = await openCaches();
	let cachedBytes = 0;
	let complete = true;
	const count = async (cache: Cache, url: string) => {
		const size = await storedSize(cache, url);
		if (size === null) complete = false;
		else cachedBytes += size;
		return size;
	};

	const configSize = await count(stores.config, keys.configUrl);
	const tensorCacheSize = await count(stores.model, keys.tensorCacheUrl);
	if (keys.modelLibUrl) await count(stores.wasm, keys.modelLibUrl);
	if (configSize !== null) {
		await count(
			stores.model,
			new URL(tokenizerFile(await readJson(stores.config, keys.configUrl)), keys.modelUrl).href
		);
	}
	if (tensorCacheSize === null) return { cached: false, cachedBytes, totalBytes: null };

	const shards = shardRecords(await readJson(stores.model, keys.tensorCacheUrl));
	// One listing instead of a lookup per shard, as web-llm's own hasAllKeys does.
	const stored = new Set((await stores.model.keys()).map((request) => request.url));
	let missingBytes = 0;
	for (const shard of shards) {
		if (stored.has(new URL(shard.dataPath, keys.modelUrl).href)) cachedBytes += shard.nbytes;
		else {
			complete = false;
			missingBytes += shard.nbytes;
		}
	}
	return { cached: complete, cachedBytes, totalBytes: cachedBytes + missingBytes };
}

/** Removes every file of the model from web-llm's caches. */
export async function deleteModelFromCache(
	model: WebLlmModelEntry,
	origin: string = defaultOrigin()
): Promise<void> {
	const keys = fileKeys(model, origin);
	const stores = await openCaches();
	const tensorCache = await stores.model.match(keys.tensorCacheUrl);
	if (tensorCache) {
		let shards: ShardRecord[] = [];
		try {
			shards = shardRecords(await tensorCache.json());
		} catch {
			// A damaged list cannot name its shards; delete what we can.
		}
		await Promise.all(
			shards.map((s) => stores.model.delete(new URL(s.dataPath, keys.modelUrl).href))
		);
	}
	await Promise.all([
		stores.model.delete(keys.tensorCacheUrl),
		stores.model.delete(new URL('tokenizer.json', keys.modelUrl).href),
		stores.model.delete(new URL('tokenizer.model', keys.modelUrl).href),
		stores.config.delete(keys.configUrl),
		stores.wasm.delete(resolveModelUrls(model, origin).modelLibUrl)
	]);
}
