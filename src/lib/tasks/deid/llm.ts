/**
 * The language model as a detector: it lists the identifying strings it sees, with their type,
 * and the code finds them in the text. A model never gives offsets (it cannot count characters),
 * and a string it names that is not in the text is reported for review, never trusted.
 */
import type { ChatMessage, GenerateResult, LlmEngine } from '$lib/engine/engine';
import { rethrowAsEnclaveError } from '$lib/engine/errors';
import { EnclaveError, isAbortError } from '$lib/errors';
import { estimateTokens } from '$lib/tasks/ask/prompt';
import { planChunks, type Chunk } from '$lib/tasks/extract/chunking';
import { findOccurrences } from './spans';
import { PHI_TYPES, type Lang, type PhiSpan, type PhiType } from './types';

/**
 * What the reviewer must see besides the spans. `notFound` holds text from the document (what
 * the model named): it is shown on the review screen only, and never logged or sent anywhere.
 */
export type DeidWarning =
	| { kind: 'notFound'; text: string; type: PhiType }
	/** A part's answer was not JSON of the asked shape; rules and known identifiers still count. */
	| { kind: 'invalidAnswer'; part: number; parts: number }
	/** A part's answer hit the token limit; what was complete before it is used. */
	| { kind: 'cutOff'; part: number; parts: number };

export interface Proposal {
	text: string;
	type: PhiType;
}

export const PROPOSAL_SCHEMA = {
	type: 'object',
	properties: {
		items: {
			type: 'array',
			items: {
				type: 'object',
				properties: {
					text: { type: 'string' },
					type: { type: 'string', enum: [...PHI_TYPES] }
				},
				required: ['text', 'type'],
				additionalProperties: false
			}
		}
	},
	required: ['items'],
	additionalProperties: false
} as const satisfies Record<string, unknown>;

/** Enough for about 60 items; a part with more is rare, and its answer is salvaged if cut. */
export const DEFAULT_MAX_OUTPUT_TOKENS = 1024;
/**
 * Small models overlook names deep inside a long input: parts are kept to about two pages even
 * when the context window would take more.
 */
export const DEFAULT_MAX_CHUNK_TOKENS = 2000;
export const DEFAULT_SEED = 42;
const TOKENS_PER_MESSAGE = 8;

const TYPE_HELP: Record<Lang, Record<PhiType, string>> = {
	en: {
		name_patient: "the patient's name (first name, surname, or both)",
		name_relative: "names of the patient's relatives and other contacts",
		name_clinician: 'names of doctors, nurses, therapists and other staff',
		name_other: 'names of any other people',
		name_title: 'academic titles written before a name ("Dr. med.", "Prof.")',
		date_birth: 'date of birth',
		date_admission: 'date of admission',
		date_discharge: 'date of discharge',
		date: 'any other date, also partial ("19.3.", "March 2024") or a year of an event',
		age: 'ages ("67 years", "67-year-old")',
		id: 'case, patient, record, insurance and other identifying numbers',
		phone: 'telephone and fax numbers',
		email: 'e-mail addresses',
		url: 'web addresses',
		street: 'street and house number',
		postal_code: 'postal codes',
		city: 'cities, towns and villages',
		country: 'countries',
		institution: 'hospitals, practices, care homes, companies, schools',
		department: 'departments, wards and units',
		profession: "the patient's or a relative's occupation"
	},
	de: {
		name_patient: 'Name der Patientin / des Patienten (Vorname, Nachname oder beides)',
		name_relative: 'Namen von Angehörigen und anderen Bezugspersonen',
		name_clinician: 'Namen von Ärztinnen, Ärzten, Pflegenden, Therapeuten und anderem Personal',
		name_other: 'Namen aller anderen Personen',
		name_title: 'akademische Titel vor einem Namen („Dr. med.“, „Prof.“)',
		date_birth: 'Geburtsdatum',
		date_admission: 'Aufnahmedatum',
		date_discharge: 'Entlassdatum',
		date: 'jedes andere Datum, auch unvollständig („19.3.“, „März 2024“) oder ein Jahr eines Ereignisses',
		age: 'Altersangaben („67 Jahre“, „67-jährig“)',
		id: 'Fall-, Patienten-, Befund-, Versicherten- und andere Kennnummern',
		phone: 'Telefon- und Faxnummern',
		email: 'E-Mail-Adressen',
		url: 'Internetadressen',
		street: 'Straße mit Hausnummer',
		postal_code: 'Postleitzahlen',
		city: 'Städte, Orte und Gemeinden',
		country: 'Länder',
		institution: 'Kliniken, Praxen, Heime, Firmen, Schulen',
		department: 'Abteilungen, Stationen und Bereiche',
		profession: 'Beruf der Patientin / des Patienten oder von Angehörigen'
	}
};

