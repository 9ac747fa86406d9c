import { describe, expect, it } from 'vitest';
import type { Lang } from '../types';
import { findIdentifiers, isValidIban, isValidKvnr, isValidLuhn } from './identifiers';

/** The distinct strings found (several rules may report the same one). */
function ids(text: string, lang: Lang = 'de') {
	const hits = findIdentifiers(text, lang).sort((a, b) => a.start - b.start || a.end - b.end);
	return [...new Set(hits.map((h) => `${h.start}:${h.end}`))].map((key) => {
		const [start, end] = key.split(':').map(Number);
		return text.slice(start, end);
	});
}

describe('check digits', () => {
	it('validates the German health insurance number (KVNR)', () => {
		expect(isValidKvnr('A123456780')).toBe(true);
		expect(isValidKvnr('A123456781')).toBe(false);
		expect(isValidKvnr('a123456780')).toBe(true);
		expect(isValidKvnr('A12345678')).toBe(false);
	});

	it('validates IBANs with mod 97', () => {
		expect(isValidIban('DE89 3704 0044 0532 0130 00')).toBe(true);
		expect(isValidIban('GB82 WEST 1234 5698 7654 32')).toBe(true);
		expect(isValidIban('DE89 3704 0044 0532 0130 01')).toBe(false);
	});

	it('validates card numbers with Luhn', () => {
		expect(isValidLuhn('4111111111111111')).toBe(true);
		expect(isValidLuhn('4111111111111112')).toBe(false);
	});
});

describe('findIdentifiers', () => {
	it('finds numbers with a check digit wherever they are', () => {
		expect(
			ids('KVNR A123456780 und IBAN DE89 3704 0044 0532 0130 00, Karte 4111 1111 1111 1111.')
		).toEqual(['A123456780', 'DE89 3704 0044 0532 0130 00', '4111 1111 1111 1111']);
	});

	it('finds labelled case numbers in German letters', () => {
		expect(
			ids('Fallnummer: 23346011, PIZ: 12235904 \tVorgangs-Nr. 01776324221, E-Nr.: 17217277:')
		).toEqual(['23346011', '12235904', '01776324221', '17217277']);
		expect(
			ids('Fallzahl: A-2029461541  SV: 6444030763, HNr.:9334a/20, (37848/2019: tumorfrei)')
		).toEqual(['A-2029461541', '6444030763', '9334a/20', '37848/2019']);
	});

	it('finds English record numbers and social security numbers', () => {
		expect(
			ids('MRN: 4455667, SSN 123-45-6789, my driver license number is F162823540116', 'en')
		).toEqual(['4455667', '123-45-6789', 'F162823540116']);
	});

	it('finds any short label with a long number ("NHC: 368503", "NºCol: 28 28 70973")', () => {
		expect(ids('NHC: 368503.\nNºCol: 28 28 70973.', 'en')).toEqual(['368503', '28 28 70973']);
	});

	it('finds wards and rooms', () => {
		expect(
			ids('auf Station O-11 vorstellen; Station 4 behandelt; Zi: 119; Onkologie A33; Intensiv II')
		).toEqual(['O-11', '4', '119', 'A33', 'II']);
	});

	it('leaves measurements, counts and clinical numbers', () => {
		expect(
			ids(
				'RR: 140 90 mmHg, Gewicht: 78500 g, Thrombozyten: 250 000/µl, Nr. 3, #8 tube, bed. IV, ROOM. IN',
				'de'
			)
		).toEqual([]);
		expect(ids('pt arrived with a #30f/30cc foley; Pager #12345; Tel.: 123456', 'en')).toEqual([]);
	});

	it('finds IP addresses but not outline numbers', () => {
		expect(ids('from 106.31.73.20, see 1.2.3.4', 'en')).toEqual(['106.31.73.20']);
	});
});
