import { audit } from './audit.repo';
import { db, newId, type JobRecord, type JobStatus, type ResultRecord } from './db';
import { sealers } from './sealed';

export async function createJob(
	job: Pick<JobRecord, 'task' | 'input' | 'modelId' | 'documentIds' | 'options'>
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
	const row = await sealers.jobs.seal(record);
	await db.transaction('rw', db.jobs, db.audit, async () => {
		await db.jobs.add(row);
		await audit('job', {
			task: record.task,
			model: record.modelId,
			documents: record.documentIds.length
		});
	});
	return record;
}

export function getJob(id: string) {
	return sealers.jobs.one(() => db.jobs.get(id));
}

export function listJobs(task: string) {
	return sealers.jobs.many(() =>
		db.jobs
			.where('createdAt')
			.above(0)
			.reverse()
			.filter((j) => j.task === task)
			.toArray()
	);
}

/** Jobs of one task that were running when the page went away (reload, crash): they resume. */
export function unfinishedJobs(task: string) {
	return sealers.jobs.many(() =>
		db.jobs
			.where('status')
			.anyOf('queued', 'running')
			.filter((j) => j.task === task)
			.sortBy('createdAt')
	);
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
	const row = await sealers.results.seal({ ...result, id: newId(), createdAt: Date.now(), jobId });
	await db.transaction('rw', db.jobs, db.results, async () => {
		if (!(await markJobDocumentDone(jobId, result.documentId, failed))) return;
		await db.results.add(row);
	});
}

/**
 * Inside a transaction that also writes the document's outcome: marks it done. Returns false
 * when it was done already (the caller then writes nothing).
 */
export async function markJobDocumentDone(
	jobId: string,
	documentId: string,
	failed: boolean
): Promise<boolean> {
	const job = await db.jobs.get(jobId);
	if (!job || job.doneIds.includes(documentId)) return false;
	await db.jobs.update(jobId, {
		doneIds: [...job.doneIds, documentId],
		failedIds: failed ? [...job.failedIds, documentId] : job.failedIds,
		updatedAt: Date.now()
	});
	return true;
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
	return sealers.results.many(() => db.results.where('jobId').equals(jobId).toArray());
}

export async function deleteJob(id: string) {
	await db.transaction('rw', db.jobs, db.results, async () => {
		await db.results.where('jobId').equals(id).delete();
		await db.jobs.delete(id);
	});
}
