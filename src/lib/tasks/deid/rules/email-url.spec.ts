import { describe, expect, it } from 'vitest';
import { findEmails, findUrls } from './email-url';

describe('findEmails', () => {
	it('finds addresses, trimming punctuation around them', () => {
		const text = 'Mail an anna.mueller@klinikum-example.de, oder <UtaKortig@jourrapide.com>.';
		expect(findEmails(text, 'de').map((h) => text.slice(h.start, h.end))).toEqual([
			'anna.mueller@klinikum-example.de',
			'UtaKortig@jourrapide.com'
		]);
	});

	it('leaves "@" used for times and doses', () => {
		expect(findEmails('heparin @ 1000u, seen @1900, x@y', 'en')).toEqual([]);
	});
});

describe('findUrls', () => {
	it('finds web addresses and bare domains', () => {
		const text =
			'Siehe https://www.klinik-example.de/befunde?id=1. und praxis-mueller.de sowie www.example.com';
		expect(findUrls(text, 'de').map((h) => text.slice(h.start, h.end))).toEqual([
			'https://www.klinik-example.de/befunde?id=1',
			'www.example.com',
			'praxis-mueller.de',
			'www.example.com'
		]);
	});

	it('leaves sentences without a space after the full stop', () => {
		expect(findUrls('stool is green liquid.no apparent bleeding, gtt.at .5, z.B.de', 'en')).toEqual(
			[]
		);
	});
});
