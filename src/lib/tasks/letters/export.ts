/**
 * A letter's text for copy and download: plain text, HTML for formatted copy (clipboard
 * text/html), and Word (.docx). All three read the text the same way: headings (the template's
 * section headings, Markdown headings, short lines ending in a colon), bullet lists, paragraphs
 * of consecutive lines, and **bold** inline. The text is the model's or the physician's, so the
 * HTML escapes all of it; the only markup is what this file writes.
 */

export type LetterBlock =
	| { type: 'heading'; text: string }
	| { type: 'paragraph'; lines: string[] }
	| { type: 'list'; items: string[] };

/** A run of inline text, bold or not. */
export interface Span {
	text: string;
	bold: boolean;
}

const BULLET = /^\s*[-*•–]\s+(.*)$/;
const MARKDOWN_HEADING = /^#{1,6}\s+(.+?)\s*#*$/;
/** A line that is bold and nothing else, optionally with a colon: `**Diagnoses:**`. */
const BOLD_LINE = /^\*\*([^*]+?)\*\*\s*:?$/;
/** Longer lines ending in a colon are sentences that introduce a list, not headings. */
const MAX_COLON_HEADING_CHARS = 60;
const MAX_COLON_HEADING_WORDS = 6;

function key(text: string): string {
	return text.trim().replace(/:$/, '').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The heading a line is, without its markers and final colon; null for other lines. */
function headingOf(line: string, sections: ReadonlySet<string>): string | null {
	const trimmed = line.trim();
	const markdown = MARKDOWN_HEADING.exec(trimmed);
	if (markdown) return stripMarkers(markdown[1] as string);
	const bold = BOLD_LINE.exec(trimmed);
	if (bold && (bold[1] as string).length <= 80) return stripMarkers(bold[1] as string);
	if (sections.has(key(trimmed))) return stripMarkers(trimmed);
	if (
		trimmed.endsWith(':') &&
		trimmed.length <= MAX_COLON_HEADING_CHARS &&
		trimmed.split(/\s+/).length <= MAX_COLON_HEADING_WORDS &&
		!BULLET.test(trimmed)
	)
		return stripMarkers(trimmed);
	return null;
}

function stripMarkers(text: string): string {
	return text.replace(/\*\*/g, '').trim().replace(/\s*:$/, '');
}

/** The text as blocks; `sections` are the template's headings, recognised on lines alone. */
export function parseLetter(text: string, sections: readonly string[] = []): LetterBlock[] {
	const sectionKeys = new Set(sections.map(key));
	const blocks: LetterBlock[] = [];
	let current: LetterBlock | null = null;
	for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
		const line = raw.trimEnd();
		if (line.trim() === '') {
			current = null;
			continue;
		}
		const heading = headingOf(line, sectionKeys);
		if (heading !== null) {
			blocks.push({ type: 'heading', text: heading });
			current = null;
			continue;
		}
		const bullet = BULLET.exec(line);
		if (bullet) {
			if (current?.type !== 'list') {
				current = { type: 'list', items: [] };
				blocks.push(current);
			}
			current.items.push((bullet[1] as string).trim());
			continue;
		}
		if (current?.type !== 'paragraph') {
			current = { type: 'paragraph', lines: [] };
			blocks.push(current);
		}
		current.lines.push(line.trim());
	}
	return blocks;
}

/** `**bold**` as runs; an unpaired `**` is kept as text. */
export function inlineSpans(text: string): Span[] {
	const spans: Span[] = [];
	const pattern = /\*\*(.+?)\*\*/g;
	let at = 0;
	for (const m of text.matchAll(pattern)) {
		if (m.index > at) spans.push({ text: text.slice(at, m.index), bold: false });
		spans.push({ text: m[1] as string, bold: true });
		at = m.index + m[0].length;
	}
	if (at < text.length) spans.push({ text: text.slice(at), bold: false });
	return spans;
}

const plainInline = (text: string) =>
	inlineSpans(text)
		.map((s) => s.text)
		.join('');

/** Plain text: Markdown markers removed, bullets as "- ", one blank line between blocks. */
export function toPlain(text: string, sections: readonly string[] = []): string {
	return parseLetter(text, sections)
		.map((block) => {
			if (block.type === 'heading') return block.text;
			if (block.type === 'list') return block.items.map((i) => `- ${plainInline(i)}`).join('\n');
			return block.lines.map(plainInline).join('\n');
		})
		.join('\n\n');
}

const ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;'
};

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] as string);
}

const htmlInline = (text: string) =>
	inlineSpans(text)
		.map((s) => (s.bold ? `<strong>${escapeHtml(s.text)}</strong>` : escapeHtml(s.text)))
		.join('');

/** HTML for formatted copy: headings, paragraphs with line breaks, bullet lists. */
export function toHtml(text: string, sections: readonly string[] = []): string {
	return parseLetter(text, sections)
		.map((block) => {
			if (block.type === 'heading') return `<h2>${htmlInline(block.text)}</h2>`;
			if (block.type === 'list')
				return `<ul>${block.items.map((i) => `<li>${htmlInline(i)}</li>`).join('')}</ul>`;
			return `<p>${block.lines.map(htmlInline).join('<br>')}</p>`;
		})
		.join('\n');
}

/**
 * A Word document: the title as Heading 1, section headings as Heading 2, bullets as a Word
 * bullet list. Returns the file's bytes (wrap them in a Blob to download).
 */
export async function toDocx(
	title: string,
	text: string,
	sections: readonly string[] = []
): Promise<Uint8Array> {
	// Loaded on demand: the library is large and only needed when a file is exported.
	const { Document, HeadingLevel, Packer, Paragraph, TextRun } = await import('docx');
	const runs = (line: string, breakBefore = false) =>
		inlineSpans(line).map(
			(s, i) =>
				new TextRun({ text: s.text, bold: s.bold, ...(breakBefore && i === 0 ? { break: 1 } : {}) })
		);
	const children = title.trim()
		? [new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(title.trim())] })]
		: [];
	for (const block of parseLetter(text, sections)) {
		if (block.type === 'heading') {
			children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: runs(block.text) }));
		} else if (block.type === 'list') {
			for (const item of block.items)
				children.push(new Paragraph({ bullet: { level: 0 }, children: runs(item) }));
		} else {
			children.push(
				new Paragraph({ children: block.lines.flatMap((line, i) => runs(line, i > 0)) })
			);
		}
	}
	const document = new Document({
		...(title.trim() ? { title: title.trim() } : {}),
		sections: [{ children }]
	});
	return new Uint8Array(await Packer.toArrayBuffer(document));
}
