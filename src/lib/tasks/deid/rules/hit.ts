/**
 * What a rule reports, and small text helpers the rule families share. Rules scan the whole text
 * once per regex (global, linear patterns) and look at a few characters of context around a
 * candidate; none of them rescans the text per match.
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

const LETTER = /\p{L}/u;

export function isLetter(ch: string | undefined): boolean {
	return ch !== undefined && LETTER.test(ch);
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

/** Mostly upper-case text (ICU nursing notes): capitalisation says nothing about names there. */
export function isShouting(text: string): boolean {
	let upper = 0;
	let lower = 0;
	const sample = text.length > 20000 ? text.slice(0, 20000) : text;
	for (const ch of sample) {
		if (ch >= 'A' && ch <= 'Z') upper++;
		else if (ch >= 'a' && ch <= 'z') lower++;
	}
	return upper > lower;
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
