import { isAbortError } from '$lib/errors';
import type { JobRecord } from '$lib/storage/db';
import {
	createJob,
	deleteJob,
	getJob,
	listJobs,
	requeueFailed,
	setJobStatus,
	unfinishedJobs
} from '$lib/storage/jobs.repo';
import { LiveQuery } from '$lib/storage/live.svelte';
import { hasKey } from '$lib/storage/sealed';
import { reportError } from './report-error';
import { vault } from './vault.svelte';

/** All batch jobs share the GPU: one lock across tasks and tabs. */
const JOBS_LOCK = 'enclave-jobs';

interface Pace {
	jobId: string;
	startedAt: number;
	doneAtStart: number;
	done: number;
	total: number;
}

/**
 * Runs one task's batch jobs, one document at a time. A job lives in IndexedDB: after a reload
 * or a crash it resumes where it stopped, and each document's outcome and its "done" mark are
 * written together (by `runDocument`), so no document runs twice.
 */
export abstract class JobRunner<Prepared> {
	readonly jobs: LiveQuery<JobRecord[]>;
	pace = $state<Pace | null>(null);
	currentDocumentId = $state<string | null>(null);
	#draining = false;
	#abort: AbortController | null = null;

	constructor(readonly task: string) {
		this.jobs = new LiveQuery(() => listJobs(task), []);
		// Locking stops the document in progress undone, as a reload would; the job stays
		// "running" and goes on when the layout resumes unfinished jobs after the unlock.
		vault.onLock(() => this.#abort?.abort());
	}

	/** What a job needs before its first document (template, engine); null = it cannot run now. */
	protected abstract prepare(job: JobRecord): Promise<Prepared | 'cancel' | 'pause'>;

	/** Processes and stores one document; returns false when it was aborted (it stays undone). */
	protected abstract runDocument(
		job: JobRecord,
		prepared: Prepared,
		documentId: string,
		signal: AbortSignal
	): Promise<boolean>;

	/** Called after each document; 'pause' stops the job until it is continued. */
	protected afterDocument(_job: JobRecord): Promise<'go' | 'pause'> {
		return Promise.resolve('go');
	}

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

	protected async createAndRun(
		job: Pick<JobRecord, 'input' | 'modelId' | 'documentIds' | 'options'>
	): Promise<JobRecord> {
		const record = await createJob({ ...job, task: this.task });
		void this.resume();
		return record;
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
			if (!isAbortError(err)) reportError(err);
		} finally {
			this.#draining = false;
			this.pace = null;
			this.currentDocumentId = null;
		}
	}

	async #drain() {
		const next = async () => (hasKey() ? (await unfinishedJobs(this.task))[0] : undefined);
		for (let job = await next(); job; job = await next()) {
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

	/** Returns false when the job cannot go on now; it stays paused until continued. */
	async #runJob(job: JobRecord): Promise<boolean> {
		const prepared = await this.prepare(job);
		if (prepared === 'cancel') {
			await setJobStatus(job.id, 'cancelled');
			return true;
		}
		if (prepared === 'pause') {
			await setJobStatus(job.id, 'paused');
			return false;
		}
		await setJobStatus(job.id, 'running');
		this.pace = {
			jobId: job.id,
			startedAt: performance.now(),
			doneAtStart: job.doneIds.length,
			done: job.doneIds.length,
			total: job.documentIds.length
		};

		for (const documentId of job.documentIds) {
			if (!hasKey()) return true;
			const current = await getJob(job.id);
			if (!current || current.status !== 'running') return true;
			if (current.doneIds.includes(documentId)) continue;
			this.currentDocumentId = documentId;
			const abort = new AbortController();
			this.#abort = abort;
			const finished = await this.runDocument(current, prepared, documentId, abort.signal);
			// A pause or cancel leaves this document undone, so that it runs again on continue.
			if (abort.signal.aborted || !finished) return true;
			if (this.pace) this.pace.done++;
			if ((await this.afterDocument(current)) === 'pause') {
				await setJobStatus(job.id, 'paused');
				return false;
			}
		}
		await setJobStatus(job.id, 'done');
		return true;
	}
}
