import { SvelteMap } from 'svelte/reactivity';
import { EnclaveError, isAbortError } from '$lib/errors';
import type { DraftRating, DraftRecord } from '$lib/storage/db';
import { getContent, getDocument, listDocuments } from '$lib/storage/documents.repo';
import {
	addVersion,
	createDraft,
	deleteDraft,
	getDraft,
	listDrafts,
	listStyleExamples,
	rateDraft,
	setStyleExample
} from '$lib/storage/drafts.repo';
import { LiveQuery } from '$lib/storage/live.svelte';
import {
	writeDraft,
	type LetterSource,
	type MapReduceProgress,
	type StopReason,
	type StyleExample
} from '$lib/tasks/letters/pipeline';
import { parseLetterTemplate, type LetterTemplate } from '$lib/tasks/letters/template';
import { builtInLetterTemplates } from '$lib/tasks/letters/templates';
import { engineState } from './engine.svelte';
import { TemplateLibrary, type TemplateEntry } from './templates.svelte';
import { ratingDistributions, type RatingDistribution } from './letter-ratings';

export type LetterTemplateEntry = TemplateEntry<LetterTemplate>;

export const letterTemplates = new TemplateLibrary<LetterTemplate>(
	'letters',
	builtInLetterTemplates,
	parseLetterTemplate
);

/** Output budget of a letter: about two pages. */
export const MAX_LETTER_TOKENS = 1500;

export interface Generation {
	draftId: string;
	text: string;
	progress: MapReduceProgress | null;
}

/** How the last generation of a draft ended in this session; the error is not stored. */
export interface Outcome {
	stoppedBy: StopReason;
	error?: unknown;
}

/**
 * Writes drafts with the loaded model, one at a time. The text streams into `generation`; when
 * it ends (done, stopped, cut off, looping, or the engine failed) what was written is stored as
 * a model version, so a draft is never lost.
 */
class LetterWriter {
	generation = $state<Generation | null>(null);
	readonly outcomes = new SvelteMap<string, Outcome>();
	#abort: AbortController | null = null;

	get busy(): boolean {
		return this.generation !== null;
	}

	/** Callers pass a template the library has (the draft page says when it was deleted). */
	async create(templateId: string, sourceIds: string[]): Promise<DraftRecord> {
		if (sourceIds.length === 0) throw new EnclaveError('letters.noSources');
		if (!engineState.ready || !engineState.activeId) throw new EnclaveError('engine.notLoaded');
		const draft = await createDraft({ templateId, modelId: engineState.activeId, sourceIds });
		void this.generate(draft.id);
		return draft;
	}

	stop() {
		this.#abort?.abort();
	}

	/** A new model version of the draft; earlier versions stay. */
	async generate(draftId: string) {
		if (this.generation) return;
		this.outcomes.delete(draftId);
		const abort = new AbortController();
		this.#abort = abort;
		this.generation = { draftId, text: '', progress: null };
		try {
			const draft = await getDraft(draftId);
			const template = draft && letterTemplates.byId(draft.templateId)?.template;
			// The draft page tells that its template was deleted; there is nothing to write with.
			if (!draft || !template) {
				this.outcomes.set(draftId, { stoppedBy: 'error' });
				return;
			}
			if (!engineState.ready || !engineState.active) throw new EnclaveError('engine.notLoaded');
			const sources = await loadSources(draft.sourceIds);
			const styleExamples = await loadStyleExamples(draft.sourceIds);
			const result = await writeDraft({
				engine: engineState,
				template,
				sources,
				styleExamples,
				contextWindow: engineState.active.contextWindow,
				maxOutputTokens: MAX_LETTER_TOKENS,
				signal: abort.signal,
				onToken: (_delta, text) => {
					if (this.generation) this.generation.text = text;
				},
				onProgress: (progress) => {
					if (this.generation) this.generation.progress = progress;
				}
			});
			// A generation that ended before its first word leaves nothing worth a version.
			if (result.text.trim() !== '') {
				await addVersion(
					draftId,
					{
						kind: 'model',
						text: result.text,
						at: Date.now(),
						stoppedBy: result.stoppedBy,
						...(result.error instanceof EnclaveError ? { errorCode: result.error.code } : {})
					},
					{ usedSourceIds: result.usedSourceIds, usedExampleIds: result.usedExampleIds }
				);
			}
			this.outcomes.set(draftId, { stoppedBy: result.stoppedBy, error: result.error });
		} catch (err) {
			// Thrown before the model wrote anything (no text in the sources, too long): no version.
			this.outcomes.set(
				draftId,
				isAbortError(err) ? { stoppedBy: 'cancelled' } : { stoppedBy: 'error', error: err }
			);
		} finally {
			this.generation = null;
			this.#abort = null;
		}
	}
}

export const letterWriter = new LetterWriter();

async function loadSources(ids: string[]): Promise<LetterSource[]> {
	const sources: LetterSource[] = [];
	for (const id of ids) {
		const [meta, content] = await Promise.all([getDocument(id), getContent(id)]);
		if (meta && content) sources.push({ id, label: meta.name, text: content.text });
	}
	return sources;
}

/** Every house-style letter (never one of the draft's own sources); the prompt picks the best. */
async function loadStyleExamples(exclude: string[]): Promise<StyleExample[]> {
	const marked = (await listStyleExamples()).filter((e) => !exclude.includes(e.id));
	const examples: StyleExample[] = [];
	for (const { id, kind } of marked) {
		const content = await getContent(id);
		if (content) examples.push({ id, kind, text: content.text });
	}
	return examples;
}

/** Stored drafts, house-style examples and the documents they name, for the letters pages. */
class LetterLibrary {
	readonly drafts = new LiveQuery(listDrafts, []);
	readonly styleExamples = new LiveQuery(listStyleExamples, []);
	readonly documents = new LiveQuery(() => listDocuments('name', false), []);

	get ratings(): RatingDistribution[] {
		return ratingDistributions(this.drafts.current);
	}

	documentName(id: string): string | undefined {
		return this.documents.current.find((d) => d.id === id)?.name;
	}

	markStyleExample(documentId: string, kind: string | null) {
		return setStyleExample(documentId, kind);
	}

	deleteDraft(id: string) {
		return deleteDraft(id);
	}

	rate(id: string, rating: Omit<DraftRating, 'at'>) {
		return rateDraft(id, { ...rating, at: Date.now() });
	}
}

export const letterLibrary = new LetterLibrary();
