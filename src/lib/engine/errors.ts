/**
 * Maps raw engine failures to EnclaveError codes. Errors from the web-llm worker cross the worker
 * boundary as strings (`err.toString()`), so the mapping reads names and messages, not classes.
 * The raw message is never copied into params or `cause`: it may quote prompt or model output.
 */
import { EnclaveError, isAbortError } from '$lib/errors';

export type EngineErrorCode =
	| 'model.outOfMemory'
	| 'model.deviceLost'
	| 'model.noShaderF16'
	| 'model.noWebGPU'
	| 'model.quota'
	| 'model.network'
	| 'model.invalidLibrary'
	| 'engine.notLoaded'
	| 'engine.timeout'
	| 'engine.unknown';

// Order matters: web-llm's DeviceLostError message also mentions "out of memory", and a failed
// fetch of a .wasm file is a network problem, not a broken library.
const rules: [EngineErrorCode, RegExp][] = [
	['model.deviceLost', /DeviceLostError|device (was |is )?lost|DXGI_ERROR_DEVICE_REMOVED/i],
	[
		'model.outOfMemory',
		/out ?of ?memory|\bOOM\b|Failed to allocate|allocation failed|exceeds the max buffer size|maxBufferSize exceeds limit/i
	],
	['model.noShaderF16', /ShaderF16SupportError|shader-f16/i],
	[
		'model.noWebGPU',
		/WebGPUNotAvailableError|WebGPUNotFoundError|WebGPU is not supported|Cannot find WebGPU|Unable to find a compatible GPU|no (WebGPU |GPU )?adapter/i
	],
	['model.quota', /QuotaExceededError|quota/i],
	['model.network', /Failed to fetch|NetworkError|Cannot fetch|Load failed|network error/i],
	[
		'model.invalidLibrary',
		/CompileError|LinkError|expected magic word|WebAssembly\.instantiate|instantiate|\bwasm\b/i
	],
	['engine.notLoaded', /ModelNotLoadedError|Model not loaded/i],
	['engine.timeout', /TimeoutError/]
];

/** `name` and `message` of an Error, an error-like object, or a "Name: message" string. */
function nameAndMessage(err: unknown): { name: string; message: string } {
	if (typeof err === 'string') {
		const match = /^([A-Za-z][A-Za-z0-9]*(?:Error|Exception)):\s?/.exec(err);
		return { name: match?.[1] ?? '', message: err };
	}
	if (err instanceof Error || (typeof err === 'object' && err !== null && 'message' in err)) {
		const e = err as { name?: unknown; message?: unknown };
		return {
			name: typeof e.name === 'string' ? e.name : '',
			message: typeof e.message === 'string' ? e.message : ''
		};
	}
	return { name: '', message: '' };
}

/**
 * An EnclaveError for any raw failure. Callers let AbortError through before calling this (an
 * abort is the user's choice, not a failure); see `rethrowAsEnclaveError`.
 */
export function toEnclaveError(err: unknown): EnclaveError {
	if (err instanceof EnclaveError) return err;
	const { name, message } = nameAndMessage(err);
	const haystack = `${name}: ${message}`;
	for (const [code, pattern] of rules) {
		if (pattern.test(haystack)) return new EnclaveError(code);
	}
	// The class name helps support and carries no patient text.
	return new EnclaveError('engine.unknown', /^[A-Za-z][A-Za-z0-9]*$/.test(name) ? { name } : {});
}

export function rethrowAsEnclaveError(err: unknown): never {
	if (isAbortError(err)) throw err;
	throw toEnclaveError(err);
}
