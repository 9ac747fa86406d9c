/**
 * Person names where the text announces them: after a title or salutation ("Herrn Dr. med.
 * Tobias Öhler", "Frau Albers", "Mrs. Carlson", "DR LAVELY"), after a label ("Patient:",
 * "Name:"), before a birth date ("Asger Baastrup, geb. 5.7.54"), after a word for a relative
 * ("daughter Peggy", "Sohn Jakob"), in a letter's signature ("Mit freundlichen Grüßen\n\nFrederic
 * Meisenbacher\nStationsarzt"), before a credential ("Maria Silva, RN"), and common given names
 * followed by a surname. A surname found that way is then found again wherever the text repeats
 * it ("Frau Albers … Albers konnte …").
 *
 * Titles become `name_title`; the names after a doctor's title are `name_clinician`; after a
 * salutation `name_patient` (or `name_relative` after a word for a relative); names found by a
 * given-name list alone are `name_other`.
 */
import type { Lang, PhiType } from '../types';
import {
	after,
	allMatches,
	alternativeStarts,
	before,
	caseless,
	hasDigit,
	isDigit,
	isShouting,
	L,
	LU,
	wordAlternation,
	WordListScan,
	type RuleHit
} from './hit';
import {
	AMBIGUOUS_FIRST_NAMES,
	COMMON_WORD_SURNAMES,
	FIRST_NAMES,
	NAME_PARTICLES,
	NOT_NAMES,
	RELATIVE_WORDS
} from './name-lists';

const DEGREE = [
	'med',
	'rer\\.?[ \\t]?nat',
	'phil',
	'mult',
	'h\\.[ \\t]?c',
	'dent',
	'vet',
	'habil',
	'jur',
	'univ',
	'sc',
	'nat',
	'pharm',
	'dr'
]
	.map(caseless)
	.join('|');
/** Titles written one way only, as a trie (one scan decides by the next character). */
const FIXED_TITLE_WORDS = [
	'Dres.',
	'Drs.',
	'Drs',
	'Prof.',
	'PROF.',
	'prof.',
	'Professor',
	'Professorin',
	'Priv.-Doz.',
	'Priv. Doz.',
	'Priv.Doz.',
	'Doz.',
	'Univ.-Prof.',
	'Univ. Prof.',
	'Univ.Prof.',
	'Prim.',
	'Primarius',
	'Primaria',
	'Universitätsprofessor',
	'Universitätsprofessorin',
	'Dipl.-Med.',
	'Dipl.-Psych.',
	'Dipl.-Ing.',
	'Dipl.-Päd.',
	'MUDr.',
	'DGKS',
	'DGKP',
	'OA',
	'OÄ',
	'Oberarzt',
	'Oberärztin',
	'Chefarzt',
	'Chefärztin',
	'Stationsarzt',
	'Stationsärztin',
	'Doctor',
	'Doktor'
];
const FIXED_TITLES = wordAlternation(FIXED_TITLE_WORDS);
/** The words a doctor's title starts with. */
const DOCTOR_TITLE_STARTS = ['Dr', 'DR', 'dr', 'DDr', 'PD', ...FIXED_TITLE_WORDS];
const DOCTOR_TITLE = `(?:Dr|DR|dr|DDr)(?:\\.(?:in|a)(?![${L}]))?\\.?(?:[ \\t]*(?:${DEGREE})\\.)*|PD\\.?(?=[ \\t]*Dr)|${FIXED_TITLES}`;
/**
 * Salutations. "ms." and "MS" are mental status in nursing notes and "MR" is mitral
 * regurgitation: only "Ms." counts, and "MR"/"MRS" without a dot at the start of a sentence.
 */
