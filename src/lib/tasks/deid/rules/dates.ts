/**
 * Dates in German and English clinical text: numeric forms (`4.4.1997`, `04.04.97`, `19.3.`,
 * `2024-03-03`, `03/03/1946`, `8/23`, `04/2018`, `10-18-20`), month names (`3. März 2024`,
 * `März 2024`, `Jan 5th`, `January 5, 2024`, `5 Jan 2024`, `20th Oct, 1989`), years that context
 * marks as years (`seit 2007`, `CABG 1957, 1971`, `'88`) and weekdays. Context words before a date
 * make it a birth, admission or discharge date.
 *
 * Short forms are ambiguous with clinical values (`1/2` tablet, `5/5` strength, `Hb 12.3.`), so
 * they need context; full dates are taken as they are.
 */
import type { Lang, PhiType } from '../types';
import {
	after,
	allMatches,
	before,
	hasDigit,
	isDigit,
	isLetter,
	L,
	previousWord,
	WordListScan,
	type RuleHit
} from './hit';
import { MONTH_NUMBERS } from '$lib/text/months';

export interface DateParts {
	year?: number;
	month?: number;
	day?: number;
}

const MONTHS: Record<string, number> = {
	...MONTH_NUMBERS,
	// Spanish, for the Spanish notes among English and German ones (MEDDOCAN-like letters).
	enero: 1,
	febrero: 2,
	marzo: 3,
	abril: 4,
	mayo: 5,
	junio: 6,
	julio: 7,
	agosto: 8,
	septiembre: 9,
	octubre: 10,
	noviembre: 11,
	diciembre: 12
};

/** Month words that are also ordinary words or first names: only with a day or a year. */
const AMBIGUOUS_MONTHS = new Set([
	'may',
	'mar',
	'march',
	'august',
	'aug',
	'jan',
	'april',
	'jun',
	'dec'
]);

const WEEKDAYS = [
	'montag',
	'dienstag',
	'mittwoch',
	'donnerstag',
	'freitag',
	'samstag',
	'sonnabend',
	'sonntag',
	'monday',
	'tuesday',
	'wednesday',
	'thursday',
	'friday',
	'saturday',
	'sunday'
];

/** Words after which a bare month name or a short date is a date: "im Februar", "vom 19.3.". */
const DATE_PREPOSITIONS = new Set([
	'am',
	'vom',
	'von',
	'bis',
	'zum',
	'seit',
	'ab',
	'im',
	'den',
	'anfang',
	'mitte',
	'ende',
	'datum',
	'stand',
	'in',
	'since',
	'during',
	'on',
	'until',
	'till',
	'from',
	'to',
	'early',
	'late',
	'mid',
	'of',
	'date',
	'und',
	'and',
	'oder',
	'or',
	'eve',
	'evening',
	'morning'
]);

