/**
 * What this browser and graphics card offer, and whether a model can run on them. Browsers do not
 * reveal how much graphics memory is free, so for large models the honest answer is often "maybe".
 */
import type { WebLlmModelEntry } from './catalog';

// TypeScript's DOM library has no WebGPU types yet; these are the few fields we read.
interface GpuAdapterInfoLike {
	vendor?: string;
	architecture?: string;
	description?: string;
	device?: string;
}
interface GpuAdapterLike {
	features: { has(name: string): boolean };
	limits: { maxBufferSize: number; maxStorageBufferBindingSize: number };
	info?: GpuAdapterInfoLike;
	isFallbackAdapter?: boolean;
	requestAdapterInfo?: () => Promise<GpuAdapterInfoLike>;
}
export interface GpuLike {
	requestAdapter(options?: {
		powerPreference?: 'high-performance' | 'low-power';
	}): Promise<GpuAdapterLike | null>;
}

export interface AdapterInfo {
	vendor: string;
	architecture: string;
	description: string;
	/** A software renderer: far too slow for these models. */
	isFallbackAdapter: boolean;
}

export interface GpuCapability {
	/** https or localhost: required for WebGPU and for storing models. */
	secureContext: boolean;
	/** The browser has the WebGPU API (`navigator.gpu`). */
	webgpuApi: boolean;
	/** A graphics adapter was granted: WebGPU is usable. */
	webgpu: boolean;
	adapter: AdapterInfo | null;
	shaderF16: boolean;
	maxBufferSize: number | null;
	maxStorageBufferBindingSize: number | null;
}

async function requestAdapter(gpu: GpuLike): Promise<GpuAdapterLike | null> {
	// web-llm asks for the high-performance adapter; ask the same, then for any adapter.
	for (const options of [{ powerPreference: 'high-performance' as const }, undefined]) {
		try {
			const adapter = await gpu.requestAdapter(options);
			if (adapter) return adapter;
		} catch (err) {
			console.warn('WebGPU adapter request failed', err);
		}
	}
	return null;
}

async function adapterInfo(adapter: GpuAdapterLike): Promise<AdapterInfo> {
	let info = adapter.info;
	if (!info && adapter.requestAdapterInfo) {
		// Browsers before `adapter.info` (Chrome < 127) had this method instead.
		info = await adapter.requestAdapterInfo().catch(() => undefined);
	}
	return {
		vendor: info?.vendor ?? '',
		architecture: info?.architecture ?? '',
		description: info?.description ?? '',
		isFallbackAdapter: adapter.isFallbackAdapter ?? false
	};
}

/** Runs in the main thread; returns a plain, serialisable object. */
export async function detectCapability(
	gpu: GpuLike | undefined = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu,
	secureContext: boolean = globalThis.isSecureContext ?? false
): Promise<GpuCapability> {
	const none: GpuCapability = {
		secureContext,
		webgpuApi: gpu !== undefined,
		webgpu: false,
		adapter: null,
		shaderF16: false,
		maxBufferSize: null,
		maxStorageBufferBindingSize: null
	};
	if (!gpu) return none;
	const adapter = await requestAdapter(gpu);
	if (!adapter) return none;
	return {
		...none,
		webgpu: true,
		adapter: await adapterInfo(adapter),
		shaderF16: adapter.features.has('shader-f16'),
		maxBufferSize: adapter.limits.maxBufferSize,
		maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize
	};
}

/** Matches the keys of `system.reasons` in the UI messages. */
export type FitReason = 'noWebGPU' | 'noShaderF16' | 'bufferTooSmall' | 'largeModel';

export interface ModelAssessment {
	fits: 'yes' | 'maybe' | 'no';
	reasons: FitReason[];
}

/** Above this, integrated graphics (which share memory with everything else) often fail. */
const LARGE_MODEL_MB = 4000;

/** Vendors whose adapters usually have enough memory of their own (or Apple's unified memory). */
function likelyEnoughMemory(adapter: AdapterInfo | null): boolean {
	const vendor = adapter?.vendor.toLowerCase() ?? '';
	return vendor === 'nvidia' || vendor === 'apple';
}

export function assessModel(cap: GpuCapability, model: WebLlmModelEntry): ModelAssessment {
	const reasons: FitReason[] = [];
	if (!cap.webgpu) return { fits: 'no', reasons: ['noWebGPU'] };
	if (model.requiredFeatures.includes('shader-f16') && !cap.shaderF16) reasons.push('noShaderF16');
	const bindingLimit = cap.maxStorageBufferBindingSize ?? 0;
	if (model.bufferSizeRequiredBytes !== undefined && bindingLimit < model.bufferSizeRequiredBytes) {
		reasons.push('bufferTooSmall');
	}
	if (reasons.length > 0) return { fits: 'no', reasons };
	if (model.vramMB > LARGE_MODEL_MB && !likelyEnoughMemory(cap.adapter)) {
		return { fits: 'maybe', reasons: ['largeModel'] };
	}
	return { fits: 'yes', reasons: [] };
}

/**
 * The first catalog model that can run here. The catalog lists the preferred model first (the 8B
 * q4f16), then its q4f32 variant for graphics cards without 16-bit shaders, then smaller ones.
 */
export function pickDefaultModel(
	cap: GpuCapability,
	models: WebLlmModelEntry[]
): WebLlmModelEntry | null {
	return models.find((model) => assessModel(cap, model).fits !== 'no') ?? null;
}
