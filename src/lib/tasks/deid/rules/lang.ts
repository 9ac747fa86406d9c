/**
 * Guesses whether a clinical text is German or English from its most frequent function words.
 * Only the rules for ambiguous forms depend on it (is "8/23" 23 August or August 2023?).
 */
import type { Lang } from '../types';
import { wordAlternation } from './hit';

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

/**
 * The function words as whole words, German ones in group 1: a run of letters that is one of them
 * once lower-cased. One scan finds them without taking every word apart. Letters are matched in
 * ASCII upper or lower case, as nothing else lower-cases to these words (the Kelvin sign becomes
 * "k", in none of them; "İ" becomes "i" and a combining dot). The scan consumes the non-letter
 * before a word instead of looking behind for it, so V8 skips the letters inside words quickly;
 * a match ends in a letter, so it never takes the non-letter that the next word needs.
 */
const FUNCTION_WORD = new RegExp(
	`(?:^|[^\\p{L}])(?:(${wordAlternation(GERMAN, true)})|${wordAlternation(ENGLISH, true)})(?!\\p{L})`,
	'gu'
);

/** German when German function words outnumber English ones in the first 20,000 characters. */
export function detectLang(text: string): Lang {
	let de = 0;
	let en = 0;
	const sample = text.slice(0, 20000);
	FUNCTION_WORD.lastIndex = 0;
	for (let m = FUNCTION_WORD.exec(sample); m !== null; m = FUNCTION_WORD.exec(sample)) {
		if (m[1] !== undefined) de++;
		else en++;
	}
	return de > en ? 'de' : 'en';
}
