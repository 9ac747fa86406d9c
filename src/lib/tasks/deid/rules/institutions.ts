/**
 * Hospitals, practices and departments named by a keyword: "Klinik für Allgemeinchirurgie",
 * "Universitätsklinikum Klagenfurt", "Krankenhaus der Samariter Holzhausen", "Städt. Klinikum
 * Neustadt", "Praxis Dr. Backus", "ARCOS-KLINIK FLENSBURG", "St Mary Hospital",
 * "Department of Cardiology", "University of Maryland Medical Center". Each pattern starts at its
 * keyword and reads the name from there, so the scan does not try every capitalised word.
 */
import type { Lang, PhiType } from '../types';
import {
	after,
	allMatches,
	alternativeStarts,
	before,
	L,
	LU,
	WordListScan,
	type RuleHit
} from './hit';

/** A name word: capitalised or upper case, possibly hyphenated, "St." included. */
const WORD = `(?:[${LU}][${L}'’.]*(?:-[${L}][${L}'’]*)*)`;
const LINK = '(?:und|für|der|des|am|an der|im|in|&|and|of|for|the|de|la)';
/** Up to `max` name words, linked by short lower-case words ("Krankenhaus der Samariter X"). */
const WORDS = (max: number) => `${WORD}(?:(?:[ \\t]+${LINK})?[ \\t]+${WORD}){0,${max - 1}}`;

const GERMAN_KEYWORD =
	'Klinik|Abteilung|Zentrum|Institut|Klinikum|Universitätsklinikum|Universitätsklinik|Uniklinikum|Uniklinik|UNIKLINIK|Krankenhaus|Landeskrankenhaus|Kreiskrankenhaus|Bezirkskrankenhaus|Landesnervenklinik|Städt\\.[ \\t]+Klinikum|Städtisches[ \\t]+Klinikum|Praxis|MVZ|Gemeinschaftspraxis|Rehaklinik|Reha-Klinik|Pflegeheim|Seniorenheim|Altenheim';
const GERMAN_AFTER = new WordListScan({
	notAfter: `${L}-`,
	groups: [{ words: alternativeStarts(GERMAN_KEYWORD), pattern: GERMAN_KEYWORD, capture: true }],
	rest: `(?:[ \\t]+(für|der|des|am|an der|im|in)(?=[ \\t]))?[ \\t]+(${WORDS(5)})`
});
/** A compound ending in a hospital word: "Christian-Drosten-Klinik", "ARCOS-KLINIK FLENSBURG". */
const COMPOUND_END = new RegExp(
	`-(?:Klinik|KLINIK|Klinikum|Krankenhaus|Hospital|Spital)(?:[ \\t]+[${LU}][${L}-]+)?(?![${L}])`,
	'g'
);
const COMPOUND_START = new RegExp(`[${LU}][${L}]*(?:-[${LU}][${L}]*)*$`, 'u');
/** Regex alternatives grouped by their first character (a literal letter), in their order. */
function byFirstLetter(alternatives: readonly string[]): Array<[string, string[]]> {
	const groups = new Map<string, string[]>();
	for (const alternative of alternatives) {
		const first = alternative[0] ?? '';
		groups.set(first, [...(groups.get(first) ?? []), alternative.slice(1)]);
	}
	return [...groups];
}

const ENGLISH_KEYWORDS = [
	'Hospital',
	'HOSPITAL',
	'Hosp\\.?',
	'HOSP\\.?',
	'Medical Center',
	'MEDICAL CENTER',
	'Medical Centre',
	'Med Center',
	'MED CENTER',
	'Memorial',
	'MEMORIAL',
	'Clinic',
	'CLINIC',
	'Health System',
	'Nursing Home',
	'NURSING HOME',
	'Rehab(?:ilitation)? Center',
	'REHAB'
];
/**
 * A keyword after a word and a space. The keywords are grouped by their first letter and the
 * lookbehind follows that letter ("H(?<=…H)(?:ospital|…)"): V8 then skips to the few capitals
 * that can start a keyword, while a lookbehind in front is tried at every position of the text.
 * Each group keeps the keywords' order, so the same alternative matches as in a plain list.
 */
