/**
 * The extraction prompt. The JSON Schema constrains the answer's form, but the model never sees
 * it (a grammar only masks tokens), so the fields and what they mean are spelled out in the
 * system message; worked examples follow as earlier turns of the conversation.
 */
import type { ChatMessage, GenerateRequest } from '$lib/engine/engine';
import { estimateTokens } from '$lib/tasks/ask/prompt';
import { attachEvidence, withEvidence } from './evidence';
import {
	fieldKind,
	inlineRefs,
	isFreeText,
	itemsOf,
	nonNullTypes,
	propertiesOf
} from './schema-shape';
import type { ExtractionTemplate, JsonSchema } from './template';

export const MAX_OUTPUT_TOKENS = 2048;
export const DEFAULT_SEED = 42;
/** List length assumed for the token budget when the schema sets no maxItems. */
const DEFAULT_LIST_ALLOWANCE = 10;
const MAX_LIST_ALLOWANCE = 20;
/** Chat templates wrap each message in a few tokens of their own. */
const TOKENS_PER_MESSAGE = 8;

export interface ExtractionPromptOptions {
	/** Which part of a longer document this is, 1-based. */
	part?: { index: number; count: number };
	/** Worked examples cost context; they are left out when a document would not fit otherwise. */
	includeExamples?: boolean;
}

export interface ExtractionRequestOptions extends ExtractionPromptOptions {
	maxOutputTokens?: number;
	temperature?: number;
	seed?: number;
}

type Language = ExtractionTemplate['language'];

const TEXT = {
	en: {
		fields: 'Fields:',
		types: {
			string: 'text',
			number: 'number',
			integer: 'whole number',
			boolean: 'true/false',
			date: 'date as written',
			oneOf: 'one of',
			list: 'list',
			listOf: 'list of',
			entry: 'list; each entry has'
		},
		rules: [
			'Rules:',
			'- Use only what the document states. Do not guess, infer, or add outside knowledge.',
			'- Give every field as {"value": …, "quote": "…"}. When the document does not state a field, use {"value": null, "quote": ""}.',
			'- "quote" is the shortest passage copied exactly from the document (same spelling, abbreviations, typing errors and line content) that shows the value. Do not paraphrase it or shorten it with "…".',
			'- Write dates exactly as they appear in the document (for example "4.4.1997" or "19.3."); do not convert or complete them.',
			'- Numbers are JSON numbers without units. Where allowed values are listed, use one of them exactly.',
			'- A list has one entry per item the document states, and is empty when it states none.',
			'- Answer with the JSON object only: no explanation, no Markdown.'
		],
		task: 'Extract the fields from this document.',
		part: (index: number, count: number) =>
			`This is part ${index} of ${count} of a longer document: fields not stated in this part are null.`
	},
	de: {
		fields: 'Felder:',
		types: {
			string: 'Text',
			number: 'Zahl',
			integer: 'ganze Zahl',
			boolean: 'true/false',
			date: 'Datum wie geschrieben',
			oneOf: 'einer von',
			list: 'Liste',
			listOf: 'Liste von',
			entry: 'Liste; jeder Eintrag hat'
		},
		rules: [
			'Regeln:',
			'- Verwende nur, was im Dokument steht. Nicht raten, nichts ableiten, kein Wissen von außen ergänzen.',
			'- Gib jedes Feld als {"value": …, "quote": "…"} an. Steht ein Feld nicht im Dokument, gib {"value": null, "quote": ""} an.',
			'- "quote" ist die kürzeste Textstelle, wörtlich aus dem Dokument kopiert (gleiche Schreibweise, Abkürzungen, Tippfehler und Zeichen), die den Wert belegt. Nicht umformulieren und nicht mit „…“ kürzen.',
			'- Schreibe Datumsangaben genau so, wie sie im Dokument stehen (z. B. "4.4.1997" oder "19.3."); nicht umwandeln und nicht ergänzen.',
			'- Zahlen sind JSON-Zahlen ohne Einheit. Wo erlaubte Werte aufgeführt sind, verwende genau einen davon.',
			'- Eine Liste enthält einen Eintrag pro im Dokument genanntem Element und ist leer, wenn keines genannt ist.',
			'- Antworte nur mit dem JSON-Objekt: keine Erklärung, kein Markdown.'
		],
		task: 'Extrahiere die Felder aus diesem Dokument.',
		part: (index: number, count: number) =>
			`Dies ist Teil ${index} von ${count} eines längeren Dokuments: Felder, die in diesem Teil nicht stehen, sind null.`
	}
} satisfies Record<Language, unknown>;

function leafType(leaf: JsonSchema, language: Language): string {
	const t = TEXT[language].types;
	const choices = Array.isArray(leaf.enum) ? leaf.enum : 'const' in leaf ? [leaf.const] : null;
	if (choices) {
		const listed = choices.filter((c) => c !== null).map((c) => JSON.stringify(c));
		return `${t.oneOf}: ${listed.join(', ')}`;
	}
	if (leaf.format === 'date') return t.date;
	const types = nonNullTypes(leaf) ?? [];
	return types
		.map((type) => t[type as 'string' | 'number' | 'integer' | 'boolean'] ?? type)
		.join('/');
}

