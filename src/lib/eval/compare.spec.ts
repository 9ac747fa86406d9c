import { describe, expect, it } from 'vitest';
import {
	compareField,
	datesEqual,
	formatDate,
	normalizeText,
	parseBoolean,
	parseDate,
	parseNumber,
	valuesMatch,
	valuesOf
} from './compare';

const right = { correct: true, tp: 1, fp: 0, fn: 0 };
const wrong = { correct: false, tp: 0, fp: 1, fn: 1 };
const trueNegative = { correct: true, tp: 0, fp: 0, fn: 0 };
const falsePositive = { correct: false, tp: 0, fp: 1, fn: 0 };
const falseNegative = { correct: false, tp: 0, fp: 0, fn: 1 };

describe('compareField counts', () => {
	it('empty and empty is a true negative', () => {
		expect(compareField('text', null, [])).toEqual(trueNegative);
		expect(compareField('text', '  ', '')).toEqual(trueNegative);
		expect(compareField('list', [], null)).toEqual(trueNegative);
	});

	it('a value where the truth has none is a false positive', () => {
		expect(compareField('text', 'Dr. A', [])).toEqual(falsePositive);
	});

	it('no value where the truth has one is a false negative', () => {
		expect(compareField('date', null, ['4.4.1997'])).toEqual(falseNegative);
		expect(compareField('number', '', '8,1')).toEqual(falseNegative);
	});

	it('a wrong value counts as false positive and false negative', () => {
		expect(compareField('text', 'Beate Albers', ['Bernwart Schulze'])).toEqual(wrong);
	});

	it('several truth values are alternatives', () => {
		const truth = ['Asger Baastrup', 'Baastrup Asger'];
		expect(compareField('text', 'Baastrup Asger', truth)).toEqual(right);
		expect(compareField('text', ['Asger Baastrup', 'Baastrup Asger'], truth)).toEqual(right);
		expect(compareField('text', ['Asger Baastrup', 'Helge Klabauter'], truth)).toEqual(wrong);
		expect(compareField('date', '16.05.2018', '16.5.2018 | 16.5.18')).toEqual(right);
	});

	it('numbers and booleans as values', () => {
		expect(compareField('number', 8.1, '8,1')).toEqual(right);
		expect(compareField('boolean', false, 'nein')).toEqual(right);
		expect(compareField('number', Number.NaN, '')).toEqual(trueNegative);
	});
});

describe('exact and text', () => {
	it('exact only trims and unifies Unicode forms', () => {
		expect(compareField('exact', ' Dr. A ', 'Dr. A')).toEqual(right);
		expect(compareField('exact', 'Jo\u0308rg', 'Jörg')).toEqual(right);
		expect(compareField('exact', 'dr. a', 'Dr. A')).toEqual(wrong);
	});

	it('text ignores case, spacing, punctuation and Unicode form', () => {
		expect(normalizeText('  Dr.med.  Bernwart\nSCHULZE ')).toBe('dr med bernwart schulze');
		expect(compareField('text', 'dr med bernwart schulze', 'Dr.med. Bernwart Schulze')).toEqual(
			right
		);
		expect(compareField('text', 'Fabricius Schätzle', 'Fabricius-Scha\u0308tzle')).toEqual(right);
		expect(compareField('text', 'Beate Alber', 'Beate Albers')).toEqual(wrong);
	});

	it('folds ß as case folding does (upper case writes it SS)', () => {
		expect(valuesMatch('text', 'IDA FUSS', 'Ida Fuß')).toBe(true);
		expect(valuesMatch('text', 'Ida Fuss', 'Ida Fuß')).toBe(true);
	});

	it('folds umlauts and accents only when asked', () => {
		expect(valuesMatch('text', 'Joerg', 'Jörg')).toBe(false);
		expect(valuesMatch('text', 'Joerg Mueller', 'Jörg Müller', { foldUmlauts: true })).toBe(true);
		expect(valuesMatch('text', 'Leonard Xavier', 'Léonard Xavier', { foldUmlauts: true })).toBe(
			true
		);
		expect(valuesMatch('text', 'Zezelj', 'Žeželj', { foldUmlauts: true })).toBe(true);
	});
});

