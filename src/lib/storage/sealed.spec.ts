import { beforeEach, describe, expect, it } from 'vitest';
import { db } from './db';
import { addResult, resultsForDocument, setCorrection } from './results.repo';
import { addDocuments, getContent, listDocuments, searchTexts } from './documents.repo';
import { completeJobDocument, createJob, getJob, jobResults } from './jobs.repo';
import { getDeid, saveDeid, updateDeid } from './deid.repo';
import { addVersion, createDraft, getDraft, rateDraft } from './drafts.repo';
import { setKey } from './sealed';
import { getVaultRecord, saveNewVault, sealPlainRecords } from './vault.repo';
import { createVault } from './crypto';

const PHRASE = 'Mustermann';

const newKey = () =>
	crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);

/** Whether any string or byte buffer anywhere in the stored rows contains the phrase. */
function holdsInClear(value: unknown, phrase = PHRASE): boolean {
	if (typeof value === 'string') return value.includes(phrase);
	if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
		const bytes =
			value instanceof ArrayBuffer
				? new Uint8Array(value)
				: new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
		return new TextDecoder('utf-8', { fatal: false }).decode(bytes).includes(phrase);
	}
	if (value && typeof value === 'object')
		return Object.values(value).some((v) => holdsInClear(v, phrase));
	return false;
}

async function allRows(): Promise<unknown[]> {
	const rows = await Promise.all(db.tables.map((t) => t.toArray()));
	return rows.flat();
}

async function seedEverything() {
	const [doc] = await addDocuments([
		{
			name: `${PHRASE}_Arztbrief.pdf`,
			size: 10,
			extracted: {
				text: `Patient ${PHRASE}, geb. 1.2.1950`,
				type: 'pdf',
				pages: [
					{
						number: 1,
						start: 0,
						end: 30,
						width: 595,
						height: 842,
						items: [{ start: 0, end: 30, x: 72, y: 700, width: 200, height: 12 }]
					}
				],
				original: new TextEncoder().encode(`%PDF ${PHRASE}`)
			}
		}
	]);
	const id = doc!.id;
	await addResult({
		documentId: id,
		task: 'ask',
		modelId: 'm',
		input: `Wie alt ist ${PHRASE}?`,
		output: `${PHRASE} ist 74.`,
		status: 'done'
	});
	const job = await createJob({
		task: 'extract',
		input: 'template-1',
		modelId: 'm',
		documentIds: [id],
		options: { known: [PHRASE] }
	});
	await completeJobDocument(
		job.id,
		{
			documentId: id,
			task: 'extract',
			modelId: 'm',
			input: 'template-1',
			output: `{"name":"${PHRASE}"}`,
			status: 'ok',
			data: { values: { name: PHRASE } }
		},
		false
	);
	await saveDeid({
		id,
		lang: 'de',
		spans: [{ start: 8, end: 18, type: 'name_patient', text: PHRASE, sources: ['rule'] }],
		warnings: [{ kind: 'notFound', text: PHRASE }],
		boxes: [],
		verdict: 'PASS',
		reviewed: false,
		shift: { dateShiftDays: 17, seed: 42 }
	});
	const draft = await createDraft({ templateId: 't', modelId: 'm', sourceIds: [id] });
	await addVersion(draft.id, { kind: 'model', text: `Sehr geehrte ${PHRASE}`, at: 1 });
	await rateDraft(draft.id, {
		benefit: 3,
		correctness: 3,
		completeness: 3,
		style: 3,
		comment: `gut für ${PHRASE}`,
		at: 2
	});
	return { id, jobId: job.id, draftId: draft.id };
}

beforeEach(async () => {
	setKey(await newKey());
	await Promise.all(db.tables.map((t) => t.clear()));
});

