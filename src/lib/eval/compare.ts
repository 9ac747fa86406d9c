/**
 * Whether an extracted value matches the ground truth, by the kind of field. Values that a kind
 * cannot read (a "date" of `unbekannt`) fall back to the text comparison, so a column with one odd
 * cell still scores that cell sensibly.
 */
import { MONTH_NUMBERS } from '$lib/text/months';

export type FieldKind = 'exact' | 'text' | 'number' | 'boolean' | 'category' | 'date' | 'list';
export type ScalarKind = Exclude<FieldKind, 'list'>;

export const FIELD_KINDS: readonly FieldKind[] = [
	'exact',
	'text',
	'number',
	'boolean',
	'category',
	'date',
	'list'
];

/** What a prediction or a truth cell may hold; arrays are several values. */
export type FieldValue =
	string | number | boolean | null | undefined | readonly (string | number | boolean | null)[];

/** How to read `1/2/2024`: day first (German, British) or month first (American). */
export type SlashDateOrder = 'dmy' | 'mdy';

export interface CompareOptions {
	/** text, category: ä→ae, ö→oe, ü→ue and other accents dropped (é→e). Default off. */
	foldUmlauts?: boolean;
	/** number: largest absolute difference still counted equal. Default 0 (exact, up to rounding). */
	tolerance?: number;
	/** number: largest difference relative to the truth (0.01 = 1 %). Default 0. */
	relativeTolerance?: number;
	/** category: canonical value → other ways of writing it. */
	synonyms?: Readonly<Record<string, readonly string[]>>;
	/**
	 * date: order of day and month in `1/2/2024` and `1-2-2024`. Default `dmy`, since the letters
	 * are German; a part above 12 decides on its own (`16/12/1929` is always 16 December).
	 */
	slashDateOrder?: SlashDateOrder;
	/**
	 * date: two-digit years below the pivot are 20xx, the others 19xx. Default 50 (`5.7.54` is
	 * 1954, `24.11.28` is 2028). It only fixes the century for display: when either side has a
	 * two-digit year, the years are compared without their century.
	 */
	twoDigitYearPivot?: number;
	/** list: how items are compared. Default `text`. */
	itemKind?: ScalarKind;
	/**
	 * Splits a string into several values. Default `|`, the ground truth's separator; a list field
	 * given as one string also splits on `;`, which the results export puts between list items.
	 * Arrays are never split further.
	 */
	valueSeparator?: string | null;
}

export interface FieldComparison {
	correct: boolean;
	tp: number;
	fp: number;
	fn: number;
}

/**
 * Non-empty, trimmed values. A string is split on the separator; an array is already several
 * values and is taken item by item.
 */
export function valuesOf(value: FieldValue, separator: string | null = '|'): string[] {
	if (value === null || value === undefined) return [];
	if (Array.isArray(value))
		return (value as readonly (string | number | boolean | null)[]).flatMap((v) =>
			valuesOf(v, null)
		);
	if (typeof value === 'number') return Number.isFinite(value) ? [String(value)] : [];
	if (typeof value === 'boolean') return [String(value)];
	const text = value as string;
	const parts = separator ? text.split(separator) : [text];
	return parts.map((p) => p.trim()).filter((p) => p !== '');
}

// Text ----------------------------------------------------------------------------------------

const UMLAUTS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue' };

