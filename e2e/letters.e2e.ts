import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import type { Page } from '@playwright/test';
import { expect, test } from './test';
import { pasteDocument } from './helpers';

// Invented sources: every value is made up. The fixture server answers [[letter]] with a short
// letter that quotes the dates and measurements of its prompt in the order they appear.
const ADMISSION =
	'Admission on 12.03.2024 with pneumonia. CRP 120 mg/l. Started amoxicillin 1000 mg. [[letter]]';
const COURSE = 'Course: fever up to 38.5 °C, discharged on 19.03.2024.';
const TEMPLATE = 'Physician letter · EN (built in)';

async function connectServer(page: Page) {
	await page.getByRole('link', { name: 'Models' }).click();
	const card = page.getByTestId('model-card').filter({ hasText: 'Hospital server (fixture)' });
	await card.getByRole('button', { name: 'Load', exact: true }).click();
	await expect(card.getByText('Loaded')).toBeVisible();
}

async function openLetters(page: Page) {
	await page.getByRole('link', { name: 'Letters', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Letters and summaries' })).toBeVisible();
}

/** Writes a draft from the named documents, ticked in this order, and opens its page. */
async function writeDraft(page: Page, names: string[], template = TEMPLATE) {
	await openLetters(page);
	await page.getByTestId('letter-template').selectOption({ label: template });
	for (const name of names) await page.getByRole('checkbox', { name }).check();
	await page.getByTestId('write-draft').click();
	await expect(page).toHaveURL(/\/letters\/[0-9a-f-]{36}$/);
}

const draftText = (page: Page) => page.getByTestId('draft-text');

test.beforeEach(async ({ page }) => {
	await page.goto('/');
});

test('a draft from ordered sources is stored, edited with a diff, and kept across a reload', async ({
	page
}) => {
	await pasteDocument(page, ADMISSION, 'Admission note');
	await pasteDocument(page, COURSE, 'Course note');
	await connectServer(page);
	await openLetters(page);
	await page.getByTestId('letter-template').selectOption({ label: TEMPLATE });

	// Ticked second, moved first: the model reads the sources in the order shown.
	await page.getByRole('checkbox', { name: 'Course note' }).check();
	await page.getByRole('checkbox', { name: 'Admission note' }).check();
	const order = page.getByTestId('source-item');
	await expect(order).toHaveText([/Course note/, /Admission note/]);
	await page.getByRole('button', { name: 'Move Admission note up' }).click();
	await expect(order).toHaveText([/Admission note/, /Course note/]);

	await page.getByTestId('write-draft').click();
	await expect(page).toHaveURL(/\/letters\/[0-9a-f-]{36}$/);
	// The values come back in the order of the sources: the admission note's first.
	await expect(draftText(page)).toHaveValue(
		/^Fixture letter\. .*The sources report 12\.03\.2024, 120 mg\/l, 1000 mg, 38\.5 °C, 19\.03\.2024\./
	);
	const sources = page.getByTestId('draft-source');
	await expect(sources).toHaveText([/Admission note\s+used/, /Course note\s+used/]);
	await expect(page.getByTestId('check-clean')).toBeVisible();
	await expect(page.getByTestId('version')).toHaveCount(1);
	await expect(page.getByTestId('version')).toContainText(['Model draft 1']);
	await expect(page.getByTestId('stop-reason')).toHaveCount(0);

	// The physician's edit is saved as a version of its own, and compared with the model's.
	const model = await draftText(page).inputValue();
	const final = model.replace(
		'Kind regards.',
		'Follow-up in 6 weeks. Kind regards, the ward team.'
	);
	await draftText(page).fill(final);
	await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
	await expect(page.getByTestId('version')).toHaveCount(2);
	await expect(page.getByTestId('version').nth(1)).toContainText('Your edit');
	await expect(page.getByTestId('diff-counts')).toHaveText(/^\d+ words added, 0 words removed$/);
	await expect(page.getByTestId('diff').locator('ins').first()).toContainText('Follow-up in 6');

	// The source check marks what the edit added and no source says.
	const unverified = page.getByTestId('unverified');
	await expect(unverified).toHaveCount(1);
	await expect(unverified).toContainText('6 weeks');
	await expect(page.getByTestId('check-preview').locator('mark')).toHaveText('6 weeks');

	await page.reload();
	await expect(draftText(page)).toHaveValue(final);
	await expect(page.getByTestId('version')).toHaveCount(2);
	await expect(page.getByTestId('diff').locator('ins').first()).toContainText('Follow-up in 6');
	await expect(page.getByTestId('draft-source')).toHaveText([/Admission note/, /Course note/]);

	// Listed with the drafts, as edited.
	await page.getByRole('link', { name: 'All drafts' }).click();
	const row = page.getByTestId('draft-row');
	await expect(row).toHaveCount(1);
	await expect(row).toContainText('Physician letter');
	await expect(row).toContainText('Complete');
	await expect(row).toContainText('edited');
});

test('the source check marks a dose that no source contains', async ({ page }) => {
	await pasteDocument(page, `${ADMISSION} [[invent]]`, 'Admission note');
	await connectServer(page);
	await writeDraft(page, ['Admission note']);
	await expect(draftText(page)).toHaveValue(/Continue ramipril 7\.5 mg daily\./);
	const check = page.getByTestId('source-check');
	await expect(check.getByTestId('unverified').filter({ hasText: '7.5 mg' })).toHaveAttribute(
		'data-kind',
		'dose'
	);
	// The values the sources do contain stay unmarked.
	await expect(check.getByTestId('unverified').filter({ hasText: '1000 mg' })).toHaveCount(0);
	await expect(
		check.getByTestId('check-preview').locator('mark', { hasText: '7.5 mg' })
	).toBeVisible();
});

test('stop mid-stream keeps the partial draft', async ({ page }) => {
	await pasteDocument(page, `${ADMISSION} [[slow]]`, 'Admission note');
	await connectServer(page);
	await writeDraft(page, ['Admission note']);
	const stream = page.getByTestId('draft-stream');
	await expect(stream).toContainText('Fixture letter. The');
	await expect(page.getByTestId('draft-progress')).toHaveText('Writing the draft…');
	await page.getByRole('button', { name: 'Stop' }).click();

	await expect(page.getByTestId('stop-reason')).toContainText(
		'You stopped the model. The text written so far is kept.'
	);
	const partial = await draftText(page).inputValue();
	expect(partial).toMatch(/^Fixture letter\. The/);
	expect(partial).not.toContain('Kind regards.');
	await expect(page.getByTestId('version')).toHaveCount(1);
	await expect(page.getByTestId('version')).toContainText(['Stopped']);
	await page.waitForTimeout(600);
	expect(await draftText(page).inputValue()).toBe(partial);

	// Regenerate writes a new model version; the stopped one is kept.
	await page.getByTestId('regenerate').click();
	await expect(page.getByTestId('version')).toHaveCount(2, { timeout: 20_000 });
	await expect(draftText(page)).toHaveValue(/Kind regards\.$/);
	await expect(page.getByTestId('version').nth(1)).toContainText('Model draft 2');
});

test('a model that repeats itself is stopped with a clear message and its text kept', async ({
	page
}) => {
	await pasteDocument(page, 'Stable patient. [[repeat]]', 'Loop note');
	await connectServer(page);
	await writeDraft(page, ['Loop note']);
	await expect(page.getByTestId('stop-reason')).toContainText('Stopped: the model repeated itself');
	const text = await draftText(page).inputValue();
	expect(text).toMatch(/^Fixture letter\. The patient is stable\./);
	// The loop is cut back to its first copy, long before the answer's length limit.
	expect(text.split('The patient is stable.').length - 1).toBeLessThanOrEqual(2);
	await expect(page.getByTestId('version')).toContainText(['Stopped: the model repeated itself']);
});

test('an engine that disconnects mid-stream keeps the text so far and says what happened', async ({
	page
}) => {
	await pasteDocument(page, `${ADMISSION} [[disconnect]]`, 'Admission note');
	await connectServer(page);
	await writeDraft(page, ['Admission note']);
	await expect(page.getByTestId('draft-error')).toContainText('network connection was interrupted');
	await expect(page.getByTestId('stop-reason')).toContainText(
		'The model failed while writing. The text written so far is kept'
	);
	await expect(draftText(page)).toHaveValue('Fixture letter. The patient was treated');
	await expect(page.getByTestId('version')).toHaveCount(1);
});

test('writing without sources is refused with a message', async ({ page }) => {
	await pasteDocument(page, COURSE, 'Course note');
	await connectServer(page);
	await openLetters(page);
	await page.getByTestId('letter-template').selectOption({ label: TEMPLATE });
	await page.getByTestId('write-draft').click();
	await expect(page.getByRole('alert')).toContainText(
		'There is no text to write from: choose at least one document'
	);
	await expect(page).toHaveURL(/\/letters$/);
	await expect(page.getByTestId('draft-row')).toHaveCount(0);
});

test('long sources are summarised part by part, with progress, before the draft is written', async ({
	page
}) => {
	test.slow();
	// About 60,000 characters: more than the fixture server's 8,192-token context holds at once.
	const long = Array.from(
		{ length: 1200 },
		(_, i) => `Day ${i + 1}: observation noted on the ward, vital signs recorded. [[slow]]`
	).join('\n');
	await pasteDocument(page, long, 'Long course');
	await connectServer(page);
	await writeDraft(page, ['Long course']);
	await expect(page.getByTestId('draft-progress')).toHaveText(/^Summarising part 1 of [2-9]\b/);
	await expect(page.getByTestId('draft-progress')).toHaveText(/^Summarising part 2 of [2-9]\b/, {
		timeout: 20_000
	});
	await expect(draftText(page)).toHaveValue(/^Fixture answer/, { timeout: 45_000 });
	await expect(page.getByTestId('draft-source')).toHaveText([/Long course\s+used/]);
});

test('a rating is stored with the draft and shown per template', async ({ page }) => {
	await pasteDocument(page, ADMISSION, 'Admission note');
	await connectServer(page);
	await writeDraft(page, ['Admission note']);
	await expect(draftText(page)).toHaveValue(/Kind regards\.$/);

	const form = page.getByTestId('rating-form');
	await form.getByRole('button', { name: 'Save rating' }).click();
	await expect(form.getByRole('alert')).toHaveText('Rate all four criteria first.');
	await form.getByTestId('rate-benefit').getByRole('radio', { name: /^3 ·/ }).check();
	await form.getByTestId('rate-correctness').getByRole('radio', { name: /^4 ·/ }).check();
	await form.getByTestId('rate-completeness').getByRole('radio', { name: /^3 ·/ }).check();
	await form.getByTestId('rate-style').getByRole('radio', { name: /^2 ·/ }).check();
	await form.getByLabel('Comment').fill('Usable after small edits.');
	await form.getByRole('button', { name: 'Save rating' }).click();
	await expect(form.getByTestId('rated-at')).toBeVisible();

	await page.reload();
	await expect(page.getByTestId('rate-benefit').getByRole('radio', { name: /^3 ·/ })).toBeChecked();
	await expect(page.getByTestId('rating-form').getByLabel('Comment')).toHaveValue(
		'Usable after small edits.'
	);

	await page.getByRole('link', { name: 'All drafts' }).click();
	const dist = page
		.getByTestId('rating-distribution')
		.filter({ hasText: 'Physician letter' })
		.filter({ hasText: '1 rated letter' });
	await expect(dist).toBeVisible();
	const cell = (criterion: string, score: number) =>
		dist.locator(`[data-criterion="${criterion}"] [data-score="${score}"]`);
	await expect(cell('benefit', 3)).toHaveText('1');
	await expect(cell('benefit', 4)).toHaveText('0');
	await expect(cell('correctness', 4)).toHaveText('1');
	await expect(cell('style', 2)).toHaveText('1');
	await expect(page.getByTestId('draft-row')).toContainText('rated');
});

test('house-style examples are marked, used in the prompt and shown on the draft', async ({
	page
}) => {
	await pasteDocument(
		page,
		'Dear Colleague, we report on our joint patient who was treated on our ward and is well.',
		'House letter'
	);
	await pasteDocument(page, ADMISSION, 'Admission note');
	await connectServer(page);
	await openLetters(page);
	const style = page.getByTestId('style-examples');
	await style.getByTestId('style-document').selectOption({ label: 'House letter' });
	await style.getByTestId('style-kind').selectOption({ label: 'Physician letter' });
	await style.getByRole('button', { name: 'Mark as example' }).click();
	await expect(style.getByTestId('style-example')).toHaveText([/House letter\s+Physician letter/]);

	await writeDraft(page, ['Admission note']);
	await expect(draftText(page)).toHaveValue(/Kind regards\.$/);
	await expect(page.getByTestId('used-examples')).toHaveText('House letter');
});

test('the draft is copied, plain and formatted, and downloads as .docx and .txt', async ({
	page,
	context
}) => {
	await pasteDocument(page, ADMISSION, 'Admission note');
	await connectServer(page);
	await writeDraft(page, ['Admission note']);
	await expect(draftText(page)).toHaveValue(/Kind regards\.$/);
	const text = await draftText(page).inputValue();

	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await page.getByRole('button', { name: 'Copy text' }).click();
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text);
	await page.getByRole('button', { name: 'Copy formatted' }).click();
	const copied = await page.evaluate(async () => {
		const [item] = await navigator.clipboard.read();
		const read = async (type: string) => (await item!.getType(type)).text();
		return { html: await read('text/html'), plain: await read('text/plain') };
	});
	expect(copied.plain).toBe(text);
	expect(copied.html).toContain('<p>Fixture letter.');

	const docxDownload = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Word (.docx)' }).click();
	const docx = await docxDownload;
	expect(docx.suggestedFilename()).toMatch(/^letter-\d{4}-\d{2}-\d{2}\.docx$/);
	const zip = await JSZip.loadAsync(readFileSync((await docx.path())!));
	const xml = await zip.file('word/document.xml')!.async('string');
	expect(xml).toContain('Fixture letter.');
	expect(xml).toContain('120 mg/l');

	const txtDownload = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Text (.txt)' }).click();
	const txt = await txtDownload;
	expect(txt.suggestedFilename()).toMatch(/^letter-\d{4}-\d{2}-\d{2}\.txt$/);
	expect(readFileSync((await txt.path())!, 'utf8').trim()).toBe(text.trim());
});

test('a built-in template is duplicated, edited and then offered for drafts', async ({ page }) => {
	await openLetters(page);
	await page.getByRole('link', { name: 'Templates', exact: true }).click();
	const row = page.getByTestId('letter-template-row').filter({ hasText: 'Physician letter' });
	await row.filter({ hasText: 'EN' }).getByRole('button', { name: 'Duplicate' }).click();
	await expect(page).toHaveURL(/\/letters\/templates\/[0-9a-f-]{36}$/);
	await expect(page.getByTestId('template-name')).toHaveValue('Physician letter (copy)');

	await page.getByTestId('template-name').fill('Short letter');
	await page.getByTestId('template-sections').fill('Summary\nPlan\nPlan');
	// A heading listed twice is refused before saving.
	await expect(page.getByText('sections[2]: listed twice')).toBeVisible();
	await expect(page.getByTestId('save-template')).toBeDisabled();
	await page.getByTestId('template-sections').fill('Summary\nPlan');
	await page.getByTestId('save-template').click();
	await expect(page.getByText('Template saved.')).toBeVisible();

	await page.reload();
	await expect(page.getByTestId('template-sections')).toHaveValue('Summary\nPlan');
	await page.getByRole('link', { name: 'Letter templates' }).click();
	await expect(
		page.getByTestId('letter-template-row').filter({ hasText: 'Short letter' })
	).not.toContainText('built in');
	await page
		.getByTestId('letter-template-row')
		.filter({ hasText: 'Short letter' })
		.getByRole('link', { name: 'Use' })
		.click();
	await expect(page.getByTestId('letter-template').locator('option:checked')).toHaveText(
		'Short letter · EN'
	);
});

test('a draft is scored against a stored reference letter with ROUGE and BLEU', async ({
	page
}) => {
	await pasteDocument(page, ADMISSION, 'Admission note');
	await pasteDocument(page, 'Fixture letter. Kind regards.', 'Reference letter');
	await connectServer(page);
	await writeDraft(page, ['Admission note']);
	await expect(draftText(page)).toHaveValue(/Kind regards\.$/);
	await page.getByTestId('reference-select').selectOption({ label: 'Reference letter' });
	const scores = page.getByTestId('reference-scores');
	await expect(scores).toContainText('ROUGE-1');
	await expect(scores).toContainText('BLEU');
	// Every word of the reference is in the draft: ROUGE-1 recall is 1, so F is above 0.
	const rouge1 = Number((await scores.locator('dd').first().textContent())?.replace(',', '.'));
	expect(rouge1).toBeGreaterThan(0);
	expect(rouge1).toBeLessThanOrEqual(100);
});
