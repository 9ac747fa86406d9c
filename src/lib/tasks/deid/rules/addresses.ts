/**
 * Addresses: streets with a house number (German `Kaiserstr. 2a`, `Friesische Str. 21 a`,
 * `Erich-Kästner-Platz 5`; English `1668 Glyn St`, `Apt. 595`), postal codes where an address
 * shows them (German, Austrian and Swiss codes before a town, `A-9011`, US `MD 21201`, after
 * "PLZ"/"ZIP") and the town that follows a postal code.
 */
import type { Lang } from '../types';
import {
	after,
	allMatches,
	alternativeStarts,
	before,
	hasDigit,
	L,
	LL,
	LU,
	WordListScan,
	type RuleHit
} from './hit';

const STREET_SUFFIX =
	'(?:stra(?:ß|ss)e|str(?:ß|a)?e|str\\.?|gasse|weg|allee|platz|ring|damm|ufer|chaussee|steig|pfad|markt|gässchen|zeile|kai|graben|wall|promenade|straat|vej|vägen|gatan|katu|utca)';
/**
 * The house number of a German street: found first (digits are rare), then the street word is read
 * backwards from it ("Kaiserstr. 2a", "Iris-Leber-Straße 42", "Friesische Str. 21 a").
 */
const HOUSE_NUMBER = new RegExp(
	`\\d(?<=${STREET_SUFFIX}[ \\t]{0,3}\\d)\\d{0,3}(?:[ \\t]?[a-zA-Z](?![${L}]))?(?:[ \\t]?[-/][ \\t]?\\d{1,4}[a-z]?)?(?![0-9]|[.,]\\d)`,
	'gi'
);
const COMPOUND_SUFFIX =
	'(?:[sS]tra(?:ß|ss)e|[sS]tr(?:ß|a)?e|[sS]tr\\.?|[gG]asse|[wW]eg|[aA]llee|[pP]latz|[rR]ing|[dD]amm|[uU]fer|[cC]haussee|[sS]teig|[pP]fad|[mM]arkt|[gG]ässchen|[zZ]eile|[kK]ai|[gG]raben|[wW]all|[pP]romenade|straat|vej|vägen|gatan|katu|utca)';
/** One word ending in a street suffix: "Kaiserstr.", "Iris-Leber-Straße", "Sporgasse". */
const COMPOUND_STREET = new RegExp(`[${LU}][${L}-]*?${COMPOUND_SUFFIX}[ \\t]{0,3}$`, 'u');
/** An adjective and a street word: "Friesische Str.", "Kärntner Straße", "Rote Str.". */
const SEPARATE_STREET = new RegExp(
	`[${LU}][${L}-]*(?:e|er|es|en)[ \\t]+(?:Straße|Strasse|Str\\.|Gasse|Weg|Allee|Platz|Ring|Damm)[ \\t]{0,3}$`,
	'u'
);
const ENGLISH_SUFFIX =
	'(?:Street|St\\.?|Avenue|Ave\\.?|Road|Rd\\.?|Boulevard|Blvd\\.?|Lane|Ln\\.?|Drive|Dr\\.?|Court|Ct\\.?|Place|Pl\\.?|Way|Terrace|Square|Sq\\.?|Parkway|Pkwy\\.?|Highway|Hwy\\.?|Circle|Crescent|STREET|AVENUE|ROAD|BOULEVARD|BLVD|LANE|DRIVE|HIGHWAY)';
const ENGLISH_STREET = new RegExp(
	`(?<![${L}0-9])\\d{1,5}[ \\t]+(?:[NSEW]\\.?[ \\t]+)?(?:[${LU}][${L}'-]*[ \\t]+){1,3}${ENGLISH_SUFFIX}(?![${L}])`,
	'g'
);
const UNIT_WORDS = 'Apt|APT|apt|Apartment|Suite|SUITE|Ste|Unit|Box|BOX|PSC|Wohnung|Whg';
const UNIT = new WordListScan({
	notAfter: L,
	groups: [{ words: alternativeStarts(UNIT_WORDS), pattern: UNIT_WORDS }],
	rest: '\\.?[ \\t]+#?\\d{1,5}[A-Za-z]?(?![0-9/])'
});

