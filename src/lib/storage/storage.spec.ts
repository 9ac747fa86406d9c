import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ExtractedDocument } from '$lib/documents/document';
import { db } from './db';
import { setKey } from './sealed';
import {
	addDocument,
	addDocuments,
	deleteDocuments,
	getContent,
	listDocuments,
	searchTexts
} from './documents.repo';
import { addResult, resultsForDocument } from './results.repo';
import { getSetting, setSetting } from './settings.repo';
import { deleteAllPatientData, patientRecordCount } from './storage.repo';

const txt = (text: string): ExtractedDocument => ({ text, type: 'txt', pages: [] });

beforeAll(async () => {
	setKey(
		await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt'])
	);
});

beforeEach(async () => {
	await Promise.all(db.tables.map((t) => t.clear()));
});

describe('documents repository', () => {
	it('stores metadata and text together and lists without the text', async () => {
		const meta = await addDocument({ name: 'a.txt', size: 12, extracted: txt('Befund: o.B.') });
		expect(meta).toMatchObject({ name: 'a.txt', type: 'txt', chars: 12, pages: 0 });
		const [listed] = await listDocuments();
		expect(listed).toEqual(meta);
		expect(listed).not.toHaveProperty('text');
		expect((await getContent(meta.id))?.text).toBe('Befund: o.B.');
	});

	it('stores a batch whole or not at all', async () => {
		await addDocument({ name: 'first.txt', size: 1, extracted: txt('x') });
		const dupId = (await listDocuments())[0]!.id;
		// A content row with a clashing key makes the second write of the batch fail.
		await db.contents.put({ id: 'clash', text: '', pages: [] });
		const original = crypto.randomUUID;
		let calls = 0;
		crypto.randomUUID = () => (calls++ === 0 ? original.call(crypto) : 'clash') as never;
		try {
			await expect(
				addDocuments([
					{ name: 'b.txt', size: 1, extracted: txt('b') },
					{ name: 'c.txt', size: 1, extracted: txt('c') }
				])
			).rejects.toThrow();
		} finally {
			crypto.randomUUID = original;
		}
		expect(await db.documents.count()).toBe(1);
		expect((await listDocuments())[0]!.id).toBe(dupId);
		expect(await db.contents.count()).toBe(2); // the first document and the planted row only
	});

	it('sorts by name, size and date in both directions', async () => {
		await addDocuments([
			{ name: 'b', size: 3, extracted: txt('1') },
			{ name: 'a', size: 1, extracted: txt('2') },
			{ name: 'c', size: 2, extracted: txt('3') }
		]);
		expect((await listDocuments('name', false)).map((d) => d.name)).toEqual(['a', 'b', 'c']);
		expect((await listDocuments('size', true)).map((d) => d.name)).toEqual(['b', 'c', 'a']);
		expect((await listDocuments('importedAt', true)).map((d) => d.name)).toEqual(['c', 'a', 'b']);
	});

	it('searches texts case-insensitively, umlauts included', async () => {
		const [a, b] = await addDocuments([
			{ name: 'a', size: 1, extracted: txt('Verdacht auf LUNGENEMBOLIE') },
			{ name: 'b', size: 1, extracted: txt('Zustand nach Übelkeit') }
		]);
		expect(await searchTexts('lungenembolie')).toEqual(new Set([a!.id]));
		expect(await searchTexts('übelkeit')).toEqual(new Set([b!.id]));
		expect(await searchTexts('nichts')).toEqual(new Set());
	});

	it('deleting a document removes its text and its results', async () => {
		const keep = await addDocument({ name: 'keep', size: 1, extracted: txt('k') });
		const gone = await addDocument({ name: 'gone', size: 1, extracted: txt('g') });
		const base = { task: 'ask', modelId: 'm', input: 'q', output: 'a', status: 'done' as const };
		await addResult({ ...base, documentId: gone.id });
		await addResult({ ...base, documentId: keep.id });
		await deleteDocuments([gone.id]);
		expect(await getContent(gone.id)).toBeUndefined();
		expect(await resultsForDocument(gone.id)).toEqual([]);
		expect(await resultsForDocument(keep.id)).toHaveLength(1);
		expect(await db.documents.count()).toBe(1);
	});
});

describe('delete all patient data', () => {
	it('empties every patient table and keeps settings and templates', async () => {
		const doc = await addDocument({ name: 'a', size: 1, extracted: txt('a') });
		await addResult({
			documentId: doc.id,
			task: 'ask',
			modelId: 'm',
			input: 'q',
			output: 'a',
			status: 'done'
		});
		await db.jobs.add({
			id: 'j',
			task: 'extract',
			status: 'queued',
			input: 't',
			modelId: 'm',
			documentIds: [doc.id],
			doneIds: [],
			failedIds: [],
			createdAt: 0,
			updatedAt: 0
		});
		await setSetting('activeModel', 'x');
		await db.templates.add({ id: 't', task: 'extract', name: 'TNM', body: {}, updatedAt: 0 });
		expect(await patientRecordCount()).toBe(4);

		await deleteAllPatientData();
		expect(await patientRecordCount()).toBe(0);
		expect(await getSetting('activeModel', null)).toBe('x');
		expect(await db.templates.count()).toBe(1);
	});
});
