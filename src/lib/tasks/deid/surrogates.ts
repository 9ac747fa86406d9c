/**
 * Consistent replacements: who is who across a document or a whole batch. The state is plain
 * data (no functions, no classes), so a batch can keep it with its job and resume after a reload;
 * it holds original names and must stay on this machine like the documents themselves.
 */
import { SURROGATE_LISTS } from './surrogate-lists';
import type { Lang } from './types';

/** One person seen so far under one tag label (PATIENT, CLINICIAN, …). */
export interface PersonEntry {
	label: string;
	/** Normalised name parts, in the order first written ("hans", "mueller"). */
	tokens: string[];
	/** Numbered when first written out, so numbers follow the order of the documents. */
	tag?: string;
	/** One surrogate part per token, drawn when first needed. */
	surrogate?: string[];
}

export interface TagRegistry {
	/** The last number given per label. */
	counters: Record<string, number>;
	people: PersonEntry[];
	/** Everything but names, keyed `LABEL|normalised value`. */
	values: Record<string, { tag?: string; surrogate?: string }>;
}

/** What a batch shares so that the same person or date is replaced the same way everywhere. */
export interface DeidContext {
	/** Every date moves by this many days: one offset per patient or batch keeps intervals. */
	dateShiftDays: number;
	/** Seeds the surrogate draws, so the same context always gives the same surrogates. */
	seed: number;
	registry: TagRegistry;
}

/** Shifts are whole weeks: intervals and weekdays (weekend admissions) stay as they were. */
const MIN_SHIFT_WEEKS = 4;
const MAX_SHIFT_WEEKS = 52;

function randomInt(max: number): number {
	const buffer = new Uint32Array(1);
	crypto.getRandomValues(buffer);
	return (buffer[0] ?? 0) % max;
}

/**
 * A fresh context: a random date shift of 4 to 52 weeks, forward or back (small shifts would
 * barely hide a date), and a random seed. Tests pass both to get fixed results.
 */
export function newDeidContext(options: { dateShiftDays?: number; seed?: number } = {}) {
	const weeks = MIN_SHIFT_WEEKS + randomInt(MAX_SHIFT_WEEKS - MIN_SHIFT_WEEKS + 1);
	const context: DeidContext = {
		dateShiftDays: options.dateShiftDays ?? (randomInt(2) === 0 ? -7 : 7) * weeks,
		seed: options.seed ?? randomInt(2 ** 32),
		registry: { counters: {}, people: [], values: {} }
	};
	return context;
}

/** FNV-1a: a stable number for a string, to seed one draw. */
function hash(text: string, seed: number): number {
	let h = (2166136261 ^ seed) >>> 0;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 16777619) >>> 0;
	}
	return h;
}

/** mulberry32: small, fast and good enough to pick names; not for secrets. */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function randomFor(context: DeidContext, key: string): () => number {
	return seededRandom(hash(key, context.seed));
}

/** Matching ignores case, accents written out (ü = ue) and trailing dots. */
export function foldName(text: string): string {
	return text
		.normalize('NFC')
		.toLowerCase()
		.replace(/ä/g, 'ae')
		.replace(/ö/g, 'oe')
		.replace(/ü/g, 'ue')
		.replace(/ß/g, 'ss')
		.replace(/\.$/, '');
}

/**
 * Salutations, academic titles and relationship words ("Tochter Anna Brandt"): written out as
 * they are, never part of whose name it is.
 */
const TITLES = new Set(
	[
		'herr',
		'herrn',
		'frau',
		'hr',
		'fr',
		'dr',
		'drs',
		'prof',
		'med',
		'dent',
		'vet',
		'rer',
		'nat',
		'phil',
		'mult',
		'univ',
		'doz',
		'priv',
		'pd',
		'dipl',
		'mr',
		'mrs',
		'ms',
		'miss',
		'mx',
		'sir',
		'md',
		'phd',
		'rn',
		'np',
		'pa',
		'pat',
		'patient',
		'patientin',
		'tochter',
		'sohn',
		'ehemann',
		'ehefrau',
		'mutter',
		'vater',
		'bruder',
		'schwester',
		'enkel',
		'enkelin',
		'partner',
		'partnerin',
		'lebensgefährte',
		'lebensgefährtin',
		'wife',
		'husband',
		'son',
		'daughter',
		'mother',
		'father',
		'brother',
		'sister'
	].map(foldName)
);
/** Name particles stay as written; they do not tell one person from another on their own. */
const PARTICLES = new Set(['von', 'van', 'de', 'der', 'den', 'zu', 'vom', 'di', 'da', 'le', 'la']);

