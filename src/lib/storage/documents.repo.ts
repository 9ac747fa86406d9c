import type { ExtractedDocument } from '$lib/documents/document';
import { audit } from './audit.repo';
import { db, newId, type DocumentContent, type DocumentMeta } from './db';

export type SortKey = 'importedAt' | 'name' | 'size';

export interface NewDocument {
	name: string;
	size: number;
	extracted: ExtractedDocument;
}

/** Metadata and texts are written in one transaction: documents are stored whole or not at all. */
export async function addDocuments(docs: NewDocument[]): Promise<DocumentMeta[]> {
	const now = Date.now();
	const metas: DocumentMeta[] = [];
	const contents: DocumentContent[] = [];
	docs.forEach(({ name, size, extracted }, i) => {
		const id = newId();
		metas.push({
			id,
			name,
			type: extracted.type,
			size,
			pages: extracted.pages.length,
			chars: extracted.text.length,
			// Distinct times keep the import order when sorting by date.
			importedAt: now + i,
			...(extracted.encoding ? { encoding: extracted.encoding } : {})
		});
		contents.push({
			id,
			text: extracted.text,
			pages: extracted.pages,
			...(extracted.original ? { file: extracted.original } : {})
		});
	});
	await db.transaction('rw', db.documents, db.contents, db.audit, async () => {
		await db.documents.bulkAdd(metas);
		await db.contents.bulkAdd(contents);
		await audit('import', { documents: metas.length });
	});
	return metas;
}

export async function addDocument(doc: NewDocument): Promise<DocumentMeta> {
	const [meta] = await addDocuments([doc]);
	return meta!;
}

export function listDocuments(sort: SortKey = 'importedAt', descending = true) {
	const ordered = db.documents.orderBy(sort);
	return (descending ? ordered.reverse() : ordered).toArray();
}

export function getDocument(id: string) {
	return db.documents.get(id);
}

export function getContent(id: string) {
	return db.contents.get(id);
}

/** Ids of documents whose text contains `query` (case-insensitive). Scans texts, never loads them all at once. */
export async function searchTexts(query: string, signal?: AbortSignal): Promise<Set<string>> {
	const needle = query.toLocaleLowerCase();
	const hits = new Set<string>();
	await db.contents.each((c) => {
		if (signal?.aborted) throw new DOMException('search superseded', 'AbortError');
		if (c.text.toLocaleLowerCase().includes(needle)) hits.add(c.id);
	});
	return hits;
}

/** Removes the documents and everything derived from them. */
export async function deleteDocuments(ids: string[]): Promise<void> {
	const tables = [db.documents, db.contents, db.results, db.deid, db.styleExamples, db.audit];
	await db.transaction('rw', tables, async () => {
		await db.documents.bulkDelete(ids);
		await db.contents.bulkDelete(ids);
		await db.results.where('documentId').anyOf(ids).delete();
		await db.deid.bulkDelete(ids);
		await db.styleExamples.bulkDelete(ids);
		await audit('delete', { documents: ids.length });
	});
}
