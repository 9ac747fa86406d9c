import { expect, test } from './test';
import { pasteDocument, tableCounts } from './helpers';

test('delete all patient data asks for confirmation and leaves nothing behind', async ({
	page
}) => {
	await page.goto('/');
	await pasteDocument(page, 'Befund A', 'Dok A');
	await pasteDocument(page, 'Befund B', 'Dok B');

	await page.getByRole('link', { name: 'Storage' }).click();
	await expect(page.getByTestId('storage-usage')).not.toHaveText('');
	await expect(page.getByTestId('persisted')).toBeVisible();
	await expect(page.getByTestId('patient-records')).toHaveText('4 records with patient data');

	await page.getByRole('button', { name: 'Delete all patient data' }).click();
	const dialog = page.getByRole('dialog');
	const confirm = dialog.getByRole('button', { name: 'Delete all patient data' });
	await expect(confirm).toBeDisabled();
	await dialog.getByRole('textbox').fill('DELETE');
	await confirm.click();
	await expect(page.getByTestId('patient-records')).toHaveText('0 records with patient data');

	const counts = await tableCounts(page);
	expect(counts.documents).toBe(0);
	expect(counts.contents).toBe(0);
	expect(counts.results).toBe(0);
	expect(counts.jobs).toBe(0);

	// The activity log keeps what happened, without patient data.
	const log = page.getByTestId('audit-log');
	await expect(log.locator('[data-action=deleteAll]')).toContainText('All patient data deleted');
	await expect(log.locator('[data-action=import]')).toHaveCount(2);
	await expect(log).not.toContainText('Dok A');

	await page.getByRole('link', { name: 'Documents' }).click();
	await expect(page.getByText('No documents yet')).toBeVisible();
});

test('deleting one document removes its text and results too', async ({ page }) => {
	await page.goto('/');
	await pasteDocument(page, 'Nur dieser Befund.', 'Einzeln');
	await page.getByTestId('doc-row').getByRole('checkbox').check();
	await page.getByRole('button', { name: 'Delete selected' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
	await expect(page.getByText('No documents yet')).toBeVisible();
	const counts = await tableCounts(page);
	expect(counts.documents).toBe(0);
	expect(counts.contents).toBe(0);
});

test('the interface switches to German and remembers it', async ({ page }) => {
	await page.goto('/');
	await page.getByLabel('Language').selectOption('de');
	await expect(page.getByRole('heading', { name: 'Dokumente hinzufügen' })).toBeVisible();
	await page.reload();
	await expect(page.getByRole('link', { name: 'Speicher' })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'de');
});
