import { describe, expect, it } from 'vitest';
import { detectLang } from './lang';

describe('detectLang', () => {
	it('counts function words in any case as whole words', () => {
		expect(detectLang('DIE Patientin UND der Sohn')).toBe('de');
		expect(detectLang('THE patient AND his son')).toBe('en');
		// Inside longer words ("there", "Dieter", "Ändern") they do not count.
		expect(detectLang('there thesis Dieter Ändern änder derby')).toBe('en');
		expect(detectLang('die the was')).toBe('en');
		expect(detectLang('die und the')).toBe('de');
	});

	it('takes letters beyond ASCII as part of a word', () => {
		// "ßdie", "dieé", "𝐀der": one word each; "İs" and "\u212Ahe" are not "is" and "khe".
		expect(detectLang('ßdie dieé 𝐀der the')).toBe('en');
		expect(detectLang('İs İs der')).toBe('de');
		// Digits, marks and punctuation end a word.
		expect(detectLang('1die dié die. the')).toBe('de');
	});

	it('reads only the first 20,000 characters', () => {
		// "der" cut at the limit is no word; a word that the limit ends is one.
		expect(detectLang(`${'x'.repeat(19998)} der`)).toBe('en');
		expect(detectLang(`${'x'.repeat(19996)} derx`)).toBe('de');
	});
});
