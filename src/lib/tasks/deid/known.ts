/**
 * Identifiers the user knows beforehand (the patient's name, birth date, case number) are found
 * wherever they occur, however a letter spells them: any case, "Müller, Anna" for "Anna Müller",
 * "Mueller" for "Müller", "Müller Lüdenscheidt" for "Müller-Lüdenscheidt", line breaks inside,
 * "123-456-789" for "123 456 789", "0261 12345" for "+49 261 12345", "4.4.97" for "04.04.1997".
 *
 * A match never starts or ends inside a word: a known "Ann" is not found in "Anne" (it is in
 * "Anns", the genitive, with the "s" left out of the span).
 */
import { EnclaveError } from '$lib/errors';
import { findDates, parseDate, type DateParts } from './rules/dates';
import { NAME_PARTICLES, NOT_NAMES } from './rules/name-lists';
import { escapeRegExp, mergeSpans } from './spans';
import { PHI_GROUP, PHI_TYPES, type PhiSpan, type PhiType } from './types';

export interface KnownIdentifier {
	value: string;
	type: PhiType;
}

const BEFORE = '(?<![\\p{L}\\p{N}])';
const AFTER = '(?![\\p{L}\\p{N}])';
/** Names may stand in the genitive ("Müllers Befund"); the "s" stays outside the span. */
const AFTER_NAME = "(?=(?:['’]?s)?(?![\\p{L}\\p{N}]))";

/** German spellings without umlauts, both ways: "ü" finds "ue" and "ue" finds "ü". */
const SPELLINGS: Array<[string, string]> = [
	['ü', '(?:ü|ue|u\\u0308)'],
	['ö', '(?:ö|oe|o\\u0308)'],
	['ä', '(?:ä|ae|a\\u0308)'],
	['ß', '(?:ß|ss)'],
	['ue', '(?:ue|ü|u\\u0308)'],
	['oe', '(?:oe|ö|o\\u0308)'],
	['ae', '(?:ae|ä|a\\u0308)'],
	['ss', '(?:ss|ß)']
];
const HYPHEN = /[-‐‑–]/u;
/** A hyphen in a name also matches a space or a line break, and no separator at all. */
const HYPHEN_PATTERN = '(?:\\s*[-‐‑–]\\s*|\\s+)?';
/** "Hauptstraße" is also written "Hauptstrasse" and "Hauptstr.". */
const STREET_END = /^(.*?)(?:straße|strasse|str\.)$/iu;
const STREET_PATTERN = 'str(?:a(?:ß|ss)e|\\.)';

/** A regex source for one word of a known value, with its spelling variants. */
function wordPattern(word: string): string {
	const street = STREET_END.exec(word);
	if (street) return spellings(street[1] ?? '') + STREET_PATTERN;
	return spellings(word);
}

function spellings(word: string): string {
	const lower = word.toLowerCase();
	let out = '';
	for (let i = 0; i < word.length;) {
		const pair = SPELLINGS.find(([from]) => lower.startsWith(from, i));
		if (pair) {
			out += pair[1];
			i += pair[0].length;
			continue;
		}
		const ch = word[i] ?? '';
		out += HYPHEN.test(ch) ? HYPHEN_PATTERN : escapeRegExp(ch);
		i++;
	}
	return out;
}

/** Words of a value; a hyphenated word stays whole. */
function words(value: string): string[] {
	return value.split(/[\s,;]+/u).filter(Boolean);
}

function phrase(parts: string[], separator: string): string {
	return parts.map(wordPattern).join(separator);
}

const TITLE_WORD =
	/^(?:herrn?|frau|hr\.|fr\.|dr\.?|prof\.?|pd|med\.|mr\.?|mrs\.?|ms\.?|miss|dipl\.-\w+\.)$/iu;

/**
 * Spelling variants of a person's name: as given, with the last name first ("Müller, Anna",
 * "Müller Anna"), with the first name as an initial ("A. Müller"), and each part alone when it
 * is three letters or more and not a particle ("von") or a title.
 */