describe('number', () => {
	it.each([
		['8,1', 8.1],
		['8.1', 8.1],
		['-3', -3],
		['+3', 3],
		['−2,5', -2.5],
		['1.234,5', 1234.5],
		['1,234.5', 1234.5],
		['1.234.567', 1234567],
		['1 234', 1234],
		["1'234", 1234],
		['1,234', 1.234],
		['12 mg', 12],
		['8,1 mg/dl', 8.1],
		['37,5 °C', 37.5],
		['50%', 50],
		['5.', 5]
	])('reads %j as %d', (text, value) => {
		expect(parseNumber(text)).toBeCloseTo(value, 10);
	});

	it.each(['', 'abc', '12.3.2024', '1.2,3.4', '12 3', 'ca. 5', '5-7', '1,23,4'])(
		'does not read %j as a number',
		(text) => {
			expect(parseNumber(text)).toBeNull();
		}
	);

	it('compares with a tolerance', () => {
		expect(compareField('number', '8,1', '8.1')).toEqual(right);
		expect(compareField('number', '0.3', String(0.1 + 0.2))).toEqual(right);
		expect(compareField('number', '8.2', '8,1')).toEqual(wrong);
		expect(compareField('number', '8.2', '8,1', { tolerance: 0.1 })).toEqual(right);
		expect(compareField('number', '101', '100', { relativeTolerance: 0.01 })).toEqual(right);
		expect(compareField('number', '102', '100', { relativeTolerance: 0.01 })).toEqual(wrong);
	});

	it('falls back to text when a side is no number', () => {
		expect(compareField('number', 'unbekannt', 'Unbekannt')).toEqual(right);
		expect(compareField('number', '5', 'unbekannt')).toEqual(wrong);
	});
});

describe('boolean', () => {
	it.each(['yes', 'Ja', 'TRUE', '1', 'present', 'vorhanden', 'positiv', 'x', 'Ja.'])(
		'reads %j as true',
		(text) => expect(parseBoolean(text)).toBe(true)
	);
	it.each(['no', 'Nein', 'false', '0', 'absent', 'nicht vorhanden', 'negativ', 'keine', '-'])(
		'reads %j as false',
		(text) => expect(parseBoolean(text)).toBe(false)
	);

	it('compares across languages and forms', () => {
		expect(compareField('boolean', 'ja', 'yes')).toEqual(right);
		expect(compareField('boolean', true, 'vorhanden')).toEqual(right);
		expect(compareField('boolean', 'nein', 'present')).toEqual(wrong);
		expect(compareField('boolean', 'vielleicht', 'Vielleicht')).toEqual(right);
	});
});

describe('category', () => {
	const synonyms = { links: ['left', 'li.', 'linksseitig'], rechts: ['right', 're.'] };

	it('maps synonyms to one value', () => {
		expect(compareField('category', 'Left', 'links', { synonyms })).toEqual(right);
		expect(compareField('category', 'li', 'linksseitig', { synonyms })).toEqual(right);
		expect(compareField('category', 'right', 'links', { synonyms })).toEqual(wrong);
	});

	it('compares as text without synonyms', () => {
		expect(compareField('category', 'Stationär', 'stationär')).toEqual(right);
	});
});

describe('date', () => {
	const iso = (text: string, options = {}) => {
		const date = parseDate(text, options);
		return date && formatDate(date);
	};

	it.each([
		['4.4.1997', '1997-04-04'],
		['04.04.1997', '1997-04-04'],
		['4. 4. 1997', '1997-04-04'],
		['1997-04-04', '1997-04-04'],
		['1997-04-04T10:30:00Z', '1997-04-04'],
		['07.03.2022 14:30', '2022-03-07'],
		['3. März 2024', '2024-03-03'],
		['3. Maerz 2024', '2024-03-03'],
		['21. Juli 2022', '2022-07-21'],
		['5. Jänner 2020', '2020-01-05'],
		['am Montag, den 3. März 2024', '2024-03-03'],
		['March 3, 2024', '2024-03-03'],
		['March 3rd, 2024', '2024-03-03'],
		['3rd of March 2024', '2024-03-03'],
		['Sept. 1, 2020', '2020-09-01'],
		['3 Mar 24', '2024-03-03'],
		['Jan 5th', '--01-05'],
		['19.3.', '--03-19'],
		['März 2024', '2024-03'],
		['03/2024', '2024-03'],
		['2024-03', '2024-03'],
		['29.2.1984', '1984-02-29'],
		['29.2.', '--02-29']
	])('reads %j as %s', (text, expected) => {
		expect(iso(text)).toBe(expected);
	});

	it.each(['', '1.', '19.3', '32.1.2020', '29.2.2023', '4.13.1997', 'Dr. Mai', 'Mai', 'gestern'])(
		'does not read %j as a date',
		(text) => {
			expect(parseDate(text)).toBeNull();
		}
	);

	it('reads two-digit years with the pivot (default 50) and says so', () => {
		expect(parseDate('04.04.97')).toEqual({ day: 4, month: 4, year: 1997, twoDigitYear: true });
		expect(iso('5.7.54')).toBe('1954-07-05');
		expect(iso('24.11.28')).toBe('2028-11-24');
		expect(iso('24.11.49')).toBe('2049-11-24');
		expect(iso('24.11.50')).toBe('1950-11-24');
		expect(iso('24.11.28', { twoDigitYearPivot: 20 })).toBe('1928-11-24');
	});

	it('compares two-digit years without their century', () => {
		expect(compareField('date', '04.04.97', '1997-04-04')).toEqual(right);
		// With a pivot that puts 28 in 1928, 2028 still matches: the century is not compared.
		expect(compareField('date', '24.11.28', '24.11.2028', { twoDigitYearPivot: 20 })).toEqual(
			right
		);
		expect(compareField('date', '04.04.97', '1998-04-04')).toEqual(wrong);
	});

	it('reads slash dates day first by default, month first when asked', () => {
		expect(iso('03/04/1946')).toBe('1946-04-03');
		expect(iso('03/04/1946', { slashDateOrder: 'mdy' })).toBe('1946-03-04');
		expect(iso('03-04-1946')).toBe('1946-04-03');
		// A part above 12 can only be the day, whatever the order.
		expect(iso('16/12/1929', { slashDateOrder: 'mdy' })).toBe('1929-12-16');
		expect(iso('12/16/1929')).toBe('1929-12-16');
		expect(iso('6/7/1980')).toBe('1980-07-06');
	});

	it('treats German and English forms of one date as equal', () => {
		expect(compareField('date', '1997-04-04', '4.4.1997')).toEqual(right);
		expect(compareField('date', 'March 3, 2024', '3. März 2024')).toEqual(right);
		expect(compareField('date', '03/03/1946', '1946-03-03')).toEqual(right);
		expect(compareField('date', '5. Januar', 'Jan 5th')).toEqual(right);
		expect(compareField('date', '4.4.1997', '5.4.1997')).toEqual(wrong);
	});

	it('compares a date without year by day and month only', () => {
		expect(compareField('date', '2029-03-19', '19.3.')).toEqual(right);
		expect(compareField('date', '19.3.', '19.03.2029')).toEqual(right);
		expect(compareField('date', '2029-03-20', '19.3.')).toEqual(wrong);
		expect(datesEqual({ month: 3, day: 19 }, { month: 3, day: 19 })).toBe(true);
	});

	it('does not count a missing day as equal', () => {
		expect(compareField('date', 'März 2024', '3.3.2024')).toEqual(wrong);
		expect(compareField('date', '03/2024', 'März 2024')).toEqual(right);
	});

	it('falls back to text when a side is no date', () => {
		expect(compareField('date', '1.', '1.')).toEqual(right);
		expect(compareField('date', 'unbekannt', '4.4.1997')).toEqual(wrong);
	});
});

