import type { Page } from '@playwright/test';
import { expect, test } from './test';
import { databaseDump, pasteDocument, storesHolding, tableCounts } from './helpers';

// These tests drive the workspace screens themselves.
test.use({ autoUnlock: false });

const PASS = 'Nordseewind über Sylt 9';
const NEW_PASS = 'Ebbe und Flut am Watt 4';

async function setUp(page: Page, passphrase = PASS) {
	const screen = page.getByTestId('vault-screen');
	await expect(screen).toHaveAttribute('data-mode', 'new');
	await screen.getByTestId('new-passphrase').fill(passphrase);
	await screen.getByTestId('repeat-passphrase').fill(passphrase);
	await screen.getByTestId('create-vault').click();
	await expect(page.getByTestId('lock-now')).toBeVisible();
}

async function unlock(page: Page, passphrase = PASS) {
	const screen = page.getByTestId('vault-screen');
	await expect(screen).toHaveAttribute('data-mode', 'locked');
	await screen.getByTestId('unlock-passphrase').fill(passphrase);
	await screen.getByTestId('unlock').click();
	await expect(page.getByTestId('lock-now')).toBeVisible();
}

function auditEntries(page: Page, action: string) {
	return page.getByTestId('audit-log').locator(`[data-action=${action}]`);
}

test('first use sets a passphrase with its strength; a reload locks; a wrong passphrase changes nothing', async ({
	page
}) => {
	await page.goto('/');
	const screen = page.getByTestId('vault-screen');
	await expect(screen.getByRole('heading')).toHaveText(
		'Protect the patient data with a passphrase'
	);
	await expect(screen).toContainText('the only way out is deleting all patient data');
	await expect(page.getByRole('link', { name: 'Documents' })).toHaveCount(0);

	const create = screen.getByTestId('create-vault');
	await screen.getByTestId('new-passphrase').fill('kurz');
	await expect(screen.getByTestId('strength-label')).toHaveText('weak');
	await expect(screen.getByTestId('strength')).toContainText('Use at least 10 characters');
	await screen.getByTestId('new-passphrase').fill('Passwort2024!');
	await expect(screen.getByTestId('strength')).toContainText('Avoid common words');
	await screen.getByTestId('new-passphrase').fill(PASS);
	await expect(screen.getByTestId('strength-label')).toHaveText('strong');
	await screen.getByTestId('repeat-passphrase').fill(`${PASS}!`);
	await expect(screen.getByText('The two entries differ.')).toBeVisible();
	await expect(create).toBeDisabled();
	await screen.getByTestId('repeat-passphrase').fill(PASS);
	await create.click();
	await expect(page.getByRole('heading', { name: 'Add documents' })).toBeVisible();

	await pasteDocument(page, 'Befund: Lungenembolie beidseits.', 'Brief Vault');
	await page.reload();
	await expect(screen).toHaveAttribute('data-mode', 'locked');
	await expect(page.getByTestId('doc-row')).toHaveCount(0);

	const before = await databaseDump(page);
	await screen.getByTestId('unlock-passphrase').fill('Nordseewind über Sylt 8');
	await screen.getByTestId('unlock').click();
	await expect(screen.getByTestId('unlock-error')).toContainText(
		'This passphrase is not the right one. Nothing was changed'
	);
	expect(await databaseDump(page)).toBe(before);

	// How long the key derivation (PBKDF2-SHA-256, 600,000 iterations) takes in this browser.
	const ms = await page.evaluate(async () => {
		const started = performance.now();
		const material = await crypto.subtle.importKey(
			'raw',
			new TextEncoder().encode('x'),
			'PBKDF2',
			false,
			['deriveKey']
		);
		await crypto.subtle.deriveKey(
			{ name: 'PBKDF2', hash: 'SHA-256', salt: new Uint8Array(16), iterations: 600_000 },
			material,
			{ name: 'AES-GCM', length: 256 },
			false,
			['encrypt']
		);
		return performance.now() - started;
	});
	test.info().annotations.push({ type: 'PBKDF2 600,000 iterations', description: `${ms} ms` });
	console.log(`PBKDF2-SHA-256, 600,000 iterations: ${Math.round(ms)} ms`);

	const started = Date.now();
	await unlock(page);
	console.log(`Unlock to the documents page: ${Date.now() - started} ms`);
	await expect(page.getByTestId('doc-row').filter({ hasText: 'Brief Vault' })).toBeVisible();
});

