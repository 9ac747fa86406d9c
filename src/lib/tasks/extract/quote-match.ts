/**
 * Finds a model's quote in the document despite the ways a faithful copy still differs from the
 * source: whitespace and line breaks, words hyphenated at line ends, typographic quotes and
 * dashes, decomposed umlauts (PDF text), and letter case. Offsets always refer to the original
 * text, so the UI can highlight the passage.
 */

export interface Span {
	start: number;
	end: number;
}

/** Invisible characters that PDF and Word text carries: soft hyphen, zero-width marks, BOM. */
const INVISIBLE = /^[\u00AD\u200B-\u200D\u2060\uFEFF]/;
const SOFT_HYPHEN = '\u00AD';
const LINE_BREAK = /[\n\r\v\f\u0085\u2028\u2029]/;
const LETTER = /^\p{L}/u;
const LOWERCASE = /^\p{Ll}/u;
/** A base character with its combining marks, or stray marks: the unit NFC works on. */
const CLUSTER = /\P{M}\p{M}*|\p{M}+/gu;

const TYPOGRAPHIC: Record<string, string> = {
	'\u201C': '"',
	'\u201D': '"',
	'\u201E': '"',
	'\u201F': '"',
	'\u00AB': '"',
	'\u00BB': '"',
	'\u2033': '"',
	'\u2018': "'",
	'\u2019': "'",
	'\u201A': "'",
	'\u201B': "'",
	'\u2039': "'",
	'\u203A': "'",
	'\u2032': "'",
	'\u00B4': "'",
	'\u0060': "'",
	'\u2010': '-',
	'\u2011': '-',
	'\u2012': '-',
	'\u2013': '-',
	'\u2014': '-',
	'\u2015': '-',
	'\u2212': '-',
	'\u2026': '...'
};

/** Normalised text one UTF-16 unit per entry, each with the original range it came from. */
interface Normalised {
	exact: string[];
	lower: string[];
	starts: number[];
	ends: number[];
}

function normalise(text: string): Normalised {
	const n: Normalised = { exact: [], lower: [], starts: [], ends: [] };
	const push = (exact: string, lower: string, start: number, end: number) => {
		for (let i = 0; i < exact.length; i++) {
			n.exact.push(exact[i] ?? '');
			n.lower.push(lower[i] ?? '');
			n.starts.push(start);
			n.ends.push(end);
		}
	};
	const pop = () => {
		n.exact.pop();
		n.lower.pop();
		n.starts.pop();
		n.ends.pop();
	};
	const last = (back = 1) => n.exact[n.exact.length - back] ?? '';

	let inSpace = false;
	let spaceHasBreak = false;
	let softHyphen = false;
	let hyphenBeforeSpace: 'none' | 'hard' | 'soft' = 'none';

	for (const match of text.matchAll(CLUSTER)) {
		const cluster = match[0];
		const start = match.index;
		const end = start + cluster.length;
		if (INVISIBLE.test(cluster)) {
			softHyphen ||= cluster.startsWith(SOFT_HYPHEN);
			continue;
		}
		if (/^\s/.test(cluster)) {
			if (inSpace) {
				n.ends[n.ends.length - 1] = end;
			} else {
				hyphenBeforeSpace =
					softHyphen && LETTER.test(last())
						? 'soft'
						: last() === '-' && LETTER.test(last(2))
							? 'hard'
							: 'none';
				push(' ', ' ', start, end);
				inSpace = true;
				spaceHasBreak = false;
			}
			spaceHasBreak ||= LINE_BREAK.test(cluster);
			softHyphen = false;
			continue;
		}

		let piece = '';
		for (const ch of cluster.normalize('NFC')) piece += TYPOGRAPHIC[ch] ?? ch;
		// A word split at a line end joins again: "Pneu-\nmonie" reads "Pneumonie", while a
		// compound keeps its hyphen before a capital: "Fabricius-\nSchätzle".
		if (inSpace && spaceHasBreak && hyphenBeforeSpace !== 'none') {
			pop();
			if (hyphenBeforeSpace === 'hard' && LOWERCASE.test(piece)) pop();
		}
		inSpace = false;
		softHyphen = false;
		const lower = piece.toLowerCase();
		// Lowercasing that changes length (a dotted capital I) would break the one-to-one map.
		push(piece, lower.length === piece.length ? lower : piece, start, end);
	}
	return n;
}

function trimSpaces(text: string): string {
	return text.replace(/^ +| +$/g, '');
}

/**
 * The document normalised once, then searched for many quotes: building it is linear in the
 * document's length, so a 50 KB letter with dozens of fields costs a few milliseconds.
 */
export class QuoteIndex {
	readonly text: string;
	readonly #exact: string;
	readonly #lower: string;
	readonly #compact: string;
	/** For each character of #compact, its position in #exact. */
	readonly #compactAt: number[];
	readonly #starts: number[];
	readonly #ends: number[];

	constructor(text: string) {
		this.text = text;
		const n = normalise(text);
		this.#exact = n.exact.join('');
		this.#lower = n.lower.join('');
		this.#starts = n.starts;
		this.#ends = n.ends;
		let compact = '';
		this.#compactAt = [];
		n.lower.forEach((ch, i) => {
			if (ch === ' ') return;
			compact += ch;
			this.#compactAt.push(i);
		});
		this.#compact = compact;
	}

	#span(from: number, length: number): Span {
		return { start: this.#starts[from] ?? 0, end: this.#ends[from + length - 1] ?? 0 };
	}

	/**
	 * Where the quote occurs first: as written (up to whitespace, hyphenation and typography),
	 * else ignoring case, else ignoring whitespace altogether ("Dr.med." for "Dr. med."); null
	 * when it does not occur.
	 */
	find(quote: string): Span | null {
		const q = normalise(quote);
		const exact = trimSpaces(q.exact.join(''));
		if (!exact) return null;
		let at = this.#exact.indexOf(exact);
		if (at >= 0) return this.#span(at, exact.length);
		const lower = trimSpaces(q.lower.join(''));
		at = this.#lower.indexOf(lower);
		if (at >= 0) return this.#span(at, lower.length);
		const compact = lower.replace(/ /g, '');
		at = this.#compact.indexOf(compact);
		if (at < 0) return null;
		const first = this.#compactAt[at] ?? 0;
		const lastAt = this.#compactAt[at + compact.length - 1] ?? first;
		return { start: this.#starts[first] ?? 0, end: this.#ends[lastAt] ?? 0 };
	}
}

/** One-off search; build a QuoteIndex to search the same document more than once. */
export function findQuote(document: string, quote: string): Span | null {
	return new QuoteIndex(document).find(quote);
}

/** The text as the matcher sees it, for comparing values (whitespace collapsed, case kept). */
export function normaliseForMatch(text: string): string {
	return trimSpaces(normalise(text).exact.join(''));
}
