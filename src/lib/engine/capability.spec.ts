import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	assessModel,
	detectCapability,
	pickDefaultModel,
	type GpuCapability,
	type GpuLike
} from './capability';
import { validateCatalog } from './catalog';

const { models } = validateCatalog(JSON.parse(readFileSync('model-config/models.json', 'utf8')));
const [f16, f32, small] = models as [
	(typeof models)[0],
	(typeof models)[0],
	(typeof models)[0],
	(typeof models)[0]
];

function fakeGpu(opts: { f16?: boolean; vendor?: string; onlyLowPower?: boolean } = {}) {
	const calls: unknown[] = [];
	const adapter = {
		features: new Set(opts.f16 ? ['shader-f16'] : []),
		limits: { maxBufferSize: 4294967296, maxStorageBufferBindingSize: 2147483644 },
		info: { vendor: opts.vendor ?? 'nvidia', architecture: 'ampere', description: '' }
	};
	const gpu: GpuLike = {
		async requestAdapter(options) {
			calls.push(options);
			return opts.onlyLowPower && options ? null : adapter;
		}
	};
	return { gpu, calls };
}

const capable: GpuCapability = {
	secureContext: true,
	webgpuApi: true,
	webgpu: true,
	adapter: { vendor: 'nvidia', architecture: 'ampere', description: '', isFallbackAdapter: false },
	shaderF16: true,
	maxBufferSize: 4294967296,
	maxStorageBufferBindingSize: 2147483644
};

describe('detectCapability', () => {
	it('reads the high-performance adapter', async () => {
		const { gpu, calls } = fakeGpu({ f16: true });
		const cap = await detectCapability(gpu, true);
		expect(calls).toEqual([{ powerPreference: 'high-performance' }]);
		expect(cap).toEqual({ ...capable, adapter: { ...capable.adapter } });
	});

	it('falls back to any adapter', async () => {
		const { gpu, calls } = fakeGpu({ onlyLowPower: true, vendor: 'intel' });
		const cap = await detectCapability(gpu, true);
		expect(calls).toEqual([{ powerPreference: 'high-performance' }, undefined]);
		expect(cap.webgpu).toBe(true);
		expect(cap.shaderF16).toBe(false);
		expect(cap.adapter?.vendor).toBe('intel');
	});

	it('reports no WebGPU', async () => {
		expect(await detectCapability(undefined, false)).toMatchObject({
			webgpuApi: false,
			webgpu: false,
			adapter: null,
			secureContext: false
		});
		const noAdapter: GpuLike = { requestAdapter: async () => null };
		expect(await detectCapability(noAdapter, true)).toMatchObject({
			webgpuApi: true,
			webgpu: false
		});
	});
});

describe('assessModel', () => {
	it('says yes on a capable discrete GPU', () => {
		expect(assessModel(capable, f16)).toEqual({ fits: 'yes', reasons: [] });
	});

	it('says no without WebGPU or without shader-f16', () => {
		const none = { ...capable, webgpu: false, adapter: null };
		expect(assessModel(none, small)).toEqual({ fits: 'no', reasons: ['noWebGPU'] });
		const noF16 = { ...capable, shaderF16: false };
		expect(assessModel(noF16, f16)).toEqual({ fits: 'no', reasons: ['noShaderF16'] });
		expect(assessModel(noF16, f32).fits).toBe('yes');
	});

	it('says no when the storage buffer limit is too small', () => {
		const needsBig = { ...small, bufferSizeRequiredBytes: 262144000 };
		const limited = { ...capable, maxStorageBufferBindingSize: 134217728 };
		expect(assessModel(limited, needsBig)).toEqual({ fits: 'no', reasons: ['bufferTooSmall'] });
	});

	it('says maybe for a large model on graphics of unknown memory', () => {
		const intel = { ...capable, adapter: { ...capable.adapter!, vendor: 'intel' } };
		expect(assessModel(intel, f32)).toEqual({ fits: 'maybe', reasons: ['largeModel'] });
		expect(assessModel(intel, small)).toEqual({ fits: 'yes', reasons: [] });
	});
});

describe('pickDefaultModel', () => {
	it('picks the 8B q4f16 with shader-f16, else the 8B q4f32', () => {
		expect(pickDefaultModel(capable, models)?.id).toBe('Llama-3.1-8B-Instruct-q4f16_1-MLC');
		expect(pickDefaultModel({ ...capable, shaderF16: false }, models)?.id).toBe(
			'Llama-3.1-8B-Instruct-q4f32_1-MLC'
		);
		const intelNoF16 = {
			...capable,
			shaderF16: false,
			adapter: { ...capable.adapter!, vendor: 'intel' }
		};
		expect(pickDefaultModel(intelNoF16, models)?.id).toBe('Llama-3.1-8B-Instruct-q4f32_1-MLC');
	});

	it('picks nothing without WebGPU', () => {
		expect(pickDefaultModel({ ...capable, webgpu: false }, models)).toBeNull();
	});
});