test('IndexedDB holds no document text or file name in clear', async ({ page }) => {
	const phrase = 'Mustermann';
	await page.goto('/');
	await setUp(page);
	await pasteDocument(page, `Patient ${phrase}, geb. 1.2.1950, Diagnose C34.1`, `${phrase} Brief`);
	await page.getByTestId('file-input').setInputFiles({
		name: `${phrase}_Befund.txt`,
		mimeType: 'text/plain',
		buffer: Buffer.from(`Befund von Herrn ${phrase}: unauffällig.`)
	});
	await expect(page.getByTestId('doc-row')).toHaveCount(2);

	expect(await storesHolding(page, phrase)).toEqual([]);
	expect(await storesHolding(page, 'Diagnose C34.1')).toEqual([]);
	// The scan does find what is stored in clear: ids and the like.
	expect(await storesHolding(page, 'paste')).toContain('documents');

	// And the app reads it all back.
	await page.getByPlaceholder('Search names and text').fill('unauffällig');
	await expect(page.getByTestId('doc-row')).toHaveCount(1);
	await expect(page.getByTestId('doc-row')).toContainText(`${phrase}_Befund.txt`);
});

test('a database from before encryption is sealed in place when the passphrase is set', async ({
	page
}) => {
	test.setTimeout(120_000);
	await page.goto('/');
	await expect(page.getByTestId('vault-screen')).toHaveAttribute('data-mode', 'new');
	// 10,000 documents as an earlier version stored them: names and texts in clear.
	await page.evaluate(async () => {
		const req = indexedDB.open('enclave');
		const db = await new Promise<IDBDatabase>((res) => (req.onsuccess = () => res(req.result)));
		const tx = db.transaction(['documents', 'contents'], 'readwrite');
		for (let i = 0; i < 10_000; i++) {
			const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
			tx.objectStore('documents').put({
				id,
				name: `Bericht ${String(i).padStart(5, '0')}.txt`,
				type: 'txt',
				size: 100,
				pages: 0,
				chars: 40,
				importedAt: 1_700_000_000_000 + i
			});
			tx.objectStore('contents').put({ id, text: `Synthetischer Text Nummer ${i}`, pages: [] });
		}
		await new Promise((res) => (tx.oncomplete = res));
		db.close();
	});
	await page.reload();
	await expect(page.getByTestId('plain-records')).toHaveText(
		'20000 records already stored here will be encrypted.'
	);
	let started = Date.now();
	await setUp(page);
	await expect(page.getByTestId('doc-count')).toHaveText('10000 documents', { timeout: 60_000 });
	console.log(`Sealing 10,000 documents and listing them: ${Date.now() - started} ms`);
	expect(await storesHolding(page, 'Synthetischer Text')).toEqual([]);
	expect(await storesHolding(page, 'Bericht 0')).toEqual([]);

	started = Date.now();
	await page.reload();
	await unlock(page);
	await expect(page.getByTestId('doc-count')).toHaveText('10000 documents');
	console.log(`Unlock and list 10,000 sealed documents: ${Date.now() - started} ms`);
	started = Date.now();
	await page.getByRole('searchbox').fill('Nummer 9876');
	await expect(page.getByTestId('doc-row')).toHaveCount(1);
	await expect(page.getByTestId('doc-row')).toContainText('Bericht 09876.txt');
	console.log(`Text search over 10,000 sealed texts: ${Date.now() - started} ms`);
});

