/**
 * Dates as clinical letters write them, German and English: parsed into day, month and year,
 * and written back in the very format they came in, so that a shifted or generalised date reads
 * like the original ("19.3." stays day-month, "3. März 2024" keeps its month name).
 */
import type { Lang } from './types';

export type DatePrecision = 'day' | 'month' | 'year';

export interface ParsedDate {
	/** The date's position inside the parsed text (a span may hold "geb. 13.08.1948"). */
	start: number;
	end: number;
	/** Null when the text leaves it out ("19.3." has no year, "März 2024" no day). */
	day: number | null;
	month: number | null;
	year: number | null;
	precision: DatePrecision;
	/** Writes another date in the same format: padding, separators, month names, 2-digit years. */
	render(year: number, month: number, day: number): string;
}

const MONTHS: Record<string, string[]> = {
	deFull: [
		'Januar',
		'Februar',
		'März',
		'April',
		'Mai',
		'Juni',
		'Juli',
		'August',
		'September',
		'Oktober',
		'November',
		'Dezember'
	],
	deShort: ['Jan', 'Feb', 'Mär', 'Apr', 'Mai', 'Jun', 'Jul', 'Aug', 'Sep', 'Okt', 'Nov', 'Dez'],
	enFull: [
		'January',
		'February',
		'March',
		'April',
		'May',
		'June',
		'July',
		'August',
		'September',
		'October',
		'November',
		'December'
	],
	enShort: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
};

/** Other spellings that letters use; written back in the style they belong to. */
const VARIANTS: [string, string, number][] = [
	['Jänner', 'deFull', 1],
	['Jän', 'deShort', 1],
	['Feber', 'deFull', 2],
	['Maerz', 'deFull', 3],
	['Mrz', 'deShort', 3],
	['Sept', 'enShort', 9]
];

interface MonthName {
	style: string;
	month: number;
}

/** Lower-case name → every reading of it ("jan" is German and English). */
const MONTH_LOOKUP = new Map<string, MonthName[]>();
const addMonth = (name: string, style: string, month: number) => {
	const key = name.toLowerCase();
	MONTH_LOOKUP.set(key, [...(MONTH_LOOKUP.get(key) ?? []), { style, month }]);
};
for (const [style, names] of Object.entries(MONTHS))
	names.forEach((name, i) => addMonth(name, style, i + 1));
for (const [name, style, month] of VARIANTS) addMonth(name, style, month);

const MONTH_ALTERNATION = [...MONTH_LOOKUP.keys()]
	.sort((a, b) => b.length - a.length)
	.map((name) => name.replace(/ä/g, '[äa]'))
	.join('|');

/** Not part of a longer word, number or date ("31.02.2024" holds no "02.2024"). */
const L = '(?<![\\p{L}\\p{N}])(?<!\\p{N}[./-])';
const R = '(?![\\p{L}\\p{N}])(?![./-]\\p{N})';
const MON = `(?<mon>${MONTH_ALTERNATION})`;

/** Most specific first: the first pattern that matches decides how the date is read. */
const PATTERNS: { re: RegExp; order?: 'slash' }[] = [
	{ re: new RegExp(`${L}(?<y>\\d{4})-(?<m>\\d{1,2})-(?<d>\\d{1,2})${R}`, 'dui') },
	{
		re: new RegExp(
			`${L}(?<d>\\d{1,2})\\.[ \\t]?(?<m>\\d{1,2})\\.(?:[ \\t]?(?<y>\\d{4}|(?<=\\.)\\d{2})${R})?(?!\\d)`,
			'dui'
		)
	},
	{
		re: new RegExp(`${L}(?<a>\\d{1,2})\\/(?<b>\\d{1,2})\\/(?<y>\\d{4}|\\d{2})${R}`, 'dui'),
		order: 'slash'
	},
	{
		re: new RegExp(`${L}(?<d>\\d{1,2})\\.?[ \\t]+${MON}\\.?(?:,?[ \\t]+(?<y>\\d{4}))?${R}`, 'dui')
	},
	{
		re: new RegExp(
			`${L}${MON}\\.?[ \\t]+(?<d>\\d{1,2})(?:st|nd|rd|th)?(?:,?[ \\t]+(?<y>\\d{4}))?${R}`,
			'dui'
		)
	},
	{ re: new RegExp(`${L}${MON}\\.?,?[ \\t]+(?<y>\\d{4})${R}`, 'dui') },
	{ re: new RegExp(`${L}(?<m>\\d{1,2})[./](?<y>\\d{4})${R}`, 'dui') },
	{ re: new RegExp(`${L}(?<y>(?:19|20)\\d{2})${R}`, 'dui') }
];

function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A 2-digit year is read as the most recent such year not more than a year ahead. */
function fullYear(yy: number, now = new Date().getUTCFullYear()): number {
	const century = Math.floor(now / 100) * 100;
	return century + yy > now + 1 ? century - 100 + yy : century + yy;
}

function matchCase(name: string, original: string): string {
	if (original.length > 1 && original === original.toUpperCase()) return name.toUpperCase();
	if (original === original.toLowerCase()) return name.toLowerCase();
	return name;
}

type Field = 'd' | 'm' | 'y' | 'mon';
const FIELDS: Field[] = ['d', 'm', 'y', 'mon'];

/** A name both languages share is written back in the document's language; "Marz" is März. */
function lookupMonth(name: string, lang: Lang): MonthName | undefined {
	const key = name.toLowerCase();
	const readings = MONTH_LOOKUP.get(key) ?? MONTH_LOOKUP.get(key.replace('a', 'ä')) ?? [];
	return readings.find((r) => r.style.startsWith(lang)) ?? readings[0];
}

