/**
 * Writing a draft: condense the sources if they do not fit (map-reduce.ts), build the prompt
 * with the best-fitting house-style examples, stream the text, and stop a model that loops.
 * Whatever happens once the model has started, the text written so far comes back with the
 * reason it ended: a cancel, a failed engine or a loop never loses the draft.
 */
import type { GenerateRequest, LlmEngine, Usage } from '$lib/engine/engine';
import { toEnclaveError } from '$lib/engine/errors';
import { EnclaveError, isAbortError } from '$lib/errors';
import { estimateTokens } from '$lib/tasks/ask/prompt';
import {
	condenseSources,
	defaultSummaryTokens,
	planCondense,
	type Material,
	type MapReduceProgress,
	type Summarise
} from './map-reduce';
import {
	buildLetterPrompt,
	buildSummaryMessages,
	missingSections,
	type CountTokens,
	type LetterSource,
	type StyleExample
} from './prompt';
import {
	findRepetition,
	RepetitionGuard,
	trimRepetition,
	type Repetition,
	type RepetitionOptions
} from './repetition';
import { checkLetterTemplate, type LetterTemplate } from './template';

export type { LetterSource, StyleExample, MapReduceProgress };
/** Progress of a long input: summarising parts (map), then writing from them (reduce). */
export type DraftProgress = MapReduceProgress;

/**
 * done: the model finished. length: it hit the answer's token limit. repetition: it looped and
 * was stopped (the copies are removed). cancelled: the user stopped it. error: the engine
 * failed, or the model wrote nothing (`error` says which).
 */
export type StopReason = 'done' | 'length' | 'repetition' | 'cancelled' | 'error';

/** An engine; `countTokens` is used for the context budget when the engine can count. */
export type DraftEngine = Pick<LlmEngine, 'generate'> & { countTokens?: CountTokens };

export interface WriteDraftOptions {
	engine: DraftEngine;
	template: LetterTemplate;
	/** In the order the user chose. */
	sources: readonly LetterSource[];
	styleExamples?: readonly StyleExample[];
	contextWindow: number;
	/** The longest letter, in tokens. */
	maxOutputTokens: number;
	signal?: AbortSignal;
	/** The letter as it streams; summaries of long sources are not streamed. */
	onToken?: (delta: string, textSoFar: string) => void;
	onProgress?: (progress: MapReduceProgress) => void;
	/** Default 0.3: some freedom in wording; pass another seed to regenerate differently. */
	temperature?: number;
	seed?: number;
	summaryTokens?: number;
	marginTokens?: number;
	repetition?: RepetitionOptions;
}

export interface DraftResult {
	/**
	 * The draft, complete or as far as it got. After a repetition the repeated copies are
	 * removed, so it can be shorter than what was streamed.
	 */
	text: string;
	/** The sources the draft was written from (directly or through their summaries). */
	usedSourceIds: string[];
	/** The house-style examples the prompt included. */
	usedExampleIds: string[];
	stoppedBy: StopReason;
	error?: EnclaveError;
	/**
	 * When the sources had to be condensed first: what the draft was written from (summaries,
	 * and sources short enough to be kept whole). After a failure: the summaries made so far.
	 */
	summaries?: Material[];
	/** Template headings the text lacks: a sign the model stopped early or left the form. */
	missingSections: string[];
	usage: Usage[];
}

export const DEFAULT_TEMPERATURE = 0.3;

interface Generated {
	text: string;
	stoppedBy: StopReason;
	error?: EnclaveError;
	usage?: Usage;
}

/**
 * One generation with a loop guard: aborts the engine when the text starts repeating itself,
 * and turns every way of ending into a reason with the text so far.
 */
async function generateGuarded(
	engine: DraftEngine,
	request: GenerateRequest,
	signal: AbortSignal | undefined,
	onToken: ((delta: string, textSoFar: string) => void) | undefined,
	repetitionOptions: RepetitionOptions | undefined
): Promise<Generated> {
	const controller = new AbortController();
	const forward = () => controller.abort();
	if (signal?.aborted) controller.abort();
	signal?.addEventListener('abort', forward, { once: true });
	const guard = new RepetitionGuard(repetitionOptions);
	// Written from the token callback, which TypeScript's narrowing does not follow.
	const state: { text: string; loop: Repetition | null } = { text: '', loop: null };
	const looped = () =>
		state.loop
			? { text: trimRepetition(state.text, state.loop), stoppedBy: 'repetition' as const }
			: null;
	try {
		const result = await engine.generate(request, {
			signal: controller.signal,
			onToken: (delta, textSoFar) => {
				if (state.loop) return;
				state.text = textSoFar;
				onToken?.(delta, textSoFar);
				state.loop = guard.check(textSoFar);
				if (state.loop) controller.abort();
			}
		});
		const usage = result.usage;
		const loop = looped();
		if (loop) return { ...loop, usage };
		const text = result.text || state.text;
		if (signal?.aborted || result.finishReason === 'abort')
			return { text, stoppedBy: 'cancelled', usage };
		// The guard looks every few characters; a loop in the last few is caught here.
		const tail = findRepetition(text, repetitionOptions);
		if (tail) return { text: trimRepetition(text, tail), stoppedBy: 'repetition', usage };
		return { text, stoppedBy: result.finishReason === 'length' ? 'length' : 'done', usage };
	} catch (err) {
		const loop = looped();
		if (loop) return loop;
		if (signal?.aborted || isAbortError(err)) return { text: state.text, stoppedBy: 'cancelled' };
		return { text: state.text, stoppedBy: 'error', error: toEnclaveError(err) };
	} finally {
		signal?.removeEventListener('abort', forward);
	}
}

