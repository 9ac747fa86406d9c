import type { GenerateResult } from '$lib/engine/engine';
import { isAbortError } from '$lib/errors';
import { getContent } from '$lib/storage/documents.repo';
import { addResult, updateResult } from '$lib/storage/results.repo';
import { buildAskPrompt } from '$lib/tasks/ask/prompt';
import { engineState } from './engine.svelte';
import { vault } from './vault.svelte';

export const ASK_MAX_TOKENS = 1024;

/** One question about one document: streams the answer and stores it as a result. */
export class AskSession {
	documentId = $state('');
	question = $state('');
	answer = $state('');
	running = $state(false);
	result = $state.raw<GenerateResult | null>(null);
	error = $state.raw<unknown>(null);
	truncated = $state.raw<{ tokens: number; max: number } | null>(null);
	#abort: AbortController | null = null;

	async run(system: string) {
		const active = engineState.active;
		if (this.running || !active || !engineState.ready) return;
		const content = await getContent(this.documentId);
		if (!content) return;
		const prompt = buildAskPrompt(content.text, this.question, {
			system,
			contextWindow: active.contextWindow,
			maxAnswerTokens: ASK_MAX_TOKENS
		});
		this.truncated = prompt.truncated
			? { tokens: prompt.documentTokens, max: prompt.availableTokens }
			: null;
		this.answer = '';
		this.result = null;
		this.error = null;
		this.running = true;
		const abort = new AbortController();
		this.#abort = abort;
		// A lock drops the key: stop at once; the answer so far stays on screen until then.
		const offLock = vault.onLock(() => abort.abort());
		const record = await addResult({
			documentId: this.documentId,
			task: 'ask',
			modelId: active.id,
			input: this.question,
			output: '',
			status: 'running'
		});
		try {
			const result = await engineState.generate(
				{ messages: prompt.messages, maxTokens: ASK_MAX_TOKENS, temperature: 0.2 },
				{ signal: abort.signal, onToken: (_delta, text) => (this.answer = text) }
			);
			this.answer = result.text;
			this.result = result;
			await updateResult(record.id, {
				output: result.text,
				usage: result.usage,
				status:
					result.finishReason === 'abort'
						? 'cancelled'
						: result.finishReason === 'length'
							? 'incomplete'
							: 'done'
			});
		} catch (err) {
			const cancelled = isAbortError(err);
			if (!cancelled) this.error = err;
			// Locked meanwhile: nothing can be written until the next unlock.
			if (vault.status === 'unlocked')
				await updateResult(record.id, {
					output: this.answer,
					status: cancelled ? 'cancelled' : 'failed',
					...(err instanceof Error && 'code' in err ? { errorCode: String(err.code) } : {})
				});
		} finally {
			offLock();
			this.running = false;
			this.#abort = null;
		}
	}

	stop() {
		this.#abort?.abort();
	}
}
