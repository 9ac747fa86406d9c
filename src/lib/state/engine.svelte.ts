import { assessModel, detectCapability, pickDefaultModel } from '$lib/engine/capability';
import type { GpuCapability, ModelAssessment } from '$lib/engine/capability';
import { base } from '$app/paths';
import { CATALOG_PATH, loadCatalog, type Catalog, type CatalogEntry } from '$lib/engine/catalog';
import { createEngine } from '$lib/engine/create-engine';
import { deleteModelFromCache, downloadModel, modelCacheStatus } from '$lib/engine/download';
import type { DownloadProgress, CacheStatus } from '$lib/engine/download';
import type {
	GenerateOptions,
	GenerateRequest,
	GenerateResult,
	LlmEngine,
	LoadProgress
} from '$lib/engine/engine';
import { toEnclaveError } from '$lib/engine/errors';
import { EnclaveError, isAbortError } from '$lib/errors';
import { audit } from '$lib/storage/audit.repo';
import { getSetting, setSetting } from '$lib/storage/settings.repo';
import { ensurePersisted } from '$lib/storage/storage.repo';

export type EngineStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface DownloadState {
	progress: DownloadProgress | null;
	error: unknown;
	running: boolean;
}

const ACTIVE_MODEL_KEY = 'activeModel';

/**
 * The model side of the app: the catalog, what this computer can run, what is downloaded, and the
 * one loaded engine that every task generates with.
 */
class EngineState {
	catalog = $state.raw<Catalog | null>(null);
	catalogError = $state.raw<unknown>(null);
	capability = $state.raw<GpuCapability | null>(null);
	cache = $state<Record<string, CacheStatus>>({});
	downloads = $state<Record<string, DownloadState>>({});
	status = $state<EngineStatus>('idle');
	loadProgress = $state.raw<LoadProgress | null>(null);
	error = $state.raw<unknown>(null);
	/** The entry that is loaded, or being loaded. */
	activeId = $state<string | null>(null);
	/** The entry last loaded, remembered across visits, to offer it again. */
	lastUsedId = $state<string | null>(null);

	#engine: LlmEngine | null = null;
	#downloadAborts = new Map<string, AbortController>();
	#loadAbort: AbortController | null = null;
	#init: Promise<void> | null = null;

	get entries(): CatalogEntry[] {
		return this.catalog ? [...this.catalog.models, ...this.catalog.servers] : [];
	}

	get active(): CatalogEntry | undefined {
		return this.entries.find((e) => e.id === this.activeId);
	}

	get ready(): boolean {
		return this.status === 'ready' && this.#engine !== null;
	}

	get recommendedId(): string | undefined {
		return this.capability && this.catalog
			? pickDefaultModel(this.capability, this.catalog.models)?.id
			: undefined;
	}

	entry(id: string): CatalogEntry | undefined {
		return this.entries.find((e) => e.id === id);
	}

	assessment(entry: CatalogEntry): ModelAssessment | null {
		if (entry.engine !== 'webllm' || !this.capability) return null;
		return assessModel(this.capability, entry);
	}

	/** Reads the catalog, checks the GPU and what is downloaded. Safe to call many times. */
	init(): Promise<void> {
		this.#init ??= this.#initOnce();
		return this.#init;
	}

	async #initOnce() {
		const [catalog, capability, lastUsed] = await Promise.all([
			loadCatalog(fetch, `${base}${CATALOG_PATH}`).catch((err: unknown) => {
				this.catalogError = err;
				return null;
			}),
			detectCapability(),
			getSetting<string | null>(ACTIVE_MODEL_KEY, null)
		]);
		this.catalog = catalog;
		this.capability = capability;
		this.lastUsedId = lastUsed;
		await this.refreshCache();
	}

	async refreshCache() {
		const models = this.catalog?.models ?? [];
		const statuses = await Promise.all(models.map((m) => modelCacheStatus(m).catch(() => null)));
		const next: Record<string, CacheStatus> = {};
		models.forEach((m, i) => {
			const s = statuses[i];
			if (s) next[m.id] = s;
		});
		this.cache = next;
	}

	async download(id: string): Promise<boolean> {
		const entry = this.entry(id);
		if (!entry || entry.engine !== 'webllm' || this.downloads[id]?.running) return false;
		const abort = new AbortController();
		this.#downloadAborts.set(id, abort);
		this.downloads[id] = { progress: null, error: null, running: true };
		try {
			await downloadModel(entry, {
				signal: abort.signal,
				onProgress: (p) => {
					const d = this.downloads[id];
					if (d) d.progress = p;
				}
			});
			void ensurePersisted();
			void audit('modelDownload', { model: id });
			return true;
		} catch (err) {
			const d = this.downloads[id];
			if (d && !isAbortError(err)) d.error = toEnclaveError(err);
			return false;
		} finally {
			const d = this.downloads[id];
			if (d) d.running = false;
			this.#downloadAborts.delete(id);
			await this.refreshCache();
		}
	}

	pauseDownload(id: string) {
		this.#downloadAborts.get(id)?.abort();
	}

	/** For batch jobs: the job's model, loaded (again, e.g. after a lost GPU device) if need be. */
	async ensureLoaded(id: string): Promise<boolean> {
		if (this.ready && this.activeId === id) return true;
		await this.init();
		await this.load(id);
		return this.ready;
	}

	async load(id: string) {
		const entry = this.entry(id);
		if (!entry) return;
		await this.unload();
		this.activeId = id;
		this.status = 'loading';
		this.error = null;
		this.loadProgress = { fraction: 0, phase: 'download' };
		const abort = new AbortController();
		this.#loadAbort = abort;
		const engine = createEngine(entry, location.origin);
		try {
			await engine.load((p) => (this.loadProgress = p), abort.signal);
			this.#engine = engine;
			this.status = 'ready';
			this.lastUsedId = id;
			await setSetting(ACTIVE_MODEL_KEY, id);
		} catch (err) {
			await engine.unload().catch(() => undefined);
			if (isAbortError(err)) {
				this.status = 'idle';
				this.activeId = null;
			} else {
				this.status = 'error';
				this.error = toEnclaveError(err);
			}
		} finally {
			this.#loadAbort = null;
			this.loadProgress = null;
			await this.refreshCache();
		}
	}

	cancelLoad() {
		this.#loadAbort?.abort();
	}

	async unload() {
		const engine = this.#engine;
		this.#engine = null;
		this.status = 'idle';
		this.activeId = null;
		this.error = null;
		await engine?.unload();
	}

	async deleteCache(id: string) {
		const entry = this.entry(id);
		if (!entry || entry.engine !== 'webllm') return;
		if (this.activeId === id) await this.unload();
		await deleteModelFromCache(entry);
		void audit('modelDelete', { model: id });
		delete this.downloads[id];
		await this.refreshCache();
	}

	/** Generates with the loaded engine; errors come back as EnclaveErrors. */
	async generate(request: GenerateRequest, options?: GenerateOptions): Promise<GenerateResult> {
		const engine = this.#engine;
		if (!engine) throw new EnclaveError('engine.notLoaded');
		try {
			return await engine.generate(request, options);
		} catch (err) {
			if (isAbortError(err)) throw err;
			const mapped = toEnclaveError(err);
			// A lost GPU device leaves the engine unusable: drop it so that the user can load again.
			if (mapped.code === 'model.deviceLost') {
				await this.unload().catch(() => undefined);
				this.status = 'error';
				this.error = mapped;
			}
			throw mapped;
		}
	}
}

export const engineState = new EngineState();
