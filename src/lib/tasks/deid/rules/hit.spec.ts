import { describe, expect, it } from 'vitest';
import {
	after,
	allMatches,
	alternativeStarts,
	before,
	caseless,
	hasDigit,
	isShouting,
	L,
	previousWord,
	wordAlternation,
	WordListScan
} from './hit';

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

describe('allMatches', () => {
	it('finds what matchAll finds, and leaves the regex ready for the next text', () => {
		const re = /(?<![a-z])[a-z]+(?=:)|\d+/gu;
		const text = 'id: 12, name: x 345 y:';
		const expected = [...text.matchAll(re)].map((m) => [m.index, m[0]]);
		expect(allMatches(re, text).map((m) => [m.index, m[0]])).toEqual(expected);
		expect(re.lastIndex).toBe(0);
		expect(allMatches(re, 'no digits here').map((m) => m[0])).toEqual([]);
	});

	it('steps over empty matches as matchAll does, whole code points with the u flag', () => {
		const re = /x*/gu;
		const text = 'a😀xx';
		expect(allMatches(re, text).map((m) => [m.index, m[0]])).toEqual(
			[...text.matchAll(re)].map((m) => [m.index, m[0]])
		);
	});

	it('refuses a regex without the g flag, which would never end', () => {
		expect(() => allMatches(/a/u, 'aaa')).toThrow();
	});
});

describe('hasDigit', () => {
	it('tells whether a text has a digit, also when asked about one text after another', () => {
		expect(hasDigit('Fieber seit 3 Tagen')).toBe(true);
		expect(hasDigit('Fieber seit gestern')).toBe(false);
		expect(hasDigit('Fieber seit 3 Tagen')).toBe(true);
		expect(hasDigit('')).toBe(false);
	});
});

describe('isShouting', () => {
	it('counts ASCII letters in the first 20,000 characters only', () => {
		expect(isShouting('ÄÖÜ ÉÈ abc')).toBe(false);
		expect(isShouting('ABC äöüéè')).toBe(true);
		expect(isShouting(`${'A'.repeat(20000)}${'a'.repeat(30000)}`)).toBe(true);
		expect(isShouting('')).toBe(false);
	});
});

describe('alternativeStarts', () => {
	it('reads the literal start of each top-level alternative', () => {
		expect(
			alternativeStarts(
				String.raw`pat(?:ienten)?[-. ]?nr|proben?|e[-. ]nr|mr\s?#|medical record(?: no| #)?|#|(?:x)y`
			)
		).toEqual(['pat', 'probe', 'e', 'mr', 'medical record', '#', '']);
		expect(alternativeStarts(String.raw`a[|(]b|c\|d|e{2}`)).toEqual(['a', 'c', '']);
	});
});

describe('WordListScan', () => {
	const scans = [
		new WordListScan({
			notAfter: L,
			groups: [{ words: ['wife', 'son', 'significant other', 'märz'], ignoreCase: true }],
			rest: `(?:['’]s)?(?![${L}])[ \\t]*`
		}),
		new WordListScan({
			notAfter: `${L}0-9`,
			groups: [
				{ words: ['Dr', 'DR', 'PD'], pattern: String.raw`(?:Dr|DR)\.?|PD(?=[ \t]*Dr)` },
				{ words: ['Herr', 'Mr', 'Mr.'], capture: true }
			],
			rest: `(?:(?<=\\.)|(?![${L}]))`
		}),
		new WordListScan({
			notAfter: 'A-Za-z',
			groups: [
				{ words: alternativeStarts('in|at|nr|#'), pattern: 'in|at|nr\\.?|#', capture: true }
			],
			rest: '[ \\t]*:?[ \\t]*(\\d+)',
			flags: 'i'
		}),
		new WordListScan({
			notAfter: '\\p{L}',
			groups: [{ words: ['der', 'is', 'a'], ignoreCase: true }],
			wordEnd: true,
			flags: 'u'
		})
	];
	const pieces = [
		'wife',
		'WIFE',
		"son's",
		'Son',
		'sons',
		'significant other',
		'MÄRZ',
		'märz',
		'Dr',
		'Dr.',
		'DR ',
		'PD Dr',
		'Herr',
		'Mr.',
		'Mrx',
		'in',
		'IN',
		'at:',
		'Nr.',
		'#',
		'##',
		'12',
		'3',
		'der',
		'DER',
		'is',
		'a',
		'A',
		'ä',
		'é',
		'ſ',
		'\u212A',
		'😀',
		'𝐀',
		' ',
		'\t',
		'\n',
		'.',
		',',
		':',
		'-',
		'x',
		'Q'
	];

	it('finds what the global regex finds', () => {
		let seed = 1;
		const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
		const texts = ['', 'wife', 'Dr', '#1', 'a'];
		for (let i = 0; i < 3000; i++) {
			let text = '';
			for (let n = Math.floor(random() * 12); n >= 0; n--)
				text += pieces[Math.floor(random() * pieces.length)] ?? '';
			texts.push(text);
		}
		const shown = (ms: RegExpExecArray[]) => ms.map((m) => [m.index, ...m]);
		for (const scan of scans)
			for (const text of texts)
				expect(shown(scan.matches(text)), text).toEqual(shown(allMatches(scan.regex, text)));
	});

	it('builds the regex from its parts', () => {
		const scan = new WordListScan({
			notAfter: 'A-Za-z',
			groups: [
				{ words: ['ab'], capture: true },
				{ words: ['cd'], pattern: 'cd+' }
			],
			wordEnd: true,
			rest: 'x?'
		});
		expect(scan.regex.source).toBe('(?<![A-Za-z])(?:((?:ab))|(?:cd+))(?![A-Za-z])x?');
		expect(scan.regex.flags).toBe('g');
	});

	it('refuses what it cannot scan for', () => {
		const groups = [{ words: ['ab'] }];
		expect(() => new WordListScan({ notAfter: 'a-z', groups })).toThrow();
		expect(() => new WordListScan({ notAfter: L, groups: [{ words: ['äb'] }] })).toThrow();
		expect(() => new WordListScan({ notAfter: L, groups: [{ words: [' ab'] }] })).toThrow();
		expect(() => new WordListScan({ notAfter: L, groups, flags: 'iu' })).toThrow();
	});
});