describe('sealed repositories', () => {
	it('store no patient text or file name in clear, and give it all back', async () => {
		const { id, jobId, draftId } = await seedEverything();
		expect(holdsInClear(await allRows())).toBe(false);
		// The scan itself finds clear text where there is some.
		expect(holdsInClear([{ a: new TextEncoder().encode(`x${PHRASE}`) }])).toBe(true);

		expect((await listDocuments())[0]?.name).toBe(`${PHRASE}_Arztbrief.pdf`);
		const content = await getContent(id);
		expect(content?.text).toContain(PHRASE);
		expect(new TextDecoder().decode(content?.file)).toBe(`%PDF ${PHRASE}`);
		expect((await resultsForDocument(id, 'ask'))[0]?.input).toBe(`Wie alt ist ${PHRASE}?`);
		expect((await getJob(jobId))?.options).toEqual({ known: [PHRASE] });
		expect((await jobResults(jobId))[0]?.data).toEqual({ values: { name: PHRASE } });
		expect((await getDeid(id))?.spans[0]?.text).toBe(PHRASE);
		expect((await getDeid(id))?.shift).toEqual({ dateShiftDays: 17, seed: 42 });
		expect(await db.deid.get(id)).not.toHaveProperty('shift');
		const draft = await getDraft(draftId);
		expect(draft?.versions[0]?.text).toContain(PHRASE);
		expect(draft?.rating?.comment).toContain(PHRASE);
		expect(await searchTexts(PHRASE.toLowerCase())).toEqual(new Set([id]));
	});

	it('keep what lists and indexes need in clear: ids, dates, sizes, status, template ids', async () => {
		const { id } = await seedEverything();
		const doc = await db.documents.get(id);
		expect(doc).toMatchObject({ id, type: 'pdf', size: 10, pages: 1 });
		expect(doc).not.toHaveProperty('name');
		const extraction = await db.results.where({ task: 'extract', input: 'template-1' }).count();
		expect(extraction).toBe(1);
	});

	it('open nothing while locked', async () => {
		const { id } = await seedEverything();
		setKey(null);
		await expect(listDocuments()).rejects.toMatchObject({ code: 'vault.locked' });
		await expect(getContent(id)).rejects.toMatchObject({ code: 'vault.locked' });
		await expect(
			addDocuments([{ name: 'x', size: 1, extracted: { text: 'x', type: 'txt', pages: [] } }])
		).rejects.toMatchObject({ code: 'vault.locked' });
		// Another key (another workspace) cannot open them either.
		setKey(await newKey());
		await expect(getContent(id)).rejects.toMatchObject({ code: 'vault.unreadable' });
	});

	it('keep concurrent changes of one sealed field', async () => {
		const { jobId, draftId, id } = await seedEverything();
		const [result] = await jobResults(jobId);
		await Promise.all([
			setCorrection(result!.id, 'a', 1),
			setCorrection(result!.id, 'b', 2),
			setCorrection(result!.id, 'c', 3)
		]);
		expect((await jobResults(jobId))[0]?.corrections).toEqual({ a: 1, b: 2, c: 3 });

		await Promise.all([
			addVersion(draftId, { kind: 'model', text: 'zwei', at: 2 }),
			addVersion(draftId, { kind: 'model', text: 'drei', at: 3 })
		]);
		expect((await getDraft(draftId))?.versions.map((v) => v.text).sort()).toEqual([
			`Sehr geehrte ${PHRASE}`,
			'drei',
			'zwei'
		]);

		await updateDeid(id, { reviewed: true, boxes: [{ page: 1, x: 0, y: 0, width: 1, height: 1 }] });
		const deid = await getDeid(id);
		expect(deid?.reviewed).toBe(true);
		expect(deid?.boxes).toHaveLength(1);
		expect(deid?.spans[0]?.text).toBe(PHRASE);
	});
});

describe('sealing a database from before encryption', () => {
	it('seals every plain record in place and reads them back unchanged', async () => {
		await db.documents.bulkAdd(
			Array.from({ length: 250 }, (_, i) => ({
				id: `d${String(i).padStart(3, '0')}`,
				name: `${PHRASE} ${i}.txt`,
				type: 'txt' as const,
				size: 1,
				pages: 0,
				chars: 1,
				importedAt: i
			}))
		);
		await db.contents.add({ id: 'd000', text: `Text ${PHRASE}`, pages: [] });
		await db.results.bulkAdd([
			{
				id: 'r1',
				documentId: 'd000',
				task: 'ask',
				modelId: 'm',
				input: `Frage ${PHRASE}`,
				output: 'a',
				status: 'done',
				createdAt: 1
			},
			{
				id: 'r2',
				documentId: 'd000',
				task: 'extract',
				modelId: 'm',
				input: 'template-1',
				output: PHRASE,
				status: 'ok',
				createdAt: 2
			}
		]);
		expect(holdsInClear(await allRows())).toBe(true);
		// Plain records read as they are, before and during sealing.
		expect((await getContent('d000'))?.text).toBe(`Text ${PHRASE}`);

		expect(await sealPlainRecords()).toBe(253);
		expect(holdsInClear(await allRows())).toBe(false);
		expect(await listDocuments('name', false)).toHaveLength(250);
		expect((await listDocuments('importedAt', false))[0]?.name).toBe(`${PHRASE} 0.txt`);
		expect((await getContent('d000'))?.text).toBe(`Text ${PHRASE}`);
		expect((await resultsForDocument('d000')).map((r) => r.input).sort()).toEqual([
			`Frage ${PHRASE}`,
			'template-1'
		]);
		// Run again (an interrupted sealing goes on at the next unlock): nothing left to do.
		expect(await sealPlainRecords()).toBe(0);
	});
});

describe('the vault record', () => {
	it('a second set-up (another window, at the same time) is refused, not overwritten', async () => {
		const first = await createVault('Erste Passphrase 111');
		const second = await createVault('Zweite Passphrase 222');
		await saveNewVault(first.record);
		await expect(saveNewVault(second.record)).rejects.toMatchObject({ code: 'vault.exists' });
		expect((await getVaultRecord())?.kdf.salt).toEqual(first.record.kdf.salt);
	});
});
