/**
 * Rule-based detection of patient data: one pass per rule family over the text, the findings
 * merged into sorted, non-overlapping spans. Pure and synchronous, so the browser, Node tests and
 * the CLI run the very same code.
 */
import { mergeSpans } from '../spans';
import type { Lang, PhiSpan, PhiType } from '../types';
import { findAddresses } from './addresses';
import { findAges } from './ages';
import { findDates } from './dates';
import { findEmails, findUrls } from './email-url';
import type { RuleFamily } from './hit';
import { findIdentifiers } from './identifiers';
import { findInstitutions } from './institutions';
import { detectLang } from './lang';
import { findNames } from './names';
import { findPhones } from './phone';

export { detectLang } from './lang';
export { parseDate, type DateParts } from './dates';

/** The families, in the order their findings are listed; merging makes the order irrelevant. */
export const RULE_FAMILIES: readonly RuleFamily[] = [
	{
		name: 'dates',
		types: ['date', 'date_birth', 'date_admission', 'date_discharge'],
		find: findDates
	},
	{ name: 'identifiers', types: ['id', 'department'], find: findIdentifiers },
	{ name: 'phone', types: ['phone'], find: findPhones },
	{ name: 'email', types: ['email'], find: findEmails },
	{ name: 'url', types: ['url'], find: findUrls },
	{ name: 'addresses', types: ['street', 'postal_code', 'city'], find: findAddresses },
	{
		name: 'names',
		types: ['name_patient', 'name_relative', 'name_clinician', 'name_other', 'name_title'],
		find: findNames
	},
	{ name: 'ages', types: ['age'], find: findAges },
	{ name: 'institutions', types: ['institution', 'department'], find: findInstitutions }
];

export interface RuleOptions {
	/** The text's language; 'auto' (the default) guesses it from common words. */
	lang?: Lang | 'auto';
	/** Report only these types (all when absent). */
	types?: readonly PhiType[];
}

/**
 * Patient data the rules find in `text`: sorted, merged spans with `sources: ['rule']` and the
 * rule's name in `rule`.
 */
export function detectByRules(text: string, options: RuleOptions = {}): PhiSpan[] {
	if (text.length === 0) return [];
	const lang = !options.lang || options.lang === 'auto' ? detectLang(text) : options.lang;
	const wanted = options.types ? new Set(options.types) : null;
	const spans: PhiSpan[] = [];
	for (const family of RULE_FAMILIES) {
		if (wanted && !family.types.some((t) => wanted.has(t))) continue;
		for (const hit of family.find(text, lang)) {
			if (wanted && !wanted.has(hit.type)) continue;
			if (hit.end <= hit.start) continue;
			spans.push({
				start: hit.start,
				end: hit.end,
				type: hit.type,
				text: text.slice(hit.start, hit.end),
				sources: ['rule'],
				rule: hit.rule
			});
		}
	}
	return mergeSpans(spans);
}
