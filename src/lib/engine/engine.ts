/** The one interface every task talks to, whether the model runs in the browser or on a server. */

export interface ChatMessage {
	role: 'system' | 'user' | 'assistant';
	content: string;
}

export interface GenerateRequest {
	messages: ChatMessage[];
	/** Always bounded: grammar-constrained output can otherwise emit whitespace forever. */
	maxTokens: number;
	temperature?: number;
	seed?: number;
	/** When set, output is constrained to this JSON Schema. */
	jsonSchema?: Record<string, unknown>;
}

export interface GenerateOptions {
	signal?: AbortSignal;
	onToken?: (delta: string, textSoFar: string) => void;
}

export interface Usage {
	promptTokens: number;
	completionTokens: number;
	/** Prompt tokens per second during prefill (null when the backend does not tell). */
	prefillTokensPerSecond: number | null;
	decodeTokensPerSecond: number | null;
	timeToFirstTokenMs: number | null;
	totalMs: number;
}

export type FinishReason = 'stop' | 'length' | 'abort';

export interface GenerateResult {
	text: string;
	finishReason: FinishReason;
	usage: Usage;
}

export interface LoadProgress {
	/** 0..1 over the whole load, monotonic. */
	fraction: number;
	phase: 'download' | 'compile' | 'ready';
	loadedBytes?: number;
	totalBytes?: number;
}

export type EngineKind = 'webllm' | 'openai';

export interface LlmEngine {
	readonly kind: EngineKind;
	readonly modelId: string;
	/** Makes the model ready to generate (download if needed, compile, upload to the GPU). */
	load(onProgress?: (p: LoadProgress) => void, signal?: AbortSignal): Promise<void>;
	/** One generation at a time: calls are queued in order. */
	generate(request: GenerateRequest, options?: GenerateOptions): Promise<GenerateResult>;
	unload(): Promise<void>;
}
