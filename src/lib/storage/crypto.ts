import { EnclaveError } from '$lib/errors';

/** OWASP's 2023 figure for PBKDF2-SHA-256; stored per vault, so that it can be raised later. */
export const PBKDF2_ITERATIONS = 600_000;

/** An encrypted value: AES-GCM under the data key, with its own random IV. */
export interface Sealed {
	iv: Uint8Array<ArrayBuffer>;
	data: ArrayBuffer;
	/** Set when the value was raw bytes (a stored PDF) rather than JSON. */
	bytes?: true;
}

/**
 * What is stored about the workspace's key: the random data key, wrapped under a key derived
 * from the passphrase. Changing the passphrase rewraps the data key; the data stays as it is.
 */
export interface VaultRecord {
	version: 1;
	kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: Uint8Array<ArrayBuffer> };
	wrappedKey: Sealed;
	/** A known text under the passphrase key: a wrong passphrase fails here, before the data key. */
	check: Sealed;
	createdAt: number;
	changedAt: number;
}

const CHECK_TEXT = 'enclave-vault-check-v1';
const WRAP_AAD = 'enclave-vault-data-key';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

const subtle = () => globalThis.crypto.subtle;
const randomBytes = (n: number) => globalThis.crypto.getRandomValues(new Uint8Array(n));
const gcm = (iv: Uint8Array<ArrayBuffer>, aad: string): AesGcmParams => ({
	name: 'AES-GCM',
	iv,
	additionalData: encoder.encode(aad)
});

async function passphraseKey(
	passphrase: string,
	salt: Uint8Array<ArrayBuffer>,
	iterations: number
): Promise<CryptoKey> {
	const material = await subtle().importKey('raw', encoder.encode(passphrase), 'PBKDF2', false, [
		'deriveKey'
	]);
	return subtle().deriveKey(
		{ name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
		material,
		{ name: 'AES-GCM', length: 256 },
		false,
		['encrypt', 'decrypt', 'wrapKey', 'unwrapKey']
	);
}

async function wrap(
	dataKey: CryptoKey,
	passphrase: string,
	iterations: number
): Promise<Omit<VaultRecord, 'createdAt' | 'changedAt'>> {
	const salt = randomBytes(16);
	const kek = await passphraseKey(passphrase, salt, iterations);
	const wrapIv = randomBytes(12);
	const checkIv = randomBytes(12);
	const [wrapped, check] = await Promise.all([
		subtle().wrapKey('raw', dataKey, kek, gcm(wrapIv, WRAP_AAD)),
		subtle().encrypt(gcm(checkIv, CHECK_TEXT), kek, encoder.encode(CHECK_TEXT))
	]);
	return {
		version: 1,
		kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt },
		wrappedKey: { iv: wrapIv, data: wrapped },
		check: { iv: checkIv, data: check }
	};
}

/** Derives the passphrase key and proves it right; a wrong passphrase throws and changes nothing. */
async function unwrap(
	record: VaultRecord,
	passphrase: string,
	extractable: boolean
): Promise<CryptoKey> {
	const kek = await passphraseKey(passphrase, record.kdf.salt, record.kdf.iterations);
	try {
		await subtle().decrypt(gcm(record.check.iv, CHECK_TEXT), kek, record.check.data);
	} catch {
		throw new EnclaveError('vault.wrongPassphrase');
	}
	try {
		return await subtle().unwrapKey(
			'raw',
			record.wrappedKey.data,
			kek,
			gcm(record.wrappedKey.iv, WRAP_AAD),
			{ name: 'AES-GCM', length: 256 },
			extractable,
			['encrypt', 'decrypt']
		);
	} catch (err) {
		// The passphrase was right, yet the key does not come out: the record itself is damaged.
		throw new EnclaveError('vault.damaged', {}, { cause: err });
	}
}

/** A new workspace key; the key returned for use cannot be exported from memory. */
export async function createVault(
	passphrase: string,
	iterations = PBKDF2_ITERATIONS
): Promise<{ record: VaultRecord; key: CryptoKey }> {
	const dataKey = await subtle().generateKey({ name: 'AES-GCM', length: 256 }, true, [
		'encrypt',
		'decrypt'
	]);
	const now = Date.now();
	const record: VaultRecord = {
		...(await wrap(dataKey, passphrase, iterations)),
		createdAt: now,
		changedAt: now
	};
	return { record, key: await unwrap(record, passphrase, false) };
}

export function unlockVault(record: VaultRecord, passphrase: string): Promise<CryptoKey> {
	return unwrap(record, passphrase, false);
}