const ENGLISH_KEYWORD = new RegExp(
	`(?:${byFirstLetter(ENGLISH_KEYWORDS)
		.map(([first, rests]) => `${first}(?<=[${L}.][ \\t]+${first})(?:${rests.join('|')})`)
		.join('|')})(?![${L}])`,
	'g'
);
const ENGLISH_BEFORE = new RegExp(`(?<![${L}])(${WORDS(4)})[ \\t]+$`, 'u');
const ENGLISH_AFTER = new RegExp(
	`(?<![${L}])(Department|Dept\\.?|Division|University|UNIVERSITY|Univ\\.)[ \\t]+(?:of|OF)[ \\t]+(${WORDS(4)})`,
	'g'
);

/** Words that start a sentence or a heading, not a hospital's name. */
const NOT_NAME_START =
	/^(?:The|A|An|This|That|Our|Die|Der|Das|Den|Dem|Des|Ein|Eine|Unser|Unsere|Wir|Im|In|Am|Zur|Zum|Bei|Nach|Von|Seit|To|At|From|Per|Seen|Pt|Patient|PT|TO|AT|FROM|IN|THE|OF|ON|Transferred|TRANSFERRED|Admitted|ADMITTED|Presented|PRESENTED|Woman|WOMAN|Man|MAN|Male|MALE|Female|FEMALE)$/u;
const COMMON_KEYWORD =
	/^(?:Klinik|Abteilung|Zentrum|Institut|Praxis|Gemeinschaftspraxis|Pflegeheim|Seniorenheim|Altenheim)$/u;
/** German nouns that follow "Klinik" or "Praxis" in a sentence: "in der Praxis Kontrolle". */
const NOUN_ENDING = /(?:ung|heit|keit|ion|tät|schaft|ismus|ose|itis|nahme|gabe|werte?|befund|ie)$/u;

export function findInstitutions(text: string, _lang: Lang): RuleHit[] {
	const out: RuleHit[] = [];
	for (const m of GERMAN_AFTER.matches(text)) {
		const keyword = m[1] ?? '';
		const link = m[2];
		const name = m[3] ?? '';
		const first = name.split(/[ \t]/u)[0] ?? '';
		if (!link && NOUN_ENDING.test(first)) continue;
		// "in der Praxis Kontrolle empfohlen": after a common word ("Praxis", "Klinik") without
		// "für" or "der", a name ends its phrase; a sentence goes on.
		if (
			!link &&
			COMMON_KEYWORD.test(keyword) &&
			/^[ \t]+\p{Ll}/u.test(after(text, m.index + m[0].length, 3))
		)
			continue;
		const department =
			link !== undefined && /^(?:Klinik|Abteilung|Zentrum|Institut)$/u.test(keyword);
		const type: PhiType = department ? 'department' : 'institution';
		out.push({ start: m.index, end: m.index + m[0].length, type, rule: 'institution-keyword' });
	}
	for (const m of allMatches(COMPOUND_END, text)) {
		const start = COMPOUND_START.exec(before(text, m.index, 60, true));
		if (!start) continue;
		const begin = m.index - start[0].length;
		out.push({
			start: begin,
			end: m.index + m[0].length,
			type: 'institution',
			rule: 'institution-keyword'
		});
	}
	for (const m of allMatches(ENGLISH_KEYWORD, text)) {
		const pre = before(text, m.index, 80, true);
		const found = ENGLISH_BEFORE.exec(pre);
		if (!found?.[1]) continue;
		const words = allMatches(/\S+/gu, found[1]);
		// The name is the words next to the keyword, up to a sentence word ("TRANSFERRED FROM
		// VAMC HOSPITAL", "The St Mary Hospital").
		let first = words.length;
		while (first > 0 && !NOT_NAME_START.test(words[first - 1]?.[0] ?? '')) first--;
		const firstWord = words[first];
		if (!firstWord) continue;
		const start = m.index - pre.length + found.index + firstWord.index;
		out.push({
			start,
			end: m.index + m[0].length,
			type: 'institution',
			rule: 'institution-keyword'
		});
	}
	for (const m of allMatches(ENGLISH_AFTER, text)) {
		const type: PhiType = /^(?:Department|Dept|Division)/u.test(m[1] ?? '')
			? 'department'
			: 'institution';
		out.push({ start: m.index, end: m.index + m[0].length, type, rule: 'institution-keyword' });
	}
	return out;
}
