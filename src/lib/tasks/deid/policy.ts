/**
 * What happens to each kind of patient data on output, and the rewrite itself. Replacements are
 * consistent through a shared context: the same person keeps the same tag or surrogate, and every
 * date moves by the same offset, across one document or a whole batch.
 */
import { dateKey, parseDate, rewriteDate, shiftParsed } from './dates';
import {
	alnumKey,
	foldName,
	nameParts,
	nextTag,
	personFor,
	personSurrogate,
	renderPersonSurrogate,
	surrogateCode,
	surrogateEmail,
	surrogateFromList,
	surrogatePhone,
	surrogateStreet,
	surrogateUrl,
	type DeidContext,
	type ListKind,
	type NamePart,
	type PersonEntry
} from './surrogates';
import {
	PHI_GROUP,
	type DeidPolicy,
	type Lang,
	type PhiSpan,
	type PhiType,
	type PolicyAction
} from './types';

export { newDeidContext, type DeidContext, type TagRegistry } from './surrogates';

/**
 * The defaults, chosen for research use of clinical letters:
 * - Names are tagged (`[PATIENT_1]`): who is who stays readable, and a tag cannot be mistaken
 *   for a real name the way a surrogate can. Clinicians are tagged too: with a date, a
 *   clinician's name points to the ward and so to the patient. Titles ("Dr. med.") stay.
 * - Birth dates are masked: with sex and postal code they identify most people.
 * - Clinical dates (admission, discharge, findings) are shifted by one offset per batch: exact
 *   dates are quasi-identifiers, while intervals between them (and weekdays) carry the clinical
 *   story and are kept. Dates that cannot be read are masked.
 * - Ages are generalised: 90 and over become "90+", as HIPAA Safe Harbor asks; younger ages stay.
 * - Ids are tagged, so documents of the same case stay linked; contacts and addresses masked.
 * - Countries and departments stay (too coarse to identify, clinically useful); institutions
 *   and professions are masked (a rare job or a small hospital can single a patient out).
 */
export function defaultPolicy(lang: Lang): DeidPolicy {
	return {
		actions: {
			name_patient: 'tag',
			name_relative: 'tag',
			name_clinician: 'tag',
			name_other: 'tag',
			name_title: 'keep',
			date_birth: 'mask',
			date_admission: 'surrogate',
			date_discharge: 'surrogate',
			date: 'surrogate',
			age: 'generalise',
			id: 'tag',
			phone: 'mask',
			email: 'mask',
			url: 'mask',
			street: 'mask',
			postal_code: 'mask',
			city: 'mask',
			country: 'keep',
			institution: 'mask',
			department: 'keep',
			profession: 'mask'
		},
		keepClinicians: false,
		lang
	};
}

/** What `[…]` says for each type when masked. */
export const MASK_LABELS: Record<Lang, Record<PhiType, string>> = {
	en: {
		name_patient: 'NAME',
		name_relative: 'NAME',
		name_clinician: 'NAME',
		name_other: 'NAME',
		name_title: 'TITLE',
		date_birth: 'BIRTHDATE',
		date_admission: 'DATE',
		date_discharge: 'DATE',
		date: 'DATE',
		age: 'AGE',
		id: 'ID',
		phone: 'PHONE',
		email: 'EMAIL',
		url: 'URL',
		street: 'STREET',
		postal_code: 'ZIP',
		city: 'CITY',
		country: 'COUNTRY',
		institution: 'INSTITUTION',
		department: 'DEPARTMENT',
		profession: 'PROFESSION'
	},
	de: {
		name_patient: 'NAME',
		name_relative: 'NAME',
		name_clinician: 'NAME',
		name_other: 'NAME',
		name_title: 'TITEL',
		date_birth: 'GEBURTSDATUM',
		date_admission: 'DATUM',
		date_discharge: 'DATUM',
		date: 'DATUM',
		age: 'ALTER',
		id: 'ID',
		phone: 'TELEFON',
		email: 'E-MAIL',
		url: 'URL',
		street: 'STRASSE',
		postal_code: 'PLZ',
		city: 'ORT',
		country: 'LAND',
		institution: 'EINRICHTUNG',
		department: 'ABTEILUNG',
		profession: 'BERUF'
	}
};

