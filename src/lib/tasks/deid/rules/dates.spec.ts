import { describe, expect, it } from 'vitest';
import type { Lang } from '../types';
import { findDates, parseDate } from './dates';

/** The dates found, as [text, type]. */
function dates(text: string, lang: Lang) {
	return findDates(text, lang).map((h) => [text.slice(h.start, h.end), h.type]);
}

function texts(text: string, lang: Lang) {
	return dates(text, lang).map(([t]) => t);
}

describe('findDates: German', () => {
	it('finds numeric dates with and without year', () => {
		expect(
			texts('Kontrolle am 4.4.1997, Befund vom 04.04.97 und am 19.3. sowie 2024-03-03.', 'de')
		).toEqual(['4.4.1997', '04.04.97', '19.3.', '2024-03-03']);
		expect(
			texts('MRT vom 13/3/2023, Port seit 04/2018 und 11/28, Zyklen 02-04/2021.', 'de')
		).toEqual(['13/3/2023', '04/2018', '11/28', '02-04/2021']);
	});

	it('finds month names with day or year', () => {
		expect(
			texts('Flensburg, 27. März 2025. Im August 27 und seit Januar 2033, am 1. Nov zurück.', 'de')
		).toEqual(['27. März 2025', 'August 27', 'Januar 2033', '1. Nov']);
		expect(texts('Im Februar kam es zu Fieber; ab Mai besser.', 'de')).toEqual(['Februar', 'Mai']);
	});

	it('finds years marked as years', () => {
		expect(texts('Anfallsleiden seit 2007, Z.n. OP (2009).', 'de')).toEqual(['2007', '2009']);
	});

	it('leaves lab values, doses, times and numbering', () => {
		expect(
			texts(
				'Hb 12.3. Kreatinin 1.2 mg/dl, 2000 IE Heparin, um 14.30 Uhr, Punkt 1.2.3. und 3/4 Tablette, V3/4.',
				'de'
			)
		).toEqual([]);
	});

	it('types birth, admission and discharge dates by the words before them', () => {
		expect(
			dates(
				'Herr X, geb. 5.7.54, * 23.11.1979, geboren am 1.10.1975; Aufnahme am 3.4.2020, Entlassung: 12.4.2020.',
				'de'
			)
		).toEqual([
			['5.7.54', 'date_birth'],
			['23.11.1979', 'date_birth'],
			['1.10.1975', 'date_birth'],
			['3.4.2020', 'date_admission'],
			['12.4.2020', 'date_discharge']
		]);
	});

	it('types a stay "vom … bis …" in hospital as admission and discharge', () => {
		expect(
			dates('die sich vom 19.3. bis zum 7.5.2029 in unserer stationären Behandlung befand', 'de')
		).toEqual([
			['19.3.', 'date_admission'],
			['7.5.2029', 'date_discharge']
		]);
		expect(dates('Chemotherapie vom 2.11. bis 24.11.28 ambulant', 'de')).toEqual([
			['2.11.', 'date'],
			['24.11.28', 'date']
		]);
	});
});

describe('findDates: English', () => {
	it('finds month/day dates in nursing notes', () => {
		expect(
			texts('PT IN USOH UNTIL 8/23 WHEN PRESENTED. IABP d/c 8/22 and pressors d/c 8/31.', 'en')
		).toEqual(['8/23', '8/22', '8/31']);
		expect(
			texts('hpi: admitted to hosp on 8/16/2017, CABG 1/78, fx4/97, 10-18-20 7A TO 1200', 'en')
		).toEqual(['8/16/2017', '1/78', '4/97', '10-18-20']);
	});

	it('finds month names in English forms', () => {
		expect(
			texts(
				'Seen Jan 5th, January 5, 2024 and 5 Jan 2024; it is 20th Oct, 1989; in march of 2022; may 16, 2015.',
				'en'
			)
		).toEqual([
			'Jan 5th',
			'January 5, 2024',
			'5 Jan 2024',
			'20th Oct, 1989',
			'march of 2022',
			'may 16, 2015'
		]);
	});

	it('finds weekdays', () => {
		expect(texts('Family meeting Monday, CABG scheduled for thursday.', 'en')).toEqual([
			'Monday',
			'thursday'
		]);
	});

	it('finds years in context but not clock times', () => {
		expect(texts("S/P CABG 1957, 1971. Since 2006 chest pain. CA'88, surgery '85.", 'en')).toEqual([
			'1957',
			'1971',
			'2006',
			"'88",
			"'85"
		]);
		expect(
			texts('heparin at 1900, pulled at 2000, 1000U bolus, LOS 12883, sheaths out @ 1910.', 'en')
		).toEqual([]);
	});

	it('leaves ventilator settings, scores, fractions and words like "may" or "dec"', () => {
		expect(
			texts(
				'CPAP 5/5, PS 10/5, AC 600x12x.7/5, placed on 16/5/40%, pain 5/10, strength 4/5, 1/2 NS, 2/2 bottles, FIO2 2 DEC, pt may be, 37. MAY BE.',
				'en'
			)
		).toEqual([]);
	});

	it('types DOB and admission in English', () => {
		expect(
			dates('DOB 03/03/1946. She was born on 2/8/1935. pt admitted to ccu on 8/17.', 'en')
		).toEqual([
			['03/03/1946', 'date_birth'],
			['2/8/1935', 'date_birth'],
			['8/17', 'date_admission']
		]);
	});

	it('finds ISO dates with a time', () => {
		expect(texts('When: 2000-04-16 11:34:35', 'en')).toEqual(['2000-04-16 11:34:35']);
	});
});

describe('parseDate', () => {
	it('reads German, ISO and English forms', () => {
		expect(parseDate('04.04.1997')).toEqual({ year: 1997, month: 4, day: 4 });
		expect(parseDate('4.4.97')).toEqual({ year: 1997, month: 4, day: 4 });
		expect(parseDate('19.3.')).toEqual({ month: 3, day: 19 });
		expect(parseDate('1997-04-05')).toEqual({ year: 1997, month: 4, day: 5 });
		expect(parseDate('4/5/1997', 'en')).toEqual({ year: 1997, month: 4, day: 5 });
		expect(parseDate('4/5/1997', 'de')).toEqual({ year: 1997, month: 5, day: 4 });
		expect(parseDate('3. März 2024')).toEqual({ year: 2024, month: 3, day: 3 });
		expect(parseDate('January 5th, 2024')).toEqual({ year: 2024, month: 1, day: 5 });
	});

	it('returns null for what is not a date', () => {
		expect(parseDate('Anna')).toBeNull();
		expect(parseDate('32.13.2020')).toBeNull();
	});
});