const abortError = () => new DOMException('The operation was aborted.', 'AbortError');

/**
 * Writes a draft from the sources. Throws EnclaveError before the model is asked anything:
 * 'letters.noSources' (no source has text), 'letters.templateInvalid', 'letters.tooLong'
 * (the context window cannot hold the instructions and a part of a source),
 * 'letters.tooManyParts'. Once the model is working, failures come back as `stoppedBy`.
 */
export async function writeDraft(opts: WriteDraftOptions): Promise<DraftResult> {
	const { engine, template, signal } = opts;
	const sources = opts.sources.filter((s) => s.text.trim() !== '');
	if (sources.length === 0) throw new EnclaveError('letters.noSources');
	const check = checkLetterTemplate(template);
	if (!check.ok)
		throw new EnclaveError('letters.templateInvalid', {
			name: template.name,
			reason: check.errors.join('; ')
		});
	const countTokens = engine.countTokens ?? estimateTokens;
	const condenseOptions = {
		template,
		contextWindow: opts.contextWindow,
		maxOutputTokens: opts.maxOutputTokens,
		countTokens,
		...(opts.summaryTokens !== undefined ? { summaryTokens: opts.summaryTokens } : {}),
		...(opts.marginTokens !== undefined ? { marginTokens: opts.marginTokens } : {}),
		onProgress: opts.onProgress,
		signal
	};
	// Planning errors are thrown before any request, as the callers expect.
	planCondense(sources, condenseOptions);

	const usage: Usage[] = [];
	const summaries: Material[] = [];
	const summarise: Summarise = async (task) => {
		const out = await generateGuarded(
			engine,
			{
				messages: buildSummaryMessages(template, task),
				maxTokens: opts.summaryTokens ?? defaultSummaryTokens(opts.contextWindow),
				temperature: 0,
				...(opts.seed !== undefined ? { seed: opts.seed } : {})
			},
			signal,
			undefined,
			opts.repetition
		);
		if (out.usage) usage.push(out.usage);
		if (out.stoppedBy === 'cancelled') throw abortError();
		if (out.stoppedBy === 'error') throw out.error ?? new EnclaveError('engine.unknown');
		summaries.push({
			id: task.inputs[0]?.id ?? '',
			label: task.inputs.map((i) => i.label).join('; '),
			text: out.text,
			sourceIds: [...new Set(task.inputs.map((i) => i.id))]
		});
		return { text: out.text, truncated: out.stoppedBy === 'length' };
	};

	const base = {
		usedSourceIds: sources.map((s) => s.id),
		usedExampleIds: [] as string[],
		missingSections: template.sections,
		usage
	};
	let condensed;
	try {
		condensed = await condenseSources(sources, summarise, condenseOptions);
	} catch (err) {
		// Nothing of the letter is written yet; the summaries made so far are kept.
		const cancelled = signal?.aborted === true || isAbortError(err);
		return {
			...base,
			text: '',
			stoppedBy: cancelled ? 'cancelled' : 'error',
			...(cancelled ? {} : { error: toEnclaveError(err) }),
			...(summaries.length > 0 ? { summaries } : {})
		};
	}

	const prompt = buildLetterPrompt({
		template,
		sources: condensed.material,
		styleExamples: opts.styleExamples ?? [],
		contextWindow: opts.contextWindow,
		maxOutputTokens: opts.maxOutputTokens,
		countTokens,
		...(opts.marginTokens !== undefined ? { marginTokens: opts.marginTokens } : {})
	});
	if (condensed.condensed)
		opts.onProgress?.({
			stage: 'reduce',
			done: condensed.reduceDone,
			total: condensed.reduceTotal
		});
	const out = await generateGuarded(
		engine,
		{
			messages: prompt.messages,
			maxTokens: opts.maxOutputTokens,
			temperature: opts.temperature ?? DEFAULT_TEMPERATURE,
			...(opts.seed !== undefined ? { seed: opts.seed } : {})
		},
		signal,
		opts.onToken,
		opts.repetition
	);
	if (out.usage) usage.push(out.usage);
	if (condensed.condensed)
		opts.onProgress?.({
			stage: 'reduce',
			done: condensed.reduceTotal,
			total: condensed.reduceTotal
		});

	const empty = out.stoppedBy === 'done' && out.text.trim() === '';
	return {
		text: out.text,
		usedSourceIds: [...new Set(condensed.material.flatMap((m) => m.sourceIds))],
		usedExampleIds: prompt.usedExampleIds,
		stoppedBy: empty ? 'error' : out.stoppedBy,
		...(empty
			? { error: new EnclaveError('letters.emptyDraft') }
			: out.error
				? { error: out.error }
				: {}),
		...(condensed.condensed ? { summaries: condensed.material } : {}),
		missingSections: missingSections(out.text, template.sections),
		usage
	};
}
