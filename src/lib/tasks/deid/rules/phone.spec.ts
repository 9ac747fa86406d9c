import { describe, expect, it } from 'vitest';
import type { Lang } from '../types';
import { findPhones } from './phone';

function phones(text: string, lang: Lang) {
	return findPhones(text, lang).map((h) => text.slice(h.start, h.end));
}

describe('findPhones', () => {
	it('finds German and Austrian numbers', () => {
		expect(
			phones(
				'Telefon (0461) 708 - 223. Rückruf unter der Nummer 0261 210-39989, Tel.: +43 333 775-8422, Fax: +43(0)333 775-8447334, Terminvereinbarung unter 5110-2882',
				'de'
			)
		).toEqual([
			'(0461) 708 - 223',
			'0261 210-39989',
			'+43 333 775-8422',
			'+43(0)333 775-8447334',
			'5110-2882'
		]);
	});

	it('finds English numbers, pagers and extensions', () => {
		expect(
			phones(
				'wife (201/324/1423); tel 201-561-8910; SON ROB 285-482-5518; CELLULAR-410 202-6694; reached at 202 2671093; 410 392 0780 x45; Pager #12345',
				'en'
			)
		).toEqual([
			'(201/324/1423)',
			'201-561-8910',
			'285-482-5518',
			'410 202-6694',
			'202 2671093',
			'410 392 0780 x45',
			'12345'
		]);
	});

	it('finds numbers in loose groupings when a label announces them', () => {
		expect(phones('Phone:\n467 3395\n\nMobile: 0490 75 40 81\n416 60 039 office', 'en')).toEqual([
			'467 3395',
			'0490 75 40 81',
			'416 60 039'
		]);
	});

	it('leaves blood pressures, ranges, clock times and lab series', () => {
		expect(
			phones(
				'BP 120/80 60, STV 500-1000, RR 9-20, 0700-1900, PTT @ 0400 85.2, ABG 7.36/56/97/33/3, minute ventilation 14.5-15.4, SVR 900-1100',
				'en'
			)
		).toEqual([]);
		expect(phones('Leukozyten 7 200/µl, Heparin 25 000 IE, Dosis 2 x 500 mg', 'de')).toEqual([]);
	});
});
