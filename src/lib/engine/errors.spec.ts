import { describe, expect, it } from 'vitest';
import { EnclaveError } from '$lib/errors';
import { rethrowAsEnclaveError, toEnclaveError } from './errors';

/** Real messages from web-llm 0.2.86 (lib/index.js), as the worker sends them: `err.toString()`. */
const webllm = {
	shaderF16:
		'ShaderF16SupportError: This model requires WebGPU extension shader-f16, which is not enabled in this browser. ' +
		'You can try to launch Chrome Canary in command line with flag "--enable-dawn-features=allow_unsafe_apis".',
	deviceLost:
		'DeviceLostError: The WebGPU device was lost while loading the model. This issue often occurs due to running out of memory (OOM). To resolve this, try reloading with a model that has fewer parameters or uses a smaller context length.',
	noWebGPU:
		"WebGPUNotAvailableError: WebGPU is not supported in your current environment, but it is necessary to run the WebLLM engine. Please make sure that your browser supports WebGPU and that it is enabled in your browser settings. You can also consult your browser's compatibility chart to see if it supports WebGPU. For more information about WebGPU support in your browser, visit https://webgpureport.org/",
	noAdapter:
		"Error: Unable to find a compatible GPU. This issue might be because your computer doesn't have a GPU, or your system settings are not configured properly.",
	maxBuffer:
		'Error: Cannot initialize runtime because of requested maxBufferSize exceeds limit. requested=256MB, limit=128MB. Consider upgrading your browser.',
	cannotFetch:
		'Error: Cannot fetch https://huggingface.co/mlc-ai/X/resolve/main/params_shard_3.bin',
	notLoaded:
		'WorkerEngineModelNotLoadedError: Model not loaded before trying to complete ChatCompletion. Please ensure you have called MLCEngine.reload(model)'
};

function code(err: unknown): string {
	return toEnclaveError(err).code;
}

describe('toEnclaveError', () => {
	it('maps web-llm worker strings', () => {
		expect(code(webllm.shaderF16)).toBe('model.noShaderF16');
		expect(code(webllm.deviceLost)).toBe('model.deviceLost');
		expect(code(webllm.noWebGPU)).toBe('model.noWebGPU');
		expect(code(webllm.noAdapter)).toBe('model.noWebGPU');
		expect(code(webllm.maxBuffer)).toBe('model.outOfMemory');
		expect(code(webllm.cannotFetch)).toBe('model.network');
		expect(code(webllm.notLoaded)).toBe('engine.notLoaded');
	});

	it('maps GPU memory, device and storage failures', () => {
		expect(code(new Error('GPUOutOfMemoryError: Out of memory'))).toBe('model.outOfMemory');
		expect(code('Error: Failed to allocate 1073741824 bytes')).toBe('model.outOfMemory');
		expect(code(new Error('Buffer size (5 GB) exceeds the max buffer size limit'))).toBe(
			'model.outOfMemory'
		);
		expect(code(new Error('Device was lost: DXGI_ERROR_DEVICE_REMOVED'))).toBe('model.deviceLost');
		expect(code(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))).toBe(
			'model.quota'
		);
	});

	it('maps network and library failures', () => {
		expect(code(new TypeError('Failed to fetch'))).toBe('model.network');
		expect(code('TypeError: NetworkError when attempting to fetch resource.')).toBe(
			'model.network'
		);
		expect(
			code(
				'CompileError: WebAssembly.instantiate(): expected magic word 00 61 73 6d, found 6e 6f 74 20 @+0'
			)
		).toBe('model.invalidLibrary');
		expect(code(new WebAssembly.CompileError('bad'))).toBe('model.invalidLibrary');
		expect(code('LinkError: WebAssembly.Instance(): Import #0 module="env" function="x"')).toBe(
			'model.invalidLibrary'
		);
	});

	it('falls back to engine.unknown without the message', () => {
		const err = toEnclaveError(new RangeError('patient Anna Muster, born 1970'));
		expect(err.code).toBe('engine.unknown');
		expect(err.params).toEqual({ name: 'RangeError' });
		expect(JSON.stringify(err.params)).not.toContain('Anna');
		expect(err.cause).toBeUndefined();
		expect(toEnclaveError('something odd').params).toEqual({});
		expect(toEnclaveError(42).code).toBe('engine.unknown');
		expect(toEnclaveError({ name: 'Weird name!', message: 'x' }).params).toEqual({});
	});

	it('keeps EnclaveErrors and lets aborts through', () => {
		const original = new EnclaveError('engine.server', { status: 502 });
		expect(toEnclaveError(original)).toBe(original);
		const abort = new DOMException('aborted', 'AbortError');
		expect(() => rethrowAsEnclaveError(abort)).toThrow(abort);
		expect(() => rethrowAsEnclaveError('Error: Failed to fetch')).toThrow(
			expect.objectContaining({ code: 'model.network' })
		);
	});
});
