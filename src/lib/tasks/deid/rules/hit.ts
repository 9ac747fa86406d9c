/**
 * What a rule reports, and small text helpers the rule families share. Rules scan the whole text
 * once per regex (global, linear patterns) and look at a few characters of context around a
 * candidate; none of them rescans the text per match. Patterns that start with a listed word try
 * it only where a word starts (`WordListScan`), from one index of word starts per text.
 */
import type { Lang, PhiType } from '../types';

export interface RuleHit {
	start: number;
	end: number;
	type: PhiType;
	/** The rule's name, shown in review ("german-date", "kvnr"). */
	rule: string;
}

/** One family of rules (dates, phone numbers, …): the types it can report and its scan. */
export interface RuleFamily {
	name: string;
	types: readonly PhiType[];
	find(text: string, lang: Lang): RuleHit[];
}

/**
 * Latin letters (ASCII, Latin-1, Extended-A and -B) as a character-class body. Rules use it
 * instead of \p{L} where a pattern consumes letters: explicit ranges scan several times faster in
 * V8, and German and English text needs nothing beyond them.
 */
export const L = 'A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F';
/** Upper-case start of a word (Extended-A mixes cases; a lower-case one there is rare). */
export const LU = 'A-Z\u00C0-\u00D6\u00D8-\u00DE\u0100-\u024F';
/** Lower-case letters, for the rest of a capitalised word. */
export const LL = 'a-z\u00DF-\u00F6\u00F8-\u00FF\u0100-\u024F';

/**
 * Every match of the global regex `re` in `text`, as `[...text.matchAll(re)]` finds them. The
 * rules call this instead of `matchAll`, which copies the regex on each call: V8 compiles every
 * copy anew, and for the large patterns here that costs more than scanning a short text.
 * Collected before the caller looks at them, so the caller may use `re` again in between.
 */
export function allMatches(re: RegExp, text: string): RegExpExecArray[] {
	if (!re.global) throw new Error('allMatches needs a global regex');
	const out: RegExpExecArray[] = [];
	re.lastIndex = 0;
	for (let m = re.exec(text); m !== null; m = re.exec(text)) {
		out.push(m);
		// An empty match would be found again at the same place: step over it as matchAll does.
		if (m[0] === '') {
			const at = re.lastIndex;
			const pair = re.unicode && (text.codePointAt(at) ?? 0) > 0xffff;
			re.lastIndex = at + (pair ? 2 : 1);
		}
	}
	// A failed search leaves lastIndex at 0.
	return out;
}

const LETTER = /\p{L}/u;

export function isLetter(ch: string | undefined): boolean {
	return ch !== undefined && LETTER.test(ch);
}

const DIGIT = /[0-9]/;
let digitsText: string | undefined;
let digitsFound = false;

/**
 * Whether `text` has a digit at all: the rules whose patterns all need one skip it otherwise.
 * Kept for the last text, which the rule families ask about in turn.
 */
export function hasDigit(text: string): boolean {
	if (text !== digitsText) {
		digitsText = text;
		digitsFound = DIGIT.test(text);
	}
	return digitsFound;
}

export function isDigit(ch: string | undefined): boolean {
	return ch !== undefined && ch >= '0' && ch <= '9';
}

/** Up to `n` characters before `i`, not reaching back over a line break when `sameLine`. */
export function before(text: string, i: number, n: number, sameLine = false): string {
	const s = text.slice(Math.max(0, i - n), i);
	if (!sameLine) return s;
	const nl = s.lastIndexOf('\n');
	return nl < 0 ? s : s.slice(nl + 1);
}

/** Up to `n` characters from `i`, stopping at a line break when `sameLine`. */
export function after(text: string, i: number, n: number, sameLine = false): string {
	const s = text.slice(i, i + n);
	if (!sameLine) return s;
	const nl = s.indexOf('\n');
	return nl < 0 ? s : s.slice(0, nl);
}

const LAST_WORD = /([\p{L}]+)\.?[^\p{L}\p{N}\n]*$/u;