function validDay(day: number, month: number): boolean {
	return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/** A two-digit year as written in letters: `54` is 1954, `24` is 2024 (pivot: 30 years ahead). */
function fullYear(yy: number, digits: number): number {
	if (digits === 4) return yy;
	const pivot = (new Date().getFullYear() % 100) + 30;
	return yy <= pivot ? 2000 + yy : 1900 + yy;
}

/** After a short date: units and words that make "5/5" or "1/2" a value, not a date. */
const TRAILING_CLINICAL =
	/^\s*(?:mg|ml|µg|mcg|g\b|kg|mmol|ie\b|iu\b|i\.e\.|u\b|units?\b|cc|l\b|%|°|x\b|min\b|h\b|std|tage?\b|tbl|tabs?\b|tablets?|cm|mm|mmhg|strength|murmur|sem\b|hsm\b|grade|ns\b|nss?\b|bottles?)|^[a-z%]/iu;
/** Before a short date: ventilator settings, scores and scales ("CPAP 5/5", "pain 5/10"). */
const LEADING_CLINICAL =
	/(?:\b(?:strength|murmur|sem|grade|motor|pain|stärke|kraft|kraftgrad|score|gcs|rass|ratio|verhältnis|dosis|dose|tab|tbl|ps|psv|cpap|bipap|peep|pap|ac|simv|imv|vent|vented|flowby|ventilation|ips|support|rate|rating|perrla|wean|trial|trialed|mode|settings?|nasal|mask|v|t|n|m)(?:\s+\d+)?|\bx|\d+x\d*\.?|%)\s*(?:of|at|to|on|=|:|-|down to)?\s*,?\s*$/iu;
const CLOCK_AFTER =
	/^\s*(?:@|at)?\s*(?:approx\.?\s*)?\d{3,4}(?!\d)|^\s*\d{1,2}(?::\d\d)?\s*[ap]m\b/iu;
const PAIN_NEAR = /pain|\bcp\b|rating|rated|discomfort|scale|schmerz|\bnrs\b|\bvas\b/iu;

const ISO_DATE =
	/(?<![0-9./-])((?:18|19|20)\d{2})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?(?![0-9])/g;
const DOT_DATE =
	/(?<![0-9,.])(\d{1,2})\.[ \t]?(\d{1,2})(?:(\.)(?:[ \t]?(\d{4})|(\d{2}))?|[ \t](\d{4}))?(?![0-9])/g;
const SLASH_DATE = /(?<![0-9/.,])(\d{1,2})([/-])(\d{1,2})\2(\d{4}|\d{2})(?![0-9]|[/.,]\d)/g;
const MONTH_YEAR = /(?<![0-9/.,])(?:(\d{1,2})-)?(\d{1,2})\/((?:18|19|20)\d{2})(?![0-9/])/g;
const SHORT_SLASH = /(?<![0-9/,:]|\d\.)(\d{1,2})\/(\d{1,2})(?![0-9/]|[.,]\d)/g;
const YEAR = /(?<![0-9.,/:#-])((?:19|20)\d{2})(?![0-9]|[.,]\d|:\d)/g;
const APOSTROPHE_YEAR =
	/(?:(?<![0-9])['’](\d{2})(?![0-9'’])|(?<![0-9'’])(\d{2})['’](?![A-Za-z0-9]))/g;
/** Month names and weekdays in one scan: group 1 a month, otherwise a weekday. */
const MONTH_OR_WEEKDAY = new WordListScan({
	notAfter: L,
	groups: [
		{ words: Object.keys(MONTHS), ignoreCase: true, capture: true },
		{ words: WEEKDAYS, ignoreCase: true }
	],
	wordEnd: true
});

/** Words before a year that say it is one: "seit 2007", "CABG 1957", "in 1983". */
const YEAR_BEFORE =
	/(?:\b(?:seit|since|in|im|en|desde|año|jahr|jahre|year|von|bis|ab|of|during|until|um|circa|ca|anno|ed|dx|diagnosed|z\.n|s\/p|cabg|mi|cva|stroke|surgery|op|resection|resektion|born|geb|geboren|month|monat|januar|january|februar|february|märz|march|april|mai|may|juni|june|juli|july|august|september|oktober|october|november|dezember|december)\.?|[(;'’])\s*$/iu;
/** Units and time words after a number that say it is not a year: "2000 mg", "1900 Uhr". */
const NOT_YEAR_AFTER =
	/^\s*(?:mg|ml|µg|mcg|g\b|kg|mmol|ie\b|iu\b|i\.e\.|u\b|units?\b|cc|l\b|%|°|x\b|cal|kcal|hrs?\b|h\b|uhr|min|ms\b|mosm|\/|-\s*\d|–\s*\d|to\s+\d|bis\s+\d|cells|zellen|copies|kopien|gtts?|puffs?|am\b|pm\b)/iu;
/** Words before a number that make it a clock time or a quantity. */
const NOT_YEAR_BEFORE =
	/(?:\b(?:at|um|until|by|after|before|from|noc|q|bolus|gave|given|total|intake|output|vol|volume|dose|dosis|wert|value|present|approx|about|ca|circa|los|uop|u\/o)|@|~|-|–|\+|[<>=])\s*$/iu;

interface Found {
	start: number;
	end: number;
	rule: string;
}

/** A month/day reading, or either reading when `monthFirst` is not required. */
function validPair(first: number, second: number, monthFirst: boolean): boolean {
	if (monthFirst) return validDay(second, first);
	return validDay(first, second) || validDay(second, first);
}

function numericDates(text: string, lang: Lang, out: Found[]): void {
	for (const m of allMatches(ISO_DATE, text)) {
		if (validDay(Number(m[3]), Number(m[2])))
			out.push({ start: m.index, end: m.index + m[0].length, rule: 'iso-date' });
	}
	for (const m of allMatches(DOT_DATE, text)) {
		const [whole, d, mo, dot, year4, year2, spacedYear] = m;
		if (!validDay(Number(d), Number(mo))) continue;
		const start = m.index;
		const end = start + whole.length;
		// "1.2.3." is outline numbering, "1.2.3.4" a version or an address.
		if (text[end] === '.' && isDigit(text[end + 1])) continue;
		const year = year4 ?? spacedYear;
		if (year && (Number(year) < 1880 || Number(year) > 2099)) continue;
		if (year || year2) {
			// English notes write decimals with dots: "5.7.54" is a date only in German text.
			if (lang === 'en' && !year4) continue;
			out.push({ start, end, rule: 'german-date' });
			continue;
		}
		// "19.3." or "05.11" without a year: only in German text, and where it reads as a date.
		if (lang !== 'de') continue;
		const rest = after(text, end, 20, true);
		const range = /^\s*(?:-|–|bis)\s*\d{1,2}\.\d{1,2}\./u.test(rest);
		if (!dot && !range) continue;
		if (/^\s?\d/u.test(rest)) continue;
		const prefixed =
			DATE_PREPOSITIONS.has(previousWord(text, start)) ||
			/[(–-]\s*$/u.test(before(text, start, 3, true)) ||
			/^\s*(?:-|–|bis\b|:|\))/u.test(rest);
		if ((range || prefixed) && !isLetter(before(text, start, 1)))
			out.push({ start, end, rule: 'german-date' });
	}
	for (const m of allMatches(SLASH_DATE, text)) {
		const [whole, a, sep, b, y] = m;
		if (!y) continue;
		// A four-digit year makes any valid reading a date; with two digits ("16/5/40" on a
		// ventilator) English notes need month/day.
		if (sep === '-' && y.length === 2 && lang === 'de') continue;
		if (!validPair(Number(a), Number(b), y.length === 2 && lang === 'en')) continue;
		if (y.length === 4 && (Number(y) < 1880 || Number(y) > 2099)) continue;
		const end = m.index + whole.length;
		if (/^\s*%|^[A-Za-z]/u.test(after(text, end, 3))) continue;
		out.push({ start: m.index, end, rule: 'numeric-date' });
	}
	for (const m of allMatches(MONTH_YEAR, text)) {
		const month = Number(m[2]);
		const firstMonth = m[1] ? Number(m[1]) : 1;
		if (month < 1 || month > 12 || firstMonth < 1 || firstMonth > 12) continue;
		out.push({ start: m.index, end: m.index + m[0].length, rule: 'month-year' });
	}
	for (const m of allMatches(SHORT_SLASH, text)) shortSlash(text, lang, m, out);
}

/** "8/23" (English month/day), "11/28" (German month/year), or a value like "5/5" or "1/2". */
function shortSlash(text: string, lang: Lang, m: RegExpMatchArray, out: Found[]): void {
	const [whole, a = '', b = ''] = m;
	const start = m.index ?? 0;
	const first = Number(a);
	const second = Number(b);
	if (first < 1 || first > 12) return;
	const end = start + whole.length;
	const yearLike = b.length === 2 && (second > 31 || b.startsWith('0'));
	// German writes month/year ("11/28"); English month/day ("8/23") and sometimes month/year.
	const asYear = b.length === 2 && (lang === 'de' ? second >= 10 || b.startsWith('0') : yearLike);
	const asDay = lang === 'en' && second >= 1 && second <= 31;
	if (!asYear && !asDay) return;
	const prev = before(text, start, 1);
	if (isLetter(prev) && !yearLike) return;
	if (TRAILING_CLINICAL.test(after(text, end, 12, true))) return;
	if (!yearLike && LEADING_CLINICAL.test(before(text, start, 24, true))) return;
	if (asYear) {
		out.push({ start, end, rule: 'month-year' });
		return;
	}
	// Fractions and scores ("1/2", "3/4", "5/5" strength, "2/2" bottles) need a date-like context.
	if (first === second && !strongDateContext(text, start, end, false)) return;
	if (second <= 8 && first < second && !strongDateContext(text, start, end, true)) return;
	if (second === 10 && PAIN_NEAR.test(before(text, start, 40, true) + after(text, end, 20, true)))
		return;
	out.push({ start, end, rule: 'month-day' });
}

/**
 * Context that makes even a short "3/4" a date: a preposition, the start of a line or sentence,
 * or a clock time after it ("9/9 @ 1900"). "on 5/5" is a ventilator setting as often as a date,
 * so `onCounts` is false for repeated numbers.
 */
function strongDateContext(text: string, start: number, end: number, onCounts: boolean): boolean {
	if (/(?:^|\.)\s*$/u.test(before(text, start, 20, true))) return true;
	if (CLOCK_AFTER.test(after(text, end, 20, true))) return true;
	const word = previousWord(text, start);
	if (word === 'on') return onCounts;
	return ['since', 'until', 'from', 'am', 'vom', 'seit', 'bis', 'admitted', 'adm'].includes(word);
}

function yearsByContext(text: string, lang: Lang, out: Found[]): void {
	for (const m of allMatches(YEAR, text)) {
		const start = m.index;
		const end = start + m[0].length;
		const year = Number(m[1]);
		const pre = before(text, start, 24, true);
		const post = after(text, end, 16, true);
		if (isLetter(pre.at(-1)) || isLetter(post[0])) continue;
		if (NOT_YEAR_AFTER.test(post)) continue;
		const marked = YEAR_BEFORE.test(pre);
		const listed = /^\s*,\s*(?:19|20)\d\d\b/u.test(post) || /(?:19|20)\d\d\s*,\s*$/u.test(pre);
		if (!marked && !listed && NOT_YEAR_BEFORE.test(pre)) continue;
		// In English notes 1900–1959 and 2000–2059 are also clock times ("at 1930").
		const clock = lang === 'en' && year % 100 < 60;
		if (clock && !marked && !listed) continue;
		if (year % 100 === 0 && !marked) continue;
		out.push({ start, end, rule: 'year' });
	}
	for (const m of allMatches(APOSTROPHE_YEAR, text)) {
		// "'88", "CA'88", "62'"; "70's" (a range of values) fails the lookahead.
		out.push({ start: m.index, end: m.index + m[0].length, rule: 'year' });
	}
}

const DAY_BEFORE = /(?<![0-9.])(\d{1,2})(?:st|nd|rd|th|\.)?[ \t]*(?:of[ \t]+)?$/i;
const DAY_AFTER = /^\.?[ \t]*(\d{1,2})(?:st|nd|rd|th)?(?![0-9])/i;
const YEAR_AFTER =
	/^\.?([ \t]*,?[ \t]*)(?:(?:of|de|del)[ \t]+)?((?:18|19|20)\d{2}|['’]\d{2}|\d{2})(?![0-9])/i;

function dayIn(m: RegExpExecArray | null): boolean {
	const day = Number(m?.[1]);
	return day >= 1 && day <= 31;
}

function monthNameDates(text: string, out: Found[]): void {
	for (const m of MONTH_OR_WEEKDAY.matches(text)) {
		if (m[1] === undefined) {
			out.push({ start: m.index, end: m.index + m[0].length, rule: 'weekday' });
			continue;
		}
		const raw = m[1];
		const word = raw.toLowerCase();
		let start = m.index;
		let end = start + raw.length;
		const dayBefore = DAY_BEFORE.exec(before(text, start, 12, true));
		const hasDayBefore = dayIn(dayBefore);
		const dayAfter = hasDayBefore ? null : DAY_AFTER.exec(after(text, end, 12, true));
		const hasDayAfter = dayIn(dayAfter);
		if (hasDayAfter && dayAfter) end += dayAfter[0].length;
		const yearAfter = YEAR_AFTER.exec(after(text, end, 16, true));
		const year = yearAfter?.[2] ?? '';
		const hasDay = hasDayBefore || hasDayAfter;
		// After a day, a two-digit year needs its comma or apostrophe: "28 Oct, 88".
		const hasYear =
			yearAfter !== null &&
			(year.length !== 2 || !hasDay || /,/u.test(yearAfter[1] ?? '')) &&
			!(year.length === 2 && /^\s*,?\s*\d{2}\s*[-–]/u.test(after(text, end, 8)));
		if (hasYear && yearAfter) end += yearAfter[0].length;
		const titleCase =
			raw[0] !== raw[0]?.toLowerCase() && raw.slice(1) === raw.slice(1).toLowerCase();
		const abbreviated = word.length <= 4 && !['mai', 'juni', 'juli', 'june', 'july'].includes(word);
		if (AMBIGUOUS_MONTHS.has(word)) {
			if (!hasYear && !(hasDay && titleCase)) continue;
		} else if (abbreviated) {
			if (!hasYear && !hasDay) continue;
		} else if (!hasYear && !hasDay && !DATE_PREPOSITIONS.has(previousWord(text, start))) {
			continue;
		}
		if (hasDayBefore && dayBefore) start -= dayBefore[0].length;
		out.push({ start, end, rule: 'month-name-date' });
	}
}

const BIRTH_BEFORE =
	/(?:geb(?:oren)?\.?|geburtsdatum|geb\.?-?dat(?:um)?\.?|geburtstag|dob|d\.o\.b\.?|date of birth|birth\s?date|birthday is(?: tomorrow| today)?|born|\*)(?:\s*(?:am|on|the))?\s*[:.]?\s*\(?\s*$/iu;
const ADMISSION_BEFORE =
	/(?:aufnahme(?:datum|tag)?|aufgenommen|eingewiesen|einweisung|admitted|admission|adm\.?|aufn\.?)(?:\s+[\p{L}.\d/]+){0,4}?\s*(?:am|on|vom|den)?\s*[:.]?\s*$/iu;
const DISCHARGE_BEFORE =
	/(?:entlassung(?:sdatum|stag)?|entlassen|discharged?|discharge date|entl\.?)(?:\s+[\p{L}.\d/]+){0,4}?\s*(?:am|on|vom|den)?\s*[:.]?\s*$/iu;
const STAY_NEAR = /station|behandlung|aufenthalt|hospitali|admitted|klinik|krankenhaus|inpatient/iu;

function subtype(text: string, start: number): PhiType {
	const pre = before(text, start, 60, true);
	if (BIRTH_BEFORE.test(pre)) return 'date_birth';
	const sentence = pre.slice(Math.max(pre.lastIndexOf('. '), 0));
	if (DISCHARGE_BEFORE.test(sentence)) return 'date_discharge';
	if (ADMISSION_BEFORE.test(sentence)) return 'date_admission';
	return 'date';
}

/** A stay written as "vom 19.3. bis zum 7.5.2029 in stationärer Behandlung": admission, discharge. */
function markStays(text: string, hits: RuleHit[]): void {
	for (let i = 0; i + 1 < hits.length; i++) {
		const a = hits[i];
		const b = hits[i + 1];
		if (!a || !b || a.type !== 'date' || b.type !== 'date') continue;
		const between = text.slice(a.end, b.start);
		if (!/^\s*(?:-|–|bis(?:\s+zum)?|to|until|through)\s*$/iu.test(between)) continue;
		if (!/(?:vom|von|from|zwischen)\s*$/iu.test(before(text, a.start, 12))) continue;
		const around = before(text, a.start, 100) + after(text, b.end, 100);
		if (!STAY_NEAR.test(around)) continue;
		a.type = 'date_admission';
		b.type = 'date_discharge';
	}
}

export function findDates(text: string, lang: Lang): RuleHit[] {
	const found: Found[] = [];
	// Numeric dates and years need a digit; month names and weekdays do not.
	if (hasDigit(text)) {
		numericDates(text, lang, found);
		yearsByContext(text, lang, found);
	}
	monthNameDates(text, found);
	found.sort((a, b) => a.start - b.start || b.end - a.end);
	// Drop finds nested in a longer one ("3/2024" inside "19.3/2024"), so that subtypes and stays
	// are decided once per date.
	const hits: RuleHit[] = [];
	let lastEnd = -1;
	for (const f of found) {
		if (f.start < lastEnd) {
			const prev = hits.at(-1);
			if (prev && f.end > prev.end) prev.end = f.end;
			continue;
		}
		hits.push({ start: f.start, end: f.end, type: subtype(text, f.start), rule: f.rule });
		lastEnd = f.end;
	}
	markStays(text, hits);
	return hits;
}

const NUMERIC_PARTS = /^(\d{1,4})[./-](\d{1,2})(?:[./-](\d{2,4}))?\.?$/u;

/**
 * The year, month and day of a date as written, for comparing a known birth date with the dates
 * in a text. Numeric forms are read day-first (German) unless the language is English and the
 * first number cannot be a day-first month; ISO dates are year-first.
 */
export function parseDate(raw: string, lang: Lang = 'de'): DateParts | null {
	const s = raw.trim().replace(/\s+/gu, ' ');
	const iso = /^((?:18|19|20)\d{2})-(\d{1,2})-(\d{1,2})/u.exec(s);
	if (iso) return { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) };
	const num = NUMERIC_PARTS.exec(s.replace(/\. /gu, '.'));
	if (num) {
		const a = Number(num[1]);
		const b = Number(num[2]);
		const yRaw = num[3];
		const year = yRaw ? fullYear(Number(yRaw), yRaw.length) : undefined;
		const slash = s.includes('/') || /^\d{1,2}-\d{1,2}-\d/u.test(s);
		const monthFirst = slash && lang === 'en' ? validDay(b, a) : !validDay(a, b);
		const [day, month] = monthFirst ? [b, a] : [a, b];
		if (!validDay(day, month)) return null;
		return year === undefined ? { month, day } : { year, month, day };
	}
	const words = s.toLowerCase().replace(/[.,]/gu, ' ').split(' ').filter(Boolean);
	const parts: DateParts = {};
	for (const w of words) {
		const month = MONTHS[w];
		if (month) parts.month = month;
		else if (/^\d{4}$/u.test(w)) parts.year = Number(w);
		else if (/^\d{1,2}(?:st|nd|rd|th)?$/u.test(w)) parts.day = Number.parseInt(w, 10);
	}
	return parts.month ? parts : null;
}
