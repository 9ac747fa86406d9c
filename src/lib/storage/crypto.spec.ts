import { describe, expect, it } from 'vitest';
import {
	createVault,
	openValue,
	passphraseStrength,
	PBKDF2_ITERATIONS,
	rewrapVault,
	sealValue,
	unlockVault
} from './crypto';

const PASS = 'Herbstlaub am Elbufer 7';

describe('vault key', () => {
	it('wraps a random data key under the passphrase with PBKDF2 at 600,000 iterations', async () => {
		const { record, key } = await createVault(PASS);
		expect(record.kdf).toMatchObject({ name: 'PBKDF2', hash: 'SHA-256', iterations: 600_000 });
		expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
		expect(record.kdf.salt).toHaveLength(16);
		expect(key.extractable).toBe(false);
		await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();

		const sealed = await sealValue(key, { text: 'Befund' }, 'contents/1/text');
		const again = await unlockVault(record, PASS);
		expect(again.extractable).toBe(false);
		expect(await openValue(again, sealed, 'contents/1/text')).toEqual({ text: 'Befund' });
	});

	it('tells a wrong passphrase from a damaged record', async () => {
		const { record } = await createVault(PASS);
		await expect(unlockVault(record, 'Herbstlaub am Elbufer 8')).rejects.toMatchObject({
			code: 'vault.wrongPassphrase'
		});
		const damaged = new Uint8Array(record.wrappedKey.data.slice(0));
		damaged[0]! ^= 1;
		await expect(
			unlockVault({ ...record, wrappedKey: { ...record.wrappedKey, data: damaged.buffer } }, PASS)
		).rejects.toMatchObject({ code: 'vault.damaged' });
	});

	it('a new passphrase rewraps the same key: data sealed before still opens', async () => {
		const { record, key } = await createVault(PASS);
		const sealed = await sealValue(key, 'Max Mustermann', 'documents/a/name');
		const next = await rewrapVault(record, PASS, 'Neue Passphrase 2025!');
		expect(next.kdf.salt).not.toEqual(record.kdf.salt);
		expect(next.createdAt).toBe(record.createdAt);
		await expect(unlockVault(next, PASS)).rejects.toMatchObject({
			code: 'vault.wrongPassphrase'
		});
		const key2 = await unlockVault(next, 'Neue Passphrase 2025!');
		expect(await openValue(key2, sealed, 'documents/a/name')).toBe('Max Mustermann');
		await expect(rewrapVault(record, 'falsch falsch 1', 'x')).rejects.toMatchObject({
			code: 'vault.wrongPassphrase'
		});
	});
});

describe('sealed values', () => {
	const key = () =>
		crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);

	it('round-trip JSON and raw bytes, with a fresh IV each time', async () => {
		const k = await key();
		const a = await sealValue(k, [{ start: 0, end: 3, text: 'Max' }], 'deid/1/spans');
		const b = await sealValue(k, [{ start: 0, end: 3, text: 'Max' }], 'deid/1/spans');
		expect(a.iv).not.toEqual(b.iv);
		expect(await openValue(k, a, 'deid/1/spans')).toEqual([{ start: 0, end: 3, text: 'Max' }]);
		const pdf = new Uint8Array([37, 80, 68, 70, 0, 255]);
		const sealed = await sealValue(k, pdf, 'contents/1/file');
		expect(sealed.bytes).toBe(true);
		expect(await openValue(k, sealed, 'contents/1/file')).toEqual(pdf);
	});

	it('a value moved to another record or field, or changed, does not open', async () => {
		const k = await key();
		const sealed = await sealValue(k, 'Max Mustermann', 'documents/a/name');
		await expect(openValue(k, sealed, 'documents/b/name')).rejects.toMatchObject({
			code: 'vault.unreadable'
		});
		const bytes = new Uint8Array(sealed.data.slice(0));
		bytes[0]! ^= 1;
		await expect(
			openValue(k, { ...sealed, data: bytes.buffer }, 'documents/a/name')
		).rejects.toMatchObject({ code: 'vault.unreadable' });
		await expect(openValue(await key(), sealed, 'documents/a/name')).rejects.toMatchObject({
			code: 'vault.unreadable'
		});
	});
});

describe('passphrase strength', () => {
	it.each([
		['', 0, false],
		['kurz', 0, false],
		['alllowercaseletters', 1, false],
		['Passwort2024!', 1, false],
		['Abcdefghijk1', 0, false],
		['aaaaaaaaaaA1', 0, false],
		['Sonnenblume7', 2, true],
		['Herbstlaub am Elbufer 7', 3, true],
		['correct horse battery staple', 3, true]
	] as const)('%j: level %i, acceptable %s', (pass, level, acceptable) => {
		const s = passphraseStrength(pass);
		expect(s.level).toBe(level);
		expect(s.acceptable).toBe(acceptable);
	});

	it('says what is wrong', () => {
		expect(passphraseStrength('kurz').problems).toEqual(
			expect.arrayContaining(['short', 'oneClass'])
		);
		expect(passphraseStrength('Klinikum2024!').problems).toContain('common');
		expect(passphraseStrength('abcdefghijk1A').problems).toContain('pattern');
	});
});
