import { audit } from './audit.repo';
import { db, newId, type DraftRating, type DraftRecord, type DraftVersion } from './db';
import { sealers, updateSealedField } from './sealed';

export async function createDraft(
	draft: Pick<DraftRecord, 'templateId' | 'modelId' | 'sourceIds'>
): Promise<DraftRecord> {
	const now = Date.now();
	const record: DraftRecord = {
		...draft,
		id: newId(),
		usedSourceIds: [],
		usedExampleIds: [],
		versions: [],
		createdAt: now,
		updatedAt: now
	};
	const row = await sealers.drafts.seal(record);
	await db.transaction('rw', db.drafts, db.audit, async () => {
		await db.drafts.add(row);
		await audit('run', { task: 'letters', model: record.modelId });
	});
	return record;
}

export function getDraft(id: string) {
	return sealers.drafts.one(() => db.drafts.get(id));
}

export function listDrafts() {
	return sealers.drafts.many(() => db.drafts.orderBy('createdAt').reverse().toArray());
}

/** Appends a version; a hand edit right after another hand edit replaces it (one final text). */
export async function addVersion(
	id: string,
	version: DraftVersion,
	used?: Pick<DraftRecord, 'usedSourceIds' | 'usedExampleIds'>
): Promise<void> {
	await updateSealedField(db.drafts, sealers.drafts, id, 'versions', (draft) => {
		const versions = [...draft.versions];
		if (version.kind === 'edit' && versions.at(-1)?.kind === 'edit') versions.pop();
		versions.push(version);
		return { ...used, versions, updatedAt: Date.now() };
	});
}

export async function rateDraft(id: string, rating: DraftRating): Promise<void> {
	await db.drafts.update(
		id,
		await sealers.drafts.sealChanges(id, { rating, updatedAt: Date.now() })
	);
}

export async function deleteDraft(id: string): Promise<void> {
	await db.transaction('rw', db.drafts, db.audit, async () => {
		await db.drafts.delete(id);
		await audit('delete', { drafts: 1 });
	});
}

export function listStyleExamples() {
	return db.styleExamples.toArray();
}

export async function setStyleExample(documentId: string, kind: string | null): Promise<void> {
	if (kind === null) await db.styleExamples.delete(documentId);
	else await db.styleExamples.put({ id: documentId, kind, addedAt: Date.now() });
}
