/**
 * Identifiers: numbers that point at one person or one case. Formats with a check digit are
 * taken wherever they occur when the check holds (German KVNR, IBAN, payment card numbers);
 * others need a label before them ("Fallnummer:", "PIZ", "MRN") or are long digit runs that no
 * clinical value reaches. Wards and rooms ("Station O-11", "Zi. 119") are reported as ids too:
 * they narrow a stay down to a few patients.
 */
import type { Lang } from '../types';
import {
	after,
	allMatches,
	alternativeStarts,
	before,
	caseless,
	hasDigit,
	isDigit,
	L,
	WordListScan,
	type RuleHit
} from './hit';

/** Cross sum of a product in the KVNR check (14 → 1 + 4). */
function crossSum(n: number): number {
	return n > 9 ? n - 9 : n;
}

/**
 * German health insurance number (Krankenversichertennummer): a letter and nine digits, the last
 * one a check digit over the letter's position (two digits, A = 01) and the first eight digits,
 * weighted 1, 2, 1, 2, … with cross sums, modulo 10.
 */
export function isValidKvnr(value: string): boolean {
	const m = /^([A-Z])(\d{8})(\d)$/u.exec(value.toUpperCase());
	if (!m || !m[1] || !m[2]) return false;
	const letter = String(m[1].charCodeAt(0) - 64).padStart(2, '0');
	const digits = letter + m[2];
	let sum = 0;
	for (let i = 0; i < digits.length; i++)
		sum += crossSum(Number(digits[i]) * (i % 2 === 0 ? 1 : 2));
	return sum % 10 === Number(m[3]);
}

/** IBAN check: move the country code and check digits to the end, letters to numbers, mod 97. */
export function isValidIban(value: string): boolean {
	const s = value.replace(/[\s-]/gu, '').toUpperCase();
	if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/u.test(s)) return false;
	const moved = s.slice(4) + s.slice(0, 4);
	let rest = 0;
	for (const ch of moved) {
		const v = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
		for (const d of v) rest = (rest * 10 + Number(d)) % 97;
	}
	return rest === 1;
}

/** Luhn check of payment card numbers. */
export function isValidLuhn(digits: string): boolean {
	let sum = 0;
	for (let i = 0; i < digits.length; i++) {
		let d = Number(digits[digits.length - 1 - i]);
		if (i % 2 === 1) {
			d *= 2;
			if (d > 9) d -= 9;
		}
		sum += d;
	}
	return digits.length > 0 && sum % 10 === 0;
}

const KVNR = /[A-Z]\d{9}(?<![A-Za-z0-9\u00C0-\u024F][A-Z]\d{9})(?![A-Za-z0-9\u00C0-\u024F])/g;
const IBAN =
	/\d\d(?<=(?<![A-Za-z0-9])[A-Za-z]{2}\d\d)(?:[ ]?[A-Za-z0-9]{4}){2,7}(?:[ ]?[A-Za-z0-9]{1,3})?(?![A-Za-z0-9])/g;
