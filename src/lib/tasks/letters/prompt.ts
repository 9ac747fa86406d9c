/**
 * The letter prompt: the template's instructions and headings plus common rules in the system
 * message, house-style examples after them, the template's worked examples as earlier turns,
 * and the sources, each labelled, in the order the user chose. Sources always go in whole; what
 * does not fit the context budget is reported, never cut (map-reduce.ts handles long input).
 */
import type { ChatMessage } from '$lib/engine/engine';
import { estimateTokens } from '$lib/tasks/ask/prompt';
import type { LetterKind, LetterLanguage, LetterTemplate } from './template';

export interface LetterSource {
	id: string;
	/** Shown to the model and the user: document name, type, date. */
	label: string;
	text: string;
}

/** A stored letter the user marked as an example of the house style. */
export interface StyleExample {
	id: string;
	text: string;
	/** The template kind it was written for, when known. */
	kind?: LetterKind | string;
	/** Guessed from the text when not given. */
	lang?: LetterLanguage;
}

export type CountTokens = (text: string) => number;

/** Chat templates wrap each message in a few tokens of their own. */
export const TOKENS_PER_MESSAGE = 8;
/** Room for the chat template and for `estimateTokens` being an estimate. */
export const DEFAULT_MARGIN_TOKENS = 128;
/** More house-style examples add length, not style. */
export const DEFAULT_MAX_STYLE_EXAMPLES = 3;

const TEXT = {
	en: {
		structure: 'Use these section headings, each on a line of its own, in this order:',
		rules: [
			'Rules:',
			'- Use only what the sources state. Do not add findings, diagnoses, values, dates, names or advice that are not in them.',
			'- Copy numbers, units, dates, drug names, doses and schedules exactly as the sources write them.',
			'- Where the sources contradict each other, say so and name the sources, for example "(Source 2)".',
			'- When the sources say nothing for a section, write "Not stated in the sources." under its heading.',
			'- Write in English. Write the text only: no preamble, no remarks about these instructions.'
		],
		style:
			'Examples of the house style follow. Match their tone, wording, layout and length, but never take content (names, findings, dates, doses) from them.',
		source: (index: number, label: string) => `[Source ${index}: ${label}]`,
		example: 'Example',
		task: {
			'physician-letter': 'Write the physician letter from the sources above.',
			'discharge-summary': 'Write the discharge summary from the sources above.',
			'radiology-report': 'Write the radiology report from the sources above.',
			'tumor-board': 'Write the tumor board summary from the sources above.',
			'patient-explanation': 'Write the explanation for the patient from the sources above.'
		},
		later: {
			'physician-letter': 'a physician letter',
			'discharge-summary': 'a discharge summary',
			'radiology-report': 'a radiology report',
			'tumor-board': 'a tumor board summary',
			'patient-explanation': 'an explanation for the patient'
		},
		summarySystem: (text: string) =>
			[
				`You prepare notes from which ${text} will be written later.`,
				'Rules:',
				'- Keep every diagnosis, finding, measurement, number, date, drug name, dose and schedule exactly as written, with its unit and date.',
				'- Keep what happened when: events, test results, treatments, decisions, recommendations and planned appointments.',
				'- Leave out greetings, addresses, repetitions and administrative text.',
				'- Do not interpret, conclude or add anything.',
				'- Write short bullet points ("- …") in the language of the text. No preamble.'
			].join('\n'),
		summarise: 'Write the notes for this text.',
		combine:
			'Combine these notes into one list of notes, in the same order. Keep every item with all its details; remove only items that repeat another word for word.',
		part: (label: string, index: number, count: number) => `${label}, part ${index} of ${count}`,
		summary: (label: string) => `${label}, summary`
	},
	de: {
		structure:
			'Verwende diese Abschnittsüberschriften, jede in einer eigenen Zeile, in dieser Reihenfolge:',
		rules: [
			'Regeln:',
			'- Verwende nur, was in den Quellen steht. Ergänze keine Befunde, Diagnosen, Werte, Daten, Namen oder Empfehlungen, die dort nicht stehen.',
			'- Übernimm Zahlen, Einheiten, Datumsangaben, Medikamentennamen, Dosierungen und Einnahmeschemata genau so, wie sie in den Quellen stehen.',
			'- Widersprechen sich die Quellen, sage es und nenne die Quellen, z. B. „(Quelle 2)“.',
			'- Steht in den Quellen nichts zu einem Abschnitt, schreibe darunter „Keine Angaben in den Quellen.“',
			'- Schreibe auf Deutsch. Schreibe nur den Text: keine Vorbemerkung, keine Hinweise zu diesen Anweisungen.'
		],
		style:
			'Es folgen Beispiele für den Hausstil. Übernimm Ton, Formulierungen, Gliederung und Länge, aber niemals Inhalte (Namen, Befunde, Daten, Dosierungen).',
		source: (index: number, label: string) => `[Quelle ${index}: ${label}]`,
		example: 'Beispiel',
		task: {
			'physician-letter': 'Schreibe den Arztbrief aus den obigen Quellen.',
			'discharge-summary': 'Schreibe den Entlassungsbericht aus den obigen Quellen.',
			'radiology-report': 'Schreibe den radiologischen Befundbericht aus den obigen Quellen.',
			'tumor-board': 'Schreibe die Tumorboard-Vorstellung aus den obigen Quellen.',
			'patient-explanation':
				'Schreibe die Erklärung für die Patientin oder den Patienten aus den obigen Quellen.'
		},
		later: {
			'physician-letter': 'ein Arztbrief',
			'discharge-summary': 'ein Entlassungsbericht',
			'radiology-report': 'ein radiologischer Befundbericht',
			'tumor-board': 'eine Tumorboard-Vorstellung',
			'patient-explanation': 'eine Erklärung für die Patientin oder den Patienten'
		},
		summarySystem: (text: string) =>
			[
				`Du erstellst Notizen, aus denen später ${text} geschrieben wird.`,
				'Regeln:',
				'- Übernimm jede Diagnose, jeden Befund, Messwert, jede Zahl, jedes Datum, jeden Medikamentennamen, jede Dosierung und jedes Einnahmeschema genau wie geschrieben, mit Einheit und Datum.',
				'- Behalte, was wann geschah: Ereignisse, Untersuchungsergebnisse, Therapien, Entscheidungen, Empfehlungen und geplante Termine.',
				'- Lass Anreden, Adressen, Wiederholungen und Verwaltungstext weg.',
				'- Nichts deuten, folgern oder ergänzen.',
				'- Schreibe kurze Stichpunkte („- …“) in der Sprache des Textes. Keine Vorbemerkung.'
			].join('\n'),
		summarise: 'Schreibe die Notizen zu diesem Text.',
		combine:
			'Führe diese Notizen in derselben Reihenfolge zu einer Liste zusammen. Behalte jeden Punkt mit allen Einzelheiten; streiche nur Punkte, die einen anderen wörtlich wiederholen.',
		part: (label: string, index: number, count: number) => `${label}, Teil ${index} von ${count}`,
		summary: (label: string) => `${label}, Zusammenfassung`
	}
} satisfies Record<LetterLanguage, unknown>;