const TEXT = {
	en: {
		intro:
			'You find personal data in clinical documents so that they can be de-identified. List every piece of text that could identify the patient or any other person.',
		types: 'Types:',
		rules: [
			'Rules:',
			'- Copy each text exactly as it is written in the document: same spelling, capitals, abbreviations and punctuation. Give only the identifying words, without "Mr", "Mrs" or "Dr" in front of a name.',
			'- List each distinct text once, even when it occurs several times.',
			'- Do not list diagnoses, medications, findings, lab values or other medical content.',
			'- When there is nothing to list, answer {"items": []}.',
			'- Answer with the JSON object only: no explanation, no Markdown.'
		],
		task: 'List the personal data in this document.',
		part: (index: number, count: number) =>
			`This is part ${index} of ${count} of a longer document.`,
		example: {
			document:
				'Discharge summary\nPatient: Mary Jones, born 04/12/1961, case no. 2024-77812\nAdmitted on March 3, 2024 to Cardiology, St. Luke Hospital, Springfield.\nMrs Jones (62 years) lives with her husband Tom. Phone 555-0142.\nDr. Alan Carter',
			items: [
				{ text: 'Mary Jones', type: 'name_patient' },
				{ text: '04/12/1961', type: 'date_birth' },
				{ text: '2024-77812', type: 'id' },
				{ text: 'March 3, 2024', type: 'date_admission' },
				{ text: 'Cardiology', type: 'department' },
				{ text: 'St. Luke Hospital', type: 'institution' },
				{ text: 'Springfield', type: 'city' },
				{ text: 'Jones', type: 'name_patient' },
				{ text: '62 years', type: 'age' },
				{ text: 'Tom', type: 'name_relative' },
				{ text: '555-0142', type: 'phone' },
				{ text: 'Dr.', type: 'name_title' },
				{ text: 'Alan Carter', type: 'name_clinician' }
			]
		}
	},
	de: {
		intro:
			'Du findest personenbezogene Daten in klinischen Dokumenten, damit sie anonymisiert werden können. Liste jede Textstelle auf, die die Patientin / den Patienten oder eine andere Person erkennbar machen könnte.',
		types: 'Typen:',
		rules: [
			'Regeln:',
			'- Kopiere jede Textstelle genau so, wie sie im Dokument steht: gleiche Schreibweise, Groß- und Kleinschreibung, Abkürzungen und Satzzeichen. Gib nur die identifizierenden Wörter an, ohne „Herr“, „Frau“ oder „Dr.“ vor einem Namen.',
			'- Liste jede unterschiedliche Textstelle einmal auf, auch wenn sie mehrfach vorkommt.',
			'- Keine Diagnosen, Medikamente, Befunde, Laborwerte oder anderen medizinischen Inhalte.',
			'- Gibt es nichts aufzulisten, antworte {"items": []}.',
			'- Antworte nur mit dem JSON-Objekt: keine Erklärung, kein Markdown.'
		],
		task: 'Liste die personenbezogenen Daten in diesem Dokument auf.',
		part: (index: number, count: number) =>
			`Dies ist Teil ${index} von ${count} eines längeren Dokuments.`,
		example: {
			document:
				'Entlassbrief\nPatientin: Erika Brandt, geb. 04.12.1961, Fall-Nr. 2024-77812\nstationäre Aufnahme am 3. März 2024 in der Kardiologie, Klinikum Lindenau, Bamberg.\nFrau Brandt (62 Jahre) lebt mit ihrem Ehemann Tom zusammen. Tel. 0951 123456.\nDr. med. Jan Keller, Oberarzt',
			items: [
				{ text: 'Erika Brandt', type: 'name_patient' },
				{ text: '04.12.1961', type: 'date_birth' },
				{ text: '2024-77812', type: 'id' },
				{ text: '3. März 2024', type: 'date_admission' },
				{ text: 'Kardiologie', type: 'department' },
				{ text: 'Klinikum Lindenau', type: 'institution' },
				{ text: 'Bamberg', type: 'city' },
				{ text: 'Brandt', type: 'name_patient' },
				{ text: '62 Jahre', type: 'age' },
				{ text: 'Tom', type: 'name_relative' },
				{ text: '0951 123456', type: 'phone' },
				{ text: 'Dr. med.', type: 'name_title' },
				{ text: 'Jan Keller', type: 'name_clinician' }
			]
		}
	}
} satisfies Record<Lang, unknown>;

