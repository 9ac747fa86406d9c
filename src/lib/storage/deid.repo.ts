import { audit } from './audit.repo';
import { db, type DeidRecord } from './db';
import { markJobDocumentDone } from './jobs.repo';
import { sealers } from './sealed';

export function getDeid(documentId: string) {
	return sealers.deid.one(() => db.deid.get(documentId));
}

export function listDeid() {
	return sealers.deid.many(() => db.deid.toArray());
}

export function deidForJob(jobId: string) {
	return sealers.deid.many(() => db.deid.where('jobId').equals(jobId).toArray());
}

export async function saveDeid(record: Omit<DeidRecord, 'updatedAt'>): Promise<DeidRecord> {
	const stored: DeidRecord = { ...record, updatedAt: Date.now() };
	await db.deid.put(await sealers.deid.seal(stored));
	return stored;
}

/** Review changes (decisions, added spans, boxes) replace the record's spans as a whole. */
export async function updateDeid(
	documentId: string,
	changes: Partial<Omit<DeidRecord, 'id' | 'updatedAt'>>
): Promise<void> {
	await db.deid.update(
		documentId,
		await sealers.deid.sealChanges(documentId, { ...changes, updatedAt: Date.now() })
	);
}

export async function logDeidExport(format: string, documents: number, overridden: number) {
	await db.transaction('rw', db.audit, () =>
		audit('export', { task: 'deid', format, documents, overridden })
	);
}

/** A batch job's document: its state and its "done" mark are written together. */
export async function completeDeidDocument(
	jobId: string,
	record: Omit<DeidRecord, 'updatedAt'>
): Promise<void> {
	const row = await sealers.deid.seal({ ...record, updatedAt: Date.now() });
	await db.transaction('rw', db.jobs, db.deid, async () => {
		if (!(await markJobDocumentDone(jobId, record.id, record.errorCode !== undefined))) return;
		await db.deid.put(row);
	});
}