test('changing the passphrase: the old one fails, the new one opens the same documents', async ({
	page
}) => {
	await page.goto('/');
	await setUp(page);
	await pasteDocument(page, 'Befund für den Wechsel.', 'Brief Wechsel');
	await page.getByRole('link', { name: 'Storage' }).click();

	await page.getByTestId('current-passphrase').fill('Nicht die richtige 1');
	await page.getByTestId('changed-passphrase').fill(NEW_PASS);
	await page.getByTestId('changed-passphrase-repeat').fill(NEW_PASS);
	await page.getByTestId('change-passphrase').click();
	await expect(page.getByRole('alert')).toContainText('This passphrase is not the right one');

	await page.getByTestId('current-passphrase').fill(PASS);
	await page.getByTestId('change-passphrase').click();
	await expect(page.getByText('The passphrase was changed.')).toBeVisible();

	await page.getByTestId('lock-now').click();
	const screen = page.getByTestId('vault-screen');
	await expect(screen.getByTestId('lock-reason')).toContainText('It was locked.');
	await screen.getByTestId('unlock-passphrase').fill(PASS);
	await screen.getByTestId('unlock').click();
	await expect(screen.getByTestId('unlock-error')).toBeVisible();
	await unlock(page, NEW_PASS);

	await expect(auditEntries(page, 'passphraseChange')).toHaveCount(1);
	await expect(auditEntries(page, 'lock')).toContainText('reason: by hand');
	await expect(auditEntries(page, 'unlock')).toHaveCount(1);
	await page.getByRole('link', { name: 'Documents' }).click();
	await expect(page.getByTestId('doc-row').filter({ hasText: 'Brief Wechsel' })).toBeVisible();
});

test('locking after the idle time pauses a running job; it goes on after the unlock', async ({
	page
}) => {
	test.setTimeout(150_000);
	await page.clock.install();
	await page.goto('/');
	await setUp(page);
	await page.getByRole('link', { name: 'Storage' }).click();
	await page.getByTestId('auto-lock-minutes').fill('1');
	await page.getByTestId('auto-lock-save').click();
	await expect(page.getByText('Enclave now locks after 1 minute without activity.')).toBeVisible();

	await page.getByRole('link', { name: 'Documents' }).click();
	for (const n of [1, 2, 3]) await pasteDocument(page, `Ruhe ${n} [[slow]]`, `Ruhe ${n}`);
	await page.getByRole('link', { name: 'Models' }).click();
	const card = page.getByTestId('model-card').filter({ hasText: 'Hospital server (fixture)' });
	await card.getByRole('button', { name: 'Load', exact: true }).click();
	await expect(card.getByText('Loaded')).toBeVisible();
	await page.getByRole('link', { name: 'Extract' }).click();
	await page
		.getByTestId('template-select')
		.selectOption({ label: 'Arztbrief: Kopfdaten (built in)' });
	for (const n of [1, 2, 3]) await page.getByRole('checkbox', { name: `Ruhe ${n}` }).check();
	await page.getByTestId('run-extraction').click();
	await expect(page.getByText('Working on Ruhe')).toBeVisible();

	// Nobody touches the computer for a minute and a half.
	await page.clock.fastForward('01:30');
	const screen = page.getByTestId('vault-screen');
	await expect(screen).toHaveAttribute('data-mode', 'locked');
	await expect(screen.getByTestId('lock-reason')).toContainText(
		'It locked itself after 1 minute without activity. Running jobs are paused'
	);
	const job = async () => {
		const counts = await tableCounts(page);
		const dump = JSON.parse(await databaseDump(page)) as {
			jobs: { status: string; doneIds: string[] }[];
		};
		return { results: counts.results, status: dump.jobs[0]?.status, done: dump.jobs[0]?.doneIds };
	};
	const atLock = await job();
	expect(atLock.status).toBe('running');
	// Longer than one slow document: nothing moves while locked.
	await page.waitForTimeout(12_000);
	expect(await job()).toEqual(atLock);

	await unlock(page);
	await expect(page.getByTestId('job-progress')).toHaveText('3 of 3 documents', {
		timeout: 90_000
	});
	const after = await job();
	expect(after.status).toBe('done');
	expect(after.results).toBe(3);
	expect(new Set(after.done).size).toBe(3);
	await expect(page.getByText('failed')).toHaveCount(0);
});