const SALUTATION_WORDS = [
	'Herr',
	'Herrn',
	'Hr.',
	'Hrn.',
	'Frau',
	'Fr.',
	'Mr',
	'Mr.',
	'Mrs',
	'Mrs.',
	'Ms.',
	'Miss',
	'Mister',
	'mr.',
	'mrs.',
	'MR',
	'MR.',
	'MRS',
	'MRS.'
];
const SALUTATION = wordAlternation(SALUTATION_WORDS);
/** "Sehr geehrte Frau Kollegin Weigel": a colleague is a clinician; the word is not a title. */
const COLLEAGUE = 'Kolleg(?:e|in|en)';
/** A title ends at a dot ("Dr.Sawtelle") or before a non-letter. */
const TITLE_END = `(?:(?<=\\.)|(?![${L}]))`;
const TITLE_TOKEN = new RegExp(
	`(?:(${DOCTOR_TITLE})|(${SALUTATION})|(${COLLEAGUE}))${TITLE_END}`,
	'y'
);
const TITLE_START = new WordListScan({
	notAfter: `${L}0-9`,
	groups: [{ words: DOCTOR_TITLE_STARTS, pattern: DOCTOR_TITLE }, { words: SALUTATION_WORDS }],
	rest: TITLE_END
});

/** One name word: an initial ("M.", "H.-J."), or a word with optional hyphenated parts. */
const NAME_TOKEN =
	/([ \t]*)(,[ \t]*)?(\p{Lu}\.(?:-\p{Lu}\.)?|\p{L}[\p{L}'’]*(?:-\p{L}[\p{L}'’]*)*)/uy;
const INITIAL = /^\p{Lu}\.(?:-\p{Lu}\.)?$/u;
const STREET_END = /(?:stra(?:ß|ss)e|str\.?|gasse|weg|allee|platz|ring|damm)$/iu;
/** Job titles are not names, misspelt ones included ("Oberarztärztin"). */
const ROLE_WORD =
	/(?:arzt|ärztin|ärzte|ärztliche[rn]?|pfleger|schwester|direktor|direktorin|leiter|leiterin|sekretariat)$/iu;
/** Adjectives ("Urologische Abteilung") are not names. */
const ADJECTIVE = /(?:isch|lich)(?:e|er|es|en)?$/u;

interface ReadOptions {
	maxTokens: number;
	/** Accept lower-case words that are given names (notes written in lower case). */
	lowerGivenNames?: boolean;
	/** Accept any lower-case word that is not a known non-name (after "dr." in lower case). */
	lowerAny?: boolean;
	/** "Kawasaki, Mitsou": a comma after the first word. */
	comma?: boolean;
	/** Upper-case words ("DE BEAUHARNAIS", "DR LAVELY"). */
	caps?: boolean;
}

interface NameRead {
	start: number;
	end: number;
	words: string[];
}

function isGivenName(word: string): boolean {
	const w = word.toLowerCase();
	return FIRST_NAMES.has(w) || AMBIGUOUS_FIRST_NAMES.has(w);
}

function isCapitalised(word: string): boolean {
	const first = word[0] ?? '';
	return first !== first.toLowerCase();
}