describe('list', () => {
	const truth = ['Dr. Hanns Wurst', 'Dr. Matthias Metzger'];

	it('scores set overlap: matched items, extra and missing ones', () => {
		expect(compareField('list', ['dr hanns wurst', 'Dr. Matthias Metzger'], truth)).toEqual({
			correct: true,
			tp: 2,
			fp: 0,
			fn: 0
		});
		expect(compareField('list', ['Dr. Matthias Metzger'], truth)).toEqual({
			correct: false,
			tp: 1,
			fp: 0,
			fn: 1
		});
		expect(
			compareField(
				'list',
				['Dr. Matthias Metzger', 'Dr. Hanns Wurst', 'Dr. Bernwart Schulze'],
				truth
			)
		).toEqual({ correct: false, tp: 2, fp: 1, fn: 0 });
		expect(compareField('list', ['Prof. X'], truth)).toEqual({
			correct: false,
			tp: 0,
			fp: 1,
			fn: 2
		});
	});

	it('counts a repeated item once as a match and once as extra', () => {
		expect(
			compareField('list', ['Dr. Hanns Wurst', 'Dr. Hanns Wurst'], ['Dr. Hanns Wurst'])
		).toEqual({ correct: false, tp: 1, fp: 1, fn: 0 });
	});

	it('splits a list given as one string on | and ;', () => {
		expect(compareField('list', 'Dr. Hanns Wurst; Dr. Matthias Metzger', truth).tp).toBe(2);
		expect(compareField('list', 'Dr. Hanns Wurst | Dr. Matthias Metzger', truth).tp).toBe(2);
		// Array items are never split: a `;` inside one stays.
		expect(compareField('list', ['A; B'], ['A; B'])).toEqual({
			correct: true,
			tp: 1,
			fp: 0,
			fn: 0
		});
	});

	it('compares items by the item kind and finds the best one-to-one matching', () => {
		expect(
			compareField('list', ['2018-05-16', '19.3.'], ['16.5.18', '19.03.2029'], { itemKind: 'date' })
				.tp
		).toBe(2);
		// `19.3.` matches both truth dates; a greedy match would pair it with the first and lose one.
		expect(
			compareField('list', ['19.3.', '2029-03-19'], ['2029-03-19', '2030-03-19'], {
				itemKind: 'date'
			}).tp
		).toBe(2);
	});
});

describe('valuesOf', () => {
	it('splits strings, keeps array items whole, drops empties', () => {
		expect(valuesOf(' a | b |')).toEqual(['a', 'b']);
		expect(valuesOf(['a | b', ' ', null, 3, true])).toEqual(['a | b', '3', 'true']);
		expect(valuesOf('a | b', null)).toEqual(['a | b']);
		expect(valuesOf(undefined)).toEqual([]);
	});
});
