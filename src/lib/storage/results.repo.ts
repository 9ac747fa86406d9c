import { audit } from './audit.repo';
import { db, newId, type ResultRecord } from './db';
import { sealers, updateSealedField } from './sealed';

export async function addResult(
	result: Omit<ResultRecord, 'id' | 'createdAt'>
): Promise<ResultRecord> {
	const record: ResultRecord = { ...result, id: newId(), createdAt: Date.now() };
	const row = await sealers.results.seal(record);
	await db.transaction('rw', db.results, db.audit, async () => {
		await db.results.add(row);
		await audit('run', { task: record.task, model: record.modelId });
	});
	return record;
}

export async function updateResult(id: string, changes: Partial<Omit<ResultRecord, 'id'>>) {
	await db.results.update(id, await sealers.results.sealChanges(id, changes));
}

export function resultsForDocument(documentId: string, task?: string) {
	return sealers.results.many(() =>
		db.results
			.where('documentId')
			.equals(documentId)
			.filter((r) => task === undefined || r.task === task)
			.reverse()
			.sortBy('createdAt')
	);
}

/** A hand correction of one field; `undefined` removes it. The model's output stays as it was. */
export async function setCorrection(id: string, path: string, value: unknown): Promise<void> {
	await updateSealedField(db.results, sealers.results, id, 'corrections', (record) => {
		const corrections = { ...record.corrections };
		if (value === undefined) delete corrections[path];
		else corrections[path] = value;
		return { corrections };
	});
}
