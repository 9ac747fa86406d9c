import { audit } from './audit.repo';
import { db, newId, type JobRecord, type JobStatus, type ResultRecord } from './db';

export async function createJob(
	job: Pick<JobRecord, 'task' | 'input' | 'modelId' | 'documentIds'>
): Promise<JobRecord> {
	const now = Date.now();
	const record: JobRecord = {
		...job,
		id: newId(),
		status: 'queued',
		doneIds: [],
		failedIds: [],
		createdAt: now,
		updatedAt: now
	};
	await db.transaction('rw', db.jobs, db.audit, async () => {
		await db.jobs.add(record);
		await audit('job', {
			task: record.task,
			model: record.modelId,
			documents: record.documentIds.length
		});
	});
	return record;
}

export function getJob(id: string) {
	return db.jobs.get(id);
}

export function listJobs(task: string) {
	return db.jobs
		.where('createdAt')
		.above(0)
		.reverse()
		.filter((j) => j.task === task)
		.toArray();
}

/** Jobs that were running when the page went away (reload, crash): they resume. */
export function unfinishedJobs() {
	return db.jobs.where('status').anyOf('queued', 'running').sortBy('createdAt');
}

export async function setJobStatus(id: string, status: JobStatus) {
	await db.jobs.update(id, { status, updatedAt: Date.now() });
}

/**
 * Stores one document's result and marks it done in the same transaction, so that a crash
 * between the two can never run a document twice or lose its result.
 */
export async function completeJobDocument(
	jobId: string,
	result: Omit<ResultRecord, 'id' | 'createdAt' | 'jobId'>,
	failed: boolean
): Promise<void> {
	await db.transaction('rw', db.jobs, db.results, async () => {
		const job = await db.jobs.get(jobId);
		if (!job || job.doneIds.includes(result.documentId)) return;
		await db.results.add({ ...result, id: newId(), createdAt: Date.now(), jobId });
		await db.jobs.update(jobId, {
			doneIds: [...job.doneIds, result.documentId],
			failedIds: failed ? [...job.failedIds, result.documentId] : job.failedIds,
			updatedAt: Date.now()
		});
	});
}

/** For "retry the failed only": forget their failed runs and queue them again. */
export async function requeueFailed(jobId: string): Promise<void> {
	await db.transaction('rw', db.jobs, db.results, async () => {
		const job = await db.jobs.get(jobId);
		if (!job || job.failedIds.length === 0) return;
		const failed = new Set(job.failedIds);
		await db.results
			.where('jobId')
			.equals(jobId)
			.filter((r) => failed.has(r.documentId))
			.delete();
		await db.jobs.update(jobId, {
			doneIds: job.doneIds.filter((id) => !failed.has(id)),
			failedIds: [],
			status: 'queued',
			updatedAt: Date.now()
		});
	});
}

export function jobResults(jobId: string) {
	return db.results.where('jobId').equals(jobId).toArray();
}

export async function deleteJob(id: string) {
	await db.transaction('rw', db.jobs, db.results, async () => {
		await db.results.where('jobId').equals(id).delete();
		await db.jobs.delete(id);
	});
}
