import { describe, expect, it } from 'vitest';
import type { Lang } from '../types';
import { findAddresses } from './addresses';

function addresses(text: string, lang: Lang) {
	return findAddresses(text, lang)
		.sort((a, b) => a.start - b.start)
		.map((h) => [text.slice(h.start, h.end), h.type]);
}

describe('findAddresses', () => {
	it('finds German streets, postal codes and towns', () => {
		expect(
			addresses(
				'Herrn Dr. med. Tobias Öhler Kaiserstrße 33\nA-9011 Neustadt\nwohnhaft Friesische Str. 21 a, 24937 Flensburg; Sporgasse 11, 8010 Graz; Iris-Leber-Straße 42',
				'de'
			)
		).toEqual([
			['Kaiserstrße 33', 'street'],
			['A-9011', 'postal_code'],
			['Neustadt', 'city'],
			['Friesische Str. 21 a', 'street'],
			['24937', 'postal_code'],
			['Flensburg', 'city'],
			['Sporgasse 11', 'street'],
			['8010', 'postal_code'],
			['Graz', 'city'],
			['Iris-Leber-Straße 42', 'street']
		]);
	});

	it('finds English streets, units and ZIP codes', () => {
		expect(
			addresses(
				'1668 Glyn St, Apt. 595, Baltimore, MD 21201. ZIP: 3520. my zip code is 35350',
				'en'
			)
		).toEqual([
			['1668 Glyn St', 'street'],
			['Apt. 595', 'street'],
			['21201', 'postal_code'],
			['3520', 'postal_code'],
			['35350', 'postal_code']
		]);
	});

	it('finds the postal code at the end of an address block', () => {
		expect(addresses('Rua do Arenque 1634 Suite 838\nTujetsch\nnan\n7188', 'en')).toEqual([
			['Suite 838', 'street'],
			['7188', 'postal_code']
		]);
	});

	it('leaves counts, years and clinical numbers', () => {
		expect(
			addresses('10000 Einheiten Heparin, 2020 Diagnose gestellt, 1500 Leukozyten', 'de')
		).toEqual([]);
		expect(
			addresses(
				'NOTES AT 0732, 0740, 0747 REFER TO MR. X; 2200 ABG PH 7.05; 2 Trach in place',
				'en'
			)
		).toEqual([]);
	});
});