/**
 * Finds the first date in `text`. `lang` decides how "03/04/2024" is read: day first in German,
 * month first in English (unless the first number is over 12).
 */
export function parseDate(text: string, lang: Lang): ParsedDate | null {
	for (const { re, order } of PATTERNS) {
		const match = re.exec(text);
		if (!match?.indices?.groups || !match.groups) continue;
		const groups: Partial<Record<string, string>> = { ...match.groups };
		const indices: Partial<Record<Field, [number, number]>> = {};
		const at = match.indices.groups;
		let keys: Record<Field, string> = { d: 'd', m: 'm', y: 'y', mon: 'mon' };
		if (order === 'slash') {
			const a = Number(groups.a);
			const b = Number(groups.b);
			const dayFirst = lang === 'de' ? b <= 12 : a > 12;
			keys = { ...keys, d: dayFirst ? 'a' : 'b', m: dayFirst ? 'b' : 'a' };
		}
		const value = (f: Field) => groups[keys[f]];
		for (const f of FIELDS) {
			const range = at[keys[f]];
			if (range) indices[f] = range;
		}
		const resolvedMonth = value('mon') ? lookupMonth(value('mon') ?? '', lang) : undefined;
		const month = resolvedMonth ? resolvedMonth.month : value('m') ? Number(value('m')) : null;
		const day = value('d') ? Number(value('d')) : null;
		const yearText = value('y');
		const dayText = value('d');
		const monthText = value('m');
		const monthName = value('mon') ?? '';
		const year = yearText
			? yearText.length === 2
				? fullYear(Number(yearText))
				: Number(yearText)
			: null;
		if (month !== null && (month < 1 || month > 12)) continue;
		if (day !== null && (day < 1 || day > (month ? daysInMonth(year ?? 2000, month) : 31)))
			continue;

		// "19.12.2024" and "02.09.18" are zero-padded, "19.3.2024" is not; beside a month name
		// only a written zero ("March 03") says so.
		const numeric = [dayText, monthText].filter((t) => t !== undefined);
		const padded = monthName
			? dayText?.startsWith('0') === true
			: numeric.length > 0 && numeric.every((t) => t.length === 2);
		const width = padded ? 2 : 1;
		const start = match.index;
		const end = start + match[0].length;
		const style = resolvedMonth?.style;
		const render = (y: number, m: number, d: number): string => {
			const values: Partial<Record<Field, string>> = {
				d: String(d).padStart(width, '0'),
				m: String(m).padStart(width, '0'),
				y: yearText?.length === 2 ? String(y % 100).padStart(2, '0') : String(y),
				mon: style ? matchCase(MONTHS[style]?.[m - 1] ?? '', monthName) : ''
			};
			const fields = (Object.keys(indices) as Field[])
				.filter((f) => f in values)
				.map((f) => ({ f, range: indices[f] as [number, number] }))
				.sort((x, y2) => y2.range[0] - x.range[0]);
			let out = text.slice(start, end);
			for (const { f, range } of fields)
				out = out.slice(0, range[0] - start) + values[f] + out.slice(range[1] - start);
			return out;
		};
		return {
			start,
			end,
			day,
			month,
			year,
			precision: day !== null ? 'day' : month !== null ? 'month' : 'year',
			render
		};
	}
	return null;
}

/** The date as yyyy-mm-dd, yyyy-mm or yyyy (with `?` for an unknown year): a key for tags. */
export function dateKey(date: ParsedDate): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	const year = date.year === null ? '????' : String(date.year);
	if (date.month === null) return year;
	if (date.day === null) return `${year}-${pad(date.month)}`;
	return `${year}-${pad(date.month)}-${pad(date.day)}`;
}

const DAY_MS = 86_400_000;
const DAYS_PER_MONTH = 365.2425 / 12;

/**
 * The date moved by `days`, written as it was. A date without a year is shifted as if it were
 * in `assumedYear` (the letter's year), so intervals across the turn of a month stay right; a
 * month-year date moves by whole months and a lone year by whole years, the nearest to `days`.
 */
export function shiftParsed(date: ParsedDate, days: number, assumedYear: number): string {
	if (date.precision === 'year') {
		const years = Math.round(days / 365.2425);
		return date.render((date.year ?? assumedYear) + years, 1, 1);
	}
	if (date.precision === 'month') {
		const months = Math.round(days / DAYS_PER_MONTH);
		const index = (date.year ?? assumedYear) * 12 + (date.month ?? 1) - 1 + months;
		return date.render(Math.floor(index / 12), (index % 12) + 1, 1);
	}
	const from = Date.UTC(date.year ?? assumedYear, (date.month ?? 1) - 1, date.day ?? 1);
	const to = new Date(from + days * DAY_MS);
	return date.render(to.getUTCFullYear(), to.getUTCMonth() + 1, to.getUTCDate());
}

/**
 * Replaces the date inside `text` (a span) with `replace(date)`, keeping what surrounds it.
 * Null when there is no date, or when digits remain outside it ("02-04/2021": only part of it
 * would change, the rest would still tell the original).
 */
export function rewriteDate(
	text: string,
	lang: Lang,
	replace: (date: ParsedDate) => string | null
): string | null {
	const date = parseDate(text, lang);
	if (!date) return null;
	const before = text.slice(0, date.start);
	const after = text.slice(date.end);
	if (/\d/.test(before + after)) return null;
	const replacement = replace(date);
	return replacement === null ? null : before + replacement + after;
}