/** One line per field, nested fields indented under their list or group. */
export function describeFields(schema: JsonSchema, language: Language): string {
	const t = TEXT[language].types;
	const lines: string[] = [];
	const describe = (node: JsonSchema) =>
		typeof node.description === 'string' && node.description.trim()
			? `: ${node.description.trim()}`
			: '';
	const walk = (node: JsonSchema, depth: number) => {
		for (const [key, sub] of propertiesOf(node)) {
			const indent = '  '.repeat(depth);
			const kind = fieldKind(sub);
			if (kind === 'object') {
				lines.push(`${indent}- ${key}${describe(sub)}`);
				walk(sub, depth + 1);
			} else if (kind === 'array') {
				const items = itemsOf(sub);
				if (fieldKind(items) === 'object') {
					lines.push(`${indent}- ${key} (${t.entry})${describe(sub)}`);
					walk(items, depth + 1);
				} else if (fieldKind(items) === 'leaf') {
					lines.push(
						`${indent}- ${key} (${t.listOf} ${leafType(items, language)})${describe(sub) || describe(items)}`
					);
				} else {
					lines.push(`${indent}- ${key} (${t.list})${describe(sub)}`);
				}
			} else {
				const type = leafType(sub, language);
				lines.push(`${indent}- ${key}${type ? ` (${type})` : ''}${describe(sub)}`);
			}
		}
	};
	walk(schema, 0);
	return lines.join('\n');
}

function userMessage(text: string, language: Language, part?: { index: number; count: number }) {
	const l = TEXT[language];
	const note = part && part.count > 1 ? ` ${l.part(part.index, part.count)}` : '';
	return `<document>\n${text}\n</document>\n\n${l.task}${note}`;
}

export function buildExtractionMessages(
	template: ExtractionTemplate,
	documentText: string,
	opts: ExtractionPromptOptions = {}
): ChatMessage[] {
	const language = template.language;
	const l = TEXT[language];
	const schema = inlineRefs(template.schema);
	const system = [
		template.instructions.trim(),
		`${l.fields}\n${describeFields(schema, language)}`,
		l.rules.join('\n')
	].join('\n\n');
	const messages: ChatMessage[] = [{ role: 'system', content: system }];
	if (opts.includeExamples !== false) {
		for (const example of template.examples) {
			messages.push({ role: 'user', content: userMessage(example.text, language) });
			messages.push({
				role: 'assistant',
				content: JSON.stringify(
					attachEvidence(schema, example.output, example.text, example.quotes)
				)
			});
		}
	}
	messages.push({ role: 'user', content: userMessage(documentText, language, opts.part) });
	return messages;
}

/**
 * An upper bound for the answer: 64 tokens of structure plus, per leaf, 80 for free text (value
 * and quote both carry it, and a salutation runs to a sentence) or 48 for other values, lists counted at their maxItems (10 when not
 * set, at most 20). Capped, because a grammar allows endless whitespace.
 */
export function estimateOutputTokens(schema: JsonSchema, cap = MAX_OUTPUT_TOKENS): number {
	const weight = (node: JsonSchema): number => {
		const kind = fieldKind(node);
		if (kind === 'object') return propertiesOf(node).reduce((sum, [, sub]) => sum + weight(sub), 0);
		if (kind === 'array') {
			const max = typeof node.maxItems === 'number' ? node.maxItems : DEFAULT_LIST_ALLOWANCE;
			return weight(itemsOf(node)) * Math.min(Math.max(max, 1), MAX_LIST_ALLOWANCE);
		}
		return isFreeText(node) && node.format !== 'date' ? 80 : 48;
	};
	return Math.min(cap, 64 + weight(inlineRefs(schema)));
}

/** Tokens the prompt takes without the document, for planning how much document fits. */
export function promptOverheadTokens(
	template: ExtractionTemplate,
	opts: ExtractionPromptOptions = {}
): number {
	// A two-digit part number stands in for any part note.
	const messages = buildExtractionMessages(template, '', {
		...opts,
		part: { index: 10, count: 10 }
	});
	return messages.reduce((sum, m) => sum + estimateTokens(m.content) + TOKENS_PER_MESSAGE, 0);
}

/** The whole request: messages, the evidence schema, a bounded answer, deterministic decoding. */
export function buildExtractionRequest(
	template: ExtractionTemplate,
	documentText: string,
	opts: ExtractionRequestOptions = {}
): GenerateRequest {
	return {
		messages: buildExtractionMessages(template, documentText, opts),
		jsonSchema: withEvidence(template.schema),
		maxTokens: estimateOutputTokens(template.schema, opts.maxOutputTokens),
		temperature: opts.temperature ?? 0,
		seed: opts.seed ?? DEFAULT_SEED
	};
}
