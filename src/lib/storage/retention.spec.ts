import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { allAudit } from './audit.repo';
import { db } from './db';
import { addDocuments, listDocuments } from './documents.repo';
import { addResult } from './results.repo';
import { DAY_MS, planRetention, runRetention, setRetentionDays } from './retention.repo';
import { setKey } from './sealed';

const T0 = Date.UTC(2026, 0, 10, 8);

describe('retention plan', () => {
	it('is off by default: nothing announced, nothing deleted', () => {
		expect(planRetention(T0, null, null)).toEqual({ deleteBefore: null, notice: null });
	});

	it('announces first, and deletes only what it announced a day or more before', () => {
		const first = planRetention(T0, 30, null);
		expect(first.deleteBefore).toBeNull();
		expect(first.notice).toEqual({ at: T0, cutoff: T0 + DAY_MS - 30 * DAY_MS, days: 30 });

		// Runs within the day change nothing: the announcement stands.
		const later = planRetention(T0 + DAY_MS - 1, 30, first.notice);
		expect(later).toEqual({ deleteBefore: null, notice: first.notice });

		const nextDay = planRetention(T0 + DAY_MS, 30, first.notice);
		expect(nextDay.deleteBefore).toBe(first.notice!.cutoff);
		// What is deleted is at least `days` old by then.
		expect(T0 + DAY_MS - nextDay.deleteBefore!).toBe(30 * DAY_MS);
		expect(nextDay.notice).toEqual({
			at: T0 + DAY_MS,
			cutoff: T0 + 2 * DAY_MS - 30 * DAY_MS,
			days: 30
		});
	});

	it('a changed period is announced again before anything goes', () => {
		const notice = planRetention(T0, 30, null).notice;
		const shorter = planRetention(T0 + 5 * DAY_MS, 7, notice);
		expect(shorter.deleteBefore).toBeNull();
		expect(shorter.notice).toMatchObject({ at: T0 + 5 * DAY_MS, days: 7 });
		expect(planRetention(T0 + 6 * DAY_MS, null, shorter.notice).notice).toBeNull();
	});
});

describe('retention run', () => {
	const txt = (text: string) => ({ text, type: 'txt' as const, pages: [] });

	beforeAll(async () => {
		setKey(
			await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
				'encrypt',
				'decrypt'
			])
		);
	});

	beforeEach(async () => {
		await Promise.all(db.tables.map((t) => t.clear()));
	});

	it('deletes announced old documents with their results, a day after the announcement', async () => {
		const [old, recent] = await addDocuments([
			{ name: 'alt', size: 1, extracted: txt('alt') },
			{ name: 'neu', size: 1, extracted: txt('neu') }
		]);
		await db.documents.update(old!.id, { importedAt: T0 - 40 * DAY_MS });
		await db.documents.update(recent!.id, { importedAt: T0 - 2 * DAY_MS });
		await addResult({
			documentId: old!.id,
			task: 'ask',
			modelId: 'm',
			input: 'q',
			output: 'a',
			status: 'done'
		});

		expect(await runRetention(T0)).toMatchObject({ deleted: 0, due: 0, announced: false });
		await setRetentionDays(30);
		const announced = await runRetention(T0);
		expect(announced).toMatchObject({ deleted: 0, due: 1, announced: true });
		expect(await runRetention(T0 + DAY_MS / 2)).toMatchObject({ deleted: 0, announced: false });
		expect(await listDocuments()).toHaveLength(2);

		const done = await runRetention(T0 + DAY_MS);
		expect(done.deleted).toBe(1);
		expect((await listDocuments()).map((d) => d.name)).toEqual(['neu']);
		expect(await db.contents.count()).toBe(1);
		expect(await db.results.count()).toBe(0);
		const log = await allAudit();
		expect(log.at(-1)).toMatchObject({ action: 'retention', details: { documents: 1, days: 30 } });
	});
});