function namePatterns(value: string): string[] {
	let parts = words(value).filter((w) => !TITLE_WORD.test(w));
	// "Müller, Anna" names the last name first.
	if (/^[^,]+,[^,]+$/u.test(value.trim())) {
		const [last = '', first = ''] = value.split(',').map((s) => s.trim());
		parts = [...words(first), ...words(last)].filter((w) => !TITLE_WORD.test(w));
	}
	if (parts.length === 0) return [];
	const patterns = new Set<string>([phrase(parts, '[\\s,]+')]);
	if (parts.length > 1) {
		const last = parts.at(-1) ?? '';
		const given = parts.slice(0, -1);
		patterns.add(`${wordPattern(last)}\\s*,?\\s*${phrase(given, '\\s+')}`);
		const initial = given[0]?.[0];
		if (initial) patterns.add(`${escapeRegExp(initial)}\\.\\s*${wordPattern(last)}`);
		for (const part of parts) {
			const letters = part.replace(/[^\p{L}]/gu, '');
			const lower = part.toLowerCase();
			if (letters.length >= 3 && !NAME_PARTICLES.has(lower) && !NOT_NAMES.has(lower))
				patterns.add(wordPattern(part));
		}
	}
	return [...patterns];
}

/**
 * An identifier or a phone number with its digits and letters in order, any separators between
 * them ("123 456 789", "123-456-789", "123456789"). A phone number with a country code is also
 * found in national form ("+49 261 12345" as "0261 12345").
 */
function numberPatterns(value: string, type: PhiType): string[] {
	const plain = value.replace(/\(0\)/gu, '');
	const chars = [...plain].filter((c) => /[\p{L}\p{N}]/u.test(c));
	if (chars.length === 0) return [];
	const join = (cs: string[]) => cs.map(escapeRegExp).join('[\\s./()-]*');
	const patterns = [join(chars)];
	const international = /^\s*(?:\+|00)/u.exec(plain);
	if (international && type === 'phone') {
		const digits = [...plain.slice(international[0].length)].filter((c) => /\d/u.test(c));
		patterns[0] = `(?:\\+|00)\\s*${join(digits)}`;
		// The country code has one to three digits; the national number starts with 0.
		for (let cc = 1; cc <= 3; cc++) {
			const national = digits.slice(cc);
			if (national.length >= 6) patterns.push(`0[\\s./()-]*${join(national)}`);
		}
	}
	return patterns;
}

function isNumberLike(value: string): boolean {
	const digits = value.replace(/\D/gu, '').length;
	return digits >= 3 && digits >= value.replace(/[\s./()+-]/gu, '').length / 2;
}

function find(text: string, pattern: string, tail: string, type: PhiType, out: PhiSpan[]): void {
	const re = new RegExp(`${BEFORE}(?:${pattern})${tail}`, 'giu');
	for (const m of text.matchAll(re)) {
		if (m[0].length === 0) continue;
		out.push({
			start: m.index,
			end: m.index + m[0].length,
			type,
			text: m[0],
			sources: ['known'],
			rule: 'known'
		});
	}
}

/** A date read day-first and month-first: "04/05/1997" may be either, "4. April" is one. */
function readings(raw: string): DateParts[] {
	return (['de', 'en'] as const).flatMap((lang) => parseDate(raw, lang) ?? []);
}

function sameDate(a: DateParts, b: DateParts): boolean {
	if (a.day !== b.day || a.month !== b.month) return false;
	return a.year === undefined || b.year === undefined || a.year === b.year;
}

