/**
 * Long input: when the sources do not fit the context window together with the prompt and the
 * answer, each source is read in parts and each part summarised (map); the letter is then
 * written from the summaries (reduce). When the summaries still do not fit, neighbouring ones
 * are combined, round after round. Nothing is cut: a part that cannot be read is an error.
 *
 * The model is reached through a `summarise` callback, so the plan and its rounds are plain
 * logic that tests can drive.
 */
import { EnclaveError } from '$lib/errors';
import { estimateTokens } from '$lib/tasks/ask/prompt';
import { planChunks } from '$lib/tasks/extract/chunking';
import {
	budgetTokens,
	DEFAULT_MARGIN_TOKENS,
	letterPromptTokens,
	letterText,
	summaryPromptTokens,
	type CountTokens,
	type LetterSource,
	type SummaryTask
} from './prompt';
import type { LetterTemplate } from './template';

/** What the letter is written from: a source, or a summary, with the sources it stands for. */
export interface Material extends LetterSource {
	sourceIds: string[];
	/** True for a summary the model cut off at its length limit. */
	truncated?: boolean;
}

export interface MapReduceProgress {
	/**
	 * map: summarising parts of the sources. reduce: combining summaries and writing the text
	 * from them; its total counts the final writing too, and grows if another round is needed.
	 */
	stage: 'map' | 'reduce';
	done: number;
	total: number;
}

export interface SummaryResult {
	text: string;
	/** The summary hit its length limit. */
	truncated: boolean;
}

export type Summarise = (task: SummaryTask) => Promise<SummaryResult>;

export interface CondenseOptions {
	template: LetterTemplate;
	contextWindow: number;
	/** The letter's answer. */
	maxOutputTokens: number;
	/** Each summary's answer; by default an eighth of the context window, 256 to 1024. */
	summaryTokens?: number;
	marginTokens?: number;
	countTokens?: CountTokens;
	/** More summarising requests than this is an error rather than an hours-long wait. */
	maxParts?: number;
	/** Rounds of combining summaries before giving up. */
	maxRounds?: number;
	onProgress?: (progress: MapReduceProgress) => void;
	signal?: AbortSignal;
}

export const DEFAULT_MAX_PARTS = 100;
export const DEFAULT_MAX_ROUNDS = 4;

export function defaultSummaryTokens(contextWindow: number): number {
	return Math.min(1024, Math.max(256, Math.floor(contextWindow / 8)));
}

/** One step of the map: a source kept as it is, or one part of it to summarise. */
export type MapStep =
	| { kind: 'keep'; source: LetterSource }
	| { kind: 'summarise'; source: LetterSource; index: number; count: number; text: string };

export interface CondensePlan {
	/** True when the sources fit as they are: no map-reduce. */
	direct: boolean;
	steps: MapStep[];
}

interface Resolved {
	template: LetterTemplate;
	contextWindow: number;
	maxOutputTokens: number;
	summaryTokens: number;
	margin: number;
	count: CountTokens;
	maxParts: number;
	maxRounds: number;
}

function resolve(opts: CondenseOptions): Resolved {
	return {
		template: opts.template,
		contextWindow: opts.contextWindow,
		maxOutputTokens: opts.maxOutputTokens,
		summaryTokens: opts.summaryTokens ?? defaultSummaryTokens(opts.contextWindow),
		margin: opts.marginTokens ?? DEFAULT_MARGIN_TOKENS,
		count: opts.countTokens ?? estimateTokens,
		maxParts: opts.maxParts ?? DEFAULT_MAX_PARTS,
		maxRounds: opts.maxRounds ?? DEFAULT_MAX_ROUNDS
	};
}

function fitsLetter(r: Resolved, material: readonly LetterSource[]): boolean {
	return (
		letterPromptTokens(r.template, material, r.count) <=
		budgetTokens({ ...r, marginTokens: r.margin })
	);
}

/** Labels as the model sees them in a part: "CT report, part 2 of 3". */
function partLabel(r: Resolved, source: LetterSource, index: number, count: number): string {
	const label = source.label.trim() || source.id;
	return count > 1 ? letterText(r.template.lang).part(label, index, count) : label;
}

/**
 * The map's steps: every source that is longer than a summary would be is split into parts
 * that each fit a summarising request. Throws EnclaveError 'letters.tooLong' when not even a
 * short part fits, 'letters.tooManyParts' when the sources need more than `maxParts` requests.
 */
export function planCondense(
	sources: readonly LetterSource[],
	opts: CondenseOptions
): CondensePlan {
	const r = resolve(opts);
	const present = sources.filter((s) => s.text.trim() !== '');
	if (fitsLetter(r, present))
		return { direct: true, steps: present.map((source) => ({ kind: 'keep', source })) };

	// The letter itself must have room for at least one summary besides its instructions.
	const letterOverhead = letterPromptTokens(r.template, [], r.count);
	if (letterOverhead + r.summaryTokens > budgetTokens({ ...r, marginTokens: r.margin }))
		throw new EnclaveError('letters.tooLong', {
			tokens: letterOverhead + r.summaryTokens + r.maxOutputTokens + r.margin,
			max: r.contextWindow
		});

	const steps: MapStep[] = [];
	for (const source of present) {
		// Summarising a text no longer than its summary gains nothing.
		if (r.count(source.text) <= r.summaryTokens) {
			steps.push({ kind: 'keep', source });
			continue;
		}
		const overhead = summaryPromptTokens(
			r.template,
			{ inputs: [{ ...source, label: partLabel(r, source, 99, 99), text: '' }], level: 1 },
			r.count
		);
		let chunks;
		try {
			chunks = planChunks(source.text, {
				contextWindow: r.contextWindow - r.margin,
				promptOverheadTokens: overhead,
				maxOutputTokens: r.summaryTokens
			});
		} catch (err) {
			// Said in terms of the whole context window, margin included.
			if (err instanceof EnclaveError && err.code === 'extract.tooLong')
				throw new EnclaveError('letters.tooLong', {
					tokens: Number(err.params.tokens) + r.margin,
					max: r.contextWindow
				});
			throw err;
		}
		chunks.forEach((chunk, i) =>
			steps.push({
				kind: 'summarise',
				source,
				index: i + 1,
				count: chunks.length,
				text: chunk.text
			})
		);
	}
	const parts = steps.filter((s) => s.kind === 'summarise').length;
	if (parts > r.maxParts)
		throw new EnclaveError('letters.tooManyParts', { parts, max: r.maxParts });
	return { direct: false, steps };
}

