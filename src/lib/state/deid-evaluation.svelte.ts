import { isAbortError } from '$lib/errors';
import { parseGoldFiles } from '$lib/eval/deid/gold-files';
import { scoreDeid, type DeidItem, type DeidScores } from '$lib/eval/deid/metrics';
import { deidentify, detectPhi, newDeidContext } from '$lib/tasks/deid/pipeline';
import { deidPolicy } from './deid.svelte';
import { engineState } from './engine.svelte';
import { reportError } from './report-error';

/**
 * Measures the detectors against a gold standard the user picks: the same code as a real run
 * (rules, known identifiers, the loaded model when asked), scored by span and by character.
 */
class DeidEvaluation {
	scores = $state.raw<DeidScores | null>(null);
	goldSpans = $state(0);
	progress = $state<{ done: number; total: number } | null>(null);
	usedModel = $state(false);
	#abort: AbortController | null = null;

	async run(files: File[], useModel: boolean) {
		this.#abort?.abort();
		const abort = new AbortController();
		this.#abort = abort;
		this.scores = null;
		try {
			const picked = await Promise.all(
				files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }))
			);
			const documents = parseGoldFiles(picked);
			this.goldSpans = documents.reduce((n, d) => n + d.spans.length, 0);
			this.usedModel = useModel && engineState.ready;
			await deidPolicy.load();
			const context = newDeidContext();
			const items: DeidItem[] = [];
			for (const [i, gold] of documents.entries()) {
				this.progress = { done: i, total: documents.length };
				if (gold.text.trim() === '') continue;
				const detection = await detectPhi(gold.text, {
					lang: 'auto',
					...(this.usedModel
						? { engine: engineState, contextWindow: engineState.active?.contextWindow ?? 4096 }
						: {}),
					signal: abort.signal
				});
				const { output } = deidentify(gold.text, detection.spans, deidPolicy.current, context, {
					lang: detection.lang
				});
				items.push({ gold, predicted: detection.spans, output });
				// Let the page paint between documents.
				await new Promise((r) => setTimeout(r, 0));
			}
			this.scores = scoreDeid(items);
		} catch (err) {
			if (!isAbortError(err)) reportError(err);
		} finally {
			if (this.#abort === abort) this.progress = null;
		}
	}

	cancel() {
		this.#abort?.abort();
	}
}

export const deidEvaluation = new DeidEvaluation();
