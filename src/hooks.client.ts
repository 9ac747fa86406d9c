import type { HandleClientError } from '@sveltejs/kit';
import { i18n } from '$lib/i18n/i18n.svelte';

// Only the error's kind is logged: its message could quote document text.
export const handleError: HandleClientError = ({ error, status }) => {
	const kind = error instanceof Error ? error.name : typeof error;
	console.error(`Unhandled error (${status}): ${kind}`);
	return { message: i18n.describe(error) };
};
