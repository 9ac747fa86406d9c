import { EnclaveError } from '$lib/errors';
import { audit } from './audit.repo';
import type { VaultRecord } from './crypto';
import { db, patientTables, type AuditRecord } from './db';
import { sealers, type SealedTableName } from './sealed';

const VAULT = 'vault';
/** Set while records stored before encryption are being sealed; an unlock finishes the work. */
const SEALING = 'vaultSealing';

export async function getVaultRecord(): Promise<VaultRecord | undefined> {
	return (await db.settings.get(VAULT))?.value as VaultRecord | undefined;
}

/** Stores a new vault; refused if another tab created one meanwhile (its key would be lost). */
export async function saveNewVault(record: VaultRecord): Promise<void> {
	await db.transaction('rw', db.settings, db.audit, async () => {
		if (await db.settings.get(VAULT)) throw new EnclaveError('vault.exists');
		await db.settings.bulkPut([
			{ key: VAULT, value: record },
			{ key: SEALING, value: true }
		]);
		await audit('vaultCreate');
	});
}

/** The rewrapped key replaces the old one, unless the passphrase was changed elsewhere meanwhile. */
export async function replaceVaultRecord(old: VaultRecord, next: VaultRecord): Promise<void> {
	await db.transaction('rw', db.settings, db.audit, async () => {
		const current = (await db.settings.get(VAULT))?.value as VaultRecord | undefined;
		if (current?.changedAt !== old.changedAt) throw new EnclaveError('vault.changedElsewhere');
		await db.settings.put({ key: VAULT, value: next });
		await audit('passphraseChange');
	});
}

export async function logVaultEvent(action: 'unlock' | 'lock', details: AuditRecord['details']) {
	await audit(action, details);
}

export async function sealingPending(): Promise<boolean> {
	return (await db.settings.get(SEALING))?.value === true;
}

const SEAL_BATCH = 100;

/**
 * Seals records stored before encryption, a batch at a time: each batch is read, sealed outside
 * any transaction (WebCrypto inside one would let it commit early), then written in one.
 * Interrupted, it goes on at the next unlock. Returns how many records were sealed.
 */
export async function sealPlainRecords(): Promise<number> {
	let count = 0;
	for (const name of Object.keys(sealers) as SealedTableName[]) {
		count += await sealTable(name);
	}
	await db.settings.delete(SEALING);
	return count;
}

async function sealTable(name: SealedTableName): Promise<number> {
	// One table at a time; the sealer and table match by name.
	const sealer = sealers[name] as unknown as (typeof sealers)['documents'];
	const table = db[name] as unknown as typeof db.documents;
	let count = 0;
	for (let after: string | undefined; ;) {
		const rows = await (
			after === undefined ? table.orderBy(':id') : table.where(':id').above(after)
		)
			.limit(SEAL_BATCH)
			.toArray();
		if (rows.length === 0) return count;
		after = rows.at(-1)!.id;
		const plain = rows.filter((r) => sealer.hasPlain(r));
		const sealed = await Promise.all(plain.map(async (r) => sealer.seal(await sealer.open(r))));
		if (sealed.length > 0) await db.transaction('rw', table, () => table.bulkPut(sealed));
		count += sealed.length;
	}
}

/**
 * The way out of a forgotten passphrase: every patient table, the vault and its key go. Settings,
 * templates, downloaded models and the activity log stay.
 */
export async function deleteWorkspace(): Promise<void> {
	const tables = patientTables(db);
	await db.transaction('rw', [...tables, db.settings, db.audit], async () => {
		await Promise.all(tables.map((t) => t.clear()));
		await db.settings.bulkDelete([VAULT, SEALING]);
		await audit('workspaceDelete');
	});
}