/** The dates the rules see in a text, read in German and in English. */
function datesIn(text: string): Array<{ start: number; end: number }> {
	const seen = new Set<string>();
	return [...findDates(text, 'de'), ...findDates(text, 'en')].filter((h) => {
		const key = `${h.start}:${h.end}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

/** Dates in the text that are the known date, in whatever form ("4.4.97", "4. April 1997"). */
function findKnownDate(
	text: string,
	dates: Array<{ start: number; end: number }>,
	value: string,
	type: PhiType,
	out: PhiSpan[]
): void {
	const known = readings(value).filter((d) => d.day !== undefined && d.month !== undefined);
	if (known.length === 0) return;
	for (const hit of dates) {
		const raw = text.slice(hit.start, hit.end);
		if (!readings(raw).some((found) => known.some((k) => sameDate(k, found)))) continue;
		out.push({
			start: hit.start,
			end: hit.end,
			type,
			text: raw,
			sources: ['known'],
			rule: 'known'
		});
	}
}

/**
 * Every occurrence of the known identifiers in `text`, merged: each span has `sources: ['known']`
 * and the type the user gave.
 */
export function detectKnown(text: string, known: KnownIdentifier[]): PhiSpan[] {
	const out: PhiSpan[] = [];
	let dates: Array<{ start: number; end: number }> | null = null;
	for (const { value, type } of known) {
		const v = value.trim();
		if (v === '' || text === '') continue;
		const group = PHI_GROUP[type];
		if (group === 'date') {
			dates ??= datesIn(text);
			findKnownDate(text, dates, v, type, out);
		}
		let patterns: string[];
		let tail = AFTER;
		if (group === 'name' && type !== 'name_title') {
			patterns = namePatterns(v);
			tail = AFTER_NAME;
		} else if (type === 'email' || type === 'url') {
			patterns = [escapeRegExp(v)];
			tail = /[\p{L}\p{N}]$/u.test(v) ? AFTER : '';
		} else if (isNumberLike(v) && group !== 'date') {
			patterns = numberPatterns(v, type);
		} else {
			patterns = [phrase(words(v), '[\\s,]+')];
		}
		for (const p of patterns) if (p !== '') find(text, p, tail, type, out);
	}
	return mergeSpans(out);
}

/** Words a user may write before a value instead of a type name. */
const TYPE_ALIASES: Record<string, PhiType> = {
	name: 'name_patient',
	patient: 'name_patient',
	patientin: 'name_patient',
	relative: 'name_relative',
	angehörige: 'name_relative',
	angehöriger: 'name_relative',
	clinician: 'name_clinician',
	doctor: 'name_clinician',
	arzt: 'name_clinician',
	ärztin: 'name_clinician',
	dob: 'date_birth',
	birth: 'date_birth',
	birthdate: 'date_birth',
	geburtsdatum: 'date_birth',
	geb: 'date_birth',
	datum: 'date',
	tel: 'phone',
	telefon: 'phone',
	fax: 'phone',
	mail: 'email',
	'e-mail': 'email',
	zip: 'postal_code',
	plz: 'postal_code',
	address: 'street',
	adresse: 'street',
	straße: 'street',
	ort: 'city',
	stadt: 'city',
	nr: 'id',
	nummer: 'id',
	kvnr: 'id',
	fallnummer: 'id',
	mrn: 'id'
};

function typeOf(word: string): PhiType | null {
	const w = word.trim().toLowerCase();
	if ((PHI_TYPES as readonly string[]).includes(w)) return w as PhiType;
	return TYPE_ALIASES[w] ?? null;
}

/** The type of a value given without one: e-mail, web address, date, number or name. */
export function inferType(value: string): PhiType {
	const v = value.trim();
	if (/^[^\s@]+@[^\s@]+$/u.test(v)) return 'email';
	if (/^(?:https?:\/\/|www\.)/iu.test(v)) return 'url';
	if (/^\d{1,4}[./-]\d{1,2}(?:[./-]\d{2,4})?\.?$/u.test(v) && parseDate(v)) return 'date';
	if (isNumberLike(v)) return /^\s*(?:\+|00)\d/u.test(v) ? 'phone' : 'id';
	if (/\d/u.test(v) && /^[\p{L}\d-]+$/u.test(v)) return 'id';
	return 'name_patient';
}

/** Splits one CSV line (RFC 4180 quotes) on `separator`. */
function csvCells(line: string, separator: string): string[] {
	const cells: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < line.length; i++) {
		const ch = line[i];
		if (quoted) {
			if (ch === '"' && line[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else cell += ch;
		} else if (ch === '"' && cell.trim() === '') {
			quoted = true;
			cell = '';
		} else if (ch === separator) {
			cells.push(cell.trim());
			cell = '';
		} else cell += ch;
	}
	cells.push(cell.trim());
	return cells;
}

/** CSV lines; a quoted cell may hold line breaks. */
function csvLines(text: string): string[] {
	const lines: string[] = [];
	let current = '';
	for (const line of text.replace(/^\uFEFF/u, '').split(/\r?\n/u)) {
		current = current === '' ? line : `${current}\n${line}`;
		if ((current.match(/"/gu)?.length ?? 0) % 2 === 0) {
			lines.push(current);
			current = '';
		}
	}
	if (current !== '') lines.push(current);
	return lines.filter((l) => l.trim() !== '');
}

function separatorOf(header: string): string {
	const counts = [',', ';', '\t'].map((s) => [s, header.split(s).length] as const);
	counts.sort((a, b) => b[1] - a[1]);
	return counts[0]?.[0] ?? ',';
}

/** Several values in one cell are joined with " | " (as in the ground-truth CSV files). */
function cellValues(cell: string): string[] {
	return cell
		.split('|')
		.map((v) => v.trim())
		.filter(Boolean);
}

function dedupe(list: KnownIdentifier[]): KnownIdentifier[] {
	const seen = new Set<string>();
	return list.filter((k) => {
		const key = `${k.type}\u0000${k.value.toLowerCase()}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

/**
 * What the user typed or pasted as known identifiers. Either one value per line, optionally
 * with its type before a colon:
 *
 *     Anna Müller
 *     date_birth: 04.04.1997
 *     Fallnummer: 23346011
 *
 * (a type is a PhiType or a common word for one: name, patient, dob, geburtsdatum, tel, plz, …;
 * lines starting with "#" are comments), or a CSV whose header has a `value` column and an
 * optional `type` column. A value without a type gets one from its shape: "@" an e-mail address,
 * a date a date, digits an id ("+…" a phone number), anything else the patient's name.
 */
export function parseKnownList(text: string): KnownIdentifier[] {
	const lines = csvLines(text);
	const header = lines[0];
	if (header !== undefined) {
		const separator = separatorOf(header);
		const columns = csvCells(header, separator).map((c) => c.toLowerCase());
		const valueAt = columns.indexOf('value');
		if (valueAt >= 0) {
			const typeAt = columns.indexOf('type');
			const out: KnownIdentifier[] = [];
			for (const line of lines.slice(1)) {
				const cells = csvCells(line, separator);
				const type = typeAt >= 0 ? typeOf(cells[typeAt] ?? '') : null;
				for (const value of cellValues(cells[valueAt] ?? ''))
					out.push({ value, type: type ?? inferType(value) });
			}
			return dedupe(out);
		}
	}
	const out: KnownIdentifier[] = [];
	for (const raw of text.split(/\r?\n/u)) {
		const line = raw.trim();
		if (line === '' || line.startsWith('#')) continue;
		const labelled = /^([^:]{1,30}):\s*(.+)$/u.exec(line);
		const type = labelled ? typeOf(labelled[1] ?? '') : null;
		const value = type && labelled ? (labelled[2] ?? '').trim() : line;
		if (value !== '') out.push({ value, type: type ?? inferType(value) });
	}
	return dedupe(out);
}

const DOCUMENT_COLUMNS = ['document', 'dokument', 'file', 'datei', 'filename', 'dateiname'];

/**
 * Known identifiers per document, for a batch. The CSV names each document in a `document`
 * column (the document's name as stored, e.g. "brief-01.pdf"); every other column holds values,
 * and its header says their type (a PhiType or a word for one, see parseKnownList; other headers
 * leave the type to the value's shape). Several values in one cell are joined with " | ", and a
 * document may have several rows. Separators: comma, semicolon or tab.
 *
 *     document,name_patient,date_birth,id
 *     brief-01.pdf,Anna Müller | Müller Anna,04.04.1997,A123456789
 *
 * A CSV with `value` and `type` columns besides `document` lists one value per row instead.
 * Throws EnclaveError('deid.knownCsvNoDocument') when no column names the documents.
 */
export function parseKnownCsv(csv: string): Map<string, KnownIdentifier[]> {
	const lines = csvLines(csv);
	const header = lines[0];
	const byDocument = new Map<string, KnownIdentifier[]>();
	if (header === undefined) return byDocument;
	const separator = separatorOf(header);
	const columns = csvCells(header, separator);
	const lower = columns.map((c) => c.toLowerCase());
	const documentAt = lower.findIndex((c) => DOCUMENT_COLUMNS.includes(c));
	if (documentAt < 0) throw new EnclaveError('deid.knownCsvNoDocument');
	const valueAt = lower.indexOf('value');
	const typeAt = lower.indexOf('type');
	for (const line of lines.slice(1)) {
		const cells = csvCells(line, separator);
		const document = cells[documentAt] ?? '';
		if (document === '') continue;
		const list = byDocument.get(document) ?? [];
		if (valueAt >= 0) {
			const type = typeAt >= 0 ? typeOf(cells[typeAt] ?? '') : null;
			for (const value of cellValues(cells[valueAt] ?? ''))
				list.push({ value, type: type ?? inferType(value) });
		} else {
			columns.forEach((column, i) => {
				if (i === documentAt) return;
				const type = typeOf(column);
				for (const value of cellValues(cells[i] ?? ''))
					list.push({ value, type: type ?? inferType(value) });
			});
		}
		byDocument.set(document, dedupe(list));
	}
	return byDocument;
}
