/**
 * Detects a model caught in a loop while it streams, so generation can be stopped early and the
 * repeated copies dropped. Two signs: the text ends in the same unit repeated back to back
 * (a phrase, a sentence, a line or a block of lines), or its last several hundred characters
 * already appeared earlier (the model started over). Whitespace differences are ignored.
 *
 * Letters legitimately repeat short structures ("- none" under several headings, "1-0-1" on
 * every medication line), so a short unit must repeat many times before it counts: the repeated
 * stretch has to be at least `minLoopChars` long as well as `minRepeats` copies.
 */

export interface RepetitionOptions {
	/** Copies of a unit, back to back, that make a loop. */
	minRepeats?: number;
	/** Characters the copies must span together, so short units need more copies. */
	minLoopChars?: number;
	/** The longest unit looked for. */
	maxUnitChars?: number;
	/** A suffix this long that occurred before means the model started over. */
	echoChars?: number;
	/** Only the end of the text is examined, so checks stay cheap on long texts. */
	windowChars?: number;
}

export interface Repetition {
	kind: 'loop' | 'echo';
	/** The text before this index is kept: everything up to the end of the first copy. */
	keep: number;
	/** The repeated text, whitespace collapsed and trimmed (an echo's first 80 characters). */
	unit: string;
	/** Copies seen back to back (2 for an echo: the original and the new start). */
	repeats: number;
}

export const DEFAULT_REPETITION: Required<RepetitionOptions> = {
	minRepeats: 3,
	minLoopChars: 120,
	maxUnitChars: 1200,
	echoChars: 600,
	windowChars: 8000
};

/** Where a unit may naturally end: the kept first copy is extended to one of these. */
const BOUNDARY = /[.!?;:\n]/;

interface Normalised {
	text: string;
	/** Original index of each normalised character, plus one past the end. */
	origin: number[];
}

/** Runs of spaces become one space; runs of whitespace containing a line break become "\n". */
function normalise(text: string, from: number): Normalised {
	let out = '';
	const origin: number[] = [];
	let i = from;
	while (i < text.length) {
		const ch = text[i] as string;
		if (/\s/.test(ch)) {
			let j = i;
			let newline = false;
			while (j < text.length && /\s/.test(text[j] as string)) {
				if (text[j] === '\n') newline = true;
				j++;
			}
			out += newline ? '\n' : ' ';
			origin.push(i);
			i = j;
		} else {
			out += ch;
			origin.push(i);
			i++;
		}
	}
	origin.push(text.length);
	return { text: out, origin };
}

/**
 * `t` keeps line breaks (to find where a unit naturally ends); `flat` has every whitespace as
 * a space, so that copies differing only in line breaks compare equal.
 */
function findLoop(t: string, flat: string, o: Required<RepetitionOptions>) {
	const n = t.length;
	const maxUnit = Math.min(o.maxUnitChars, Math.floor(n / o.minRepeats));
	// The smallest period that qualifies is the unit itself, not a multiple of it.
	for (let p = 1; p <= maxUnit; p++) {
		const needed = Math.max(o.minRepeats, Math.ceil(o.minLoopChars / p));
		if (needed * p > n) continue;
		let matched = 0;
		while (matched < n - p && flat[n - 1 - matched] === flat[n - 1 - matched - p]) matched++;
		const repeats = Math.floor((matched + p) / p);
		if (repeats < needed) continue;
		const start = n - matched - p;
		let keep = start + p;
		// The stretch may begin mid-sentence; then keep the first copy up to its natural end.
		if (!BOUNDARY.test(t.slice(start, keep).trimEnd().at(-1) ?? '')) {
			for (let k = keep; k < Math.min(n, keep + p); k++) {
				if (BOUNDARY.test(t[k] as string)) {
					keep = k + 1;
					break;
				}
			}
		}
		return { keep, unit: t.slice(start, start + p).trim(), repeats };
	}
	return null;
}

function findEcho(t: string, flat: string, o: Required<RepetitionOptions>) {
	const n = t.length;
	if (n < 2 * o.echoChars) return null;
	const suffixStart = n - o.echoChars;
	const earlier = flat.lastIndexOf(flat.slice(suffixStart), suffixStart - 1);
	if (earlier < 0) return null;
	// The new copy may have begun before the suffix looked at: drop all of it.
	let start = suffixStart;
	let from = earlier;
	while (from > 0 && flat[from - 1] === flat[start - 1]) {
		from--;
		start--;
	}
	return { keep: start, unit: t.slice(start, start + 80).trim(), repeats: 2 };
}

/** The loop or echo the text ends in, or null. */
export function findRepetition(text: string, options: RepetitionOptions = {}): Repetition | null {
	const o = { ...DEFAULT_REPETITION, ...options };
	const from = Math.max(0, text.length - o.windowChars);
	const { text: t, origin } = normalise(text, from);
	const flat = t.replaceAll('\n', ' ');
	const loop = findLoop(t, flat, o);
	if (loop) return { kind: 'loop', ...loop, keep: origin[loop.keep] as number };
	const echo = findEcho(t, flat, o);
	if (echo) return { kind: 'echo', ...echo, keep: origin[echo.keep] as number };
	return null;
}

/** The text without the repeated copies (and without the whitespace before them). */
export function trimRepetition(text: string, repetition: Repetition): string {
	return text.slice(0, repetition.keep).trimEnd();
}

/**
 * Watches a growing text (`textSoFar` from a stream) and reports the first repetition. Checks
 * run every `everyChars` new characters and at line ends, not on every token.
 */
export class RepetitionGuard {
	readonly #options: RepetitionOptions;
	readonly #everyChars: number;
	#checkedAt = 0;

	constructor(options: RepetitionOptions = {}, everyChars = 24) {
		this.#options = options;
		this.#everyChars = everyChars;
	}

	check(textSoFar: string): Repetition | null {
		const grown = textSoFar.length - this.#checkedAt;
		if (grown < this.#everyChars && !textSoFar.endsWith('\n')) return null;
		this.#checkedAt = textSoFar.length;
		return findRepetition(textSoFar, this.#options);
	}
}
