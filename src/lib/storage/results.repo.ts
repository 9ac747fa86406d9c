import { db, newId, type ResultRecord } from './db';

export async function addResult(
	result: Omit<ResultRecord, 'id' | 'createdAt'>
): Promise<ResultRecord> {
	const record: ResultRecord = { ...result, id: newId(), createdAt: Date.now() };
	await db.results.add(record);
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
