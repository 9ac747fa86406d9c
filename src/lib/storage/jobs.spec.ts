import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { db } from './db';
import { setKey } from './sealed';
import {
	completeJobDocument,
	createJob,
	deleteJob,
	getJob,
	jobResults,
	requeueFailed,
	setJobStatus,
	unfinishedJobs
} from './jobs.repo';

const run = (documentId: string, status: 'ok' | 'failed' = 'ok') => ({
	documentId,
	task: 'extract',
	modelId: 'm',
	input: 'template-1',
	output: '{}',
	status
});

beforeAll(async () => {
	setKey(
		await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt'])
	);
});

beforeEach(async () => {
	await Promise.all(db.tables.map((t) => t.clear()));
});

describe('jobs repository', () => {
	it('records each document once, with its result, even when completed twice', async () => {
		const job = await createJob({
			task: 'extract',
			input: 't',
			modelId: 'm',
			documentIds: ['a', 'b']
		});
		await completeJobDocument(job.id, run('a'), false);
		await completeJobDocument(job.id, run('a'), false);
		expect((await getJob(job.id))?.doneIds).toEqual(['a']);
		expect(await jobResults(job.id)).toHaveLength(1);
	});

	it('lists queued and running jobs for resuming, not paused or finished ones', async () => {
		const a = await createJob({ task: 'extract', input: 't', modelId: 'm', documentIds: ['x'] });
		const b = await createJob({ task: 'extract', input: 't', modelId: 'm', documentIds: ['x'] });
		const c = await createJob({ task: 'extract', input: 't', modelId: 'm', documentIds: ['x'] });
		await setJobStatus(b.id, 'running');
		await setJobStatus(c.id, 'paused');
		expect((await unfinishedJobs('extract')).map((j) => j.id).sort()).toEqual([a.id, b.id].sort());
	});

	it('retrying the failed only drops their runs and queues them again', async () => {
		const job = await createJob({
			task: 'extract',
			input: 't',
			modelId: 'm',
			documentIds: ['a', 'b', 'c']
		});
		await completeJobDocument(job.id, run('a'), false);
		await completeJobDocument(job.id, run('b', 'failed'), true);
		await completeJobDocument(job.id, run('c'), false);
		await setJobStatus(job.id, 'done');
		await requeueFailed(job.id);
		const after = await getJob(job.id);
		expect(after?.status).toBe('queued');
		expect(after?.doneIds).toEqual(['a', 'c']);
		expect(after?.failedIds).toEqual([]);
		expect((await jobResults(job.id)).map((r) => r.documentId).sort()).toEqual(['a', 'c']);
	});

	it('deleting a job deletes its results', async () => {
		const job = await createJob({ task: 'extract', input: 't', modelId: 'm', documentIds: ['a'] });
		await completeJobDocument(job.id, run('a'), false);
		await deleteJob(job.id);
		expect(await getJob(job.id)).toBeUndefined();
		expect(await db.results.count()).toBe(0);
	});
});
