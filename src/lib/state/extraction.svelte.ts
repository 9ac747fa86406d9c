import { EnclaveError, isAbortError } from '$lib/errors';
import type { JobRecord, ResultRecord } from '$lib/storage/db';
import { getContent } from '$lib/storage/documents.repo';
import { completeJobDocument } from '$lib/storage/jobs.repo';
import { extractDocument } from '$lib/tasks/extract/pipeline';
import type { ExtractionTemplate } from '$lib/tasks/extract/template';
import { engineState } from './engine.svelte';
import { JobRunner } from './job-runner.svelte';
import { reportError } from './report-error';
import { templateLibrary } from './templates.svelte';

interface Prepared {
	template: ExtractionTemplate;
	contextWindow: number;
}

/** Extraction jobs: one template over many documents, on the GPU. */
class ExtractionRunner extends JobRunner<Prepared> {
	constructor() {
		super('extract');
	}

	async start(templateId: string, documentIds: string[]): Promise<JobRecord> {
		const modelId = engineState.activeId;
		if (!modelId || !engineState.ready) throw new EnclaveError('engine.notLoaded');
		return this.createAndRun({ input: templateId, modelId, documentIds });
	}

	protected async prepare(job: JobRecord) {
		const entry = templateLibrary.byId(job.input);
		if (!entry) {
			reportError(new EnclaveError('extract.templateMissing'));
			return 'cancel' as const;
		}
		if (!(await engineState.ensureLoaded(job.modelId))) return 'pause' as const;
		return { template: entry.template, contextWindow: engineState.active?.contextWindow ?? 4096 };
	}

	protected async runDocument(
		job: JobRecord,
		{ template, contextWindow }: Prepared,
		documentId: string,
		signal: AbortSignal
	): Promise<boolean> {
		const outcome = await this.#extractOne(template, documentId, contextWindow, signal);
		if (!outcome) return false;
		await completeJobDocument(
			job.id,
			{ documentId, task: 'extract', modelId: job.modelId, input: job.input, ...outcome },
			outcome.status === 'failed'
		);
		return true;
	}

	/** A lost GPU device unloads the engine: load it again and go on, or pause the job. */
	protected async afterDocument(job: JobRecord) {
		if (engineState.ready) return 'go' as const;
		return (await engineState.ensureLoaded(job.modelId)) ? ('go' as const) : ('pause' as const);
	}

	/** One document's run as it is stored; null when it was cancelled. */
	async #extractOne(
		template: ExtractionTemplate,
		documentId: string,
		contextWindow: number,
		signal: AbortSignal
	): Promise<Pick<ResultRecord, 'status' | 'errorCode' | 'output' | 'usage' | 'data'> | null> {
		const content = await getContent(documentId);
		if (!content) return { status: 'failed', errorCode: 'extract.documentMissing', output: '' };
		try {
			const r = await extractDocument(engineState, template, content.text, {
				contextWindow,
				signal
			});
			return {
				status: r.status,
				output: r.rawOutputs.join('\n'),
				data: { values: r.values, evidence: r.evidence, errors: r.errors },
				...(r.reason ? { errorCode: r.reason } : {}),
				...(r.usage[0] ? { usage: r.usage[0] } : {})
			};
		} catch (err) {
			if (isAbortError(err)) return null;
			// A refusal before the model runs (empty, too long, bad schema) fails this document only.
			return {
				status: 'failed',
				errorCode: err instanceof EnclaveError ? err.code : 'engine.unknown',
				output: ''
			};
		}
	}
}

export const extraction = new ExtractionRunner();