/** A postal code and town: "24937 Flensburg", "A-9011 Neustadt", "D-69115 Heidelberg". */
const POSTCODE_TOWN = new RegExp(
	`(?<![0-9.,/])(\\d{4,5})[ \\t]+((?:Bad|St\\.|Sankt|Alt|Neu|Groß|Klein)?[ \\t]?[${LU}][${L}-]+(?:[ \\t](?:am|an der|im|in|ob der|bei)[ \\t][${LU}][${L}-]+|[ \\t][${LU}][${LL}]+(?=[ \\t]*(?:\\n|,|$)))?)`,
	'g'
);
const COUNTRY_PREFIX = /(?<![A-Za-z0-9])[A-Z]{1,2}-$/;
/** A five-digit ZIP code, checked for a state abbreviation before it ("MD 21201", "NS\n B0J"). */
const ZIP = /(?<![0-9-])\d{5}(?:-\d{4})?(?![0-9])/g;
const STATE_BEFORE = /(?<![A-Za-z])([A-Z]{2})[ \t]*\n?[ \t]*$/;
const ZIP_LABELS = String.raw`plz|postleitzahl|zip(?:\s*code)?|postal\s*code|postcode`;
const LABELLED_ZIP = new WordListScan({
	notAfter: L,
	groups: [{ words: alternativeStarts(ZIP_LABELS), pattern: ZIP_LABELS }],
	rest: `(?:\\s+(?:is|ist|lautet))?\\s*[:#]?\\s*([A-Z]{1,2}\\d[A-Z\\d]?[ \\t]?\\d[A-Z]{2}|[A-Z]\\d[A-Z][ \\t]?\\d[A-Z]\\d|\\d{3,5}(?:[ -]\\d{2,4})?(?:[ \\t][A-Z]{2}(?![${L}]))?)(?![${L}0-9])`,
	flags: 'i'
});
/** A town and a postal code after "in": "in Bjert 6091", "in København K 1421". */
const TOWN_CODE_WORDS = 'in|at|near|aus|bei';
const TOWN_CODE = new WordListScan({
	notAfter: L,
	groups: [{ words: alternativeStarts(TOWN_CODE_WORDS), pattern: TOWN_CODE_WORDS }],
	rest: `[ \\t]+([${LU}][${L}'-]*[ \\t]+(?:(?:[${LU}][${L}'-]*|de|da|do|del|la|le|am|an der)[ \\t]+){0,3})((?:[A-Z]{1,2}-)?\\d{4,5}(?:-\\d{3,4}|[ ]\\d{2}(?![0-9]))?|\\d{3}[ ]\\d{2}(?![0-9]))(?![0-9A-Za-z]|[.,]\\d)`
});
/** Words before a number that make it something other than a postal code. */
const NOT_TOWN_BEFORE_CODE = new Set([
	'station',
	'zimmer',
	'raum',
	'room',
	'bed',
	'bett',
	'ward',
	'unit',
	'ambulanz',
	'januar',
	'january',
	'februar',
	'february',
	'märz',
	'march',
	'april',
	'mai',
	'may',
	'juni',
	'june',
	'juli',
	'july',
	'august',
	'september',
	'oktober',
	'october',
	'november',
	'dezember',
	'december',
	'jahr',
	'year'
]);
/** A postal code alone at a line's end or start, in an address block. */
const BLOCK_CODE =
	/(?:^[ \t]*|[ \t])((?:[A-Z]{1,2}-)?\d{3,5}(?:-\d{2,4}|[ ]\d{2,3})?|\d{2}-\d{3}|[A-Z]\d[A-Z][ ]?\d[A-Z]\d|\d{4}[ ]?[A-Z]{2})[ \t]*$/u;

/** Words after a number that show it is not a postal code: "10000 Einheiten". */
const NOT_TOWN = new Set([
	'einheiten',
	'zellen',
	'kopien',
	'tabletten',
	'stück',
	'schritte',
	'patienten',
	'fälle',
	'euro',
	'jahre',
	'tage',
	'leukozyten',
	'thrombozyten',
	'erythrozyten',
	'units',
	'cells',
	'copies',
	'uhr',
	'mal'
]);
/** Context for a four-digit code (Austria, Switzerland), which could also be a count or year. */
const ADDRESS_BEFORE =
	/(?:wohnhaft(?:\s+in)?|wh\.?|wohnort|anschrift|adresse|address|[a-zäöüß.]\s?\d{1,4}\s?[a-zA-Z]?,)\s*[:,]?\s*$/iu;