/** Reads up to `maxTokens` name words from `pos`, on the same line. */
function readName(text: string, pos: number, opts: ReadOptions): NameRead | null {
	const read: Array<{ word: string; start: number; end: number }> = [];
	let at = pos;
	while (read.length < opts.maxTokens) {
		NAME_TOKEN.lastIndex = at;
		const m = NAME_TOKEN.exec(text);
		if (!m) break;
		const [, space = '', comma = '', word] = m;
		if (!word) break;
		if (read.length === 0 && space.length > 3) break;
		if (comma && !(opts.comma && read.length === 1)) break;
		const start = m.index + space.length + comma.length;
		const end = start + word.length;
		const lower = word.toLowerCase().replace(/['’]s$/u, '');
		const allCaps = word.length > 1 && word === word.toUpperCase();
		if (NOT_NAMES.has(lower) || ROLE_WORD.test(word)) break;
		if (STREET_END.test(word) || isDigit(after(text, end, 2).trim()[0])) break;
		if (!INITIAL.test(word)) {
			if (NAME_PARTICLES.has(lower) && !allCaps) {
				// "Frau de Beauharnais": a particle may start a name that goes on.
				const next = /^[ \t]+(\p{Lu}\p{L}*)/u.exec(after(text, end, 40, true));
				if (read.length === 0 && (!next?.[1] || NOUN_LIKE.test(next[1]))) break;
			} else if (!isCapitalised(word)) {
				// "dr. ridlon aware": only the first word may be any lower-case word.
				const anyLower = opts.lowerAny && read.length === 0;
				if (!(anyLower || (opts.lowerGivenNames && isGivenName(word)))) break;
			} else if (allCaps && !opts.caps && word.length > 2) {
				break;
			}
		}
		read.push({ word, start, end });
		at = end;
	}
	// A name ends in a name word: drop trailing initials and particles ("Dr. M." alone).
	while (read.length > 0) {
		const last = read.at(-1)?.word ?? '';
		if (!INITIAL.test(last) && !NAME_PARTICLES.has(last.toLowerCase())) break;
		read.pop();
	}
	const first = read[0];
	const last = read.at(-1);
	if (!first || !last) return null;
	return { start: first.start, end: last.end, words: read.map((r) => r.word) };
}

const RELATIVE_ALTERNATION = wordAlternation(RELATIVE_WORDS, true);
const RELATIVE_BEFORE = new RegExp(`(?<![${L}])${RELATIVE_ALTERNATION}(?:['’]s)?[\\s,:(]*$`);
const AND_NAME = /^[ \t]*(?:and|und|&|u\.)[ \t]+/iu;
/** An address block: the salutation ends its line and the name starts the next one. */
const NAME_ON_NEXT_LINE = /^[ \t]*\n[ \t]*(?=\p{Lu})/u;

interface TitlePart {
	start: number;
	end: number;
	kind: 'doctor' | 'salutation' | 'colleague';
}

/** The title tokens from `pos` on: "Herrn Dr. med.", "Frau Kollegin", "Prof. Dr.". */
function readTitles(text: string, pos: number): TitlePart[] {
	const parts: TitlePart[] = [];
	for (;;) {
		TITLE_TOKEN.lastIndex = pos;
		const t = TITLE_TOKEN.exec(text);
		if (!t) break;
		const kind = t[1] !== undefined ? 'doctor' : t[2] !== undefined ? 'salutation' : 'colleague';
		parts.push({ start: pos, end: pos + t[0].length, kind });
		const gap = /^[ \t]*/u.exec(text.slice(pos + t[0].length, pos + t[0].length + 4));
		pos += t[0].length + (gap?.[0].length ?? 0);
	}
	return parts;
}

function titles(
	text: string,
	lang: Lang,
	shouting: boolean,
	out: RuleHit[],
	names: RuleHit[]
): void {
	let consumed = 0;
	for (const m of TITLE_START.matches(text)) {
		// "Herrn Dr. med." was read as one sequence from "Herrn".
		if (m.index < consumed) continue;
		const parts = readTitles(text, m.index);
		const last = parts.at(-1);
		if (!last) continue;
		consumed = last.end;
		const titleText = text.slice(m.index, last.end);
		// "MR" without a dot starts a sentence as a salutation; German "MR Becken" is a scan.
		if (/^MRS?$/u.test(titleText)) {
			if (lang === 'de' || !/(?:^|[.!?][ \t]+|\n[ \t]*)$/u.test(before(text, m.index, 4))) continue;
		}
		const lowerNote = shouting || titleText === titleText.toLowerCase();
		let from = last.end;
		const nextLine = NAME_ON_NEXT_LINE.exec(after(text, last.end, 12));
		if (nextLine && parts.every((p) => p.kind === 'salutation')) from += nextLine[0].length;
		const name = readName(text, from, {
			// Upper-case notes run on after a name ("DR LAVELY NOTIFED"): one word there.
			maxTokens: shouting ? 1 : 3,
			caps: true,
			lowerGivenNames: true,
			// "dr. ridlon", "Dr. green": in English notes a lower-case word after a title is a name.
			lowerAny:
				lang === 'en' &&
				(/^(?:dr|mr|mrs)/iu.test(titleText.slice(last.start - m.index)) || lowerNote)
		});
		if (!name || name.start - from > 3) continue;
		const doctor = parts.some((p) => p.kind !== 'salutation');
		const relative = RELATIVE_BEFORE.test(before(text, m.index, 30, true));
		const type: PhiType = doctor ? 'name_clinician' : relative ? 'name_relative' : 'name_patient';
		// Salutation and academic titles as separate spans: "Herrn" | "Dr. med.".
		let group: TitlePart | null = null;
		for (const p of parts) {
			if (p.kind === 'colleague') continue;
			if (group && group.kind === p.kind) group.end = p.end;
			else {
				if (group)
					out.push({ start: group.start, end: group.end, type: 'name_title', rule: 'title' });
				group = { ...p };
			}
		}
		if (group) out.push({ start: group.start, end: group.end, type: 'name_title', rule: 'title' });
		names.push({ start: name.start, end: name.end, type, rule: 'title-name' });
		// "Dr. Rakusin and Toolis": a second surname joined to the first.
		const joined = AND_NAME.exec(after(text, name.end, 8, true));
		if (joined) {
			const second = readName(text, name.end + joined[0].length, {
				maxTokens: 2,
				caps: !shouting
			});
			if (second && second.words.every(isCapitalised))
				names.push({ start: second.start, end: second.end, type, rule: 'title-name' });
		}
	}
}

/** Labels before a patient's name in a letter's header ("Patient: …", "Name: …"). */
const HEADER_LABELS = String.raw`Patient(?:in)?|Pat\.|Patientenname|Name|Betr\.|Betreff|Patient name|Pt\.? name|Versicherter?|Vorname|Nachname|Familienname`;
const HEADER_LABEL = new WordListScan({
	notAfter: 'A-Za-z\\u00C0-\\u024F',
	groups: [{ words: alternativeStarts(HEADER_LABELS), pattern: HEADER_LABELS }],
	rest: String.raw`[ \t]*:[ \t]*`
});

function headers(text: string, names: RuleHit[]): void {
	for (const m of HEADER_LABEL.matches(text)) {
		const name = readName(text, m.index + m[0].length, { maxTokens: 4, comma: true, caps: true });
		if (!name) continue;
		// A label followed by one ordinary capitalised word is a heading, not a name: "Name: Befund".
		const alone = name.words.length === 1 && !/^,/u.test(after(text, name.end, 1));
		if (alone && !isGivenName(name.words[0] ?? '')) continue;
		names.push({ start: name.start, end: name.end, type: 'name_patient', rule: 'label-name' });
	}
}

/** "unsere Patientin M. Zezelj", "the patient John Smith": two name words or a given name. */
const PATIENT_WORDS = 'Patient(?:in|en)?|patient(?:in|en)?';
const PATIENT_WORD = new WordListScan({
	notAfter: 'A-Za-z\\u00C0-\\u024F',
	groups: [{ words: alternativeStarts(PATIENT_WORDS), pattern: PATIENT_WORDS }],
	rest: String.raw`[ \t]+(?=\p{Lu})`,
	flags: 'u'
});

function patientWords(text: string, names: RuleHit[]): void {
	for (const m of PATIENT_WORD.matches(text)) {
		const name = readName(text, m.index + m[0].length, { maxTokens: 3 });
		if (!name) continue;
		const [first = ''] = name.words;
		const initialled = /^\p{Lu}\.$/u.test(text.slice(m.index + m[0].length, name.start + 2).trim());
		if (name.words.length < 2 && !isGivenName(first) && !initialled) continue;
		if (name.words.length >= 2 && !isGivenName(first) && !initialled && NOUN_LIKE.test(first))
			continue;
		const start = initialled ? m.index + m[0].length : name.start;
		names.push({ start, end: name.end, type: 'name_patient', rule: 'patient-name' });
	}
}

/** German noun endings: "Patientin Schmerzen Fieber" is not a name. */
const NOUN_LIKE = /(?:ung|heit|keit|ion|tät|schaft|ismus|ose|itis|en|ie)$/u;

/** A birth marker: "geb.", "geboren am", "born", "DOB" or "*", and then a date. */
const BIRTH_MARK = /(?:[gG]eb(?:oren)?\.?(?:[ \t]*am)?|[gG]eb:|[bB]orn|DOB|dob|\*)[ \t:]*(?=\d)/g;
/** Name words ending before a position: initials have a dot, other words none. */
const NAME_WORD = "(?:\\p{Lu}\\.|\\p{Lu}[\\p{L}'’]*(?:-\\p{L}[\\p{L}'’]*)*)";
const NAMES_BEFORE = new RegExp(
	`(?<![\\p{L}'’.-])((?:${NAME_WORD}(?:[ \\t]*,[ \\t]*|[ \\t]+)){0,3}${NAME_WORD})[ \\t]*,?[ \\t]*$`,
	'u'
);

function beforeBirthDates(text: string, names: RuleHit[]): void {
	for (const m of allMatches(BIRTH_MARK, text)) {
		// "*" marks a birth only as a word of its own: "Utz, * 3.4.1959", "(*4.4.1997)".
		if (m[0].startsWith('*') && /[^\s(,]/u.test(before(text, m.index, 1))) continue;
		let end = m.index;
		while (end > 0 && /[ \t(]/u.test(text[end - 1] ?? '')) end--;
		const pre = before(text, end, 60, true);
		const found = NAMES_BEFORE.exec(pre);
		if (!found?.[1]) continue;
		const base = end - pre.length + found.index;
		const tokens = allMatches(/[^\s,]+/gu, found[1]).map((t) => ({
			word: t[0],
			start: base + t.index
		}));
		// Leading labels and salutations ("Patientin", "Frau") are not part of the name.
		while (
			tokens.length > 0 &&
			NOT_NAMES.has((tokens[0]?.word ?? '').toLowerCase().replace(/[.:]$/u, ''))
		)
			tokens.shift();
		const first = tokens[0];
		const last = tokens.at(-1);
		if (!first || !last || tokens.some((t) => t.word.endsWith(':') || ROLE_WORD.test(t.word)))
			continue;
		names.push({
			start: first.start,
			end: last.start + last.word.length,
			type: 'name_patient',
			rule: 'name-before-birth-date'
		});
	}
}

const RELATIVE = new WordListScan({
	notAfter: L,
	groups: [{ words: RELATIVE_WORDS, ignoreCase: true }],
	rest: `(?:['’]s)?(?![${L}])[ \\t]*(?:[,(:-][ \\t]*)?(?:(?:is|named|called|ist|namens)[ \\t]+)?`
});

function relatives(text: string, lang: Lang, shouting: boolean, names: RuleHit[]): void {
	for (const m of RELATIVE.matches(text)) {
		const pos = m.index + m[0].length;
		const name = readName(text, pos, { maxTokens: 2, lowerGivenNames: true, caps: true });
		if (!name || name.start !== pos) continue;
		const firstWord = name.words[0] ?? '';
		const titleCase = isCapitalised(firstWord) && firstWord !== firstWord.toUpperCase();
		// German capitalises nouns ("Tante Glaukom"), upper- and lower-case notes capitalise
		// nothing: there only a known given name is taken as a name.
		if (!isGivenName(firstWord) && (shouting || !titleCase || lang === 'de')) continue;
		let end = name.end;
		if (name.words.length > 1 && shouting && !isGivenName(firstWord))
			end = name.start + firstWord.length;
		names.push({ start: name.start, end, type: 'name_relative', rule: 'relative-name' });
	}
}

/** A name before a credential or a title written after it: "Maria Silva, RN", "Ida Fuß, Dr. med.". */
const CREDENTIAL =
	/(?:MD|M\.D\.|RN|R\.N\.|NP|RRT|PhD|CRNA|LPN|PA-C|MBA|Dr\.(?:[ \t]?med\.)?)(?![A-Za-z])/g;
const NAMES_BEFORE_CREDENTIAL = new RegExp(
	`(?<![\\p{L}'’.-])((?:${NAME_WORD}[ \\t]+){0,2}${NAME_WORD})$`,
	'u'
);
/** Lower-case notes sign "irene snell, rn" or "s. roberto rrt". */
const LOWER_CREDENTIAL = /(?:rn|rrt|np|md)(?![A-Za-z])/g;

/**
 * Where the name before a credential ends, and whether a comma separates them; null when the
 * credential does not follow a space (it is part of a word).
 */
function beforeCredential(text: string, at: number): { end: number; comma: boolean } | null {
	if (!/[ \t]/u.test(text[at - 1] ?? '')) return null;
	let end = at;
	while (end > 0 && /[ \t]/u.test(text[end - 1] ?? '')) end--;
	const comma = text[end - 1] === ',';
	return { end: comma ? end - 1 : end, comma };
}
const LOWER_NAMES_BEFORE = /((?:[a-z]\.[ \t]*)?[a-z]+(?:[ \t]+[a-z]+)?)$/u;

function credentials(text: string, lang: Lang, shouting: boolean, names: RuleHit[]): void {
	for (const m of lang === 'en' ? allMatches(LOWER_CREDENTIAL, text) : []) {
		const { end } = beforeCredential(text, m.index) ?? { end: -1 };
		if (end < 0) continue;
		const found = LOWER_NAMES_BEFORE.exec(before(text, end, 40, true));
		if (!found?.[1]) continue;
		const words = found[1].split(/[ \t]+/u).filter((w) => !/^[a-z]\.$/u.test(w));
		// Only a known given name makes a lower-case word a name here.
		const start = words.findIndex((w) => FIRST_NAMES.has(w));
		if (start < 0 || words.slice(start).some((w) => NOT_NAMES.has(w))) continue;
		const name = words.slice(start).join(' ');
		const at = text.lastIndexOf(name, end);
		if (at >= 0)
			names.push({
				start: at,
				end: at + name.length,
				type: 'name_clinician',
				rule: 'credential-name'
			});
	}
	for (const m of allMatches(CREDENTIAL, text)) {
		const { end, comma } = beforeCredential(text, m.index) ?? { end: -1, comma: false };
		if (end < 0) continue;
		if (m[0].startsWith('Dr') && !comma) continue;
		const pre = before(text, end, 50, true);
		const found = NAMES_BEFORE_CREDENTIAL.exec(pre);
		if (!found?.[1]) continue;
		const words = found[1].split(/[ \t]+/u);
		if (words.some((w) => NOT_NAMES.has(w.toLowerCase().replace(/\.$/u, '')) || ROLE_WORD.test(w)))
			continue;
		if (!comma && words.length < 2) continue;
		// Acronyms ("RT, MD aware"); in upper-case notes a given name must start the name.
		if (words.length === 1 && words[0] === words[0]?.toUpperCase()) continue;
		if (shouting && !isGivenName(words[0] ?? '')) continue;
		names.push({
			start: end - found[1].length,
			end,
			type: 'name_clinician',
			rule: 'credential-name'
		});
	}
}

const CLOSING =
	/(?:Grüßen|Grüssen|Gruß|Gruss|regards|Regards|sincerely|Sincerely|Hochachtungsvoll)[ \t]*[,!.]?[ \t]*\n/g;
/** Job titles on the line under a signature: "Stationsarzt", "Fachärztin für Innere Medizin". */
const ROLE_LINE =
	/^[ \t]*(?:\p{L}*(?:arzt|ärztin|ärzte|pfleger|pflegerin|schwester|loge|login|therapeut|therapeutin|orthoptistin|psychologe|psychologin|chirurg|chirurgin|internist|internistin)|Urologe|Urologin|Physician|Nurse|Resident|Attending)\b/gimu;
const SIGNATURE_CELL = new RegExp(
	`^(?:(?:${DOCTOR_TITLE}|${SALUTATION})[ \\t]*)*([${LU}][${L}'’.-]*(?:[ \\t]+[${LU}][${L}'’.-]*){1,3})(?:,[ \\t]*(?:${DOCTOR_TITLE}))?[ \\t]*$`,
	'u'
);

/**
 * Signatures: the lines after a closing formula, and a line above a job title, hold the
 * writers' names ("Prof. Dr. K. Stargardt \tL. Kemmerling \tDr. C. Finger").
 */
function signatures(text: string, names: RuleHit[]): void {
	// Both kinds of signature line follow a line break: a closing formula ends its line.
	if (!text.includes('\n')) return;
	const lines: Array<{ start: number; end: number }> = [];
	for (const m of allMatches(CLOSING, text)) {
		// The next four lines with text, within the next eight lines.
		let pos = m.index + m[0].length;
		for (let n = 0, filled = 0; n < 8 && filled < 4 && pos < text.length; n++) {
			let end = text.indexOf('\n', pos);
			if (end < 0) end = text.length;
			if (text.slice(pos, end).trim() !== '') {
				lines.push({ start: pos, end });
				filled++;
			}
			pos = end + 1;
		}
	}
	for (const m of allMatches(ROLE_LINE, text)) {
		const end = text.lastIndexOf('\n', m.index);
		if (end < 0) continue;
		const start = text.lastIndexOf('\n', end - 1) + 1;
		if (end - start < 80) lines.push({ start, end });
	}
	for (const line of lines) signatureLine(text, line.start, line.end, names);
}

function signatureLine(text: string, start: number, end: number, names: RuleHit[]): void {
	// Several signatures on one line are separated by tabs or wide gaps.
	for (const cell of allMatches(/[^\t]+?(?=\t|[ ]{3,}|$)/gu, text.slice(start, end))) {
		const value = cell[0].trim();
		const m = SIGNATURE_CELL.exec(value);
		const name = m?.[1];
		if (!name) continue;
		const words = name.split(/[ \t]+/u);
		const notName = (w: string) =>
			NOT_NAMES.has(w.toLowerCase().replace(/\.$/u, '')) || ROLE_WORD.test(w) || ADJECTIVE.test(w);
		if (words.some(notName)) continue;
		if (words.filter((w) => !INITIAL.test(w)).length === 0) continue;
		const cellStart = start + cell.index + cell[0].indexOf(value);
		const nameStart = cellStart + value.indexOf(name);
		names.push({
			start: nameStart,
			end: nameStart + name.length,
			type: 'name_clinician',
			rule: 'signature-name'
		});
	}
}

/**
 * Staff named by their role ("NP grace", "HO Domenico", "IV NURSE VIRGINIA SALLESE", "RABBI
 * KLEIN") and by an initial before a note that they were told ("E. WELSH AWARE", "Z. MILLER IN
 * TO STRIP TUBES").
 */
const ROLES = ['nurse', 'rabbi', 'chaplain', 'resident', 'intern', 'fellow', 'attending'];
const ROLE_BEFORE = new WordListScan({
	notAfter: L,
	groups: [
		{
			words: [
				'NP',
				'RN',
				'HO',
				'RRT',
				'PA',
				...ROLES.flatMap((r) => [r, r.toUpperCase(), (r[0] ?? '').toUpperCase() + r.slice(1)]),
				'social worker',
				'SOCIAL WORKER',
				'case manager',
				'CASE MANAGER',
				'contact person',
				'CONTACT PERSON'
			]
		}
	],
	wordEnd: true,
	rest: '[ \\t]+'
});
const INITIAL_SURNAME =
	/(?<![A-Za-z])([A-Z])\.[ \t]?([A-Z][A-Za-z'-]{2,})(?=[ \t]*(?::|aware|AWARE|notified|NOTIFIED|informed|INFORMED|made aware|MADE AWARE|paged|PAGED|called|CALLED|in to|IN TO|at bedside|AT BEDSIDE))/g;
/** Microbes are written like initials and surnames: "E. COLI", "S. AUREUS". */
const MICROBES =
	/^(?:coli|aureus|epidermidis|diff|difficile|pylori|aeruginosa|pneumoniae|faecalis|faecium|albicans|influenzae|cloacae|marcescens|mirabilis|fragilis|pyogenes|agalactiae)$/iu;

function announced(text: string, shouting: boolean, names: RuleHit[]): void {
	for (const m of ROLE_BEFORE.matches(text)) {
		const pos = m.index + m[0].length;
		const name = readName(text, pos, { maxTokens: 2, lowerGivenNames: true, caps: true });
		if (!name || name.start !== pos) continue;
		const first = name.words[0] ?? '';
		const titleCase = isCapitalised(first) && first !== first.toUpperCase();
		if (!isGivenName(first) && (shouting || !titleCase)) continue;
		names.push({ start: name.start, end: name.end, type: 'name_clinician', rule: 'role-name' });
	}
	for (const m of allMatches(INITIAL_SURNAME, text)) {
		const surname = m[2] ?? '';
		if (MICROBES.test(surname) || NOT_NAMES.has(surname.toLowerCase())) continue;
		names.push({
			start: m.index,
			end: m.index + m[0].length,
			type: 'name_clinician',
			rule: 'initial-name'
		});
	}
}

/** The given names of the list, capitalised, as one alternation: one fast scan of the text. */
const GIVEN_NAME = new RegExp(
	`(?<![${L}0-9-])${wordAlternation([...FIRST_NAMES].map((n) => (n[0] ?? '').toUpperCase() + n.slice(1)))}(?![${L}0-9.-])`,
	'g'
);

function givenNames(text: string, names: RuleHit[]): void {
	for (const m of allMatches(GIVEN_NAME, text)) {
		const name = readName(text, m.index, { maxTokens: 3 });
		if (!name || name.start !== m.index) continue;
		// A given name alone is a name too, unless a number follows ("Jan 2018" is a date).
		if (name.words.length === 1 && /^[ \t]*\d/u.test(after(text, name.end, 4))) continue;
		names.push({ start: name.start, end: name.end, type: 'name_other', rule: 'given-name' });
	}
}

/**
 * Finds each capitalised name word found by a rule again elsewhere in the text, also in the
 * genitive ("Marijas Zustand"); the span leaves the "s" out. Not in upper-case notes, and not
 * lower-case words: there a name cannot be told from the same word used otherwise.
 */
function repeats(text: string, shouting: boolean, names: RuleHit[]): RuleHit[] {
	if (shouting) return [];
	const typeOf = new Map<string, PhiType>();
	for (const n of names) {
		if (n.rule === 'given-name') continue;
		for (const word of text.slice(n.start, n.end).split(/[\s,]+/u)) {
			const w = word.replace(/[.]$/u, '');
			const lower = w.toLowerCase();
			if (w.length < 3 || NOT_NAMES.has(lower) || NAME_PARTICLES.has(lower)) continue;
			if (COMMON_WORD_SURNAMES.has(lower) || ROLE_WORD.test(w) || !isCapitalised(w)) continue;
			// Acronyms ("ABG", "CMO") are not names.
			if (w === w.toUpperCase() && w.length <= 4) continue;
			if (!typeOf.has(w)) typeOf.set(w, n.type);
		}
	}
	if (typeOf.size === 0) return [];
	// Each word's places, found with indexOf rather than a regex built for this text (compiling it
	// costs more than the search). As the regex `(?<![L0-9])(?:word|…)(?=(?:['’]?s)?(?![L0-9]))`
	// would: where several words start at one place the longest wins, and repeats do not overlap.
	const found: Array<{ start: number; word: string }> = [];
	for (const word of typeOf.keys()) {
		for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
			if (standsAlone(text, at, at + word.length)) found.push({ start: at, word });
		}
	}
	found.sort((a, b) => a.start - b.start || b.word.length - a.word.length);
	const out: RuleHit[] = [];
	let end = 0;
	for (const { start, word } of found) {
		const type = typeOf.get(word);
		if (start < end || !type) continue;
		end = start + word.length;
		out.push({ start, end, type, rule: 'name-repeat' });
	}
	return out;
}

const NAME_CHAR = new RegExp(`[${L}0-9]`);

/** Whether `text[start, end)` is not part of a longer word; a genitive "s" ("Marijas") may follow. */
function standsAlone(text: string, start: number, end: number): boolean {
	if (NAME_CHAR.test(text[start - 1] ?? '')) return false;
	const next = text[end] ?? '';
	if (!NAME_CHAR.test(next)) return true;
	if (next === 's') return !NAME_CHAR.test(text[end + 1] ?? '');
	return false;
}

export function findNames(text: string, lang: Lang): RuleHit[] {
	const shouting = isShouting(text);
	const titleHits: RuleHit[] = [];
	const names: RuleHit[] = [];
	titles(text, lang, shouting, titleHits, names);
	headers(text, names);
	patientWords(text, names);
	// A birth marker is followed by a date's digits.
	if (hasDigit(text)) beforeBirthDates(text, names);
	relatives(text, lang, shouting, names);
	credentials(text, lang, shouting, names);
	// Nursing-note conventions ("NP grace", "E. WELSH AWARE") are English.
	if (lang === 'en') announced(text, shouting, names);
	signatures(text, names);
	if (!shouting) givenNames(text, names);
	return [...titleHits, ...names, ...repeats(text, shouting, names)];
}
