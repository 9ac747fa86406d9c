import { audit } from './audit.repo';
import { db, patientTables } from './db';
import { getSetting, setSetting } from './settings.repo';

export interface StorageInfo {
	usageBytes: number | null;
	quotaBytes: number | null;
	persisted: boolean | null;
}

export async function storageInfo(): Promise<StorageInfo> {
	const storage = globalThis.navigator?.storage;
	const estimate = storage?.estimate ? await storage.estimate() : undefined;
	const persisted = storage?.persisted ? await storage.persisted() : null;
	return {
		usageBytes: estimate?.usage ?? null,
		quotaBytes: estimate?.quota ?? null,
		persisted
	};
}

export type PersistOutcome = 'granted' | 'refused' | 'unsupported' | 'already';

/**
 * Asks the browser once to keep our data when disk runs low. Called when the first document or
 * model is stored; a refusal is remembered so that the Storage page can explain it.
 */
export async function ensurePersisted(): Promise<PersistOutcome> {
	const storage = globalThis.navigator?.storage;
	if (!storage?.persist || !storage.persisted) return 'unsupported';
	if (await storage.persisted()) return 'already';
	if (await getSetting('persistRequested', false)) return 'refused';
	const granted = await storage.persist();
	await setSetting('persistRequested', true);
	return granted ? 'granted' : 'refused';
}

export async function requestPersistenceAgain(): Promise<boolean> {
	return (await globalThis.navigator?.storage?.persist?.()) ?? false;
}

/** Empties every table that can hold patient data, in one transaction. */
export async function deleteAllPatientData(): Promise<void> {
	const tables = patientTables(db);
	await db.transaction('rw', [...tables, db.audit], async () => {
		await Promise.all(tables.map((t) => t.clear()));
		await audit('deleteAll');
	});
}

export async function patientRecordCount(): Promise<number> {
	const counts = await Promise.all(patientTables(db).map((t) => t.count()));
	return counts.reduce((a, b) => a + b, 0);
}
