import { EnclaveError, isAbortError } from '$lib/errors';
import { i18n } from '$lib/i18n/i18n.svelte';
import { toasts } from './toasts.svelte';

/**
 * The one place an unexpected error reaches the user: a toast they understand. The console gets
 * the error's kind only, since a message could quote document text. A cancel is not an error.
 */
export function reportError(err: unknown) {
	if (isAbortError(err)) return;
	const kind =
		err instanceof EnclaveError ? err.code : err instanceof Error ? err.name : typeof err;
	console.error(`Error: ${kind}`);
	toasts.show('error', i18n.describe(err));
}
