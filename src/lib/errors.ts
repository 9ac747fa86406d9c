/**
 * Every failure a user can meet is an EnclaveError with a stable code. The code is mapped once,
 * in the i18n layer, to a message a clinician understands plus what to do next. `params` carry
 * only non-patient facts (file names are allowed: the user picked them and they never leave the
 * page; document text never goes here).
 */
export class EnclaveError extends Error {
	constructor(
		readonly code: string,
		readonly params: Record<string, string | number> = {},
		options?: { cause?: unknown }
	) {
		super(code, options);
		this.name = 'EnclaveError';
	}
}

export function isAbortError(err: unknown): boolean {
	return (
		(err instanceof DOMException && err.name === 'AbortError') ||
		(err instanceof Error && err.name === 'AbortError')
	);
}