/** Tags tell people apart by role; other types are tagged with their mask label. */
const PERSON_TAG_LABELS: Record<Lang, Partial<Record<PhiType, string>>> = {
	en: {
		name_patient: 'PATIENT',
		name_relative: 'RELATIVE',
		name_clinician: 'CLINICIAN',
		name_other: 'PERSON'
	},
	de: {
		name_patient: 'PATIENT',
		name_relative: 'ANGEHÖRIGE',
		name_clinician: 'BEHANDLER',
		name_other: 'PERSON'
	}
};

export function tagLabel(type: PhiType, lang: Lang): string {
	return PERSON_TAG_LABELS[lang][type] ?? MASK_LABELS[lang][type];
}

function isPerson(type: PhiType): boolean {
	return PHI_GROUP[type] === 'name' && type !== 'name_title';
}

/** The action the policy takes for a type, `keepClinicians` included. */
export function actionFor(type: PhiType, policy: DeidPolicy): PolicyAction {
	if (type === 'name_clinician' && policy.keepClinicians) return 'keep';
	return policy.actions[type];
}

export interface Replacement {
	/** Offsets into the output. A removed span has `start === end`. */
	start: number;
	end: number;
	/** The span (index into the spans given) whose type decided the replacement. */
	spanIndex: number;
	/** What was done: a surrogate or generalisation that does not apply falls back to 'mask'. */
	action: PolicyAction;
}

export interface KeptRange {
	/** Offsets into the output. */
	start: number;
	end: number;
	spanIndex: number;
}

export interface PolicyResult {
	output: string;
	/** Only what changed: kept spans, and ages too young to generalise, are not listed. */
	replacements: Replacement[];
	/**
	 * Spans that stand in the output as they were: kept by the policy, left unchanged by it
	 * (an age under 90 under 'generalise'), or rejected in review.
	 */
	kept: KeptRange[];
}

export interface ApplyOptions {
	/** The document's language, for reading dates like 03/04/2024 (default: the policy's). */
	lang?: Lang;
}

interface Segment {
	start: number;
	end: number;
	/** The longest span in it: overlapping spans are rewritten as one, with its type. */
	spanIndex: number;
}

/**
 * Spans that overlap (mergeSpans prevents it, but spans may come from elsewhere) are rewritten
 * as one; rejected spans and spans outside the text are left alone.
 */
function segments(text: string, spans: PhiSpan[]): Segment[] {
	const order = spans
		.map((span, index) => ({ span, index }))
		.filter(
			({ span }) =>
				span.decision !== 'rejected' &&
				span.start >= 0 &&
				span.end <= text.length &&
				span.end > span.start
		)
		.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
	const out: Segment[] = [];
	for (const { span, index } of order) {
		const last = out.at(-1);
		if (last && span.start < last.end) {
			const longest = spans[last.spanIndex] as PhiSpan;
			if (span.end - span.start > longest.end - longest.start) last.spanIndex = index;
			last.end = Math.max(last.end, span.end);
			continue;
		}
		out.push({ start: span.start, end: span.end, spanIndex: index });
	}
	return out;
}

const LIST_KIND: Partial<Record<PhiType, ListKind>> = {
	city: 'cities',
	country: 'countries',
	institution: 'institutions'
};

/** HIPAA Safe Harbor: ages over 89 are pooled; what is left is not identifying on its own. */
const OLDEST_AGE = 90;
/** Digits of a postal code that stay: German Leitregion (2), US three-digit ZIP (3). */
const POSTAL_PREFIX: Record<Lang, number> = { de: 2, en: 3 };

interface Env {
	text: string;
	policy: DeidPolicy;
	context: DeidContext;
	lang: Lang;
	/** Names that no surrogate may repeat: the document's own and those already given out. */
	taken: Set<string>;
	/** The year of the nearest full date, for dates written without one ("19.3."). */
	assumedYear: (position: number) => number;
	/** Words before each person's mentions ("Frau", "Patientin:"), to pick fitting first names. */
	hints: Map<PersonEntry, NamePart[]>;
}

function valueEntry(context: DeidContext, key: string) {
	return (context.registry.values[key] ??= {});
}

function normalisedValue(type: PhiType, value: string, env: Env, position: number): string {
	if (PHI_GROUP[type] === 'date') {
		const date = parseDate(value, env.lang);
		if (date) return dateKey({ ...date, year: date.year ?? env.assumedYear(position) });
	}
	if (type === 'id' || type === 'phone' || type === 'postal_code') return alnumKey(value);
	return foldName(value.trim().replace(/\s+/g, ' '));
}