const CARD = /(?<![0-9.,-])\d{4}([ -])\d{4}\1\d{4}\1\d{1,7}(?![0-9])/g;
const SSN = /(?<![0-9.,/-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![0-9]|[.,]\d)/g;
/** Seven or more digits in a row: longer than any lab value or dose written without separators. */
const DIGIT_RUN = /(?<![0-9.,])\d{7,}(?![0-9]|[.,]\d)/g;
/** Letters glued to a digit run: "A-2029461541", "F162823540116". */
const RUN_PREFIX = /(?<![A-Za-z0-9])[A-Z]{1,3}-?$/;
const IPV4 = /(?<![0-9.])(?:\d{1,3}\.){3}\d{1,3}(?![0-9]|\.\d)/g;

/** Labels that announce an identifier, in any case (`caseless` makes the pattern). */
const STRONG_ID_LABELS = String.raw`fall(?:-?(?:nummer|nr\.?|zahl|id))|fallnr\.?|piz|pid|pat(?:ienten)?[-. ]?(?:nr\.?|nummer|id)|patient(?:en)?[- ]?(?:id|number|no\.?|#)|vorgangs?[-. ]?(?:nr\.?|nummer)|auftrags?[-. ]?(?:nr\.?|nummer)|e[-. ]nr\.?|eingangs?[-. ]?(?:nr\.?|nummer)|einsende[-. ]?(?:nr\.?|nummer)|befund[-. ]?(?:nr\.?|nummer)|labor[-. ]?(?:nr\.?|nummer)|histo(?:logie)?[-. ]?(?:nr\.?|nummer)|h[-. ]?nr\.?|proben?[-. ]?(?:nr\.?|nummer)|protokoll[-. ]?(?:nr\.?|nummer)|studien[-. ]?(?:nr\.?|nummer|id)|versicherten[-. ]?(?:nr\.?|nummer)|kvnr|kv[-. ]?nr\.?|sv[-. ]?(?:nr\.?|nummer)|svnr|sozialversicherungs[-. ]?(?:nr\.?|nummer)|versicherungs[-. ]?(?:nr\.?|nummer)|aufnahme[-. ]?(?:nr\.?|nummer)|akten[-. ]?(?:nr\.?|zeichen)|mrn|mr\s?#|medical record(?: number| no\.?| #)?|record (?:number|no\.?|#)|account (?:number|no\.?|#)|acct\.? ?#?|ssn|social security(?: number| no\.?)?|insurance (?:number|no\.?|id)|policy (?:number|no\.?)|member (?:id|number)|license (?:number|no\.?|#)|licence (?:number|no\.?)|passport (?:number|no\.?)|case (?:number|no\.?|id)|id[- ](?:nr\.?|number|no\.?)|kennung`;
/** Short words with other meanings as labels, matched only as written here. */
const WEAK_ID_LABELS = String.raw`Fall|SV|Nr\.?|No\.|#`;
/**
 * Labels that announce an identifier: strong ones in group 1, weak ones in group 2. The value
 * after them must contain a digit; after a weak label, a run of four digits.
 */
const ID_LABEL = new WordListScan({
	notAfter: 'A-Za-z\\u00C0-\\u024F',
	groups: [
		{
			words: alternativeStarts(STRONG_ID_LABELS),
			ignoreCase: true,
			capture: true,
			pattern: caseless(STRONG_ID_LABELS)
		},
		{ words: alternativeStarts(WEAK_ID_LABELS), capture: true, pattern: WEAK_ID_LABELS }
	]
});
const ID_VALUE =
	/^[\s:#.=]*(?:(?:ist|is|lautet|number|nummer|nr\.?|no\.?)\s*[:#]?\s*)?([A-Z]{0,4}[-]?\d[\dA-Za-z]*(?:[-/.][\dA-Za-z]+)*)/u;

/** Ward and room labels; the code after them is the id. */
const WARD_LABEL = new WordListScan({
	notAfter: L,
	groups: [
		{
			words: [
				'station',
				'zimmer',
				'zi.',
				'zi',
				'raum',
				'bett',
				'room',
				'rm.',
				'rm',
				'bed',
				'ambulanz',
				'onkologie',
				'chirurgie',
				'intensiv',
				'intensivstation',
				'pflegestation',
				'ward'
			],
			ignoreCase: true,
			capture: true
		}
	],
	wordEnd: true
});
const WARD_CODE =
	/^[ \t]*[:.]?[ \t]*((?:[A-Z]{1,3}-?\d{1,4}[A-Za-z]?|\d{1,4}[A-Za-z]?|[A-Z]{1,2}\d?|[IVX]{1,4})(?:\/\d{1,3})?)(?![\p{L}\p{N}]|[.,]\d|\/)/u;
/** Words that follow "Station 3" in a sentence but show the number is not a ward. */
const NOT_WARD_AFTER = /^\s*(?:mg|ml|x|mal|tage?|wochen|stunden|h\b|%|cm|mm|patienten|betten|°)/iu;

const PAGER_BEFORE = /(?:pager|beeper|pg|piepser|funk|tel\.?|phone)\s*:?\s*$/iu;
const UNIT_AFTER = /^\s*(?:mg|ml|µg|mcg|g\b|kg|mmol|ie\b|iu\b|u\b|units?|cc|l\b|%|\/|x\b|mmhg)/iu;

function labelled(text: string, out: RuleHit[]): void {
	for (const m of ID_LABEL.matches(text)) {
		const end = m.index + m[0].length;
		const v = ID_VALUE.exec(after(text, end, 40, true));
		if (!v || !v[1]) continue;
		const value = v[1].replace(/[.]$/u, '');
		const weak = m[2] !== undefined;
		const digits = value.replace(/\D/gu, '').length;
		if (digits < 2 || (weak && !/\d{4}/u.test(value))) continue;
		if (/^\d+[.,]\d+$/u.test(value)) continue;
		const start = end + v[0].length - v[1].length;
		if (UNIT_AFTER.test(after(text, start + value.length, 8, true))) continue;
		// Weak labels ("Fall", "Nr.") precede counts and dates too; a date is left to the date rules.
		if (weak && /^\d{1,2}\.\d{1,2}\.(?:\d{2,4})?$/u.test(value)) continue;
		// "Pager #12345" is a phone number, found by the phone rules.
		if (weak && PAGER_BEFORE.test(before(text, m.index, 20, true))) continue;
		out.push({ start, end: start + value.length, type: 'id', rule: 'labelled-id' });
	}
}

/**
 * "NHC: 368503", "NºCol: 28 28 70973", "SV-Nr.: 12 345678 A 123": a short label with a colon and
 * a number of at least five digits (in groups: six) is an identifier whatever the label says, unless
 * the label is a measurement's or a phone number's, or the number carries a unit.
 */
const COLON_VALUE =
	/[:#](?<=[A-Za-z\u00C0-\u024Fº°.]{2}[ \t]*[:#])[ \t]*((?:[A-Za-z]{1,4}-)?\d[\d \t-]*\d)(?![0-9]|[.,]\d)/g;
const LABEL_BEFORE =
	/(?<![A-Za-z\u00C0-\u024F])([A-Za-z\u00C0-\u024Fº°]{2,14}\.?(?:-[A-Za-z\u00C0-\u024F]{1,8}\.?)?)[ \t]*$/;
const MEASUREMENT_LABEL =
	/^(?:rr|bp|hr|hf|puls|pulse|temp|t|gewicht|weight|größe|height|bmi|spo2|sao2|fio2|map|cvp|pap|pcwp|co|ci|svr|tv|vt|peep|ps|ie|inr|ptt|wbc|hct|hgb|hb|plt|k|na|cl|bun|crea|kreatinin|glucose|glukose|bz|uhrzeit|zeit|time|datum|date|dosis|dose|menge|bilanz|einfuhr|ausfuhr|intake|output|labs?|labor|werte?|tel|telefon|fax|phone|mobil|mobile|handy|fon|pager|beeper|pg|funk|piepser|zip|plz|postleitzahl)$/i;

function colonLabelled(text: string, out: RuleHit[]): void {
	for (const m of allMatches(COLON_VALUE, text)) {
		const labelMatch = LABEL_BEFORE.exec(before(text, m.index, 30, true));
		if (!labelMatch) continue;
		const label = (labelMatch[1] ?? '').replace(/\.$/u, '');
		const value = (m[1] ?? '').trimEnd();
		if (MEASUREMENT_LABEL.test(label)) continue;
		const digits = value.replace(/\D/gu, '').length;
		const grouped = /\d[ \t-]+\d/u.test(value);
		if (digits < (grouped ? 6 : 5)) continue;
		const start = m.index + m[0].length - (m[1] ?? '').length;
		const end = start + value.length;
		if (UNIT_AFTER.test(after(text, end, 8, true))) continue;
		out.push({ start, end, type: 'id', rule: 'labelled-number' });
	}
}

/** Case and specimen numbers with a year: "37848/2019", "9334a/20". */
const CASE_YEAR =
	/(?<![0-9/.,])(?:\d{3,6}[a-z]?\/(?:19|20)\d{2}|\d{4,6}[a-z]\/\d{2})(?![0-9/]|[.,]\d)/g;
/** A ward header ("Station: A31. OG. Viszeralchirurgie B /"): the rest of the line names it. */
const WARD_HEADER = /(?<![A-Za-z])(?:Station|Stat\.|Ward)[ \t]*:[ \t]*([^\n]{2,60})/g;

function wards(text: string, out: RuleHit[]): void {
	for (const m of WARD_LABEL.matches(text)) {
		const label = (m[1] ?? '').toLowerCase();
		const end = m.index + m[0].length;
		const v = WARD_CODE.exec(after(text, end, 16, true));
		if (!v || !v[1]) continue;
		const code = v[1];
		const start = end + v[0].length - code.length;
		if (NOT_WARD_AFTER.test(after(text, start + code.length, 12, true))) continue;
		const withDigit = /\d/u.test(code);
		// Department words ("Onkologie A33") only announce a code with letters and digits.
		const department = !/^(?:station|zimmer|zi\.?|raum|bett|room|rm\.?|bed|ward)$/u.test(label);
		const roman = /^[IVX]{1,4}$/u.test(code);
		// "Intensiv II" is a ward; "bed. IV" an infusion.
		if (department && !(withDigit && /[A-Z]/u.test(code)) && !roman) continue;
		if (!withDigit && !(roman && department) && !/^\s*:/u.test(v[0])) continue;
		out.push({ start, end: start + code.length, type: 'id', rule: 'ward-room' });
	}
}

/** Identifiers by their format: check-digit numbers, long digit runs, IP addresses, case numbers. */
function formatted(text: string, out: RuleHit[]): void {
	for (const m of allMatches(KVNR, text)) {
		out.push({
			start: m.index,
			end: m.index + m[0].length,
			type: 'id',
			rule: isValidKvnr(m[0]) ? 'kvnr' : 'letter-digits-id'
		});
	}
	for (const m of allMatches(IBAN, text)) {
		// The match starts at the check digits; the country code before them belongs to it.
		const start = m.index - 2;
		const end = m.index + m[0].length;
		const value = text.slice(start, end);
		// Without a valid check the shape must still be an account number: mostly digits.
		const valid = isValidIban(value);
		if (!valid && value.slice(4).replace(/\D/gu, '').length < 10) continue;
		out.push({ start, end, type: 'id', rule: valid ? 'iban' : 'iban-like' });
	}
	for (const m of allMatches(CARD, text)) {
		if (!isValidLuhn(m[0].replace(/\D/gu, ''))) continue;
		out.push({ start: m.index, end: m.index + m[0].length, type: 'id', rule: 'card-number' });
	}
	for (const m of allMatches(SSN, text)) {
		out.push({ start: m.index, end: m.index + m[0].length, type: 'id', rule: 'ssn' });
	}
	for (const m of allMatches(DIGIT_RUN, text)) {
		const end = m.index + m[0].length;
		if (UNIT_AFTER.test(after(text, end, 8, true))) continue;
		const prefix = RUN_PREFIX.exec(before(text, m.index, 6));
		const start = m.index - (prefix?.[0].length ?? 0);
		if (!prefix && /[A-Za-z]$/u.test(before(text, m.index, 1))) continue;
		out.push({ start, end, type: 'id', rule: 'digit-run' });
	}
	for (const m of allMatches(IPV4, text)) {
		const parts = m[0].split('.').map(Number);
		if (parts.some((p) => p > 255)) continue;
		// "1.2.3.4" as outline numbering: an address has at least one part over 9.
		if (parts.every((p) => p < 10)) continue;
		if (isDigit(before(text, m.index, 1))) continue;
		out.push({ start: m.index, end: m.index + m[0].length, type: 'id', rule: 'ip-address' });
	}
	for (const m of allMatches(CASE_YEAR, text)) {
		if (UNIT_AFTER.test(after(text, m.index + m[0].length, 8, true))) continue;
		out.push({ start: m.index, end: m.index + m[0].length, type: 'id', rule: 'case-number' });
	}
}

export function findIdentifiers(text: string, _lang: Lang): RuleHit[] {
	const out: RuleHit[] = [];
	// Only a ward can be named without a digit ("Station A", "Intensiv II").
	const digits = hasDigit(text);
	if (digits) formatted(text, out);
	for (const m of allMatches(WARD_HEADER, text)) {
		const value = (m[1] ?? '').trimEnd();
		const start = m.index + m[0].length - (m[1] ?? '').length;
		out.push({ start, end: start + value.length, type: 'department', rule: 'ward-header' });
	}
	if (digits) {
		labelled(text, out);
		colonLabelled(text, out);
	}
	wards(text, out);
	return out;
}