export function letterText(lang: LetterLanguage) {
	return TEXT[lang];
}

/** The sources as the model reads them: each under its label, numbered from 1. */
export function formatSources(sources: readonly LetterSource[], lang: LetterLanguage): string {
	return sources
		.map((s, i) => `${TEXT[lang].source(i + 1, s.label.trim() || s.id)}\n${s.text.trim()}`)
		.join('\n\n');
}

function systemMessage(template: LetterTemplate, style: string): string {
	const l = TEXT[template.lang];
	const parts = [template.instructions.trim()];
	if (template.sections.length > 0)
		parts.push(`${l.structure}\n${template.sections.map((s) => `- ${s}`).join('\n')}`);
	parts.push(l.rules.join('\n'));
	if (style) parts.push(style);
	return parts.join('\n\n');
}

function wrapStyleExample(text: string, index: number): string {
	return `<example ${index}>\n${text.trim()}\n</example ${index}>`;
}

function styleBlock(template: LetterTemplate, examples: readonly StyleExample[]): string {
	if (examples.length === 0) return '';
	const blocks = examples.map((e, i) => wrapStyleExample(e.text, i + 1));
	return `${TEXT[template.lang].style}\n\n${blocks.join('\n\n')}`;
}

function userMessage(template: LetterTemplate, sources: readonly LetterSource[]): string {
	return `${formatSources(sources, template.lang)}\n\n${TEXT[template.lang].task[template.kind]}`;
}