function systemPrompt(lang: Lang): string {
	const t = TEXT[lang];
	const types = PHI_TYPES.map((type) => `- ${type}: ${TYPE_HELP[lang][type]}`);
	return [t.intro, '', t.types, ...types, '', ...t.rules].join('\n');
}

function userMessage(lang: Lang, text: string, part?: { index: number; count: number }): string {
	const t = TEXT[lang];
	const note = part && part.count > 1 ? `\n${t.part(part.index, part.count)}` : '';
	return `${t.task}${note}\n\n<document>\n${text}\n</document>`;
}

/**
 * The conversation for one part: instructions with the types, one worked example as an earlier
 * turn (it shows the exact-copy rule better than words do), then the part itself.
 */
export function buildDeidMessages(
	lang: Lang,
	text: string,
	part?: { index: number; count: number }
): ChatMessage[] {
	const { example } = TEXT[lang];
	return [
		{ role: 'system', content: systemPrompt(lang) },
		{ role: 'user', content: userMessage(lang, example.document) },
		{ role: 'assistant', content: JSON.stringify({ items: example.items }) },
		{ role: 'user', content: userMessage(lang, text, part) }
	];
}

/** The prompt's size without the document, for planning the parts. */
export function deidPromptOverheadTokens(lang: Lang): number {
	const messages = buildDeidMessages(lang, '', { index: 99, count: 99 });
	return (
		messages.reduce((sum, m) => sum + estimateTokens(m.content), 0) +
		TOKENS_PER_MESSAGE * messages.length
	);
}

function isProposal(item: unknown): item is Proposal {
	if (typeof item !== 'object' || item === null) return false;
	const { text, type } = item as Record<string, unknown>;
	return typeof text === 'string' && PHI_TYPES.includes(type as PhiType);
}

/** Complete `{"text": …, "type": …}` objects, wherever they stand in a broken answer. */
const ITEM = /\{\s*"text"\s*:\s*("(?:[^"\\]|\\.)*")\s*,\s*"type"\s*:\s*"([a-z_]+)"\s*\}/g;

/**
 * The proposals in an answer. `complete` is false when the answer was not JSON of the asked shape
 * (then the complete items found in it are returned, as far as they go).
 */
export function parseProposals(answer: string): { proposals: Proposal[]; complete: boolean } {
	// A server without grammar support may wrap the JSON in a Markdown fence.
	const bare = answer
		.trim()
		.replace(/^```(?:json)?\s*/i, '')
		.replace(/\s*```$/, '');
	try {
		const parsed: unknown = JSON.parse(bare);
		const items = (parsed as { items?: unknown } | null)?.items;
		if (Array.isArray(items))
			return { proposals: items.filter(isProposal), complete: items.every(isProposal) };
	} catch {
		// Fall through to salvaging what is complete.
	}
	const proposals: Proposal[] = [];
	for (const m of bare.matchAll(ITEM)) {
		const item = { text: JSON.parse(m[1] ?? '""') as unknown, type: m[2] };
		if (isProposal(item)) proposals.push(item);
	}
	return { proposals, complete: false };
}

