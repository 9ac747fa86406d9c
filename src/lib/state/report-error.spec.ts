import { afterEach, describe, expect, it, vi } from 'vitest';
import { EnclaveError } from '$lib/errors';
import { reportError } from './report-error';
import { toasts } from './toasts.svelte';

afterEach(() => {
	toasts.reset();
	vi.restoreAllMocks();
});

describe('reportError', () => {
	it('shows the mapped message and logs only the code', () => {
		const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
		reportError(new EnclaveError('intake.empty', { name: 'brief.txt' }));
		expect(toasts.items).toHaveLength(1);
		expect(toasts.items[0]?.kind).toBe('error');
		expect(toasts.items[0]?.message).toContain('brief.txt');
		expect(log).toHaveBeenCalledWith('Error: intake.empty');
	});

	it('never logs or shows the raw message of an unknown error', () => {
		const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
		reportError(new TypeError('Patient Max Mustermann, geb. 01.02.1960'));
		expect(log).toHaveBeenCalledWith('Error: TypeError');
		expect(JSON.stringify(log.mock.calls)).not.toContain('Mustermann');
		expect(toasts.items[0]?.message).not.toContain('Mustermann');
	});

	it('ignores a cancel', () => {
		reportError(new DOMException('stopped', 'AbortError'));
		expect(toasts.items).toHaveLength(0);
	});
});
