import { describe, expect, it } from 'vitest';
import { findAges } from './ages';

function ages(text: string) {
	return findAges(text, 'de').map((h) => text.slice(h.start, h.end));
}

describe('findAges', () => {
	it('finds ages over 89 in German and English', () => {
		expect(
			ages(
				'92-jährige Patientin, im Alter von 94 Jahren, 91jähr. Pat.; 92 years old, 95 YO man, 90 y/o'
			)
		).toEqual(['92', '91', '92', '95', '90', '94']);
	});

	it('leaves younger ages and other numbers', () => {
		expect(
			ages('45-jährige Patientin, 89 years old, 74 YO WOMAN, 92 mg, 100 Jahre Klinik')
		).toEqual([]);
	});
});
