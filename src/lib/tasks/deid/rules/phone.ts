/**
 * Telephone, fax and pager numbers. A number in a phone format is taken on its own when the
 * format cannot be a clinical value (`+43 333 775-8422`, `(0461) 708 - 223`, `410-422-6213`,
 * `0261 210-39989`); looser groupings (`467 3395`, `0490 75 40 81`) need a label before or after
 * them ("Tel.:", "Fax", "call me at", "office") so that blood pressures, lab series and doses
 * stay.
 */
import type { Lang } from '../types';
import { after, allMatches, before, hasDigit, type RuleHit } from './hit';

/**
 * A run of digit groups with phone separators. Groups are separated by one separator (a space,
 * "-", ".", "/", a bracket) or a dash or slash with spaces around it ("708 - 223"), so the scan
 * stays linear; an extension ("x45", "ext. 12") may follow. A number may follow a letter and a
 * dash ("CELLULAR-410 …") but not a digit and a dash (a range "80-103") or comma ("3,5").
 */
const CANDIDATE =
	/(?<![A-Za-z0-9./+\u00C0-\u024F])(?<!\d[-,])(?:\+|00)?\(?\d{1,8}\)?(?:(?:[ \t]?[-/][ \t]?|[ \t.]|\)[ \t]?|[ \t]?\()\(?\d{1,8}\)?){0,6}(?:[ \t]?(?:x|ext\.?|extension|durchwahl|dw\.?)[ \t]?\d{1,5})?(?![0-9]|[.,]\d)/gi;

/** Labels before a number that make it a phone number. */
const LABEL_BEFORE =
	/(?<![A-Za-z])(?:tel(?:efon)?|telephone|phone|fon|fax|telefax|mobil(?:e|telefon)?|handy|cell(?:ular)?|pager|beeper|pg|piepser|funk|desk|office|durchwahl|nummer|number|rufnummer|notruf|erreichbar(?:\s+unter)?|rückruf|call(?:ed)?(?:\s+(?:me|us|him|her|them))?(?:\s+(?:at|on))?|reached(?:\s+at)?|answering(?:\s+at)?|messages\s+to|registered|text(?:\s+me)?\s+at|unter\s+der\s+nummer)\s*(?:[:#.]|nr\.?|no\.?)*\s*[-–(]?\s*$/iu;
/** Labels that are also ordinary words: only with a number in a phone format. */
const WEAK_LABEL = /(?<![A-Za-z])(?:at|on|unter|home|work|contact|kontakt)\s*[:#(-]?\s*$/iu;
const LABEL_AFTER =
	/^\s*[-–(]?\s*(?:office|fax|mobile|cell|home|work|desk|tel\b|telefon|phone|\((?:o|h|c|w)\))/iu;
const PAGER_BEFORE = /(?<![A-Za-z])(?:pager|beeper|pg|piepser|funk)[\s:#]*$/iu;

/** Clinical text after a number that says it is a measurement, not a phone number. */
const CLINICAL_AFTER =
	/^\s*(?:mg|ml|µg|mcg|g\b|kg|mmol|ie\b|iu\b|u\b|units?|cc|l\b|%|°|mmhg|\/min|bpm|min|h\b|hrs?\b|x\b|mal\b|tabs?\b|ms\b|s\b|sec)/iu;

function digitCount(s: string): number {
	let n = 0;
	for (const ch of s) if (ch >= '0' && ch <= '9') n++;
	return n;
}

const SEP = '(?:[ \\t]?[-./][ \\t]?|[ \\t])';
const NORTH_AMERICAN = new RegExp(`^\\(?\\d{3}\\)?${SEP}\\d{3}${SEP}\\d{4}(?:\\D|$)`, 'u');

/** Phone formats that do not occur as clinical values. */
function strongFormat(s: string, lang: Lang): boolean {
	const t = s.trim();
	const digits = digitCount(t);
	if (/^(?:\+|00)[1-9]/u.test(t) && digits >= 8) return true;
	if (/^\(\d{2,5}\)[ \t]?\d/u.test(t) && digits >= 7) return true;
	// North American: 410-422-6213, 410.422.6213, 410/324/1423, 212- 476- 8356.
	if (NORTH_AMERICAN.test(t) && digits <= 14) return true;
	// German and Austrian: area code with 0, then a separator: 0261 210-39989, 012/332-4454.
	// English notes write clock times so ("0700-1900", "0430 27.5").
	if (
		lang === 'de' &&
		/^0\d{2,5}(?:[ \t]?[/-][ \t]?|[ \t])\d/u.test(t) &&
		digits >= 7 &&
		digits <= 13
	)
		return true;
	// A subscriber number "202-6694", "5110-2882"; not a range of values ("500-1000", "0700-1900"),
	// which rises by a small factor, nor a clock time.
	const local = /^([2-9]\d{2,3})-(\d{4})$/u.exec(t);
	if (local) {
		const a = Number(local[1]);
		const b = Number(local[2]);
		return b < a || b > 8 * a;
	}
	return false;
}

export function findPhones(text: string, lang: Lang): RuleHit[] {
	const out: RuleHit[] = [];
	if (!hasDigit(text)) return out;
	for (const m of allMatches(CANDIDATE, text)) {
		let value = m[0];
		// Brackets belong to the number only when both are there.
		const start = m.index + (value.startsWith('(') && !value.includes(')') ? 1 : 0);
		value = text.slice(start, m.index + value.length);
		if (value.endsWith('(')) value = value.slice(0, -1);
		if (value.endsWith(')') && !value.includes('(')) value = value.slice(0, -1);
		const end = start + value.length;
		const digits = digitCount(value);
		if (digits < 5 || digits > 16) continue;
		// A label may stand on the line above a number that starts its line ("Phone:\n467 3395").
		const linePre = before(text, start, 40, true);
		const pre = /^[ \t]*$/u.test(linePre) ? before(text, start, 40) : linePre;
		const post = after(text, end, 16, true);
		if (CLINICAL_AFTER.test(post)) continue;
		const labelled = LABEL_BEFORE.test(pre) || LABEL_AFTER.test(post);
		const strong = strongFormat(value, lang);
		const pager = digits === 5 && PAGER_BEFORE.test(pre);
		// Blood pressures and ratios ("140/90") and lab series are not phone numbers even after
		// a label such as "number".
		const valueLike =
			/^\d{2,3}\/\d{2,3}(?:\D|$)/u.test(value) ||
			/\d\.\d+\//u.test(value) ||
			(value.split('.').length === 2 && /\d\.\d/u.test(value));
		let ok = strong || pager || (labelled && digits >= 6 && !valueLike);
		if (!ok && WEAK_LABEL.test(pre)) ok = strong;
		if (!ok) continue;
		out.push({ start, end, type: 'phone', rule: labelled ? 'labelled-phone' : 'phone-format' });
	}
	return out;
}