const messageTokens = (messages: ChatMessage[], count: CountTokens) =>
	messages.reduce((sum, m) => sum + count(m.content) + TOKENS_PER_MESSAGE, 0);

const STOPWORDS: Record<LetterLanguage, Set<string>> = {
	en: new Set(
		'the and of to with was were is are in for on at by from this that patient has have not no'.split(
			' '
		)
	),
	de: new Set(
		'der die das und mit von zu ist sind wurde wurden bei den dem des nicht ein eine im auf für aus'.split(
			' '
		)
	)
};

/** English or German by function words; null when the text gives too little to tell. */
export function guessLanguage(text: string): LetterLanguage | null {
	let en = 0;
	let de = 0;
	for (const word of text.toLowerCase().match(/\p{L}+/gu) ?? []) {
		if (STOPWORDS.en.has(word)) en++;
		if (STOPWORDS.de.has(word)) de++;
	}
	if (en + de < 3) return null;
	if (en >= 2 * de) return 'en';
	if (de >= 2 * en) return 'de';
	return null;
}

function wordCounts(text: string): Map<string, number> {
	const counts = new Map<string, number>();
	for (const word of text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []) {
		if (STOPWORDS.en.has(word) || STOPWORDS.de.has(word)) continue;
		counts.set(word, (counts.get(word) ?? 0) + 1);
	}
	return counts;
}

/** Cosine similarity of word counts: 0 (no word shared) to 1 (same distribution). */
export function lexicalSimilarity(a: string, b: string): number {
	const ca = wordCounts(a);
	const cb = wordCounts(b);
	let dot = 0;
	for (const [word, n] of ca) dot += n * (cb.get(word) ?? 0);
	const norm = (c: Map<string, number>) =>
		Math.sqrt([...c.values()].reduce((s, n) => s + n * n, 0));
	const denominator = norm(ca) * norm(cb);
	return denominator === 0 ? 0 : dot / denominator;
}

/**
 * House-style examples in the order they are worth including: same kind first, then by
 * lexical similarity to the sources, ties in the user's order. Examples in the other language
 * are left out: they pull the model into that language. Empty examples are left out too.
 */
export function rankStyleExamples(
	examples: readonly StyleExample[],
	template: Pick<LetterTemplate, 'kind' | 'lang'>,
	sources: readonly LetterSource[]
): StyleExample[] {
	const sourceText = sources.map((s) => s.text).join('\n');
	return examples
		.map((example, order) => ({
			example,
			order,
			lang: example.lang ?? guessLanguage(example.text),
			sameKind: example.kind === template.kind,
			similarity: lexicalSimilarity(example.text, sourceText)
		}))
		.filter((e) => e.example.text.trim() !== '' && (e.lang === null || e.lang === template.lang))
		.sort(
			(a, b) =>
				Number(b.sameKind) - Number(a.sameKind) ||
				Number(b.lang === template.lang) - Number(a.lang === template.lang) ||
				b.similarity - a.similarity ||
				a.order - b.order
		)
		.map((e) => e.example);
}

export interface LetterPromptOptions {
	template: LetterTemplate;
	/** In the order the user chose; sources without text are left out. */
	sources: readonly LetterSource[];
	styleExamples?: readonly StyleExample[];
	contextWindow: number;
	maxOutputTokens: number;
	marginTokens?: number;
	maxStyleExamples?: number;
	/** The engine's tokenizer when it has one; `estimateTokens` otherwise. */
	countTokens?: CountTokens;
}

export interface LetterPrompt {
	messages: ChatMessage[];
	usedSourceIds: string[];
	/** House-style examples included, in the order they appear. */
	usedExampleIds: string[];
	/** How many of the template's worked examples were included (from the first). */
	templateExamples: number;
	promptTokens: number;
	/** contextWindow − maxOutputTokens − margin. */
	budgetTokens: number;
	/** False when the sources alone exceed the budget: then they must be condensed first. */
	fits: boolean;
}

export function budgetTokens(opts: {
	contextWindow: number;
	maxOutputTokens: number;
	marginTokens?: number;
}): number {
	return opts.contextWindow - opts.maxOutputTokens - (opts.marginTokens ?? DEFAULT_MARGIN_TOKENS);
}

