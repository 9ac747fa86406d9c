import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { allAudit } from '$lib/storage/audit.repo';
import { db } from '$lib/storage/db';
import { listDocuments } from '$lib/storage/documents.repo';
import { hasKey } from '$lib/storage/sealed';
import { vault } from './vault.svelte';

const PASS = 'Herbstlaub am Elbufer 7';
const NEW_PASS = 'Winterlinde im Hof 12';

// The vault watches the page for activity; Node has no page, so stand-ins take events.
const win = new EventTarget();
const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' });

async function dump() {
	const tables = await Promise.all(db.tables.map(async (t) => [t.name, await t.toArray()]));
	return JSON.stringify(tables, (_k, v: unknown) =>
		v instanceof ArrayBuffer || ArrayBuffer.isView(v)
			? Array.from(new Uint8Array(v as ArrayBuffer))
			: v
	);
}

const events: string[] = [];
let stop: () => void;

beforeAll(async () => {
	vi.stubGlobal('window', win);
	vi.stubGlobal('document', doc);
	vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
	await Promise.all(db.tables.map((t) => t.clear()));
	// A document stored before encryption existed.
	await db.documents.add({
		id: 'old',
		name: 'Mustermann.txt',
		type: 'txt',
		size: 1,
		pages: 0,
		chars: 1,
		importedAt: 1
	});
	vault.onLock(() => events.push('lock'));
	vault.onUnlock(() => events.push('unlock'));
	stop = vault.start();
	await vi.waitFor(() => expect(vault.status).toBe('new'));
});

afterAll(() => {
	stop();
	vi.useRealTimers();
	vi.unstubAllGlobals();
});

// One workspace's life, step by step: each test goes on from the one before.
describe('the encrypted workspace', () => {
	it('first use: refuses a weak passphrase, then seals what was stored before', async () => {
		expect(vault.plainRecords).toBe(1);
		await expect(vault.create('kurz')).rejects.toMatchObject({ code: 'vault.weakPassphrase' });
		expect(vault.status).toBe('new');

		await vault.create(PASS);
		expect(vault.status).toBe('unlocked');
		expect(hasKey()).toBe(true);
		expect(events).toEqual(['unlock']);
		expect(await db.documents.get('old')).not.toHaveProperty('name');
		expect((await listDocuments())[0]?.name).toBe('Mustermann.txt');
	});

	it('locks on demand: the key is gone and listeners hear of it', async () => {
		vault.lock('manual');
		expect(vault.status).toBe('locked');
		expect(vault.lockReason).toBe('manual');
		expect(hasKey()).toBe(false);
		expect(events).toEqual(['unlock', 'lock']);
		await expect(listDocuments()).rejects.toMatchObject({ code: 'vault.locked' });
	});

	it('a wrong passphrase says so and changes nothing', async () => {
		await vi.waitFor(async () => expect((await allAudit()).at(-1)?.action).toBe('lock'));
		const before = await dump();
		await expect(vault.unlock('Herbstlaub am Elbufer 8')).rejects.toMatchObject({
			code: 'vault.wrongPassphrase'
		});
		expect(vault.status).toBe('locked');
		expect(await dump()).toBe(before);

		await vault.unlock(PASS);
		expect(vault.status).toBe('unlocked');
		expect((await listDocuments())[0]?.name).toBe('Mustermann.txt');
	});

	it('locks itself after the idle time, and activity puts that off', async () => {
		await vault.setAutoLockMinutes(2);
		vi.advanceTimersByTime(90_000);
		win.dispatchEvent(new Event('keydown'));
		vi.advanceTimersByTime(90_000);
		expect(vault.status).toBe('unlocked');
		vi.advanceTimersByTime(40_000);
		expect(vault.status).toBe('locked');
		expect(vault.lockReason).toBe('idle');
	});

	it('a new passphrase replaces the old one; the data stays readable', async () => {
		await vault.unlock(PASS);
		await expect(vault.changePassphrase('falsch, ganz falsch', NEW_PASS)).rejects.toMatchObject({
			code: 'vault.wrongPassphrase'
		});
		await vault.changePassphrase(PASS, NEW_PASS);
		vault.lock();
		await expect(vault.unlock(PASS)).rejects.toMatchObject({ code: 'vault.wrongPassphrase' });
		await vault.unlock(NEW_PASS);
		expect((await listDocuments())[0]?.name).toBe('Mustermann.txt');
	});

	it('a forgotten passphrase: deleting the workspace empties it and starts over', async () => {
		vault.lock();
		await vault.deleteWorkspace();
		expect(vault.status).toBe('new');
		expect(await db.documents.count()).toBe(0);
		const actions = (await allAudit()).map((e) => e.action);
		expect(actions.slice(0, 2)).toEqual(['vaultCreate', 'lock']);
		expect(actions).toContain('passphraseChange');
		expect(actions.at(-1)).toBe('workspaceDelete');

		await vault.create(NEW_PASS);
		expect(vault.status).toBe('unlocked');
	});
});
