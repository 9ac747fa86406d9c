import { readFileSync } from 'node:fs';
import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { describe, expect, it } from 'vitest';
import { EnclaveError } from '$lib/errors';
import {
	loadCatalog,
	modelFilesUrl,
	resolveModelUrls,
	toAppConfig,
	validateCatalog,
	type WebLlmModelEntry
} from './catalog';

const shipped = JSON.parse(readFileSync('model-config/models.json', 'utf8')) as unknown;

const model: WebLlmModelEntry = {
	id: 'm',
	label: 'M',
	engine: 'webllm',
	baseUrl: '/models/m',
	modelLib: 'libs/m.wasm',
	vramMB: 100,
	contextWindow: 2048,
	requiredFeatures: []
};

function reasonOf(fn: () => unknown): string {
	try {
		fn();
	} catch (err) {
		expect(err).toBeInstanceOf(EnclaveError);
		expect((err as EnclaveError).code).toBe('catalog.invalid');
		return String((err as EnclaveError).params.reason);
	}
	throw new Error('expected catalog.invalid');
}

describe('validateCatalog', () => {
	it('accepts the shipped catalog', () => {
		const catalog = validateCatalog(shipped);
		expect(catalog.models.map((m) => m.id)).toEqual([
			'Llama-3.1-8B-Instruct-q4f16_1-MLC',
			'Llama-3.1-8B-Instruct-q4f32_1-MLC',
			'Llama-3.2-1B-Instruct-q4f32_1-MLC',
			'Qwen2.5-0.5B-Instruct-q4f32_1-MLC'
		]);
		expect(catalog.servers).toEqual([]);
		expect(catalog.models[0]!.requiredFeatures).toEqual(['shader-f16']);
	});

	it('matches web-llm 0.2.86 prebuilt URLs, libraries and sizes', () => {
		for (const entry of validateCatalog(shipped).models) {
			const prebuilt = prebuiltAppConfig.model_list.find((r) => r.model_id === entry.id);
			expect(prebuilt, entry.id).toBeDefined();
			expect(entry.baseUrl).toBe(prebuilt!.model);
			expect(entry.modelLib).toBe(prebuilt!.model_lib);
			expect(entry.vramMB).toBe(prebuilt!.vram_required_MB);
			expect(entry.contextWindow).toBe(prebuilt!.overrides?.context_window_size);
		}
	});

	it('accepts servers and optional fields', () => {
		const catalog = validateCatalog({
			models: [{ ...model, bufferSizeRequiredBytes: 262144000, lowResource: true }],
			servers: [
				{
					id: 's',
					label: 'S',
					engine: 'openai',
					baseUrl: 'http://llm.intranet:8080/v1',
					model: 'llama',
					contextWindow: 8192,
					apiKey: 'k'
				}
			]
		});
		expect(catalog.models[0]!.bufferSizeRequiredBytes).toBe(262144000);
		expect(catalog.servers[0]!.apiKey).toBe('k');
	});

	it('rejects bad shapes with a reason', () => {
		expect(reasonOf(() => validateCatalog(null))).toMatch(/models/);
		expect(reasonOf(() => validateCatalog({ models: {} }))).toBe('models: expected a list');
		expect(reasonOf(() => validateCatalog({ models: [{ ...model, vramMB: -1 }] }))).toBe(
			'models[0].vramMB: expected a positive number'
		);
		expect(reasonOf(() => validateCatalog({ models: [{ ...model, engine: 'openai' }] }))).toMatch(
			/engine/
		);
		expect(reasonOf(() => validateCatalog({ models: [{ ...model, id: '' }] }))).toBe(
			'models[0].id: expected text'
		);
		expect(
			reasonOf(() => validateCatalog({ models: [{ ...model, requiredFeatures: [1] }] }))
		).toMatch(/requiredFeatures/);
		expect(reasonOf(() => validateCatalog({ models: [model, model] }))).toBe('duplicate id "m"');
		expect(reasonOf(() => validateCatalog({ models: [], servers: [] }))).toMatch(/no models/);
		expect(
			reasonOf(() => validateCatalog({ servers: [{ id: 's', engine: 'openai', label: 'S' }] }))
		).toBe('servers[0].baseUrl: expected text');
	});
});

describe('loadCatalog', () => {
	it('fetches and validates', async () => {
		const fetchImpl = (async () => Response.json(shipped)) as typeof fetch;
		const catalog = await loadCatalog(fetchImpl, 'http://app/model-config/models.json');
		expect(catalog.models).toHaveLength(4);
	});

	it('reports unreadable files', async () => {
		const notJson = (async () => new Response('<html>')) as typeof fetch;
		await expect(loadCatalog(notJson, 'http://app/x')).rejects.toMatchObject({
			code: 'catalog.invalid'
		});
		const missing = (async () => new Response('', { status: 404 })) as typeof fetch;
		await expect(loadCatalog(missing, 'http://app/x')).rejects.toMatchObject({
			code: 'catalog.unavailable',
			params: { status: 404 }
		});
	});
});

describe('model URLs', () => {
	it('follows web-llm cleanModelUrl', () => {
		expect(modelFilesUrl('https://huggingface.co/mlc-ai/X')).toBe(
			'https://huggingface.co/mlc-ai/X/resolve/main/'
		);
		expect(modelFilesUrl('https://huggingface.co/mlc-ai/X/')).toBe(
			'https://huggingface.co/mlc-ai/X/resolve/main/'
		);
		expect(modelFilesUrl('https://huggingface.co/mlc-ai/X/resolve/v2')).toBe(
			'https://huggingface.co/mlc-ai/X/resolve/v2/'
		);
		expect(modelFilesUrl('https://mirror/X/resolve/main/')).toBe('https://mirror/X/resolve/main/');
	});

	it('resolves relative URLs against the origin', () => {
		expect(resolveModelUrls(model, 'https://enclave.intranet')).toEqual({
			modelUrl: 'https://enclave.intranet/models/m/resolve/main/',
			modelLibUrl: 'https://enclave.intranet/libs/m.wasm'
		});
		const absolute = { ...model, baseUrl: 'https://hf/x', modelLib: 'https://cdn/l.wasm' };
		expect(resolveModelUrls(absolute, 'https://enclave.intranet')).toEqual({
			modelUrl: 'https://hf/x/resolve/main/',
			modelLibUrl: 'https://cdn/l.wasm'
		});
	});
});

describe('toAppConfig', () => {
	it('builds a fresh web-llm AppConfig', () => {
		const before = JSON.stringify(prebuiltAppConfig);
		const config = toAppConfig(
			[{ ...model, requiredFeatures: ['shader-f16'], bufferSizeRequiredBytes: 5 }],
			'https://app.example'
		);
		expect(config).toEqual({
			cacheBackend: 'cache',
			model_list: [
				{
					model: 'https://app.example/models/m',
					model_id: 'm',
					model_lib: 'https://app.example/libs/m.wasm',
					vram_required_MB: 100,
					low_resource_required: false,
					required_features: ['shader-f16'],
					buffer_size_required_bytes: 5,
					overrides: { context_window_size: 2048 }
				}
			]
		});
		expect(JSON.stringify(prebuiltAppConfig)).toBe(before);
	});
});
