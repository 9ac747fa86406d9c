import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { expect, type Page } from '@playwright/test';

export const FILES = resolve(import.meta.dirname, 'fixtures/files');
export const fixtureFile = (name: string) => resolve(FILES, name);

/** Drops real files on the page the way a user drags them from the file manager. */
export async function dropFiles(page: Page, paths: string[], target = 'main') {
	// Dispatched events wait for no screen: the app must be open (unlocked) first.
	await expect(page.getByTestId('lock-now')).toBeVisible();
	const files = paths.map((p) => ({
		name: basename(p),
		base64: readFileSync(p).toString('base64')
	}));
	const dataTransfer = await page.evaluateHandle((list) => {
		const dt = new DataTransfer();
		for (const f of list) {
			const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
			dt.items.add(new File([bytes], f.name));
		}
		return dt;
	}, files);
	for (const type of ['dragenter', 'dragover', 'drop']) {
		await page.dispatchEvent(target, type, { dataTransfer });
	}
}

export function importItem(page: Page, name: string) {
	return page.getByTestId('import-item').filter({ hasText: name });
}

export async function expectImported(page: Page, name: string) {
	await expect(importItem(page, name)).toHaveAttribute('data-status', 'saved');
}

export async function pasteDocument(page: Page, text: string, name: string) {
	await page.getByLabel(/paste a report/i).fill(text);
	await page.getByPlaceholder(/name \(optional\)/i).fill(name);
	await page.getByRole('button', { name: /save text/i }).click();
	await expect(page.getByTestId('doc-row').filter({ hasText: name })).toBeVisible();
}

/** Every IndexedDB record count of the app's database, read in the page. */
export function tableCounts(page: Page): Promise<Record<string, number>> {
	return page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((res, rej) => {
			const req = indexedDB.open('enclave');
			req.onsuccess = () => res(req.result);
			req.onerror = () => rej(req.error);
		});
		const counts: Record<string, number> = {};
		for (const name of Array.from(db.objectStoreNames)) {
			counts[name] = await new Promise<number>((res) => {
				const r = db.transaction(name).objectStore(name).count();
				r.onsuccess = () => res(r.result);
			});
		}
		db.close();
		return counts;
	});
}

/**
 * Every record of every store of the app's database, as one string: binary values (sealed data)
 * as byte lists, so that two dumps are equal only if nothing at all changed.
 */
export function databaseDump(page: Page): Promise<string> {
	return page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((res, rej) => {
			const req = indexedDB.open('enclave');
			req.onsuccess = () => res(req.result);
			req.onerror = () => rej(req.error);
		});
		const stores: Record<string, unknown[]> = {};
		for (const name of Array.from(db.objectStoreNames)) {
			stores[name] = await new Promise<unknown[]>((res) => {
				const r = db.transaction(name).objectStore(name).getAll();
				r.onsuccess = () => res(r.result);
			});
		}
		db.close();
		return JSON.stringify(stores, (_k, v: unknown) =>
			v instanceof ArrayBuffer
				? Array.from(new Uint8Array(v))
				: ArrayBuffer.isView(v)
					? Array.from(new Uint8Array(v.buffer, v.byteOffset, v.byteLength))
					: v
		);
	});
}

/**
 * The stores of the app's database in which `phrase` can be read: in any string, and in any
 * binary value decoded as UTF-8 (so a clear text stored as bytes counts too).
 */
export function storesHolding(page: Page, phrase: string): Promise<string[]> {
	return page.evaluate(async (needle) => {
		const holds = (v: unknown): boolean => {
			if (typeof v === 'string') return v.includes(needle);
			if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) {
				const bytes =
					v instanceof ArrayBuffer
						? new Uint8Array(v)
						: new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
				return new TextDecoder().decode(bytes).includes(needle);
			}
			if (v && typeof v === 'object') return Object.values(v).some(holds);
			return false;
		};
		const db = await new Promise<IDBDatabase>((res, rej) => {
			const req = indexedDB.open('enclave');
			req.onsuccess = () => res(req.result);
			req.onerror = () => rej(req.error);
		});
		const found: string[] = [];
		for (const name of Array.from(db.objectStoreNames)) {
			const all = await new Promise<unknown[]>((res) => {
				const r = db.transaction(name).objectStore(name).getAll();
				r.onsuccess = () => res(r.result);
			});
			if (all.some(holds)) found.push(name);
		}
		db.close();
		return found;
	}, phrase);
}