/** Quotes, brackets and punctuation a model adds around a copied string. */
const WRAPPING = /^[\s"'„“”‚‘’«»([]+|[\s"'„“”‚‘’«»)\],;:]+$/gu;

/**
 * Every occurrence of each proposal in `text`, as spans; proposals found nowhere become warnings.
 * Case must match first (a name "Weiß" is not the verb "weiß"); only a proposal found nowhere
 * that way is looked up ignoring case. Spacing and line breaks may differ.
 */
export function locateProposals(
	text: string,
	proposals: Proposal[]
): { spans: PhiSpan[]; warnings: DeidWarning[] } {
	const spans: PhiSpan[] = [];
	const warnings: DeidWarning[] = [];
	const seen = new Set<string>();
	for (const proposal of proposals) {
		const needle = proposal.text.trim();
		const key = `${proposal.type}\u0000${needle}`;
		if (seen.has(key) || needle.length < 2) continue;
		seen.add(key);
		const unwrapped = needle.replace(WRAPPING, '');
		const candidates = [...new Set([needle, unwrapped])].filter((n) => n.length >= 2);
		let found: { start: number; end: number }[] = [];
		for (const caseSensitive of [true, false]) {
			for (const candidate of candidates) {
				found = findOccurrences(text, candidate, { caseSensitive });
				if (found.length > 0) break;
			}
			if (found.length > 0) break;
		}
		if (found.length === 0) {
			warnings.push({ kind: 'notFound', text: needle, type: proposal.type });
			continue;
		}
		for (const { start, end } of found)
			spans.push({
				start,
				end,
				type: proposal.type,
				text: text.slice(start, end),
				sources: ['llm']
			});
	}
	return { spans, warnings };
}

export interface LlmDetectOptions {
	lang: Lang;
	contextWindow: number;
	signal?: AbortSignal;
	/** Called before each part is sent and once at the end: parts done, parts in all. */
	onProgress?: (done: number, total: number) => void;
	maxOutputTokens?: number;
	maxChunkTokens?: number;
	overlapChars?: number;
	temperature?: number;
	seed?: number;
}

function aborted(): DOMException {
	return new DOMException('De-identification was cancelled', 'AbortError');
}

function plan(text: string, opts: LlmDetectOptions, maxOutputTokens: number): Chunk[] {
	const overhead = deidPromptOverheadTokens(opts.lang);
	const maxChunk = opts.maxChunkTokens ?? DEFAULT_MAX_CHUNK_TOKENS;
	try {
		return planChunks(text, {
			contextWindow: Math.min(opts.contextWindow, overhead + maxOutputTokens + maxChunk),
			promptOverheadTokens: overhead,
			maxOutputTokens,
			overlapChars: opts.overlapChars
		});
	} catch (err) {
		if (err instanceof EnclaveError && err.code === 'extract.tooLong')
			throw new EnclaveError('deid.tooLong', err.params);
		throw err;
	}
}

/**
 * Asks the model for the patient data in `text`, part by part, and returns the located spans
 * (sources ['llm']) with warnings for what could not be used. An answer that is not valid JSON
 * costs only that part's proposals. Throws an AbortError when `signal` aborts, an EnclaveError
 * when the engine fails or the context window is too small ('deid.tooLong').
 */
export async function detectByLlm(
	engine: Pick<LlmEngine, 'generate'>,
	text: string,
	opts: LlmDetectOptions
): Promise<{ spans: PhiSpan[]; warnings: DeidWarning[] }> {
	const maxTokens = opts.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS;
	const chunks = plan(text, opts, maxTokens);
	const proposals: Proposal[] = [];
	const warnings: DeidWarning[] = [];
	for (const [i, chunk] of chunks.entries()) {
		if (opts.signal?.aborted) throw aborted();
		opts.onProgress?.(i, chunks.length);
		const part = { index: i + 1, count: chunks.length };
		let result: GenerateResult;
		try {
			result = await engine.generate(
				{
					messages: buildDeidMessages(opts.lang, chunk.text, part),
					jsonSchema: PROPOSAL_SCHEMA,
					maxTokens,
					temperature: opts.temperature ?? 0,
					seed: opts.seed ?? DEFAULT_SEED
				},
				{ signal: opts.signal }
			);
		} catch (err) {
			if (isAbortError(err) || opts.signal?.aborted) throw aborted();
			rethrowAsEnclaveError(err);
		}
		if (result.finishReason === 'abort' || opts.signal?.aborted) throw aborted();
		const parsed = parseProposals(result.text);
		proposals.push(...parsed.proposals);
		if (result.finishReason === 'length')
			warnings.push({ kind: 'cutOff', part: part.index, parts: part.count });
		else if (!parsed.complete)
			warnings.push({ kind: 'invalidAnswer', part: part.index, parts: part.count });
	}
	opts.onProgress?.(chunks.length, chunks.length);
	// Looked up in the whole document: a name the model saw in one part is also found in others.
	const located = locateProposals(text, proposals);
	return { spans: located.spans, warnings: [...warnings, ...located.warnings] };
}
