import type { CatalogEntry } from './catalog';
import type { LlmEngine } from './engine';
import { OpenAiEngine } from './openai/openai-engine';
import { WebLlmEngine } from './webllm/webllm-engine';

/** The engine for a catalog entry. `origin` resolves relative URLs in the catalog. */
export function createEngine(entry: CatalogEntry, origin: string): LlmEngine {
	return entry.engine === 'webllm'
		? new WebLlmEngine(entry, origin)
		: new OpenAiEngine(entry, { origin });
}
