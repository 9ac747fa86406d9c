import { audit } from './audit.repo';
import { db, newId, type ResultRecord } from './db';

export async function addResult(
	result: Omit<ResultRecord, 'id' | 'createdAt'>
): Promise<ResultRecord> {
	const record: ResultRecord = { ...result, id: newId(), createdAt: Date.now() };
	await db.transaction('rw', db.results, db.audit, async () => {
		await db.results.add(record);
		await audit('run', { task: record.task, model: record.modelId });
	});
	return record;
}

export async function updateResult(id: string, changes: Partial<Omit<ResultRecord, 'id'>>) {
	await db.results.update(id, changes);
}

export function resultsForDocument(documentId: string, task?: string) {
	return db.results
		.where('documentId')
		.equals(documentId)
		.filter((r) => task === undefined || r.task === task)
		.reverse()
		.sortBy('createdAt');
}

/** A hand correction of one field; `undefined` removes it. The model's output stays as it was. */
export async function setCorrection(id: string, path: string, value: unknown): Promise<void> {
	await db.transaction('rw', db.results, async () => {
		const record = await db.results.get(id);
		if (!record) return;
		const corrections = { ...record.corrections };
		if (value === undefined) delete corrections[path];
		else corrections[path] = value;
		await db.results.update(id, { corrections });
	});
}
