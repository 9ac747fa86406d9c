import { describe, expect, it } from 'vitest';
import { after, before, caseless, isShouting, previousWord, wordAlternation } from './hit';

describe('wordAlternation', () => {
	it('matches exactly the words given, longest first', () => {
		const re = new RegExp(`^${wordAlternation(['jan', 'januar', 'january', 'jun', 'Dr.'])}$`, 'u');
		for (const w of ['jan', 'januar', 'january', 'jun', 'Dr.']) expect(re.test(w)).toBe(true);
		for (const w of ['ja', 'janu', 'juni', 'Drx', 'JAN']) expect(re.test(w)).toBe(false);
		const longest = new RegExp(wordAlternation(['jan', 'januar']), 'u');
		expect(longest.exec('januar')?.[0]).toBe('januar');
	});

	it('ignores case with letter classes', () => {
		const re = new RegExp(`^${wordAlternation(['märz', 'mai'], true)}$`, 'u');
		for (const w of ['märz', 'MÄRZ', 'März', 'Mai', 'MAI']) expect(re.test(w)).toBe(true);
	});

	it('escapes regex characters', () => {
		const re = new RegExp(`^${wordAlternation(['a.b', '(x)', 'a+b'])}$`, 'u');
		expect(re.test('a.b')).toBe(true);
		expect(re.test('axb')).toBe(false);
		expect(re.test('(x)')).toBe(true);
		expect(re.test('a+b')).toBe(true);
	});
});

describe('caseless', () => {
	it('matches letters in any case, leaving escapes and classes alone', () => {
		const re = new RegExp(`^${caseless(String.raw`fall-?nr\.?[\s:]*med`)}$`, 'u');
		for (const w of ['fallnrmed', 'Fall-Nr.Med', 'FALLNR: MED', 'fAlL-nR.  Med'])
			expect(re.test(w)).toBe(true);
		expect(re.test('fallnrxmed')).toBe(false);
	});
});

describe('text helpers', () => {
	const text = 'Aufnahme am\n19.3. wegen Fieber';

	it('cuts context at line breaks when asked', () => {
		expect(before(text, 12, 20)).toBe('Aufnahme am\n');
		expect(before(text, 12, 20, true)).toBe('');
		expect(after(text, 0, 20, true)).toBe('Aufnahme am');
	});

	it('reads the word before on the same line', () => {
		expect(previousWord('Aufnahme am 19.3.', 12)).toBe('am');
		expect(previousWord(text, 12)).toBe('');
	});

	it('recognises upper-case notes', () => {
		expect(isShouting('PT ADMITTED TO CCU. BP STABLE.')).toBe(true);
		expect(isShouting('Pt admitted to CCU. BP stable.')).toBe(false);
	});
});