function generalise(type: PhiType, value: string, env: Env): string | null {
	if (PHI_GROUP[type] === 'date')
		return rewriteDate(value, env.lang, (d) => (d.year === null ? null : String(d.year)));
	if (type === 'age')
		return value.replace(/\d+/g, (n) => (Number(n) >= OLDEST_AGE ? `${OLDEST_AGE}+` : n));
	if (type === 'postal_code') {
		let seen = 0;
		return value.replace(/[\p{L}\p{N}]/gu, (ch) => (++seen <= POSTAL_PREFIX[env.lang] ? ch : 'x'));
	}
	return null;
}

function surrogate(type: PhiType, value: string, env: Env, position: number): string | null {
	const { context, policy } = env;
	const lang = policy.lang;
	// A title has no substitute: "Frau" or "Dr." before a surrogate name reads naturally.
	if (type === 'name_title') return value;
	if (PHI_GROUP[type] === 'date')
		return rewriteDate(value, env.lang, (d) =>
			shiftParsed(d, context.dateShiftDays, env.assumedYear(position))
		);
	if (isPerson(type)) {
		const label = tagLabel(type, lang);
		const { person, alignment } = personFor(context.registry, label, value);
		const parts = nameParts(value);
		const hints = [...(env.hints.get(person) ?? []), ...parts];
		const names = personSurrogate(context, person, hints, lang, env.taken);
		return renderPersonSurrogate(value, parts, alignment, names);
	}
	const label = tagLabel(type, lang);
	// Drawn once per value and remembered: the same address gets the same surrogate everywhere.
	const remembered = (draw: () => string) => {
		const entry = valueEntry(context, `${label}|${normalisedValue(type, value, env, position)}`);
		entry.surrogate ??= draw();
		env.taken.add(foldName(entry.surrogate));
		return entry.surrogate;
	};
	const listKind = LIST_KIND[type];
	switch (type) {
		case 'age':
			return generalise(type, value, env);
		// Ids and numbers are drawn from their characters, so each written form keeps its own.
		case 'id':
		case 'postal_code':
			return surrogateCode(context, label, value);
		case 'phone':
			return surrogatePhone(context, label, value);
		case 'email':
			return remembered(() => surrogateEmail(context, lang, value));
		case 'url':
			return remembered(() => surrogateUrl(context, lang, value));
		case 'street':
			return remembered(() => surrogateStreet(context, lang, value, env.taken));
		default:
			return listKind
				? remembered(() => surrogateFromList(context, lang, listKind, value, env.taken))
				: null;
	}
}

function tag(type: PhiType, value: string, env: Env, position: number): string {
	const { registry } = env.context;
	const label = tagLabel(type, env.policy.lang);
	if (isPerson(type)) {
		const { person } = personFor(registry, label, value);
		person.tag ??= nextTag(registry, label);
		return `[${person.tag}]`;
	}
	const entry = valueEntry(env.context, `${label}|${normalisedValue(type, value, env, position)}`);
	entry.tag ??= nextTag(registry, label);
	return `[${entry.tag}]`;
}

function rewrite(
	type: PhiType,
	value: string,
	env: Env,
	position: number
): { text: string; action: PolicyAction } {
	const action = actionFor(type, env.policy);
	const mask = { text: `[${MASK_LABELS[env.policy.lang][type]}]`, action: 'mask' as const };
	switch (action) {
		case 'keep':
			return { text: value, action };
		case 'remove':
			return { text: '', action };
		case 'mask':
			return mask;
		case 'tag':
			return { text: tag(type, value, env, position), action };
		case 'generalise': {
			const text = generalise(type, value, env);
			return text === null ? mask : { text, action };
		}
		case 'surrogate': {
			const text = surrogate(type, value, env, position);
			return text === null ? mask : { text, action };
		}
	}
}

/** Full years of the dates in the document by position, for dates written without a year. */
function yearsByPosition(text: string, segs: Segment[], spans: PhiSpan[], lang: Lang) {
	const years: { at: number; year: number }[] = [];
	for (const seg of segs) {
		const span = spans[seg.spanIndex] as PhiSpan;
		if (PHI_GROUP[span.type] !== 'date') continue;
		const date = parseDate(text.slice(seg.start, seg.end), lang);
		if (date?.year != null) years.push({ at: seg.start, year: date.year });
	}
	return (position: number): number =>
		years.findLast((y) => y.at <= position)?.year ?? years[0]?.year ?? new Date().getUTCFullYear();
}

/** The word just before a name: "Frau ", "Mr. ", "Patientin: ". */
const SALUTATION = /\p{L}+\.?:?[ \t]*$/u;

