import { describe, expect, it } from 'vitest';
import { dateKey, parseDate, rewriteDate, shiftParsed } from './dates';

const shift = (text: string, days: number, lang: 'de' | 'en' = 'de', assumedYear = 2024) =>
	rewriteDate(text, lang, (d) => shiftParsed(d, days, assumedYear));

describe('parseDate', () => {
	it.each([
		['19.03.2024', 'de', '2024-03-19'],
		['19.3.2024', 'de', '2024-03-19'],
		['19. 3. 2024', 'de', '2024-03-19'],
		['02.09.18', 'de', '2018-09-02'],
		['2021-05-27', 'de', '2021-05-27'],
		['3. März 2024', 'de', '2024-03-03'],
		['3. Maerz 2024', 'de', '2024-03-03'],
		['21/06/1967', 'de', '1967-06-21'],
		['03/04/2024', 'de', '2024-04-03'],
		['03/04/2024', 'en', '2024-03-04'],
		['19/03/2024', 'en', '2024-03-19'],
		['March 3, 2024', 'en', '2024-03-03'],
		['Mar 3rd 2024', 'en', '2024-03-03'],
		['3 March 2024', 'en', '2024-03-03'],
		['02/2023', 'de', '2023-02'],
		['März 2024', 'de', '2024-03'],
		['2009', 'de', '2009']
	] as const)('reads %s (%s) as %s', (text, lang, key) => {
		const date = parseDate(text, lang);
		expect(date).not.toBeNull();
		expect(dateKey(date!)).toBe(key);
	});

	it('reads partial dates without a year', () => {
		const date = parseDate('19.3.', 'de');
		expect(date).toMatchObject({ day: 19, month: 3, year: null, precision: 'day' });
		expect(dateKey(parseDate('3. März', 'de')!)).toBe('????-03-03');
	});

	it('rejects impossible dates and plain numbers', () => {
		expect(parseDate('31.02.2024', 'de')).toBeNull();
		expect(parseDate('45.13.', 'de')).toBeNull();
		expect(parseDate('Dosis 500 mg', 'de')).toBeNull();
	});

	it('finds the date inside a longer span', () => {
		const date = parseDate('geb. 13.08.1948', 'de');
		expect(date).toMatchObject({ start: 5, end: 15, year: 1948 });
	});
});

describe('shiftParsed', () => {
	it('keeps the format of each date form', () => {
		expect(shift('19.03.2024', 10)).toBe('29.03.2024');
		expect(shift('19.3.2024', 14)).toBe('2.4.2024');
		expect(shift('02.09.18', -3)).toBe('30.08.18');
		expect(shift('2024-03-19', 14)).toBe('2024-04-02');
		expect(shift('3. März 2024', 30)).toBe('2. April 2024');
		expect(shift('3. Mär. 2024', 30)).toBe('2. Apr. 2024');
		expect(shift('March 3, 2024', 30, 'en')).toBe('April 2, 2024');
		expect(shift('March 19, 2024', 19, 'en')).toBe('April 7, 2024');
		expect(shift('March 09, 2024', 1, 'en')).toBe('March 10, 2024');
		expect(shift('12/2023', 31)).toBe('01/2024');
		expect(shift('Jan 3, 2024', 60, 'en')).toBe('Mar 3, 2024');
		expect(shift('MÄRZ 2024', 61)).toBe('MAI 2024');
		expect(shift('19.3.', 14)).toBe('2.4.');
		expect(shift('02/2023', 365)).toBe('02/2024');
		expect(shift('2009', 400)).toBe('2010');
	});

	it('keeps the interval between two dates written in different forms', () => {
		const days = -123;
		const a = shift('28.2.2024', days)!;
		const b = shift('March 10, 2024', days, 'en')!;
		const c = shift('2024-03-31', days)!;
		const time = (text: string, lang: 'de' | 'en') => {
			const [y, m, d] = dateKey(parseDate(text, lang)!).split('-').map(Number);
			return Date.UTC(y!, m! - 1, d!);
		};
		const day = 86_400_000;
		expect((time(b, 'en') - time(a, 'de')) / day).toBe(11);
		expect((time(c, 'de') - time(b, 'en')) / day).toBe(21);
		expect((time(a, 'de') - Date.UTC(2024, 1, 28)) / day).toBe(days);
	});

	it('shifts a date without a year within the assumed year, across the turn of the year', () => {
		expect(shift('30.12.', 7, 'de', 2023)).toBe('06.01.');
		expect(shift('9.12.', 7, 'de', 2023)).toBe('16.12.');
		expect(shift('1.3.', -1, 'de', 2024)).toBe('29.2.');
		expect(shift('1.3.', -1, 'de', 2023)).toBe('28.2.');
	});
});

describe('rewriteDate', () => {
	it('keeps the words around the date', () => {
		expect(rewriteDate('geb. 13.08.1948', 'de', (d) => String(d.year))).toBe('geb. 1948');
	});

	it('refuses when digits would remain outside the date', () => {
		expect(rewriteDate('02-04/2021', 'de', (d) => String(d.year))).toBeNull();
		expect(rewriteDate('kein Datum', 'de', () => 'x')).toBeNull();
	});
});
