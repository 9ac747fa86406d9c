/**
 * The model catalog: which in-browser models and intranet servers this installation offers.
 * It lives in `model-config/models.json` so that administrators can edit it after deployment.
 */
import { EnclaveError } from '$lib/errors';
import type { AppConfig, ModelRecord } from '@mlc-ai/web-llm';

export interface WebLlmModelEntry {
	id: string;
	label: string;
	engine: 'webllm';
	/** Model weights (a Hugging Face repository or a mirror); may be relative to the app. */
	baseUrl: string;
	/** The compiled WebGPU library (.wasm); may be relative to the app. */
	modelLib: string;
	vramMB: number;
	contextWindow: number;
	requiredFeatures: string[];
	/** Minimum `maxStorageBufferBindingSize` the model needs. */
	bufferSizeRequiredBytes?: number;
	lowResource?: boolean;
}

export interface OpenAiServerEntry {
	id: string;
	label: string;
	engine: 'openai';
	/** With or without the trailing `/v1`. */
	baseUrl: string;
	/** The model name the server expects in requests. */
	model: string;
	contextWindow: number;
	apiKey?: string;
}

export type CatalogEntry = WebLlmModelEntry | OpenAiServerEntry;

export interface Catalog {
	models: WebLlmModelEntry[];
	servers: OpenAiServerEntry[];
}

export const CATALOG_PATH = '/model-config/models.json';

export async function loadCatalog(
	fetchImpl: typeof fetch = fetch,
	url: string = CATALOG_PATH
): Promise<Catalog> {
	// `no-cache` revalidates, so an administrator's edit shows up on the next reload.
	const response = await fetchImpl(url, { cache: 'no-cache' });
	if (!response.ok) throw new EnclaveError('catalog.unavailable', { status: response.status });
	let data: unknown;
	try {
		data = await response.json();
	} catch {
		throw new EnclaveError('catalog.invalid', { reason: 'not valid JSON' });
	}
	return validateCatalog(data);
}

type Obj = Record<string, unknown>;

function invalid(reason: string): never {
	throw new EnclaveError('catalog.invalid', { reason });
}

function isObject(value: unknown): value is Obj {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(obj: Obj, key: string, path: string): string {
	const value = obj[key];
	if (typeof value !== 'string' || value.trim() === '') invalid(`${path}.${key}: expected text`);
	return value;
}

function positive(obj: Obj, key: string, path: string): number {
	const value = obj[key];
	if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
		invalid(`${path}.${key}: expected a positive number`);
	}
	return value;
}

function url(obj: Obj, key: string, path: string): string {
	const value = text(obj, key, path);
	try {
		// Relative URLs are allowed: they resolve against the app's origin later.
		new URL(value, 'http://localhost/');
	} catch {
		invalid(`${path}.${key}: not a URL`);
	}
	return value;
}

function parseModel(value: unknown, path: string): WebLlmModelEntry {
	if (!isObject(value)) invalid(`${path}: expected an object`);
	if (value.engine !== 'webllm') invalid(`${path}.engine: expected "webllm"`);
	const features = value.requiredFeatures ?? [];
	if (!Array.isArray(features) || !features.every((f) => typeof f === 'string')) {
		invalid(`${path}.requiredFeatures: expected a list of names`);
	}
	const entry: WebLlmModelEntry = {
		id: text(value, 'id', path),
		label: text(value, 'label', path),
		engine: 'webllm',
		baseUrl: url(value, 'baseUrl', path),
		modelLib: url(value, 'modelLib', path),
		vramMB: positive(value, 'vramMB', path),
		contextWindow: positive(value, 'contextWindow', path),
		requiredFeatures: features as string[]
	};
	if (value.bufferSizeRequiredBytes !== undefined) {
		entry.bufferSizeRequiredBytes = positive(value, 'bufferSizeRequiredBytes', path);
	}
	if (value.lowResource !== undefined) {
		if (typeof value.lowResource !== 'boolean') invalid(`${path}.lowResource: expected true/false`);
		entry.lowResource = value.lowResource;
	}
	return entry;
}

function parseServer(value: unknown, path: string): OpenAiServerEntry {
	if (!isObject(value)) invalid(`${path}: expected an object`);
	if (value.engine !== 'openai') invalid(`${path}.engine: expected "openai"`);
	const entry: OpenAiServerEntry = {
		id: text(value, 'id', path),
		label: text(value, 'label', path),
		engine: 'openai',
		baseUrl: url(value, 'baseUrl', path),
		model: text(value, 'model', path),
		contextWindow: positive(value, 'contextWindow', path)
	};
	if (value.apiKey !== undefined) entry.apiKey = text(value, 'apiKey', path);
	return entry;
}

/** Checks the shape of a parsed catalog file; throws EnclaveError('catalog.invalid'). */
export function validateCatalog(data: unknown): Catalog {
	if (!isObject(data)) invalid('expected an object with "models" and "servers"');
	const models = data.models ?? [];
	const servers = data.servers ?? [];
	if (!Array.isArray(models)) invalid('models: expected a list');
	if (!Array.isArray(servers)) invalid('servers: expected a list');
	const catalog: Catalog = {
		models: models.map((m, i) => parseModel(m, `models[${i}]`)),
		servers: servers.map((s, i) => parseServer(s, `servers[${i}]`))
	};
	const seen = new Set<string>();
	for (const entry of [...catalog.models, ...catalog.servers]) {
		if (seen.has(entry.id)) invalid(`duplicate id "${entry.id}"`);
		seen.add(entry.id);
	}
	if (catalog.models.length + catalog.servers.length === 0) invalid('no models and no servers');
	return catalog;
}

/** web-llm needs absolute URLs; relative ones in the catalog point at the app's own server. */
export function resolveUrl(maybeRelative: string, origin: string): string {
	return new URL(maybeRelative, origin).href;
}

/**
 * The folder the model files are fetched from. A copy of web-llm 0.2.86's `cleanModelUrl`, so that
 * our downloader writes exactly the cache keys web-llm later reads.
 */
export function modelFilesUrl(baseUrl: string): string {
	let modelUrl = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
	if (!/.+\/resolve\/.+\//.test(modelUrl)) modelUrl += 'resolve/main/';
	return new URL(modelUrl).href;
}

export interface ResolvedModelUrls {
	/** The folder of the model files (web-llm's cleaned model URL). */
	modelUrl: string;
	/** Absolute URL of the model library. */
	modelLibUrl: string;
}

export function resolveModelUrls(model: WebLlmModelEntry, origin: string): ResolvedModelUrls {
	return {
		modelUrl: modelFilesUrl(resolveUrl(model.baseUrl, origin)),
		modelLibUrl: resolveUrl(model.modelLib, origin)
	};
}

/** A fresh web-llm AppConfig; web-llm's shared `prebuiltAppConfig` is never touched. */
export function toAppConfig(models: WebLlmModelEntry[], origin: string): AppConfig {
	return {
		// The Cache API backend is the one our downloader fills.
		cacheBackend: 'cache',
		model_list: models.map((model): ModelRecord => {
			const record: ModelRecord = {
				model: resolveUrl(model.baseUrl, origin),
				model_id: model.id,
				model_lib: resolveUrl(model.modelLib, origin),
				vram_required_MB: model.vramMB,
				low_resource_required: model.lowResource ?? false,
				required_features: [...model.requiredFeatures],
				overrides: { context_window_size: model.contextWindow }
			};
			if (model.bufferSizeRequiredBytes !== undefined) {
				record.buffer_size_required_bytes = model.bufferSizeRequiredBytes;
			}
			return record;
		})
	};
}
