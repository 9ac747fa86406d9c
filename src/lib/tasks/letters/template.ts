/**
 * What a letter template is: instructions, the section headings the text follows, and optional
 * worked examples (source → text). Templates come from JSON files and the editor, so they are
 * checked here before a prompt is built from them.
 */
import { EnclaveError } from '$lib/errors';

export const LETTER_KINDS = [
	'physician-letter',
	'discharge-summary',
	'radiology-report',
	'tumor-board',
	'patient-explanation'
] as const;

export type LetterKind = (typeof LETTER_KINDS)[number];

export type LetterLanguage = 'en' | 'de';

export interface LetterExample {
	source: string;
	output: string;
}

export interface LetterTemplate {
	id: string;
	name: string;
	lang: LetterLanguage;
	kind: LetterKind;
	description?: string;
	instructions: string;
	/** Section headings in the order the text should follow; may be empty (free text). */
	sections: string[];
	examples: LetterExample[];
}

/** Limits that keep a template usable in a prompt; generous for hand-written ones. */
const MAX_NAME = 200;
const MAX_INSTRUCTIONS = 20_000;
const MAX_SECTIONS = 40;
const MAX_SECTION = 120;
const MAX_EXAMPLES = 10;

export interface TemplateCheck {
	ok: boolean;
	/** Each names the field and what is wrong, never its content. */
	errors: string[];
}

const isString = (value: unknown): value is string => typeof value === 'string';

/** Checks a value read from JSON or the editor against the LetterTemplate shape. */
export function checkLetterTemplate(value: unknown): TemplateCheck {
	const errors: string[] = [];
	if (typeof value !== 'object' || value === null || Array.isArray(value))
		return { ok: false, errors: ['the template is not an object'] };
	const t = value as Record<string, unknown>;

	for (const field of ['id', 'name', 'instructions'] as const) {
		if (!isString(t[field]) || t[field].trim() === '') errors.push(`${field}: required text`);
	}
	if (isString(t.name) && t.name.length > MAX_NAME)
		errors.push(`name: longer than ${MAX_NAME} characters`);
	if (isString(t.instructions) && t.instructions.length > MAX_INSTRUCTIONS)
		errors.push(`instructions: longer than ${MAX_INSTRUCTIONS} characters`);
	if (t.description !== undefined && !isString(t.description))
		errors.push('description: must be text');
	if (t.lang !== 'en' && t.lang !== 'de') errors.push('lang: must be "en" or "de"');
	if (!LETTER_KINDS.includes(t.kind as LetterKind))
		errors.push(`kind: must be one of ${LETTER_KINDS.join(', ')}`);

	if (!Array.isArray(t.sections)) {
		errors.push('sections: must be a list of headings');
	} else {
		if (t.sections.length > MAX_SECTIONS) errors.push(`sections: more than ${MAX_SECTIONS}`);
		const seen = new Set<string>();
		t.sections.forEach((s, i) => {
			if (!isString(s) || s.trim() === '') errors.push(`sections[${i}]: required text`);
			else if (s.includes('\n')) errors.push(`sections[${i}]: must be one line`);
			else if (s.length > MAX_SECTION)
				errors.push(`sections[${i}]: longer than ${MAX_SECTION} characters`);
			else if (seen.has(s.trim().toLowerCase())) errors.push(`sections[${i}]: listed twice`);
			else seen.add(s.trim().toLowerCase());
		});
	}

	if (!Array.isArray(t.examples)) {
		errors.push('examples: must be a list (it may be empty)');
	} else {
		if (t.examples.length > MAX_EXAMPLES) errors.push(`examples: more than ${MAX_EXAMPLES}`);
		t.examples.forEach((e: unknown, i) => {
			const example = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>;
			for (const field of ['source', 'output'] as const) {
				const text = example[field];
				if (!isString(text) || text.trim() === '')
					errors.push(`examples[${i}].${field}: required text`);
			}
		});
	}
	return { ok: errors.length === 0, errors };
}

/**
 * A template from parsed JSON, or EnclaveError('letters.templateInvalid', { name, reason }).
 * Unknown fields are dropped; headings are trimmed.
 */
export function toLetterTemplate(value: unknown, name: string): LetterTemplate {
	const check = checkLetterTemplate(value);
	if (!check.ok)
		throw new EnclaveError('letters.templateInvalid', { name, reason: check.errors.join('; ') });
	const t = value as LetterTemplate;
	return {
		id: t.id,
		name: t.name,
		lang: t.lang,
		kind: t.kind,
		...(t.description ? { description: t.description } : {}),
		instructions: t.instructions,
		sections: t.sections.map((s) => s.trim()),
		examples: t.examples.map(({ source, output }) => ({ source, output }))
	};
}

/** A template file's text (JSON), or EnclaveError('letters.templateInvalid'). */
export function parseLetterTemplate(json: string, name: string): LetterTemplate {
	let value: unknown;
	try {
		value = JSON.parse(json);
	} catch {
		throw new EnclaveError('letters.templateInvalid', { name, reason: 'not valid JSON' });
	}
	return toLetterTemplate(value, name);
}
