import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startModelHost } from '../../../e2e/fixtures/fake-openai-server.js';
import { fixtureCatalogEntry, makeFixtureModel } from '../../../e2e/fixtures/make-fixture-model.js';
import { EnclaveError, isAbortError } from '$lib/errors';
import { validateCatalog, type WebLlmModelEntry } from './catalog';
import {
	CACHE_NAMES,
	deleteModelFromCache,
	downloadModel,
	modelCacheStatus,
	type DownloadProgress
} from './download';

/** The Cache API as web-llm uses it, in memory: entries keyed by request URL. */
class MemoryCache {
	entries = new Map<string, { body: ArrayBuffer; init: ResponseInit }>();
	quotaExceeded = false;

	#key(request: RequestInfo | URL): string {
		return request instanceof Request ? request.url : new Request(request).url;
	}
	async match(request: RequestInfo | URL): Promise<Response | undefined> {
		const entry = this.entries.get(this.#key(request));
		return entry && new Response(entry.body.slice(0), entry.init);
	}
	async put(request: RequestInfo | URL, response: Response): Promise<void> {
		if (this.quotaExceeded) throw new DOMException('Quota exceeded', 'QuotaExceededError');
		const headers = Object.fromEntries(response.headers);
		this.entries.set(this.#key(request), {
			body: await response.arrayBuffer(),
			init: { status: response.status, headers }
		});
	}
	async delete(request: RequestInfo | URL): Promise<boolean> {
		return this.entries.delete(this.#key(request));
	}
	async keys(): Promise<Request[]> {
		return [...this.entries.keys()].map((url) => new Request(url));
	}
}

class MemoryCacheStorage {
	stores = new Map<string, MemoryCache>();
	async open(name: string): Promise<MemoryCache> {
		let cache = this.stores.get(name);
		if (!cache) this.stores.set(name, (cache = new MemoryCache()));
		return cache;
	}
}

interface Host {
	url: string;
	requests: Map<string, number>;
	failOnce(path: string): void;
	setThrottle(bps: number): void;
	close(): Promise<void>;
}

let dir: string;
let host: Host;
let fixture: Awaited<ReturnType<typeof makeFixtureModel>>;
let storage: MemoryCacheStorage;
let model: WebLlmModelEntry;
const origin = 'http://app.test';

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'enclave-model-'));
	fixture = await makeFixtureModel(dir);
	host = (await startModelHost({ dir })) as Host;
	// The fixture's catalog entry must pass our own validation.
	model = validateCatalog({ models: [fixtureCatalogEntry(host.url)] }).models[0]!;
});
afterAll(async () => {
	await host.close();
	await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
	storage = new MemoryCacheStorage();
	globalThis.caches = storage as unknown as CacheStorage;
	host.requests.clear();
	host.setThrottle(0);
});

const modelPath = '/tiny-fixture/resolve/main';
const fetchedOnce = () =>
	[
		`${modelPath}/mlc-chat-config.json`,
		`${modelPath}/tensor-cache.json`,
		`${modelPath}/tokenizer.json`,
		'/libs/tiny-fixture-webgpu.wasm',
		...fixture.shardPaths
	].sort();

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
	return promise.then(
		() => {
			throw new Error('expected a failure');
		},
		(e: unknown) => e
	);
}

/** A port with nothing listening (browsers and Node refuse some low ports outright). */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const { port } = server.address() as AddressInfo;
	await new Promise((r) => server.close(r));
	return port;
}

