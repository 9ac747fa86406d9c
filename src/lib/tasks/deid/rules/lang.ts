/**
 * Guesses whether a clinical text is German or English from its most frequent function words.
 * Only the rules for ambiguous forms depend on it (is "8/23" 23 August or August 2023?).
 */
import type { Lang } from '../types';

const GERMAN = new Set([
	'der',
	'die',
	'das',
	'und',
	'mit',
	'bei',
	'ist',
	'wurde',
	'nicht',
	'eine',
	'ein',
	'auf',
	'im',
	'zur',
	'des',
	'sich',
	'wir',
	'am',
	'vom',
	'bis'
]);
const ENGLISH = new Set([
	'the',
	'and',
	'with',
	'was',
	'is',
	'of',
	'to',
	'on',
	'pt',
	'for',
	'at',
	'no',
	'has',
	'will',
	'per',
	'this',
	'he',
	'she',
	'we'
]);

const WORD = /\p{L}+/gu;

/** German when German function words outnumber English ones in the first 20,000 characters. */
export function detectLang(text: string): Lang {
	let de = 0;
	let en = 0;
	for (const m of text.slice(0, 20000).matchAll(WORD)) {
		const w = m[0].toLowerCase();
		if (GERMAN.has(w)) de++;
		else if (ENGLISH.has(w)) en++;
	}
	return de > en ? 'de' : 'en';
}
