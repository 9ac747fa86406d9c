/**
 * Ages over 89, which identify on their own in small populations (HIPAA Safe Harbor keeps
 * younger ages): "92-jährige", "im Alter von 94 Jahren", "92 years old", "92 YO", "91 y/o".
 * The span is the number, so the rest of the phrase stays readable.
 */
import type { Lang } from '../types';
import { allMatches, alternativeStarts, hasDigit, WordListScan, type RuleHit } from './hit';

const AGE_AFTER =
	/(?<![0-9.,])(\d{2,3})(?=[ \t]*[-–]?[ \t]*(?:jährig|jahrig|jähr\.|j\.(?![A-Za-z])|jahre[n]?[ \t]+alt|lebensjahr|years?[ -]*old|yrs?\.?[ -]*old|years?[ -]*of[ -]*age|y\.?[ \t]?o\.?(?![A-Za-z])|y\/o|yo[mf]?(?![A-Za-z])|yr[ -]old))/gi;
const AGE_WORDS = String.raw`im alter von|alter(?:[ \t]*:)?|aged?(?:[ \t]*:)?|age of`;
const AGE_BEFORE = new WordListScan({
	notAfter: 'A-Za-z',
	groups: [{ words: alternativeStarts(AGE_WORDS), pattern: AGE_WORDS }],
	rest: String.raw`[ \t]*(\d{2,3})(?![0-9]|[.,]\d)`,
	flags: 'i'
});

function oldEnough(value: string): boolean {
	const age = Number(value);
	return age > 89 && age < 125;
}

export function findAges(text: string, _lang: Lang): RuleHit[] {
	const out: RuleHit[] = [];
	if (!hasDigit(text)) return out;
	for (const m of allMatches(AGE_AFTER, text)) {
		if (oldEnough(m[1] ?? ''))
			out.push({
				start: m.index,
				end: m.index + (m[1] ?? '').length,
				type: 'age',
				rule: 'age-over-89'
			});
	}
	for (const m of AGE_BEFORE.matches(text)) {
		const value = m[1] ?? '';
		if (!oldEnough(value)) continue;
		const end = m.index + m[0].length;
		out.push({ start: end - value.length, end, type: 'age', rule: 'age-over-89' });
	}
	return out;
}
