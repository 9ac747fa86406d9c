import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { allAudit } from './audit.repo';
import { db } from './db';
import { setKey } from './sealed';
import { addDocuments, deleteDocuments } from './documents.repo';
import { createJob } from './jobs.repo';
import { addResult } from './results.repo';
import { deleteAllPatientData } from './storage.repo';

beforeAll(async () => {
	setKey(
		await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt'])
	);
});

beforeEach(async () => {
	await Promise.all(db.tables.map((t) => t.clear()));
});

describe('audit log', () => {
	it('records imports, runs, jobs and deletions with counts only, and survives "delete all"', async () => {
		const [doc] = await addDocuments([
			{
				name: 'Mustermann_Max_Arztbrief.txt',
				size: 10,
				extracted: { text: 'Max Mustermann', type: 'txt', pages: [] }
			}
		]);
		await addResult({
			documentId: doc!.id,
			task: 'ask',
			modelId: 'm1',
			input: 'Wie heißt der Patient?',
			output: 'Max Mustermann',
			status: 'done'
		});
		await createJob({ task: 'extract', input: 't', modelId: 'm1', documentIds: [doc!.id] });
		await deleteDocuments([doc!.id]);
		await deleteAllPatientData();

		const log = await allAudit();
		expect(log.map((e) => e.action)).toEqual(['import', 'run', 'job', 'delete', 'deleteAll']);
		expect(log[0]?.details).toEqual({ documents: 1 });
		expect(log[2]?.details).toEqual({ task: 'extract', model: 'm1', documents: 1 });
		const text = JSON.stringify(log);
		expect(text).not.toMatch(/Mustermann|Patient|Arztbrief/);
	});
});