const isBlank = (ch: string | undefined) => ch === ' ' || ch === '\t';

/**
 * Removing a word must not leave "  " or " ," behind. `floor` is where the last replacement
 * ended in the output: what was written for another span is never trimmed.
 */
function tidyRemoval(output: string, text: string, cursor: number, floor: number) {
	const previous = output.length > floor ? output.at(-1) : undefined;
	let skip = cursor;
	if (output === '' || isBlank(previous) || /[\n(]$/.test(output))
		while (isBlank(text[skip])) skip++;
	const next = text[skip];
	if (isBlank(previous) && (next === undefined || /[,.;:!?)\r\n]/.test(next))) {
		let end = output.length;
		while (end > floor && isBlank(output[end - 1])) end--;
		return { output: output.slice(0, end), cursor: skip };
	}
	return { output, cursor: skip };
}

/**
 * Rewrites `text` under the policy. Spans rejected in review stay as they are; so do spans
 * whose type the policy keeps. `context` is changed: it learns the people and values seen, so
 * pass the same context to every document of a batch.
 */
export function applyPolicy(
	text: string,
	spans: PhiSpan[],
	policy: DeidPolicy,
	context: DeidContext,
	options: ApplyOptions = {}
): PolicyResult {
	const lang = options.lang ?? policy.lang;
	const segs = segments(text, spans);
	const taken = new Set<string>();
	for (const seg of segs)
		for (const part of nameParts(text.slice(seg.start, seg.end))) taken.add(part.key);
	for (const person of context.registry.people)
		for (const s of person.surrogate ?? []) taken.add(foldName(s));
	const env: Env = {
		text,
		policy,
		context,
		lang,
		taken,
		assumedYear: yearsByPosition(text, segs, spans, lang),
		hints: new Map()
	};

	// Full names first, so that "Herr Müller" before "Hans Müller" still finds Hans Müller.
	const people = segs
		.map((seg) => ({ seg, type: (spans[seg.spanIndex] as PhiSpan).type }))
		.filter(({ type }) => isPerson(type) && ['tag', 'surrogate'].includes(actionFor(type, policy)))
		.map(({ seg, type }) => {
			const value = text.slice(seg.start, seg.end);
			const size = nameParts(value).filter((p) => p.kind === 'name').length;
			return { seg, value, type, size };
		})
		.sort((a, b) => b.size - a.size);
	for (const { seg, value, type } of people) {
		const { person } = personFor(context.registry, tagLabel(type, policy.lang), value);
		const before = SALUTATION.exec(text.slice(Math.max(0, seg.start - 16), seg.start));
		env.hints.set(person, [...(env.hints.get(person) ?? []), ...nameParts(before?.[0] ?? '')]);
	}

	let output = '';
	let cursor = 0;
	let floor = 0;
	const replacements: Replacement[] = [];
	const kept: KeptRange[] = [];
	// Where the text and the output line up again after each segment, to place rejected spans.
	const anchors = [{ from: 0, to: 0 }];
	for (const seg of segs) {
		const span = spans[seg.spanIndex] as PhiSpan;
		const value = text.slice(seg.start, seg.end);
		// Only blanks that a removal tidied away lie before `cursor`.
		output += text.slice(cursor, Math.max(cursor, seg.start));
		cursor = Math.max(cursor, seg.end);
		const { text: replacement, action } = rewrite(span.type, value, env, seg.start);
		if (replacement === value) {
			kept.push({
				start: output.length,
				end: output.length + value.length,
				spanIndex: seg.spanIndex
			});
			output += value;
		} else {
			if (replacement === '') {
				const tidy = tidyRemoval(output, text, cursor, floor);
				output = tidy.output;
				cursor = tidy.cursor;
			}
			const start = output.length;
			output += replacement;
			floor = output.length;
			replacements.push({ start, end: output.length, spanIndex: seg.spanIndex, action });
		}
		anchors.push({ from: cursor, to: output.length });
	}
	output += text.slice(cursor);

	for (const [spanIndex, span] of spans.entries()) {
		if (span.decision !== 'rejected') continue;
		if (segs.some((seg) => seg.start < span.end && span.start < seg.end)) continue;
		const anchor = anchors.findLast((a) => a.from <= span.start) ?? { from: 0, to: 0 };
		const start = anchor.to + span.start - anchor.from;
		kept.push({ start, end: start + span.end - span.start, spanIndex });
	}
	kept.sort((a, b) => a.start - b.start);
	return { output, replacements, kept };
}
