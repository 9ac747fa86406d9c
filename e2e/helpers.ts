import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { expect, type Page } from '@playwright/test';

export const FILES = resolve(import.meta.dirname, 'fixtures/files');
export const fixtureFile = (name: string) => resolve(FILES, name);

/** Drops real files on the page the way a user drags them from the file manager. */
export async function dropFiles(page: Page, paths: string[], target = 'main') {
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