export function findAddresses(text: string, lang: Lang): RuleHit[] {
	const out: RuleHit[] = [];
	// Every pattern here has a number in it.
	if (!hasDigit(text)) return out;
	for (const m of allMatches(HOUSE_NUMBER, text)) {
		const pre = before(text, m.index, 60, true);
		const street = SEPARATE_STREET.exec(pre) ?? COMPOUND_STREET.exec(pre);
		if (!street) continue;
		const start = m.index - pre.length + street.index;
		out.push({ start, end: m.index + m[0].length, type: 'street', rule: 'street' });
	}
	for (const m of allMatches(ENGLISH_STREET, text)) {
		const start = m.index;
		// "5 Dr." after a number is a street only in an address; "2 Dr. Smith" is two doctors.
		if (/Dr\.?$/u.test(m[0]) && /^\s*\p{Lu}/u.test(after(text, start + m[0].length, 3))) continue;
		if (lang === 'de' && /St\.?$/u.test(m[0])) continue;
		out.push({ start, end: start + m[0].length, type: 'street', rule: 'street' });
	}
	for (const m of UNIT.matches(text)) {
		out.push({ start: m.index, end: m.index + m[0].length, type: 'street', rule: 'street-unit' });
	}
	for (const m of allMatches(POSTCODE_TOWN, text)) {
		const town = m[2] ?? '';
		// A country prefix belongs to the code ("A-9011"); other letters or a dash before the
		// digits make them part of something else.
		const prefix = COUNTRY_PREFIX.exec(before(text, m.index, 4));
		if (!prefix && /[A-Za-z\u00C0-\u024F-]/u.test(before(text, m.index, 1))) continue;
		const start = m.index - (prefix?.[0].length ?? 0);
		const code = text.slice(start, m.index) + (m[1] ?? '');
		const digits = code.replace(/\D/gu, '');
		const prefixed = code.includes('-');
		if (NOT_TOWN.has(town.toLowerCase().split(/[ \t]/u)[0] ?? '')) continue;
		const pre = before(text, start, 40, true);
		const addressed = ADDRESS_BEFORE.test(pre);
		// Without an address before it, a code starts an address line of a German letter (five
		// digits, or four in Austria and Switzerland); English notes start lines with clock times.
		const lineStart = lang === 'de' && /^[ \t]*$/u.test(pre) && /[a-zäöüß]/u.test(town);
		if (!prefixed && !addressed && !(lineStart || (lang === 'de' && digits.length === 5))) continue;
		// A German noun after a year-like number: "2020 Diagnose". Towns are not followed by a noun
		// phrase continuing the sentence in lower case.
		if (
			!prefixed &&
			!addressed &&
			/^[ \t]+\p{Ll}{3,}/u.test(after(text, m.index + m[0].length, 12, true))
		)
			continue;
		out.push({ start, end: start + code.length, type: 'postal_code', rule: 'postal-code' });
		const townEnd = m.index + m[0].length;
		out.push({ start: townEnd - town.length, end: townEnd, type: 'city', rule: 'postal-town' });
	}
	for (const m of allMatches(ZIP, text)) {
		const state = STATE_BEFORE.exec(before(text, m.index, 12));
		if (!state || !US_STATES.has(state[1] ?? '')) continue;
		out.push({ start: m.index, end: m.index + m[0].length, type: 'postal_code', rule: 'us-zip' });
	}
	for (const m of LABELLED_ZIP.matches(text)) {
		const code = m[1] ?? '';
		const end = m.index + m[0].length;
		out.push({ start: end - code.length, end, type: 'postal_code', rule: 'labelled-zip' });
	}
	for (const m of TOWN_CODE.matches(text)) {
		const town = m[1] ?? '';
		const code = m[2] ?? '';
		if (town.split(/[ \t]+/u).some((w) => NOT_TOWN_BEFORE_CODE.has(w.toLowerCase()))) continue;
		if (/^(?:19|20)\d\d$/u.test(code)) continue;
		const end = m.index + m[0].length;
		out.push({ start: end - code.length, end, type: 'postal_code', rule: 'town-postal-code' });
	}
	addressBlockCodes(text, out);
	return out;
}

/**
 * In the lines right after a street (an address block), a number standing at the start or end
 * of a line is the postal code, whatever the country's format: "Tujetsch\n7188",
 * "ASKER 1386", "NS\nB0J 2H0".
 */
function addressBlockCodes(text: string, out: RuleHit[]): void {
	const streets = out.filter((h) => h.type === 'street');
	let scannedTo = 0;
	for (const street of streets) {
		const from = Math.max(street.end, scannedTo);
		let lineEnd = text.indexOf('\n', street.end);
		if (lineEnd < 0) continue;
		let pos = lineEnd + 1;
		for (let line = 0; line < 3 && pos < text.length; line++) {
			lineEnd = text.indexOf('\n', pos);
			if (lineEnd < 0) lineEnd = text.length;
			if (pos >= from) {
				const content = text.slice(pos, lineEnd);
				const m = BLOCK_CODE.exec(content);
				if (m?.[1]) {
					const start = pos + (m.index ?? 0) + m[0].indexOf(m[1]);
					out.push({ start, end: start + m[1].length, type: 'postal_code', rule: 'address-block' });
				}
			}
			pos = lineEnd + 1;
		}
		scannedTo = pos;
	}
}

const US_STATES = new Set(
	'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR AA AE AP'.split(
		' '
	)
);