/** The word just before `i` (lower-cased), skipping spaces and punctuation on the same line. */
export function previousWord(text: string, i: number): string {
	const m = LAST_WORD.exec(before(text, i, 40, true));
	return m?.[1]?.toLowerCase() ?? '';
}

/** +1 for an ASCII capital, -1 for an ASCII small letter, by char code. */
const ASCII_CASE = new Int8Array(128);
for (let c = 65; c <= 90; c++) {
	ASCII_CASE[c] = 1;
	ASCII_CASE[c + 32] = -1;
}

/** Mostly upper-case text (ICU nursing notes): capitalisation says nothing about names there. */
export function isShouting(text: string): boolean {
	// Capitals minus small letters among the first 20,000 characters; only ASCII letters count.
	let balance = 0;
	const n = Math.min(text.length, 20000);
	for (let i = 0; i < n; i++) {
		const c = text.charCodeAt(i);
		if (c < 128) balance += ASCII_CASE[c] ?? 0;
	}
	return balance > 0;
}

/**
 * A regex source matching letters in any case without the `i` flag, which V8 scans several times
 * slower: "med" becomes "[mM][eE][dD]". Escapes ("\\s") and character classes stay as they are.
 */
export function caseless(source: string): string {
	return source.replace(/\\.|\[(?:\\.|[^\]])*\]|[a-zäöüß]/gu, (part) => {
		if (part.length > 1) return part;
		const upper = part.toUpperCase();
		return upper === part || upper.length > 1 ? part : `[${part}${upper}]`;
	});
}

interface TrieNode {
	end: boolean;
	next: Map<string, TrieNode>;
}

const SPECIAL = /[.*+?^${}()|[\]\\]/u;

function charPattern(ch: string, ignoreCase: boolean): string {
	const upper = ch.toUpperCase();
	if (ignoreCase && upper !== ch && upper.length === 1) return `[${ch}${upper}]`;
	return SPECIAL.test(ch) ? `\\${ch}` : ch;
}

/**
 * A regex source matching exactly one of `words`, built as a trie ("jan(?:uar|uary)?|…"). V8 tries
 * each branch of a flat alternation at every position; a trie decides by the next character.
 * With `ignoreCase` each letter becomes a class ("[jJ]"), which scans faster than the `i` flag.
 */
export function wordAlternation(words: Iterable<string>, ignoreCase = false): string {
	const root: TrieNode = { end: false, next: new Map() };
	for (const word of words) {
		let node = root;
		for (const ch of ignoreCase ? word.toLowerCase() : word) {
			let child = node.next.get(ch);
			if (!child) {
				child = { end: false, next: new Map() };
				node.next.set(ch, child);
			}
			node = child;
		}
		node.end = true;
	}
	const emit = (node: TrieNode): string => {
		const branches = [...node.next].map(([ch, child]) => charPattern(ch, ignoreCase) + emit(child));
		if (branches.length === 0) return '';
		const body = branches.length === 1 ? (branches[0] ?? '') : `(?:${branches.join('|')})`;
		return node.end ? `(?:${body})?` : body;
	};
	return `(?:${emit(root)})`;
}

/** Index of an ASCII letter in the alphabet, either case; 26 for any other UTF-16 code unit. */
function letterIndex(code: number): number {
	const lower = code | 0x20;
	return lower >= 0x61 && lower <= 0x7a ? lower - 0x61 : 26;
}

/** Where words (and "#" signs) start in a text, and which three characters they start with. */
interface WordStarts {
	/** Positions of ASCII letters and of "#" that do not follow an ASCII letter. */
	at: Int32Array;
	/** For each position, `(a * 27 + b) * 27 + c` from the letter indexes of its three characters. */
	key: Uint16Array;
}

let startsText: string | undefined;
let startsOfText: WordStarts = { at: new Int32Array(0), key: new Uint16Array(0) };
let scratch = new Int32Array(1024);