describe('downloadModel', () => {
	it('fills the caches under web-llm keys, with monotonic progress to 1', async () => {
		// Slow enough for several progress reports (at most one per 100 ms).
		host.setThrottle(4 * 1024 * 1024);
		const progress: DownloadProgress[] = [];
		await downloadModel(model, { origin, onProgress: (p) => progress.push(p) });

		const base = `${host.url}${modelPath}/`;
		const keys = (name: string) => [...(storage.stores.get(name)?.entries.keys() ?? [])].sort();
		expect(keys(CACHE_NAMES.config)).toEqual([`${base}mlc-chat-config.json`]);
		expect(keys(CACHE_NAMES.wasm)).toEqual([`${host.url}/libs/tiny-fixture-webgpu.wasm`]);
		expect(keys(CACHE_NAMES.model)).toEqual(
			[
				`${base}tensor-cache.json`,
				`${base}tokenizer.json`,
				...fixture.shardPaths.map((p) => `${host.url}${p}`)
			].sort()
		);
		const shard = await storage.stores
			.get(CACHE_NAMES.model)!
			.match(`${host.url}${fixture.shardPaths[0]}`);
		expect((await shard!.arrayBuffer()).byteLength).toBe(fixture.shardBytes);

		expect(progress.length).toBeGreaterThan(2);
		for (let i = 1; i < progress.length; i++) {
			expect(progress[i]!.fraction).toBeGreaterThanOrEqual(progress[i - 1]!.fraction);
			expect(progress[i]!.loadedBytes).toBeLessThanOrEqual(progress[i]!.totalBytes);
		}
		expect(progress.some((p) => p.bytesPerSecond !== null && p.etaSeconds !== null)).toBe(true);
		expect(progress.at(-1)).toMatchObject({
			fraction: 1,
			loadedBytes: fixture.totalBytes,
			totalBytes: fixture.totalBytes,
			etaSeconds: 0
		});
		expect([...host.requests.keys()].sort()).toEqual(fetchedOnce());
		expect([...host.requests.values()].every((n) => n === 1)).toBe(true);
	});

	it('does not fetch again what is cached', async () => {
		await downloadModel(model, { origin });
		host.requests.clear();
		const progress: DownloadProgress[] = [];
		await downloadModel(model, { origin, onProgress: (p) => progress.push(p) });
		expect(host.requests.size).toBe(0);
		expect(progress.at(-1)?.fraction).toBe(1);
	});

	it('resumes after a shard fails, fetching only what is missing', async () => {
		const failing = fixture.shardPaths[1]!;
		host.failOnce(failing);
		const err = await failureOf(downloadModel(model, { origin, concurrency: 1 }));
		expect(err).toBeInstanceOf(EnclaveError);
		expect(err).toMatchObject({
			code: 'model.httpError',
			params: { status: 500, file: 'params_shard_1.bin' }
		});
		const partial = await modelCacheStatus(model, origin);
		expect(partial.cached).toBe(false);
		expect(partial.totalBytes).toBe(fixture.totalBytes);
		expect(partial.cachedBytes).toBeLessThan(fixture.totalBytes);

		await downloadModel(model, { origin, concurrency: 1 });
		const counts = Object.fromEntries(host.requests);
		for (const path of fetchedOnce()) expect(counts[path], path).toBe(path === failing ? 2 : 1);
		expect(await modelCacheStatus(model, origin)).toEqual({
			cached: true,
			cachedBytes: fixture.totalBytes,
			totalBytes: fixture.totalBytes
		});
	});

	it('keeps shards under way when another fails (parallel downloads)', async () => {
		host.failOnce(fixture.shardPaths[0]!);
		await failureOf(downloadModel(model, { origin, concurrency: 3 }));
		const stored = await storage.stores.get(CACHE_NAMES.model)!.keys();
		expect(stored.map((r) => new URL(r.url).pathname)).toEqual(
			expect.arrayContaining([fixture.shardPaths[1], fixture.shardPaths[2]])
		);
	});

	it('stops on abort with an AbortError and stores no partial file', async () => {
		host.setThrottle(4 * 1024 * 1024);
		const controller = new AbortController();
		const progress: DownloadProgress[] = [];
		const err = await failureOf(
			downloadModel(model, {
				origin,
				signal: controller.signal,
				onProgress: (p) => {
					progress.push(p);
					if (p.loadedBytes > fixture.shardBytes / 2) controller.abort();
				}
			})
		);
		expect(isAbortError(err)).toBe(true);
		expect(progress.at(-1)!.fraction).toBeLessThan(1);
		for (const path of fixture.shardPaths) {
			expect(await storage.stores.get(CACHE_NAMES.model)!.match(`${host.url}${path}`)).toBe(
				undefined
			);
		}
		host.setThrottle(0);
		await downloadModel(model, { origin });
		expect((await modelCacheStatus(model, origin)).cached).toBe(true);
	});

	it('maps a full disk to model.quota', async () => {
		(await storage.open(CACHE_NAMES.model)).quotaExceeded = true;
		const err = await failureOf(downloadModel(model, { origin }));
		expect(err).toMatchObject({ code: 'model.quota' });
	});

	it('maps an unreachable host to model.network and a missing file to model.httpError', async () => {
		const port = await closedPort();
		const offline = {
			...model,
			baseUrl: `http://127.0.0.1:${port}/x`,
			modelLib: `http://127.0.0.1:${port}/l`
		};
		expect(await failureOf(downloadModel(offline, { origin }))).toMatchObject({
			code: 'model.network'
		});
		const missing = { ...model, baseUrl: `${host.url}/nothing-here` };
		expect(await failureOf(downloadModel(missing, { origin }))).toMatchObject({
			code: 'model.httpError',
			params: { status: 404, file: 'mlc-chat-config.json' }
		});
	});

	it('leaves a localhost library to web-llm, which does not cache it', async () => {
		const local = { ...model, modelLib: 'http://localhost:1/lib.wasm' };
		await downloadModel(local, { origin });
		expect(storage.stores.get(CACHE_NAMES.wasm)?.entries.size ?? 0).toBe(0);
		expect((await modelCacheStatus(local, origin)).cached).toBe(true);
	});
});

describe('modelCacheStatus and deleteModelFromCache', () => {
	it('reports nothing cached before a download', async () => {
		expect(await modelCacheStatus(model, origin)).toEqual({
			cached: false,
			cachedBytes: 0,
			totalBytes: null
		});
	});

	it('deletes every file of the model and nothing else', async () => {
		await downloadModel(model, { origin });
		(await storage.open(CACHE_NAMES.model)).entries.set(`${host.url}/other/keep.bin`, {
			body: new ArrayBuffer(1),
			init: {}
		});
		await deleteModelFromCache(model, origin);
		const left = [...storage.stores.values()].flatMap((c) => [...c.entries.keys()]);
		expect(left).toEqual([`${host.url}/other/keep.bin`]);
		expect((await modelCacheStatus(model, origin)).cached).toBe(false);
	});
});
