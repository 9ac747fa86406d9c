import { test as base, expect, type Page } from '@playwright/test';

/** The passphrase the tests set up the encrypted workspace with. */
export const TEST_PASSPHRASE = 'Testlauf mit vier Wörtern 2026';

/**
 * Whenever the encrypted workspace's screen shows (first visit, reload, new tab, lock), sets it up
 * or unlocks it through the real form, before the test's next action or assertion goes on.
 */
function completeVaultScreens(page: Page): Promise<void> {
	return page.addLocatorHandler(page.getByTestId('vault-screen'), async (screen) => {
		if ((await screen.getAttribute('data-mode')) === 'new') {
			await screen.getByTestId('new-passphrase').fill(TEST_PASSPHRASE);
			await screen.getByTestId('repeat-passphrase').fill(TEST_PASSPHRASE);
			await screen.getByTestId('create-vault').click();
		} else {
			await screen.getByTestId('unlock-passphrase').fill(TEST_PASSPHRASE);
			await screen.getByTestId('unlock').click();
		}
	});
}

/**
 * Every end-to-end test runs with the Content Security Policy in force and fails on any
 * violation the page reports. Unless a test opts out (`test.use({ autoUnlock: false })`), the
 * workspace screens are completed for it on every page of its browser context.
 */
export const test = base.extend<{
	cspViolations: string[];
	autoUnlock: boolean;
	unlockPages: (page: Page) => Promise<void>;
}>({
	autoUnlock: [true, { option: true }],
	unlockPages: async ({ context, autoUnlock }, use) => {
		const handled = new WeakMap<Page, Promise<void>>();
		const handle = (page: Page) => {
			if (!handled.has(page)) handled.set(page, completeVaultScreens(page));
			return handled.get(page)!;
		};
		if (autoUnlock) context.on('page', (page) => void handle(page));
		await use(autoUnlock ? handle : () => Promise.resolve());
	},
	// The test's own page may exist before the listener above: it is handled here, and waited for.
	page: async ({ page, unlockPages }, use) => {
		await unlockPages(page);
		await use(page);
	},
	cspViolations: [
		async ({ context }, use) => {
			const violations: string[] = [];
			await context.exposeBinding('__enclaveCspViolation', (_source, report: string) => {
				violations.push(report);
			});
			await context.addInitScript(() => {
				document.addEventListener('securitypolicyviolation', (e) => {
					const report = (window as unknown as { __enclaveCspViolation?: (r: string) => void })
						.__enclaveCspViolation;
					report?.(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'}`);
				});
			});
			await use(violations);
			expect(violations, 'Content Security Policy violations').toEqual([]);
		},
		{ auto: true }
	]
});

export { expect };
