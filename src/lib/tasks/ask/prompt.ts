import type { ChatMessage } from '$lib/engine/engine';

/**
 * A conservative token estimate for budgeting before the real tokenizer runs: Llama 3's tokenizer
 * averages about 4 characters a token on English and 3.3 on German clinical text; 3 leaves room.
 */
export function estimateTokens(text: string): number {
	return Math.ceil(text.length / 3);
}

export interface AskPrompt {
	messages: ChatMessage[];
	/** True when the document had to be shortened to fit the context window. */
	truncated: boolean;
	documentTokens: number;
	availableTokens: number;
}

export interface AskOptions {
	system: string;
	contextWindow: number;
	maxAnswerTokens: number;
}

/** The document goes first, inside markers, so that the question cannot be confused with it. */
export function buildAskPrompt(document: string, question: string, opts: AskOptions): AskPrompt {
	const overhead = estimateTokens(opts.system + question) + 64;
	const availableTokens = Math.max(0, opts.contextWindow - opts.maxAnswerTokens - overhead);
	const documentTokens = estimateTokens(document);
	const truncated = documentTokens > availableTokens;
	const body = truncated ? document.slice(0, availableTokens * 3) : document;
	return {
		messages: [
			{ role: 'system', content: opts.system },
			{
				role: 'user',
				content: `<document>\n${body}\n</document>\n\n${question.trim()}`
			}
		],
		truncated,
		documentTokens,
		availableTokens
	};
}