test('a forgotten passphrase: the only way out is deleting the workspace, then a fresh start', async ({
	page
}) => {
	await page.goto('/');
	await setUp(page);
	await pasteDocument(page, 'Wird gleich gelöscht.', 'Brief Vergessen');
	await page.reload();
	const screen = page.getByTestId('vault-screen');
	await screen.getByRole('button', { name: 'Forgot the passphrase?' }).click();
	const forgot = screen.getByTestId('forgot');
	await expect(forgot).toContainText('A forgotten passphrase cannot be recovered');
	await expect(forgot).toContainText('The only way out is deleting every document');
	await forgot.getByRole('button', { name: 'Delete all patient data and start again' }).click();

	const dialog = page.getByRole('dialog');
	const confirm = dialog.getByRole('button', { name: 'Delete all patient data and start again' });
	await expect(confirm).toBeDisabled();
	await dialog.getByRole('textbox').fill('DELETE');
	await confirm.click();
	await expect(screen).toHaveAttribute('data-mode', 'new');
	const counts = await tableCounts(page);
	expect(counts.documents).toBe(0);
	expect(counts.contents).toBe(0);

	await setUp(page, NEW_PASS);
	await expect(page.getByText('No documents yet')).toBeVisible();
	await page.getByRole('link', { name: 'Storage' }).click();
	await expect(auditEntries(page, 'workspaceDelete')).toHaveCount(1);
	await expect(auditEntries(page, 'vaultCreate')).toHaveCount(2);
});

test('retention: old documents are announced a day ahead, then deleted at the next unlock', async ({
	page
}) => {
	await page.clock.install();
	await page.goto('/');
	await setUp(page);
	await pasteDocument(page, 'Ein alter Befund.', 'Brief Alt');
	await page.getByRole('link', { name: 'Storage' }).click();
	const due = page.getByTestId('retention-due');
	await expect(due).toHaveCount(0);

	await page.getByTestId('retention-on').check();
	await page.getByTestId('retention-days').fill('1');
	await page.getByTestId('retention-save').click();
	await expect(due).toContainText('1 document will be deleted on');
	await expect(
		page.getByText(/Retention: 1 document older than 1 day will be deleted on/)
	).toBeVisible();
	await page.getByRole('link', { name: 'Documents' }).click();
	await expect(page.getByTestId('doc-row')).toHaveCount(1);

	// The next day: the workstation locked itself meanwhile (15 minutes by default).
	await page.clock.fastForward('25:00:00');
	const screen = page.getByTestId('vault-screen');
	await expect(screen).toHaveAttribute('data-mode', 'locked');
	await unlock(page);
	await expect(page.getByText('Retention: 1 document older than 1 day was deleted.')).toBeVisible();
	await expect(page.getByText('No documents yet')).toBeVisible();
	expect((await tableCounts(page)).contents).toBe(0);

	await page.getByRole('link', { name: 'Storage' }).click();
	await expect(auditEntries(page, 'retention')).toContainText('documents: 1');
	await expect(auditEntries(page, 'lock')).toContainText('reason: no activity');
	await expect(auditEntries(page, 'unlock')).toHaveCount(1);
	await expect(due).toContainText('No document is due for deletion.');
});

test('locking one window locks the others; each unlocks with the passphrase', async ({
	page,
	context
}) => {
	await page.goto('/');
	await setUp(page);
	const second = await context.newPage();
	await second.goto('/');
	await unlock(second);

	await page.getByTestId('lock-now').click();
	const secondScreen = second.getByTestId('vault-screen');
	await expect(secondScreen).toHaveAttribute('data-mode', 'locked');
	await expect(secondScreen.getByTestId('lock-reason')).toContainText(
		'It was locked in another window.'
	);
	await unlock(page);
	await expect(secondScreen).toHaveAttribute('data-mode', 'locked');
});