/** Tokens of the letter prompt with these sources and no examples of either kind. */
export function letterPromptTokens(
	template: LetterTemplate,
	sources: readonly LetterSource[],
	countTokens: CountTokens = estimateTokens
): number {
	return messageTokens(
		[
			{ role: 'system', content: systemMessage(template, '') },
			{ role: 'user', content: userMessage(template, sources) }
		],
		countTokens
	);
}

/**
 * Builds the letter prompt. Sources go in whole; then the template's worked examples, then the
 * best-fitting house-style examples, each only if it fits the budget as a whole.
 */
export function buildLetterPrompt(opts: LetterPromptOptions): LetterPrompt {
	const { template } = opts;
	const count = opts.countTokens ?? estimateTokens;
	const sources = opts.sources.filter((s) => s.text.trim() !== '');
	const budget = budgetTokens(opts);
	const base = letterPromptTokens(template, sources, count);
	let used = base;
	const fits = base <= budget;

	const turns: ChatMessage[] = [];
	let templateExamples = 0;
	if (fits) {
		for (const example of template.examples) {
			const pair: ChatMessage[] = [
				{
					role: 'user',
					content: userMessage(template, [
						{ id: 'example', label: TEXT[template.lang].example, text: example.source }
					])
				},
				{ role: 'assistant', content: example.output.trim() }
			];
			const cost = messageTokens(pair, count);
			if (used + cost > budget) break;
			turns.push(...pair);
			used += cost;
			templateExamples++;
		}
	}

	const chosen: StyleExample[] = [];
	if (fits) {
		const max = opts.maxStyleExamples ?? DEFAULT_MAX_STYLE_EXAMPLES;
		// The block's heading costs once, with the first example.
		const heading = count(`\n\n${TEXT[template.lang].style}\n\n`);
		for (const example of rankStyleExamples(opts.styleExamples ?? [], template, sources)) {
			if (chosen.length >= max) break;
			const cost =
				count(`${wrapStyleExample(example.text, chosen.length + 1)}\n\n`) +
				(chosen.length === 0 ? heading : 0);
			if (used + cost > budget) continue;
			chosen.push(example);
			used += cost;
		}
	}

	const messages: ChatMessage[] = [
		{ role: 'system', content: systemMessage(template, styleBlock(template, chosen)) },
		...turns,
		{ role: 'user', content: userMessage(template, sources) }
	];
	return {
		messages,
		usedSourceIds: sources.map((s) => s.id),
		usedExampleIds: chosen.map((e) => e.id),
		templateExamples,
		promptTokens: messageTokens(messages, count),
		budgetTokens: budget,
		fits
	};
}

/** One summarising request of map-reduce: one part of a source, or several notes to combine. */
export interface SummaryTask {
	/** What the model reads, labelled; one input is summarised, several are combined. */
	inputs: readonly LetterSource[];
	/** 1 for parts of the sources, 2 and up for combining notes. */
	level: number;
}

export function buildSummaryMessages(template: LetterTemplate, task: SummaryTask): ChatMessage[] {
	const l = TEXT[template.lang];
	const instruction = task.inputs.length > 1 || task.level > 1 ? l.combine : l.summarise;
	return [
		{ role: 'system', content: l.summarySystem(l.later[template.kind]) },
		{ role: 'user', content: `${formatSources(task.inputs, template.lang)}\n\n${instruction}` }
	];
}

/** Tokens of a summarising request, for planning how much text one request can take. */
export function summaryPromptTokens(
	template: LetterTemplate,
	task: SummaryTask,
	countTokens: CountTokens = estimateTokens
): number {
	return messageTokens(buildSummaryMessages(template, task), countTokens);
}

/**
 * Section headings of the template that the text does not contain on a line of their own: a
 * sign that the model stopped early or left the structure. Case and trailing colons ignored.
 */
export function missingSections(text: string, sections: readonly string[]): string[] {
	const lines = new Set(text.split('\n').map(headingKey));
	return sections.filter((s) => !lines.has(headingKey(s)));
}

/** A line as a heading key: without Markdown markers, trailing colon, case or extra spaces. */
export function headingKey(line: string): string {
	return line
		.trim()
		.replace(/^#{1,6}\s+/, '')
		.replace(/^\*\*(.+)\*\*$/, '$1')
		.replace(/^__(.+)__$/, '$1')
		.trim()
		.replace(/\s*:$/, '')
		.replace(/^\*\*(.+)\*\*$/, '$1')
		.replace(/\s+/g, ' ')
		.toLowerCase();
}
