import type { ExtractedDocument } from '$lib/documents/document';
import { audit } from './audit.repo';
import { db, newId, type DocumentContent, type DocumentMeta } from './db';
import { sealers } from './sealed';

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
			...(extracted.encoding ? { encoding: extracted.encoding } : {}),
			...(extracted.textlessPages ? { textlessPages: extracted.textlessPages } : {})
		});
		contents.push({
			id,
			text: extracted.text,
			pages: extracted.pages,
			...(extracted.original ? { file: extracted.original } : {})
		});
	});
	// Sealed before the transaction: awaiting WebCrypto inside it would let it commit early.
	const [metaRows, contentRows] = await Promise.all([
		Promise.all(metas.map((m) => sealers.documents.seal(m))),
		Promise.all(contents.map((c) => sealers.contents.seal(c)))
	]);
	await db.transaction('rw', db.documents, db.contents, db.audit, async () => {
		await db.documents.bulkAdd(metaRows);
		await db.contents.bulkAdd(contentRows);
		await audit('import', { documents: metas.length });
	});
	return metas;
}

export async function addDocument(doc: NewDocument): Promise<DocumentMeta> {
	const [meta] = await addDocuments([doc]);
	return meta!;
}

/** Names are sealed, so sorting by name happens here, after opening (10,000 names sort in ms). */
export function listDocuments(sort: SortKey = 'importedAt', descending = true) {
	return sealers.documents
		.many(() => {
			const ordered = db.documents.orderBy(sort === 'name' ? 'importedAt' : sort);
			return (descending ? ordered.reverse() : ordered).toArray();
		})
		.map((docs) => (sort === 'name' ? sortByName(docs, descending) : docs));
}

function sortByName(docs: DocumentMeta[], descending: boolean): DocumentMeta[] {
	const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
	const sign = descending ? -1 : 1;
	return docs.sort((a, b) => sign * collator.compare(a.name, b.name));
}

export function getDocument(id: string) {
	return sealers.documents.one(() => db.documents.get(id));
}

export function getContent(id: string) {
	return sealers.contents.one(() => db.contents.get(id));
}

const SEARCH_BATCH = 50;

/**
 * Ids of documents whose text contains `query` (case-insensitive). Texts are sealed: they are
 * read and opened a batch at a time, never all at once.
 */
export async function searchTexts(query: string, signal?: AbortSignal): Promise<Set<string>> {
	const needle = query.toLocaleLowerCase();
	const hits = new Set<string>();
	const superseded = () => {
		if (signal?.aborted) throw new DOMException('search superseded', 'AbortError');
	};
	for (let after: string | undefined; ;) {
		const rows = await (
			after === undefined ? db.contents.orderBy(':id') : db.contents.where(':id').above(after)
		)
			.limit(SEARCH_BATCH)
			.toArray();
		superseded();
		if (rows.length === 0) return hits;
		after = rows.at(-1)!.id;
		const opened = await Promise.all(rows.map((r) => sealers.contents.open(r, ['text'])));
		for (const c of opened) {
			if (c.text.toLocaleLowerCase().includes(needle)) hits.add(c.id);
		}
		superseded();
	}
}

/** Removes the documents and everything derived from them. */
export async function deleteDocuments(ids: string[]): Promise<void> {
	await db.transaction('rw', derivedTables(), async () => {
		await deleteWithDerived(ids);
		await audit('delete', { documents: ids.length });
	});
}

/** How many documents were imported before `time` (retention's announcement). */
export function countImportedBefore(time: number): Promise<number> {
	return db.documents.where('importedAt').below(time).count();
}

/** Retention: deletes documents imported before `time`, with everything derived from them. */
export async function deleteImportedBefore(time: number, days: number): Promise<number> {
	return db.transaction('rw', derivedTables(), async () => {
		const ids = (await db.documents.where('importedAt').below(time).primaryKeys()) as string[];
		if (ids.length === 0) return 0;
		await deleteWithDerived(ids);
		await audit('retention', { documents: ids.length, days });
		return ids.length;
	});
}

const derivedTables = () => [
	db.documents,
	db.contents,
	db.results,
	db.deid,
	db.styleExamples,
	db.audit
];

async function deleteWithDerived(ids: string[]) {
	await db.documents.bulkDelete(ids);
	await db.contents.bulkDelete(ids);
	await db.results.where('documentId').anyOf(ids).delete();
	await db.deid.bulkDelete(ids);
	await db.styleExamples.bulkDelete(ids);
}
