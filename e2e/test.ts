import { test as base, expect } from '@playwright/test';

/**
 * Every end-to-end test runs with the Content Security Policy in force and fails on any
 * violation the page reports.
 */
export const test = base.extend<{ cspViolations: string[] }>({
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
