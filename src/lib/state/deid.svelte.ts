import { EnclaveError, isAbortError } from '$lib/errors';
import type { DeidRecord, JobRecord } from '$lib/storage/db';
import { completeDeidDocument } from '$lib/storage/deid.repo';
import { getContent } from '$lib/storage/documents.repo';
import { getSetting, setSetting } from '$lib/storage/settings.repo';
import type { KnownIdentifier } from '$lib/tasks/deid/known';
import { defaultPolicy } from '$lib/tasks/deid/policy';
import { deidentify, detectPhi, newDeidContext } from '$lib/tasks/deid/pipeline';
import type { DeidPolicy, Lang } from '$lib/tasks/deid/types';
import { engineState } from './engine.svelte';
import { JobRunner } from './job-runner.svelte';

/** What a de-identification job applies to each document; sealed with the job (it holds names). */
export interface DeidJobOptions {
	lang: Lang | 'auto';
	/** Removed from every document of the batch. */
	known: KnownIdentifier[];
	/** Per document id, from a batch CSV keyed by document name. */
	knownByDocument: Record<string, KnownIdentifier[]>;
	/** One date shift and surrogate seed for the whole batch: the same person, the same output. */
	shift?: { dateShiftDays: number; seed: number };
}

/** A new random shift and seed, kept so that the output stays the same on every view. */
export function newShift() {
	const { dateShiftDays, seed } = newDeidContext();
	return { dateShiftDays, seed };
}

const POLICY_KEY = 'deidPolicy';

/** The output policy, remembered on this machine. */
class DeidPolicyState {
	current = $state<DeidPolicy>(defaultPolicy('de'));
	#loaded = false;

	async load() {
		if (this.#loaded) return;
		this.#loaded = true;
		this.current = await getSetting(POLICY_KEY, defaultPolicy('de'));
	}

	async set(policy: DeidPolicy) {
		this.current = policy;
		await setSetting(POLICY_KEY, $state.snapshot(policy));
	}

	async reset(lang: Lang) {
		await this.set(defaultPolicy(lang));
	}
}

export const deidPolicy = new DeidPolicyState();

export function knownFor(options: DeidJobOptions | undefined, documentId: string) {
	return [...(options?.known ?? []), ...(options?.knownByDocument[documentId] ?? [])];
}

/**
 * Finds the patient data in a document and records the leak verdict under the current policy.
 * Rules and known identifiers always run; the language model joins when the job names one.
 */
export async function detectDocument(
	documentId: string,
	text: string,
	options: DeidJobOptions,
	useModel: boolean,
	signal?: AbortSignal
): Promise<Omit<DeidRecord, 'updatedAt'>> {
	const known = knownFor(options, documentId);
	const { spans, warnings, lang } = await detectPhi(text, {
		lang: options.lang,
		known,
		...(useModel
			? { engine: engineState, contextWindow: engineState.active?.contextWindow ?? 4096 }
			: {}),
		...(signal ? { signal } : {})
	});
	await deidPolicy.load();
	const shift = options.shift ?? newShift();
	const { verdict } = deidentify(text, spans, deidPolicy.current, newDeidContext(shift), {
		lang,
		known
	});
	return {
		id: documentId,
		lang,
		spans,
		warnings,
		boxes: [],
		verdict,
		reviewed: false,
		shift,
		...(useModel && engineState.activeId ? { modelId: engineState.activeId } : {})
	};
}

interface Prepared {
	options: DeidJobOptions;
	useModel: boolean;
}

/** De-identification jobs: many documents, rules alone or with the loaded language model. */
class DeidRunner extends JobRunner<Prepared> {
	constructor() {
		super('deid');
	}

	/** `useModel`: the loaded model proposes patient data too (slower, finds more names). */
	async start(documentIds: string[], options: DeidJobOptions, useModel: boolean) {
		const modelId = useModel ? engineState.activeId : '';
		if (useModel && (!modelId || !engineState.ready)) throw new EnclaveError('engine.notLoaded');
		return this.createAndRun({
			input: 'deid',
			modelId: modelId ?? '',
			documentIds,
			options: { ...options, shift: options.shift ?? newShift() }
		});
	}

	protected async prepare(job: JobRecord) {
		const useModel = job.modelId !== '';
		if (useModel && !(await engineState.ensureLoaded(job.modelId))) return 'pause' as const;
		return { options: job.options as DeidJobOptions, useModel };
	}

	protected async runDocument(
		job: JobRecord,
		{ options, useModel }: Prepared,
		documentId: string,
		signal: AbortSignal
	): Promise<boolean> {
		const content = await getContent(documentId);
		let record: Omit<DeidRecord, 'updatedAt'>;
		try {
			if (!content) throw new EnclaveError('extract.documentMissing');
			record = await detectDocument(documentId, content.text, options, useModel, signal);
		} catch (err) {
			if (isAbortError(err)) return false;
			record = {
				id: documentId,
				lang: options.lang === 'auto' ? 'de' : options.lang,
				spans: [],
				warnings: [],
				boxes: [],
				verdict: 'FAIL',
				reviewed: false,
				shift: options.shift ?? newShift(),
				errorCode: err instanceof EnclaveError ? err.code : 'engine.unknown'
			};
		}
		await completeDeidDocument(job.id, { ...record, jobId: job.id });
		return true;
	}

	protected async afterDocument(job: JobRecord) {
		if (job.modelId === '' || engineState.ready) return 'go' as const;
		return (await engineState.ensureLoaded(job.modelId)) ? ('go' as const) : ('pause' as const);
	}
}

export const deidRunner = new DeidRunner();