/** The word starts of `text`, kept for the last text: the rule families scan one text in turn. */
function wordStarts(text: string): WordStarts {
	if (text === startsText) return startsOfText;
	const n = text.length;
	if (scratch.length <= n) scratch = new Int32Array(n + 1);
	const buffer = scratch;
	// Without branches on the text, which a CPU would mispredict at every word: `letter` is 1 for an
	// ASCII letter (`lower` in 0–25, so neither it nor 25 - lower is negative), `hash` for "#"; each
	// position is written, but kept only where one of them follows a non-letter.
	let count = 0;
	let previous = 0;
	for (let i = 0; i < n; i++) {
		const code = text.charCodeAt(i);
		const lower = (code | 0x20) - 0x61;
		const letter = ((lower | (25 - lower)) >>> 31) ^ 1;
		const hash = ((code ^ 0x23) - 1) >>> 31;
		buffer[count] = i;
		count += (letter | hash) & (previous ^ 1);
		previous = letter;
	}
	const at = buffer.slice(0, count);
	const key = new Uint16Array(count);
	for (let j = 0; j < count; j++) {
		const p = at[j] ?? 0;
		const b = p + 1 < n ? letterIndex(text.charCodeAt(p + 1)) : 26;
		const c = p + 2 < n ? letterIndex(text.charCodeAt(p + 2)) : 26;
		key[j] = (letterIndex(text.charCodeAt(p)) * 27 + b) * 27 + c;
	}
	startsText = text;
	startsOfText = { at, key };
	return startsOfText;
}

/** Words for a `WordListScan`: one trie, in a capturing group when `capture` is set. */
export interface WordGroup {
	words: readonly string[] | ReadonlySet<string>;
	ignoreCase?: boolean;
	capture?: boolean;
	/**
	 * A pattern to use instead of the trie, where a word goes on in ways a list cannot say ("Dr"
	 * and degrees: "Dr. med."). Each of its matches must start with one of `words`; for a pattern
	 * that is a list of alternatives, `alternativeStarts` finds them.
	 */
	pattern?: string;
}

/**
 * The literal text each top-level alternative of a regex source starts with: "pat" for
 * "pat(?:ienten)?[-. ]?nr", "probe" for "proben?", "" where it starts with a special character.
 * Every match of the alternative starts with it.
 */