function throwIfAborted(signal: AbortSignal | undefined) {
	if (signal?.aborted) throw new DOMException('The operation was aborted.', 'AbortError');
}

/** Neighbouring material grouped so that each group fits one combining request. */
function groupForCombining(r: Resolved, material: Material[], round: number): Material[][] {
	const capacity = (group: Material[]) =>
		summaryPromptTokens(r.template, { inputs: group, level: round }, r.count) +
			r.summaryTokens +
			r.margin <=
		r.contextWindow;
	const groups: Material[][] = [];
	let group: Material[] = [];
	for (const item of material) {
		if (group.length > 0 && !capacity([...group, item])) {
			groups.push(group);
			group = [];
		}
		group.push(item);
	}
	if (group.length > 0) groups.push(group);
	return groups;
}

export interface CondenseResult {
	/** Sources and summaries, in the sources' order, that fit the letter prompt. */
	material: Material[];
	/** False when the sources were used as they are. */
	condensed: boolean;
	/** Progress of the reduce stage so far: the final writing is the one step still open. */
	reduceDone: number;
	reduceTotal: number;
}

/**
 * Runs the plan: summarises the parts, then combines summaries until they fit the letter
 * prompt. Throws EnclaveError 'letters.notCondensed' when a round does not shorten them, and
 * whatever `summarise` throws (an AbortError on cancel).
 */
export async function condenseSources(
	sources: readonly LetterSource[],
	summarise: Summarise,
	opts: CondenseOptions
): Promise<CondenseResult> {
	const r = resolve(opts);
	const plan = planCondense(sources, opts);
	const asMaterial = (s: LetterSource): Material => ({ ...s, sourceIds: [s.id] });
	if (plan.direct)
		return {
			material: plan.steps.map((s) => asMaterial(s.source)),
			condensed: false,
			reduceDone: 0,
			reduceTotal: 1
		};

	const l = letterText(r.template.lang);
	const mapTotal = plan.steps.filter((s) => s.kind === 'summarise').length;
	let mapDone = 0;
	opts.onProgress?.({ stage: 'map', done: 0, total: mapTotal });
	let material: Material[] = [];
	for (const step of plan.steps) {
		if (step.kind === 'keep') {
			material.push(asMaterial(step.source));
			continue;
		}
		throwIfAborted(opts.signal);
		const label = partLabel(r, step.source, step.index, step.count);
		const summary = await summarise({
			inputs: [{ id: step.source.id, label, text: step.text }],
			level: 1
		});
		// An empty summary would drop the part without a word.
		if (summary.text.trim() === '') throw new EnclaveError('letters.summaryEmpty', { label });
		material.push({
			id: step.source.id,
			label: l.summary(label),
			text: summary.text,
			sourceIds: [step.source.id],
			...(summary.truncated ? { truncated: true } : {})
		});
		opts.onProgress?.({ stage: 'map', done: ++mapDone, total: mapTotal });
	}

	let reduceDone = 0;
	let reduceTotal = 1;
	for (let round = 2; !fitsLetter(r, material); round++) {
		if (round > r.maxRounds + 1) throw new EnclaveError('letters.notCondensed');
		const groups = groupForCombining(r, material, round);
		const combining = groups.filter((g) => g.length > 1);
		if (combining.length === 0) throw new EnclaveError('letters.notCondensed');
		reduceTotal += combining.length;
		opts.onProgress?.({ stage: 'reduce', done: reduceDone, total: reduceTotal });
		const before = letterPromptTokens(r.template, material, r.count);
		const next: Material[] = [];
		for (const group of groups) {
			if (group.length === 1) {
				next.push(group[0] as Material);
				continue;
			}
			throwIfAborted(opts.signal);
			const summary = await summarise({ inputs: group, level: round });
			if (summary.text.trim() === '')
				throw new EnclaveError('letters.summaryEmpty', { label: group[0]?.label ?? '' });
			const sourceIds = [...new Set(group.flatMap((g) => g.sourceIds))];
			const labels = [...new Set(group.map((g) => g.label))];
			next.push({
				id: sourceIds.join('+'),
				label: labels.length === 1 ? (labels[0] as string) : `${labels[0]} … ${labels.at(-1)}`,
				text: summary.text,
				sourceIds,
				...(summary.truncated || group.some((g) => g.truncated) ? { truncated: true } : {})
			});
			opts.onProgress?.({ stage: 'reduce', done: ++reduceDone, total: reduceTotal });
		}
		// A round that does not shorten the material would loop without end.
		if (letterPromptTokens(r.template, next, r.count) >= before)
			throw new EnclaveError('letters.notCondensed');
		material = next;
	}
	return { material, condensed: true, reduceDone, reduceTotal };
}
