/**
 * E-mail addresses, web addresses and bare domain names. E-mail addresses are found from each
 * "@" outwards instead of with one regex over the text: a pattern that starts with a run of word
 * characters would backtrack quadratically over long words.
 */
import type { Lang } from '../types';
import { allMatches, type RuleHit } from './hit';

const LOCAL_CHAR = /[\p{L}\p{N}._%+'-]/u;
const DOMAIN =
	/^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)*\.\p{L}{2,24}/u;

export function findEmails(text: string, _lang: Lang): RuleHit[] {
	const out: RuleHit[] = [];
	let at = text.indexOf('@');
	while (at >= 0) {
		let start = at;
		while (start > 0 && at - start < 64 && LOCAL_CHAR.test(text[start - 1] ?? '')) start--;
		while (start < at && /[._%+'-]/u.test(text[start] ?? '')) start++;
		const domain = DOMAIN.exec(text.slice(at + 1, at + 256));
		if (start < at && domain) {
			const end = at + 1 + domain[0].length;
			out.push({ start, end, type: 'email', rule: 'email' });
			at = text.indexOf('@', end);
		} else {
			at = text.indexOf('@', at + 1);
		}
	}
	return out;
}

const URL = /(?:https?:\/\/|www\.)[^\s<>"'()[\]{}]+/gi;
/**
 * Bare domains: found at their top-level domain ("….de", "….com"), then read backwards. Only
 * top-level domains that are not also words: "liquid.no" and "gtt.at" are sentences without a
 * space after the full stop.
 */
const TLD = /\.(?:de|com|org|net|eu|info|edu|gov|io|ch)(?:\/[^\s<>"'()[\]{}]*)?(?![A-Za-z0-9@-])/gi;
const DOMAIN_BEFORE =
	/(?<![A-Za-z0-9@./-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

function trimUrl(s: string): string {
	return s.replace(/[.,;:!?]+$/u, '');
}

export function findUrls(text: string, _lang: Lang): RuleHit[] {
	const out: RuleHit[] = [];
	for (const m of allMatches(URL, text)) {
		const value = trimUrl(m[0]);
		if (value.length > 4)
			out.push({ start: m.index, end: m.index + value.length, type: 'url', rule: 'url' });
	}
	for (const m of allMatches(TLD, text)) {
		const name = DOMAIN_BEFORE.exec(text.slice(Math.max(0, m.index - 64), m.index));
		// A registered name has three characters or more ("z.B.de" is not a domain).
		if (!name || !/[a-z0-9-]{3,}$/iu.test(name[0])) continue;
		const start = m.index - name[0].length;
		const value = trimUrl(text.slice(start, m.index + m[0].length));
		out.push({ start, end: start + value.length, type: 'url', rule: 'domain' });
	}
	return out;
}
