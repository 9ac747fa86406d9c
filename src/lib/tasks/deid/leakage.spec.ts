import { describe, expect, it } from 'vitest';
import { scanForLeaks } from './leakage';

describe('scanForLeaks', () => {
	it('passes an output without patient data', () => {
		const out = scanForLeaks('Die Patientin [NAME] wurde am [DATUM] entlassen. Hb 12,3 g/dl.', {
			lang: 'de',
			removed: ['Anna Müller', '04.04.1997'],
			replacements: []
		});
		expect(out).toEqual({ verdict: 'PASS', findings: [] });
	});

	it('fails when a removed string is still there, however it is spelt', () => {
		const output = 'Die Patientin [NAME] (MÜLLER,\nAnna) kam.';
		const out = scanForLeaks(output, {
			lang: 'de',
			removed: ['Müller, Anna', 'A'],
			replacements: []
		});
		expect(out.verdict).toBe('FAIL');
		expect(out.findings.map((f) => f.text)).toContain('MÜLLER,\nAnna');
	});

	it('fails when a known identifier is still there', () => {
		const out = scanForLeaks('Fall 123-456-789 abgeschlossen.', {
			lang: 'de',
			known: [{ value: '123456789', type: 'id' }],
			removed: [],
			replacements: []
		});
		expect(out.verdict).toBe('FAIL');
		expect(out.findings[0]).toMatchObject({ text: '123-456-789', type: 'id', sources: ['known'] });
	});

	it('asks for review when the rules find patient data nobody decided about', () => {
		const out = scanForLeaks('Rückruf unter 0261 210-39989 erbeten.', {
			lang: 'de',
			removed: ['Anna Müller'],
			replacements: []
		});
		expect(out.verdict).toBe('REVIEW');
		expect(out.findings.map((f) => [f.text, f.type])).toEqual([['0261 210-39989', 'phone']]);
	});

	it('ignores what the policy inserted: tags, surrogates and masks', () => {
		const output = 'Frau Erika Schmidt, geb. 12.03.1980, Tel. XXXXXXX.';
		const replacements = [
			{ start: 5, end: 18 },
			{ start: 25, end: 35 },
			{ start: 42, end: 49 }
		];
		const out = scanForLeaks(output, {
			lang: 'de',
			removed: ['Schmidt'],
			known: [{ value: '12.03.1980', type: 'date_birth' }],
			replacements
		});
		expect(out.verdict).toBe('PASS');
	});

	it('keeps a finding that only partly overlaps an inserted range', () => {
		const out = scanForLeaks('geb. 12.03.1980', {
			lang: 'de',
			removed: [],
			replacements: [{ start: 5, end: 11 }]
		});
		expect(out.verdict).toBe('REVIEW');
	});

	it('does not count titles, clinicians or institutions as leaks unless asked', () => {
		const output =
			'Mit freundlichen Grüßen, Prof. Dr. Karl Stargardt, Universitätsklinikum Klagenfurt';
		expect(scanForLeaks(output, { lang: 'de', removed: [], replacements: [] }).verdict).toBe(
			'PASS'
		);
		expect(
			scanForLeaks(output, { lang: 'de', removed: [], replacements: [], ignoreTypes: [] }).verdict
		).toBe('REVIEW');
	});

	it('ignores removed strings shorter than two characters and removed strings inside words', () => {
		const out = scanForLeaks('Ein Befund vom Annaberg.', {
			lang: 'de',
			removed: ['E', 'Anna', ' '],
			replacements: []
		});
		expect(out.verdict).toBe('PASS');
	});

	it('handles an empty output', () => {
		expect(scanForLeaks('', { removed: ['Anna'], replacements: [] })).toEqual({
			verdict: 'PASS',
			findings: []
		});
	});

	it('finds many removed strings in a long output quickly', () => {
		const removed = Array.from({ length: 2000 }, (_, i) => `Name${i} Nachname${i}`);
		const output = 'Befund ohne Auffälligkeiten. '.repeat(20_000) + 'Name1999 Nachname1999';
		const t0 = performance.now();
		const out = scanForLeaks(output, { lang: 'de', removed, replacements: [] });
		expect(out.verdict).toBe('FAIL');
		expect(performance.now() - t0).toBeLessThan(10_000);
	}, 30_000);
});