export function alternativeStarts(source: string): string[] {
	const alternatives: string[] = [];
	let depth = 0;
	let inClass = false;
	let from = 0;
	for (let i = 0; i < source.length; i++) {
		const ch = source[i];
		if (ch === '\\') i++;
		else if (inClass) inClass = ch !== ']';
		else if (ch === '[') inClass = true;
		else if (ch === '(') depth++;
		else if (ch === ')') depth--;
		else if (ch === '|' && depth === 0) {
			alternatives.push(source.slice(from, i));
			from = i + 1;
		}
	}
	alternatives.push(source.slice(from));
	return alternatives.map((a) => {
		const literal = /^[^\\^$.|?*+()[\]{}]*/u.exec(a)?.[0] ?? '';
		// A quantifier makes the last character optional ("proben?").
		return /^[?*{]/u.test(a.slice(literal.length)) ? literal.slice(0, -1) : literal;
	});
}

/**
 * The letter indexes each UTF-16 unit of `word` may have in a text it matches, as
 * `wordAlternation` or `caseless` writes the word: the character, and with `ignoreCase` its upper
 * case.
 */
function unitIndexes(word: string, ignoreCase: boolean): number[][] {
	const units: number[][] = [];
	for (const ch of ignoreCase ? word.toLowerCase() : word) {
		const upper = ch.toUpperCase();
		const forms = ignoreCase && upper !== ch && upper.length === 1 ? [ch, upper] : [ch];
		// An astral character is two units, neither of them a letter.
		if (ch.length > 1) units.push([26], [26]);
		else units.push([...new Set(forms.map((f) => letterIndex(f.charCodeAt(0))))]);
	}
	return units;
}

const ANY_UNIT = Array.from({ length: 27 }, (_, i) => i);

export interface WordListScanOptions {
	/** Characters that may not come before a match, as a class body; it must hold the ASCII letters. */
	notAfter: string;
	groups: readonly WordGroup[];
	/** Whether a listed word must end before a character of `notAfter`. */
	wordEnd?: boolean;
	/** The pattern after the words (and after the word end). */
	rest?: string;
	/** Flags besides `g`: `u`, or `i` (then every word is matched in any case). */
	flags?: string;
}

/**
 * A global regex `(?<![notAfter])(?:words…)(?![notAfter])rest` (the lookahead with `wordEnd`)
 * whose matches all start with a word from a list, and a faster way to find them than scanning
 * with it. The regex tries its list at every position of the text, which costs far more than the
 * few places where a listed word can start: `matches` tries it only where an ASCII letter (or a
 * "#") follows a non-letter and the three characters there can begin a match, and finds just what
 * `allMatches(regex, text)` finds. That needs `notAfter` to hold the ASCII letters and each word
 * to start with an ASCII letter or "#", which the constructor checks.
 */
export class WordListScan {
	/** The global regex. */
	readonly regex: RegExp;
	private readonly sticky: RegExp;
	/** Which three-character keys (as in `WordStarts`) can start a match. */
	private readonly keys = new Uint8Array(27 * 27 * 27);

	constructor({ notAfter, groups, wordEnd = false, rest = '', flags = '' }: WordListScanOptions) {
		const alternatives = groups.map((g) => {
			const body =
				g.pattern === undefined ? wordAlternation(g.words, g.ignoreCase) : `(?:${g.pattern})`;
			return g.capture ? `(${body})` : body;
		});
		const end = wordEnd ? `(?![${notAfter}])` : '';
		const source = `(?<![${notAfter}])(?:${alternatives.join('|')})${end}${rest}`;
		this.regex = new RegExp(source, `${flags}g`);
		this.sticky = new RegExp(source, `${flags}y`);
		// With `u`, the `i` flag would match "ſ" to "s" and the Kelvin sign to "k".
		if (flags.includes('i') && flags.includes('u')) throw new Error('WordListScan: no "iu" flags');
		const before = new RegExp(`[${notAfter}]`, flags.includes('u') ? 'u' : '');
		for (let i = 0; i < 26; i++) {
			if (
				!before.test(String.fromCharCode(0x41 + i)) ||
				!before.test(String.fromCharCode(0x61 + i))
			)
				throw new Error(`WordListScan: [${notAfter}] must hold the ASCII letters`);
		}
		for (const { words, ignoreCase = false, pattern } of groups) {
			for (const word of words) {
				if (!/^[A-Za-z#]/u.test(word))
					throw new Error(`WordListScan: "${word}" must start with an ASCII letter or "#"`);
				const units = unitIndexes(word, ignoreCase || flags.includes('i'));
				// After a whole word comes a non-letter; after the start of a pattern, anything.
				const after = wordEnd && pattern === undefined ? [26] : ANY_UNIT;
				const [first = [], second = after, third = units.length < 2 ? ANY_UNIT : after] = units;
				for (const a of first)
					for (const b of second) for (const c of third) this.keys[(a * 27 + b) * 27 + c] = 1;
			}
		}
	}

	/** Every match of `regex` in `text`, as `allMatches(regex, text)` returns them. */
	matches(text: string): RegExpExecArray[] {
		const out: RegExpExecArray[] = [];
		const { at, key } = wordStarts(text);
		const { keys, sticky } = this;
		// Matches do not overlap: the next one starts where the last one ended, or later.
		let from = 0;
		for (let j = 0; j < at.length; j++) {
			if (keys[key[j] ?? 0] !== 1) continue;
			const p = at[j] ?? 0;
			if (p < from) continue;
			sticky.lastIndex = p;
			const m = sticky.exec(text);
			if (m === null) continue;
			out.push(m);
			from = p + Math.max(m[0].length, 1);
		}
		return out;
	}
}