/** Case, punctuation and spacing do not count: `Dr.med.  SCHULZE` equals `dr med schulze`. */
export function normalizeText(value: string, options: Pick<CompareOptions, 'foldUmlauts'> = {}) {
	// Case folding as Unicode defines it: ß is ss, since an upper-case letter writes it as SS.
	let text = value.normalize('NFC').toLowerCase().replace(/ß/g, 'ss');
	if (options.foldUmlauts)
		text = text
			.replace(/[äöü]/g, (ch) => UMLAUTS[ch] ?? ch)
			.normalize('NFD')
			.replace(/\p{M}/gu, '')
			.normalize('NFC');
	return text
		.replace(/[\p{P}\p{S}]/gu, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}

// Numbers -------------------------------------------------------------------------------------

/**
 * A number written the German or the English way, with an optional unit after it: `8,1`, `8.1`,
 * `1.234,5`, `1,234.5`, `1 234`, `-3`, `12 mg`. One separator alone is the decimal separator
 * (`1,234` is 1.234, as in German); a separator repeated, or followed by the other one, groups
 * thousands, in groups of three (so `12.3.2024` is no number). `null` when the text is not one
 * number.
 */
export function parseNumber(value: string): number | null {
	const match =
		/^([+\-−]?)\s*(\d[\d\s.,'’\u00a0\u202f]*?)\s*(?:[\p{L}%°µ][\p{L}\d%°/µ.\s²³]*)?$/u.exec(
			value.trim()
		);
	if (!match) return null;
	// Spaces and apostrophes group thousands only when three digits follow (`1 234`, `1'234`).
	let digits = (match[2] as string)
		.replace(/(\d)[\s'’\u00a0\u202f](?=\d{3}(?!\d))/g, '$1')
		.replace(/[.,]$/, '');
	if (!/^[\d.,]+$/.test(digits)) return null;
	const separators = digits.replace(/\d/g, '');
	if (separators.length === 1) {
		digits = digits.replace(',', '.');
	} else if (separators.length > 1) {
		const last = separators[separators.length - 1] as string;
		const mixed = [...separators].some((c) => c !== last);
		let whole = digits;
		let fraction = '';
		if (mixed) {
			if (separators.slice(0, -1).includes(last)) return null;
			whole = digits.slice(0, digits.lastIndexOf(last));
			fraction = digits.slice(digits.lastIndexOf(last) + 1);
		}
		const groups = whole.split(mixed ? (separators[0] as string) : last);
		if (!/^\d{1,3}$/.test(groups[0] ?? '') || groups.slice(1).some((g) => !/^\d{3}$/.test(g)))
			return null;
		digits = groups.join('') + (fraction ? `.${fraction}` : '');
	}
	if (!/^\d+(\.\d+)?$/.test(digits)) return null;
	const number = Number(digits);
	return match[1] === '' || match[1] === '+' ? number : -number;
}

function numbersEqual(a: number, b: number, options: CompareOptions): boolean {
	const allowed = Math.max(
		options.tolerance ?? 0,
		Math.abs(b) * (options.relativeTolerance ?? 0),
		// Rounding: 0.1 + 0.2 is 0.1 + 0.2.
		Number.EPSILON * 16 * Math.max(1, Math.abs(a), Math.abs(b))
	);
	return Math.abs(a - b) <= allowed;
}

// Booleans ------------------------------------------------------------------------------------

const TRUE_WORDS = [
	'yes',
	'y',
	'true',
	'1',
	'present',
	'positive',
	'pos',
	'+',
	'x',
	'✓',
	'✔',
	'ja',
	'j',
	'wahr',
	'vorhanden',
	'positiv',
	'zutreffend',
	'bekannt'
];
const FALSE_WORDS = [
	'no',
	'n',
	'false',
	'0',
	'absent',
	'not present',
	'negative',
	'neg',
	'-',
	'none',
	'nein',
	'falsch',
	'nicht vorhanden',
	'negativ',
	'kein',
	'keine',
	'fehlt',
	'nicht zutreffend',
	'unauffällig'
];

/** `ja`, `yes`, `1`, `vorhanden`, … → true; `nein`, `no`, `0`, `absent`, … → false; else null. */
export function parseBoolean(value: string): boolean | null {
	const text = value
		.normalize('NFC')
		.trim()
		.toLowerCase()
		.replace(/[.!]$/, '')
		.replace(/\s+/g, ' ');
	if (TRUE_WORDS.includes(text)) return true;
	if (FALSE_WORDS.includes(text)) return false;
	return null;
}

// Dates ---------------------------------------------------------------------------------------

/** A date as far as it is known: `19.3.` has no year, `März 2024` no day. */
export interface PartialDate {
	year?: number;
	month: number;
	day?: number;
	/** The year was written with two digits; its century is a guess (see `twoDigitYearPivot`). */
	twoDigitYear?: boolean;
}

/** Also the Austrian and older forms letters use. */
const MONTHS: Record<string, number> = {
	...MONTH_NUMBERS,
	jaenner: 1,
	jän: 1,
	feber: 2,
	mär: 3
};

/** Words that may stand around a date without changing it ("am Montag, den 3. März"). */
const DATE_FILLERS = new Set([
	'am',
	'den',
	'vom',
	'the',
	'of',
	'on',
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
]);

function year(text: string, pivot: number): Pick<PartialDate, 'year' | 'twoDigitYear'> {
	const n = Number(text);
	if (text.length === 4) return { year: n };
	return { year: n < pivot ? 2000 + n : 1900 + n, twoDigitYear: true };
}

function daysIn(month: number, y: number | undefined): number {
	// Without a year, 29 February may still be a real date.
	if (month === 2)
		return y === undefined || (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)) ? 29 : 28;
	return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function valid(date: PartialDate): PartialDate | null {
	if (!Number.isInteger(date.month) || date.month < 1 || date.month > 12) return null;
	if (date.day !== undefined && (date.day < 1 || date.day > daysIn(date.month, date.year)))
		return null;
	return date;
}

/** `first`/`second` of `1/2/2024` as day and month. */
function dayMonth(first: number, second: number, order: SlashDateOrder) {
	if (first > 12 && second <= 12) return { day: first, month: second };
	if (second > 12 && first <= 12) return { day: second, month: first };
	return order === 'dmy' ? { day: first, month: second } : { day: second, month: first };
}

/** A date written with a month name: `3. März 2024`, `March 3rd, 2024`, `Jan 5th`, `März 2024`. */
function parseNamedMonth(text: string, pivot: number): PartialDate | null {
	const tokens = text
		.replace(/(\d)(st|nd|rd|th)\b/g, '$1')
		.split(/[\s.,/-]+/)
		.filter((t) => t !== '' && !DATE_FILLERS.has(t));
	const months = tokens.filter((t) => t in MONTHS);
	if (months.length !== 1) return null;
	const month = MONTHS[months[0] as string] as number;
	const numbers = tokens.filter((t) => !(t in MONTHS));
	if (!numbers.every((t) => /^\d{1,4}$/.test(t) && t.length !== 3)) return null;
	const long = numbers.filter((t) => t.length === 4);
	const short = numbers.filter((t) => t.length <= 2);
	if (long.length > 1 || numbers.length > 2) return null;
	if (long.length === 1) {
		// `März 2024` or `3. März 2024` / `2024 March 3`.
		const day = short[0] === undefined ? undefined : Number(short[0]);
		return valid({ month, day, ...year(long[0] as string, pivot) });
	}
	if (short.length === 1) return valid({ month, day: Number(short[0]) });
	if (short.length === 2) {
		// `3 Mar 24`: the day comes first, then a two-digit year.
		return valid({ month, day: Number(short[0]), ...year(short[1] as string, pivot) });
	}
	return null;
}

/**
 * Reads German and English date forms: `4.4.1997`, `04.04.97`, `19.3.` (no year), `1997-04-04`,
 * `03/03/1946` (see `slashDateOrder`), `3. März 2024`, `March 3, 2024`, `Jan 5th`, `03/2024`.
 * A time after the date is ignored. `null` when the text is not a date.
 */
export function parseDate(
	value: string,
	options: Pick<CompareOptions, 'slashDateOrder' | 'twoDigitYearPivot'> = {}
): PartialDate | null {
	const order = options.slashDateOrder ?? 'dmy';
	const pivot = options.twoDigitYearPivot ?? 50;
	const text = value
		.normalize('NFC')
		.trim()
		.toLowerCase()
		.replace(
			/(?:[ t,]+(?:um\s+)?\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:uhr|z|[+-]\d{2}:?\d{2})?)$/,
			''
		);
	let m: RegExpExecArray | null;
	if ((m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text)))
		return valid({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) });
	if ((m = /^(\d{4})-(\d{1,2})$/.exec(text)))
		return valid({ year: Number(m[1]), month: Number(m[2]) });
	// German: the trailing dot of `19.3.` is what tells a partial date from the number 19.3.
	if ((m = /^(\d{1,2})\.\s*(\d{1,2})\.(?:\s*(\d{4}|\d{2}))?$/.exec(text)))
		return valid({
			day: Number(m[1]),
			month: Number(m[2]),
			...(m[3] === undefined ? {} : year(m[3], pivot))
		});
	if ((m = /^(\d{1,2})([/-])(\d{1,2})\2(\d{4}|\d{2})$/.exec(text)))
		return valid({
			...dayMonth(Number(m[1]), Number(m[3]), order),
			...year(m[4] as string, pivot)
		});
	if ((m = /^(\d{1,2})[/.](\d{4})$/.exec(text)))
		return valid({ month: Number(m[1]), year: Number(m[2]) });
	if (/\p{L}/u.test(text)) return parseNamedMonth(text, pivot);
	return null;
}

/**
 * Same day, month and year as far as both sides know them. A year missing on one side is not a
 * difference (letters often leave it out: `19.3.` equals `2029-03-19`); a missing day is, since
 * `März 2024` says less than `3. März 2024`.
 */
export function datesEqual(a: PartialDate, b: PartialDate): boolean {
	if (a.month !== b.month || a.day !== b.day) return false;
	if (a.year === undefined || b.year === undefined) return true;
	if (a.twoDigitYear || b.twoDigitYear) return a.year % 100 === b.year % 100;
	return a.year === b.year;
}

/** ISO form as far as known: `1997-04-04`, `--03-19` (no year), `2024-03`. */
export function formatDate(date: PartialDate): string {
	const two = (n: number) => String(n).padStart(2, '0');
	const y = date.year === undefined ? '-' : String(date.year).padStart(4, '0');
	return date.day === undefined
		? `${y}-${two(date.month)}`
		: `${y}-${two(date.month)}-${two(date.day)}`;
}

// Comparison ----------------------------------------------------------------------------------

function canonicalCategory(value: string, options: CompareOptions): string {
	const text = normalizeText(value, options);
	for (const [canonical, others] of Object.entries(options.synonyms ?? {})) {
		const names = [canonical, ...others].map((s) => normalizeText(s, options));
		if (names.includes(text)) return normalizeText(canonical, options);
	}
	return text;
}

/** Whether one predicted value matches one truth value. */
export function valuesMatch(
	kind: ScalarKind,
	predicted: string,
	truth: string,
	options: CompareOptions = {}
): boolean {
	const asText = () => normalizeText(predicted, options) === normalizeText(truth, options);
	switch (kind) {
		case 'exact':
			return predicted.normalize('NFC').trim() === truth.normalize('NFC').trim();
		case 'text':
			return asText();
		case 'category':
			return canonicalCategory(predicted, options) === canonicalCategory(truth, options);
		case 'number': {
			const p = parseNumber(predicted);
			const t = parseNumber(truth);
			return p === null || t === null ? asText() : numbersEqual(p, t, options);
		}
		case 'boolean': {
			const p = parseBoolean(predicted);
			const t = parseBoolean(truth);
			return p === null || t === null ? asText() : p === t;
		}
		case 'date': {
			const p = parseDate(predicted, options);
			const t = parseDate(truth, options);
			return p === null || t === null ? asText() : datesEqual(p, t);
		}
	}
}

/** Largest one-to-one matching of predicted to truth items (augmenting paths; lists are short). */
function matchCount(predicted: string[], truth: string[], same: (p: string, t: string) => boolean) {
	const ownerOf = new Array<number>(truth.length).fill(-1);
	const edges = predicted.map((p) => truth.flatMap((t, j) => (same(p, t) ? [j] : [])));
	const assign = (i: number, seen: boolean[]): boolean => {
		for (const j of edges[i] ?? []) {
			if (seen[j]) continue;
			seen[j] = true;
			if (ownerOf[j] === -1 || assign(ownerOf[j] as number, seen)) {
				ownerOf[j] = i;
				return true;
			}
		}
		return false;
	};
	let count = 0;
	for (let i = 0; i < predicted.length; i++) if (assign(i, [])) count++;
	return count;
}

/**
 * Scores one field of one document.
 *
 * Single-valued kinds: several truth values are alternatives (`Asger Baastrup | Baastrup Asger`),
 * and the prediction is right when each of its values matches one of them. Both empty is a true
 * negative (correct, nothing counted); a value where the truth has none is a false positive; no
 * value where the truth has one is a false negative; a wrong value is both.
 *
 * `list`: items are matched one to one; matched items are true positives, the rest false
 * positives or false negatives, and the field is correct only when nothing is left over.
 */
export function compareField(
	kind: FieldKind,
	predicted: FieldValue,
	truth: FieldValue,
	options: CompareOptions = {}
): FieldComparison {
	const separator = options.valueSeparator === undefined ? '|' : options.valueSeparator;
	if (kind === 'list') {
		// A list written as one string (a CSV cell) may also use "; ", which the results export
		// puts between list items.
		const split = (v: FieldValue) =>
			typeof v === 'string' && separator
				? valuesOf(v, separator).flatMap((s) => valuesOf(s, ';'))
				: valuesOf(v, separator);
		const p = split(predicted);
		const t = split(truth);
		const itemKind = options.itemKind ?? 'text';
		const tp = matchCount(p, t, (a, b) => valuesMatch(itemKind, a, b, options));
		const fp = p.length - tp;
		const fn = t.length - tp;
		return { correct: fp === 0 && fn === 0, tp, fp, fn };
	}
	const p = valuesOf(predicted, separator);
	const t = valuesOf(truth, separator);
	if (p.length === 0 && t.length === 0) return { correct: true, tp: 0, fp: 0, fn: 0 };
	if (t.length === 0) return { correct: false, tp: 0, fp: 1, fn: 0 };
	if (p.length === 0) return { correct: false, tp: 0, fp: 0, fn: 1 };
	const right = p.every((pv) => t.some((tv) => valuesMatch(kind, pv, tv, options)));
	return right ? { correct: true, tp: 1, fp: 0, fn: 0 } : { correct: false, tp: 0, fp: 1, fn: 1 };
}
