import { describe, expect, it } from 'vitest';
import {
	findPerson,
	formatPreserving,
	nameParts,
	newDeidContext,
	personFor,
	surrogateCode,
	surrogatePhone,
	surrogateUrl
} from './surrogates';

describe('newDeidContext', () => {
	it('shifts by whole weeks, 4 to 52 of them, either way', () => {
		const shifts = Array.from({ length: 200 }, () => newDeidContext().dateShiftDays);
		for (const days of shifts) {
			expect(Math.abs(days) % 7).toBe(0);
			expect(Math.abs(days)).toBeGreaterThanOrEqual(28);
			expect(Math.abs(days)).toBeLessThanOrEqual(364);
		}
		expect(shifts.some((d) => d < 0) && shifts.some((d) => d > 0)).toBe(true);
	});

	it('takes a fixed shift and seed and starts with an empty registry', () => {
		expect(newDeidContext({ dateShiftDays: -14, seed: 3 })).toEqual({
			dateShiftDays: -14,
			seed: 3,
			registry: { counters: {}, people: [], values: {} }
		});
	});
});

describe('nameParts', () => {
	it('tells titles, initials, particles and names apart', () => {
		const parts = nameParts('Prof. Dr. med. H. von Müller-Lüdenscheidt');
		expect(parts.map((p) => [p.text, p.kind])).toEqual([
			['Prof.', 'title'],
			['Dr.', 'title'],
			['med.', 'title'],
			['H.', 'initial'],
			['von', 'particle'],
			['Müller-Lüdenscheidt', 'name']
		]);
	});
});

describe('people', () => {
	it('matches a mention to a known person by its parts, in any order and spelling', () => {
		const context = newDeidContext({ seed: 1 });
		const hans = personFor(context.registry, 'PATIENT', 'Hans Müller').person;
		expect(personFor(context.registry, 'PATIENT', 'MUELLER, Hans').person).toBe(hans);
		expect(personFor(context.registry, 'PATIENT', 'H. Müller').person).toBe(hans);
		expect(personFor(context.registry, 'PATIENT', 'Herr Müller').person).toBe(hans);
		// Another role is another registry: a clinician Müller is not the patient.
		expect(personFor(context.registry, 'CLINICIAN', 'Müller').person).not.toBe(hans);
		expect(context.registry.people).toHaveLength(2);
	});

	it('does not guess between two people who share a surname', () => {
		const context = newDeidContext({ seed: 1 });
		personFor(context.registry, 'PATIENT', 'Hans Müller');
		personFor(context.registry, 'PATIENT', 'Anna Müller');
		expect(findPerson(context.registry, 'PATIENT', nameParts('Müller'))).toBeNull();
		expect(findPerson(context.registry, 'PATIENT', nameParts('A. Müller'))?.person.tokens).toEqual([
			'anna',
			'mueller'
		]);
	});
});

describe('format-preserving surrogates', () => {
	const context = newDeidContext({ seed: 11 });

	it('keeps digits, letters, case and separators in place', () => {
		const out = formatPreserving(context, 'k', 'Ab-12 3x');
		expect(out).toMatch(/^[A-Z][a-z]-\d\d \d[a-z]$/);
		expect(out).not.toBe('Ab-12 3x');
		expect(formatPreserving(context, 'k', 'Ab-12 3x')).toBe(out);
	});

	it('gives one id the same characters in each of its written forms', () => {
		const spaced = surrogateCode(context, 'ID', 'A 123 456 789');
		const plain = surrogateCode(context, 'ID', 'a123456789');
		expect(spaced).toMatch(/^[A-Z] \d{3} \d{3} \d{3}$/);
		expect(plain).toBe(spaced.replace(/ /g, '').toLowerCase());
		expect(surrogateCode(context, 'ID', 'B 123 456 789')).not.toBe(spaced);
	});

	it('keeps the country code or trunk prefix of a phone number', () => {
		expect(surrogatePhone(context, 'PHONE', '+49 (0)731 500-12')).toMatch(
			/^\+49 \(\d\)\d{3} \d{3}-\d{2}$/
		);
		expect(surrogatePhone(context, 'PHONE', '0731/500123')).toMatch(/^0\d{3}\/\d{6}$/);
	});

	it('points web addresses to the example domain, keeping scheme and path shape', () => {
		const url = surrogateUrl(context, 'de', 'https://www.praxis-weber.de/team/weber.html');
		expect(url).toMatch(/^https:\/\/www\.example\.org\/[a-z]{4}\/[a-z]{5}\.[a-z]{4}$/);
		expect(surrogateUrl(context, 'en', 'clinic.com')).toBe('example.org');
	});
});
