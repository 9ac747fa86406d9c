import { EnclaveError, isAbortError } from '$lib/errors';
import type { JobRecord, ResultRecord } from '$lib/storage/db';
import { getContent } from '$lib/storage/documents.repo';
import {
	completeJobDocument,
	createJob,
	deleteJob,
	getJob,
	listJobs,
	requeueFailed,
	setJobStatus,
	unfinishedJobs
} from '$lib/storage/jobs.repo';
import { LiveQuery } from '$lib/storage/live.svelte';
import { extractDocument } from '$lib/tasks/extract/pipeline';
import type { ExtractionTemplate } from '$lib/tasks/extract/template';
import { engineState } from './engine.svelte';
import { reportError } from './report-error';
import { templateLibrary } from './templates.svelte';

const JOBS_LOCK = 'enclave-jobs';

interface Pace {
	jobId: string;
	startedAt: number;
	doneAtStart: number;
	done: number;
	total: number;
}

/**
 * Runs extraction jobs, one document at a time on the GPU. A job lives in IndexedDB: after a
 * reload or a crash it resumes where it stopped, and a document's result and its "done" mark are
 * written together, so no document runs twice.
 */
class ExtractionRunner {
	readonly jobs = new LiveQuery(() => listJobs('extract'), []);
	pace = $state<Pace | null>(null);
	currentDocumentId = $state<string | null>(null);
	#draining = false;
	#abort: AbortController | null = null;

	get runningJobId(): string | null {
		return this.pace?.jobId ?? null;
	}

	/** Documents per minute and seconds left for the running job, once there is a measure. */
	get rate(): { perMinute: number; etaSeconds: number } | null {
		const p = this.pace;
		if (!p || p.done <= p.doneAtStart) return null;
		const minutes = (performance.now() - p.startedAt) / 60_000;
		const perMinute = (p.done - p.doneAtStart) / minutes;
		return { perMinute, etaSeconds: ((p.total - p.done) / perMinute) * 60 };
	}

	async start(templateId: string, documentIds: string[]): Promise<JobRecord> {
		const modelId = engineState.activeId;
		if (!modelId || !engineState.ready) throw new EnclaveError('engine.notLoaded');
		const job = await createJob({ task: 'extract', input: templateId, modelId, documentIds });
		void this.resume();
		return job;
	}

	/** Runs every queued or interrupted job; called at start-up and after each change. */
	async resume() {
		if (this.#draining) return;
		this.#draining = true;
		try {
			// With Enclave open in several tabs, one runs the jobs (they share the database and
			// show its progress); the others wait for the lock and take over when that tab closes.
			if (globalThis.navigator?.locks)
				await navigator.locks.request(JOBS_LOCK, () => this.#drain());
			else await this.#drain();
		} catch (err) {
			reportError(err);
		} finally {
			this.#draining = false;
			this.pace = null;
			this.currentDocumentId = null;
		}
	}

	async #drain() {
		for (let [job] = await unfinishedJobs(); job; [job] = await unfinishedJobs()) {
			if (!(await this.#runJob(job))) break;
		}
	}

	async pause(jobId: string) {
		await setJobStatus(jobId, 'paused');
		if (this.runningJobId === jobId) this.#abort?.abort();
	}

	async continue(jobId: string) {
		await setJobStatus(jobId, 'queued');
		void this.resume();
	}

	async cancel(jobId: string) {
		await setJobStatus(jobId, 'cancelled');
		if (this.runningJobId === jobId) this.#abort?.abort();
	}

	async retryFailed(jobId: string) {
		await requeueFailed(jobId);
		void this.resume();
	}

	async remove(jobId: string) {
		if (this.runningJobId === jobId) await this.cancel(jobId);
		await deleteJob(jobId);
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

	/** Returns false when the job cannot go on now (no model); it stays paused until continued. */
	async #runJob(job: JobRecord): Promise<boolean> {
		const entry = templateLibrary.byId(job.input);
		if (!entry) {
			await setJobStatus(job.id, 'cancelled');
			reportError(new EnclaveError('extract.templateMissing'));
			return true;
		}
		if (!engineState.ready || engineState.activeId !== job.modelId) {
			await engineState.init();
			await engineState.load(job.modelId);
			if (!engineState.ready) {
				await setJobStatus(job.id, 'paused');
				return false;
			}
		}
		const contextWindow = engineState.active?.contextWindow ?? 4096;
		await setJobStatus(job.id, 'running');
		this.pace = {
			jobId: job.id,
			startedAt: performance.now(),
			doneAtStart: job.doneIds.length,
			done: job.doneIds.length,
			total: job.documentIds.length
		};

		for (const documentId of job.documentIds) {
			const current = await getJob(job.id);
			if (!current || current.status !== 'running') return true;
			if (current.doneIds.includes(documentId)) continue;
			this.currentDocumentId = documentId;
			const abort = new AbortController();
			this.#abort = abort;
			const outcome = await this.#extractOne(
				entry.template,
				documentId,
				contextWindow,
				abort.signal
			);
			// A pause or cancel leaves this document undone, so that it runs again on continue.
			if (abort.signal.aborted || !outcome) return true;
			await completeJobDocument(
				job.id,
				{ documentId, task: 'extract', modelId: job.modelId, input: job.input, ...outcome },
				outcome.status === 'failed'
			);
			if (this.pace) this.pace.done++;
			// A lost GPU device unloads the engine: load it again and go on, or pause the job.
			if (!engineState.ready) {
				await engineState.load(job.modelId);
				if (!engineState.ready) {
					await setJobStatus(job.id, 'paused');
					return false;
				}
			}
		}
		await setJobStatus(job.id, 'done');
		return true;
	}
}

export const extraction = new ExtractionRunner();