const FEMALE_TITLES = new Set(
	[
		'frau',
		'fr',
		'mrs',
		'ms',
		'miss',
		'patientin',
		'tochter',
		'ehefrau',
		'mutter',
		'schwester',
		'enkelin',
		'partnerin',
		'lebensgefährtin',
		'wife',
		'daughter',
		'mother',
		'sister'
	].map(foldName)
);
const MALE_TITLES = new Set(
	[
		'herr',
		'herrn',
		'hr',
		'mr',
		'sohn',
		'ehemann',
		'vater',
		'bruder',
		'enkel',
		'lebensgefährte',
		'husband',
		'son',
		'father',
		'brother'
	].map(foldName)
);

export interface NamePart {
	start: number;
	end: number;
	text: string;
	kind: 'name' | 'initial' | 'title' | 'particle';
	/** Folded, for matching. */
	key: string;
}

const NAME_TOKEN = /\p{L}[\p{L}\p{M}'’-]*\.?/gu;

/** The words of a name mention, each classed: "Dr. H. von Müller" → title, initial, particle, name. */
export function nameParts(mention: string): NamePart[] {
	const parts: NamePart[] = [];
	for (const m of mention.matchAll(NAME_TOKEN)) {
		const text = m[0];
		const bare = text.replace(/\.$/, '');
		const key = foldName(bare);
		const dotted = text.endsWith('.');
		const kind: NamePart['kind'] = TITLES.has(key.replace(/-/g, ''))
			? 'title'
			: PARTICLES.has(key)
				? 'particle'
				: [...bare].length === 1 || (dotted && [...bare].length <= 2)
					? 'initial'
					: 'name';
		parts.push({ start: m.index, end: m.index + text.length, text, kind, key });
	}
	return parts;
}

/**
 * Which parts of a person each part of a mention is: exact matches first, then initials ("H."
 * for "Hans"). Null when some part does not fit, or when two parts would claim the same one.
 */
function alignTokens(mention: NamePart[], person: string[]): number[] | null {
	const used = new Set<number>();
	const out: number[] = [];
	for (const part of mention) {
		let index = person.findIndex((t, i) => !used.has(i) && t === part.key);
		if (index < 0 && part.kind === 'initial')
			index = person.findIndex((t, i) => !used.has(i) && t.startsWith(part.key));
		if (index < 0) return null;
		used.add(index);
		out.push(index);
	}
	return out;
}

export interface PersonMatch {
	person: PersonEntry;
	/** For each identifying part of the mention, the person's token it stands for. */
	alignment: number[];
}

function identifying(parts: NamePart[]): NamePart[] {
	return parts.filter((p) => p.kind === 'name' || p.kind === 'initial');
}

/**
 * The person a mention refers to, or null. The same set of parts is the same person; a mention
 * with fewer parts or initials ("Müller", "H. Müller") is a known person only when exactly one
 * fits, so two Müllers stay apart rather than being merged.
 */
export function findPerson(registry: TagRegistry, label: string, parts: NamePart[]) {
	const ids = identifying(parts);
	if (ids.length === 0) return null;
	const candidates = registry.people.filter((p) => p.label === label);
	const sorted = [...ids.map((p) => p.key)].sort().join(' ');
	for (const person of candidates) {
		if ([...person.tokens].sort().join(' ') !== sorted) continue;
		const alignment = alignTokens(ids, person.tokens);
		if (alignment) return { person, alignment } satisfies PersonMatch;
	}
	const fits: PersonMatch[] = [];
	for (const person of candidates) {
		if (person.tokens.length < ids.length) continue;
		const alignment = alignTokens(ids, person.tokens);
		if (alignment) fits.push({ person, alignment });
	}
	return fits.length === 1 ? (fits[0] ?? null) : null;
}

/** The person a mention refers to, registered as a new one when none fits. */
export function personFor(registry: TagRegistry, label: string, mention: string): PersonMatch {
	const parts = nameParts(mention);
	const found = findPerson(registry, label, parts);
	if (found) return found;
	const ids = identifying(parts);
	// A mention with no name in it (only a title) is keyed by its whole text.
	const tokens = ids.length > 0 ? ids.map((p) => p.key) : [foldName(mention.trim())];
	const person: PersonEntry = { label, tokens };
	registry.people.push(person);
	return { person, alignment: tokens.map((_, i) => i) };
}

/** The next number for a label: `PATIENT_3`. */
export function nextTag(registry: TagRegistry, label: string): string {
	const n = (registry.counters[label] ?? 0) + 1;
	registry.counters[label] = n;
	return `${label}_${n}`;
}

function pick(list: string[], random: () => number, avoid: (s: string) => boolean): string {
	const start = Math.floor(random() * list.length);
	for (let i = 0; i < list.length; i++) {
		const candidate = list[(start + i) % list.length] as string;
		if (!avoid(candidate)) return candidate;
	}
	return list[start] as string;
}

/**
 * Whether a person's surrogate first names are female: from a salutation or relationship word
 * ("Frau", "Tochter"), else from a first name in the lists, else from a first name ending in
 * "a" (Erika, Maria), else by chance.
 */
function guessFemale(hints: NamePart[], person: PersonEntry, random: () => number): boolean {
	if (hints.some((p) => FEMALE_TITLES.has(p.key))) return true;
	if (hints.some((p) => MALE_TITLES.has(p.key))) return false;
	const firstNames = person.tokens.slice(0, -1);
	const listed = (kind: 'female' | 'male') =>
		firstNames.some((t) =>
			[SURROGATE_LISTS.de[kind], SURROGATE_LISTS.en[kind]].some((list) =>
				list.some((n) => foldName(n) === t)
			)
		);
	if (listed('female')) return true;
	if (listed('male')) return false;
	if (firstNames.some((t) => t.length > 2 && t.endsWith('a'))) return true;
	return random() < 0.5;
}

/**
 * Surrogate parts for a person: the last part becomes a surname, the others first names of
 * the gender the words around the person's mentions (`hints`) or the first names suggest.
 * `taken` holds what must not come out
 * (the document's own names, surrogates given to other people), so that no surrogate repeats
 * a real name and two people keep apart.
 */
export function personSurrogate(
	context: DeidContext,
	person: PersonEntry,
	hints: NamePart[],
	lang: Lang,
	taken: Set<string>
): string[] {
	if (person.surrogate) return person.surrogate;
	const random = randomFor(context, `${person.label}|${person.tokens.join(' ')}`);
	const lists = SURROGATE_LISTS[lang];
	const female = guessFemale(hints, person, random);
	const firstNames = female ? lists.female : lists.male;
	const avoid = (s: string) => taken.has(foldName(s));
	const firstNameOnly =
		person.tokens.length === 1 &&
		[...lists.female, ...lists.male].some((n) => foldName(n) === person.tokens[0]);
	const surrogate = person.tokens.map((_, i) =>
		i === person.tokens.length - 1 && !firstNameOnly
			? pick(lists.surnames, random, avoid)
			: pick(firstNames, random, avoid)
	);
	for (const s of surrogate) taken.add(foldName(s));
	person.surrogate = surrogate;
	return surrogate;
}

function matchCase(surrogate: string, original: string): string {
	const letters = original.replace(/[^\p{L}]/gu, '');
	if (letters.length > 1 && letters === letters.toUpperCase()) return surrogate.toUpperCase();
	return surrogate;
}

/**
 * The mention written with the person's surrogate: titles and particles stay, each name part
 * becomes its surrogate part and an initial the surrogate's initial ("Dr. H. Müller" →
 * "Dr. T. Becker"), in the mention's own order and punctuation.
 */
export function renderPersonSurrogate(
	mention: string,
	parts: NamePart[],
	alignment: number[],
	surrogate: string[]
): string {
	let out = '';
	let pos = 0;
	let k = 0;
	for (const part of parts) {
		if (part.kind !== 'name' && part.kind !== 'initial') continue;
		const replacement = surrogate[alignment[k++] ?? 0] ?? surrogate.at(-1) ?? '';
		const written =
			part.kind === 'initial'
				? `${replacement.slice(0, 1)}${part.text.endsWith('.') ? '.' : ''}`
				: matchCase(replacement, part.text);
		out += mention.slice(pos, part.start) + written;
		pos = part.end;
	}
	return out + mention.slice(pos);
}

const DIGITS = '0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';

/** How many leading characters of a phone number stay: "+49"/"0049" country codes, trunk "0". */
function phonePrefix(text: string): number {
	const country = /^\s*(\+|00)\d{2}/.exec(text);
	if (country) return country[0].length;
	const trunk = /^\s*0+/.exec(text);
	return trunk ? trunk[0].length : 0;
}

/**
 * The value with each digit replaced by a digit and each letter by a letter of the same case,
 * the rest kept: "AB-12 345" → "QX-70 918". Drawn from `key`, so that the same value written
 * two ways ("123 456", "123456") gets the same characters. `keep` leading characters stay.
 */
export function formatPreserving(
	context: DeidContext,
	key: string,
	text: string,
	keep = 0,
	original = text
): string {
	for (let attempt = 0; attempt < 8; attempt++) {
		const random = randomFor(context, `${key}#${attempt}`);
		let out = text.slice(0, keep);
		for (const ch of text.slice(keep)) {
			const pool = /\d/.test(ch)
				? DIGITS
				: /\p{Lu}/u.test(ch)
					? UPPER
					: /\p{Ll}/u.test(ch)
						? LOWER
						: null;
			out += pool ? pool[Math.floor(random() * pool.length)] : ch;
		}
		// A surrogate that happens to equal the original would be a leak in disguise.
		if (out !== original || keep >= text.length) return out;
	}
	return text;
}

/** The alphanumeric characters of a value, upper-cased: "123 456" and "123456" are one id. */
export function alnumKey(text: string): string {
	return text.replace(/[^\p{L}\p{N}]/gu, '').toUpperCase();
}

/** An id or postal code: its characters are drawn once per value, then laid into each format. */
export function surrogateCode(context: DeidContext, label: string, text: string): string {
	const key = alnumKey(text);
	const base = formatPreserving(context, `${label}|${key}`, key);
	let i = 0;
	let out = '';
	for (const ch of text) {
		if (!/[\p{L}\p{N}]/u.test(ch)) {
			out += ch;
			continue;
		}
		const next = base[i++] ?? ch;
		out += /\p{Ll}/u.test(ch) ? next.toLowerCase() : next;
	}
	return out;
}

export function surrogatePhone(context: DeidContext, label: string, text: string): string {
	return formatPreserving(context, `${label}|${alnumKey(text)}`, text, phonePrefix(text));
}

/** For e-mail addresses: only letters a-z, as most mail systems want. */
function ascii(text: string): string {
	return foldName(text).replace(/[^a-z]/g, '');
}

export function surrogateEmail(context: DeidContext, lang: Lang, text: string): string {
	const random = randomFor(context, `EMAIL|${text.toLowerCase()}`);
	const lists = SURROGATE_LISTS[lang];
	const first = pick([...lists.female, ...lists.male], random, () => false);
	const last = pick(lists.surnames, random, () => false);
	return `${ascii(first)}.${ascii(last)}@${lists.emailDomain}`;
}

/** Scheme and "www." stay; the host becomes the example domain and the path is redrawn. */
export function surrogateUrl(context: DeidContext, lang: Lang, text: string): string {
	const match =
		/^(?<scheme>[a-z][a-z0-9+.-]*:\/\/)?(?<www>www\.)?(?<host>[^/?#\s]*)(?<rest>.*)$/i.exec(text);
	const scheme = match?.groups?.scheme ?? '';
	const www = match?.groups?.www ?? '';
	const rest = match?.groups?.rest ?? '';
	const path = rest ? formatPreserving(context, `URL|${text.toLowerCase()}`, rest) : '';
	return `${scheme}${www}${SURROGATE_LISTS[lang].emailDomain}${path}`;
}

/** A street from the list; a house number after it keeps its form ("12a" → "47c"). */
export function surrogateStreet(
	context: DeidContext,
	lang: Lang,
	text: string,
	taken: Set<string>
): string {
	const random = randomFor(context, `STREET|${foldName(text)}`);
	const number = /\s*\d.*$/s.exec(text);
	const name = pick(SURROGATE_LISTS[lang].streets, random, (s) => taken.has(foldName(s)));
	if (!number) return name;
	return name + formatPreserving(context, `STREET#|${foldName(text)}`, number[0]);
}

export type ListKind = 'cities' | 'countries' | 'institutions';

export function surrogateFromList(
	context: DeidContext,
	lang: Lang,
	kind: ListKind,
	text: string,
	taken: Set<string>
): string {
	const random = randomFor(context, `${kind}|${foldName(text)}`);
	return pick(SURROGATE_LISTS[lang][kind], random, (s) => taken.has(foldName(s)));
}