/** The same data key under a new passphrase (new salt); nothing else is re-encrypted. */
export async function rewrapVault(
	record: VaultRecord,
	oldPassphrase: string,
	newPassphrase: string
): Promise<VaultRecord> {
	const dataKey = await unwrap(record, oldPassphrase, true);
	const iterations = Math.max(record.kdf.iterations, PBKDF2_ITERATIONS);
	return {
		...(await wrap(dataKey, newPassphrase, iterations)),
		createdAt: record.createdAt,
		changedAt: Date.now()
	};
}

/**
 * Encrypts a value (JSON, or raw bytes for a Uint8Array). `context` is bound to it as additional
 * data (table, record id, field), so a sealed value moved to another record does not open.
 */
export async function sealValue(key: CryptoKey, value: unknown, context: string): Promise<Sealed> {
	const iv = randomBytes(12);
	const isBytes = value instanceof Uint8Array;
	const plain = isBytes ? value : encoder.encode(JSON.stringify(value));
	const data = await subtle().encrypt(gcm(iv, context), key, plain as Uint8Array<ArrayBuffer>);
	return isBytes ? { iv, data, bytes: true } : { iv, data };
}

export async function openValue(key: CryptoKey, sealed: Sealed, context: string): Promise<unknown> {
	let plain: ArrayBuffer;
	try {
		plain = await subtle().decrypt(gcm(sealed.iv, context), key, sealed.data);
	} catch (err) {
		throw new EnclaveError('vault.unreadable', {}, { cause: err });
	}
	return sealed.bytes ? new Uint8Array(plain) : JSON.parse(decoder.decode(plain));
}

export type StrengthProblem = 'short' | 'oneClass' | 'common' | 'pattern';

export interface Strength {
	/** 0 weak, 1 fair, 2 good, 3 strong. */
	level: 0 | 1 | 2 | 3;
	acceptable: boolean;
	problems: StrengthProblem[];
}

export const MIN_PASSPHRASE_LENGTH = 10;

// Words and keyboard runs that guessing tools try first, German and English.
const COMMON = [
	'password',
	'passwort',
	'kennwort',
	'geheim',
	'secret',
	'qwertz',
	'qwerty',
	'asdf',
	'yxcv',
	'zxcv',
	'letmein',
	'welcome',
	'willkommen',
	'hallo',
	'hello',
	'admin',
	'login',
	'enclave',
	'klinik',
	'klinikum',
	'krankenhaus',
	'hospital',
	'station',
	'praxis',
	'doktor',
	'patient',
	'sommer',
	'winter',
	'iloveyou',
	'ichliebedich',
	'schatz',
	'test',
	'abc',
	'123'
];

/**
 * A rough estimate of how hard a passphrase is to guess: length and character variety, less for
 * repeats, runs (abc, 321) and common words. Good enough to steer; not a guarantee.
 */
export function passphraseStrength(passphrase: string): Strength {
	const chars = [...passphrase];
	const classes = [/[a-zäöüß]/, /[A-ZÄÖÜ]/, /[0-9]/, /[^a-zA-Z0-9äöüßÄÖÜ]/].filter((re) =>
		re.test(passphrase)
	).length;
	const pool = [26, 26, 10, 33].slice(0, Math.max(classes, 1)).reduce((a, b) => a + b, 0);

	// Each character counts fully unless it repeats the previous one or continues a run.
	let effective = 0;
	for (let i = 0; i < chars.length; i++) {
		const step = (j: number) => chars[j]!.codePointAt(0)! - chars[j - 1]!.codePointAt(0)!;
		const predictable =
			i > 0 && (step(i) === 0 || (i > 1 && Math.abs(step(i)) === 1 && step(i) === step(i - 1)));
		effective += predictable ? 0.2 : 1;
	}
	const lower = passphrase.toLocaleLowerCase('de');
	const words = COMMON.filter((w) => lower.includes(w));
	for (const w of words) effective -= w.length * 0.75;
	const bits = Math.max(effective, 0) * Math.log2(pool);

	const problems: StrengthProblem[] = [];
	if (chars.length < MIN_PASSPHRASE_LENGTH) problems.push('short');
	if (classes < 2) problems.push('oneClass');
	// Mostly a common word, whatever is added around it ("Passwort2024!").
	const core = lower.replace(/[^a-zäöüß]/g, '');
	if (words.some((w) => w.length >= core.length - 3)) problems.push('common');
	if (effective < chars.length / 2) problems.push('pattern');

	const level = bits < 40 ? 0 : bits < 60 ? 1 : bits < 80 ? 2 : 3;
	return {
		level: problems.length > 0 ? (Math.min(level, 1) as 0 | 1) : level,
		acceptable: problems.length === 0 && level >= 1,
		problems
	};
}
