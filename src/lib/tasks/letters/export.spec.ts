import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { escapeHtml, inlineSpans, parseLetter, toDocx, toHtml, toPlain } from './export';

const sections = ['Diagnoses', 'Recommendations'];
const letter = `Dear Colleague,
we saw your patient on 12 March 2024.

Diagnoses
- Pulmonary embolism, **right** (I26.9)
- Hypertension

**Findings:**
CT: filling defects <segmental>.
D-dimer 2.1 mg/l & troponin negative.

## Recommendations
Continue apixaban 5 mg 1-0-1.

Kind regards,
[Name, title]`;

describe('parseLetter', () => {
	it('reads headings, lists and paragraphs of consecutive lines', () => {
		expect(parseLetter(letter, sections)).toEqual([
			{ type: 'paragraph', lines: ['Dear Colleague,', 'we saw your patient on 12 March 2024.'] },
			{ type: 'heading', text: 'Diagnoses' },
			{ type: 'list', items: ['Pulmonary embolism, **right** (I26.9)', 'Hypertension'] },
			{ type: 'heading', text: 'Findings' },
			{
				type: 'paragraph',
				lines: ['CT: filling defects <segmental>.', 'D-dimer 2.1 mg/l & troponin negative.']
			},
			{ type: 'heading', text: 'Recommendations' },
			{ type: 'paragraph', lines: ['Continue apixaban 5 mg 1-0-1.'] },
			{ type: 'paragraph', lines: ['Kind regards,', '[Name, title]'] }
		]);
	});

	it('takes a short line ending in a colon as a heading, a long one as text', () => {
		const blocks = parseLetter(
			'Procedere:\nThe following was agreed with the patient and her husband:\n'
		);
		expect(blocks).toEqual([
			{ type: 'heading', text: 'Procedere' },
			{ type: 'paragraph', lines: ['The following was agreed with the patient and her husband:'] }
		]);
	});

	it('splits bold spans and keeps a lone marker as text', () => {
		expect(inlineSpans('a **b** c ** d')).toEqual([
			{ text: 'a ', bold: false },
			{ text: 'b', bold: true },
			{ text: ' c ** d', bold: false }
		]);
	});
});

describe('toPlain and toHtml', () => {
	it('writes plain text without Markdown', () => {
		const plain = toPlain(letter, sections);
		expect(plain).toContain('Diagnoses\n\n- Pulmonary embolism, right (I26.9)\n- Hypertension');
		expect(plain).toContain('\n\nFindings\n\nCT:');
		expect(plain).not.toMatch(/\*\*|##/);
	});

	it('escapes all text and writes only its own markup', () => {
		const html = toHtml(`${letter}\n<script>alert(1)</script> "x" 'y'`, sections);
		expect(html).toContain('<h2>Diagnoses</h2>');
		expect(html).toContain(
			'<ul><li>Pulmonary embolism, <strong>right</strong> (I26.9)</li><li>Hypertension</li></ul>'
		);
		expect(html).toContain(
			'<p>CT: filling defects &lt;segmental&gt;.<br>D-dimer 2.1 mg/l &amp; troponin negative.</p>'
		);
		expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &quot;x&quot; &#39;y&#39;');
		const tags = [...html.matchAll(/<\/?([a-z0-9]+)/g)].map((m) => m[1]);
		expect(new Set(tags)).toEqual(new Set(['p', 'br', 'h2', 'ul', 'li', 'strong']));
		expect(escapeHtml('<&>')).toBe('&lt;&amp;&gt;');
	});
});

describe('toDocx', () => {
	it('writes a Word document with the title, heading styles, bullets and the text', async () => {
		const bytes = await toDocx('Physician letter – Müller', letter, sections);
		const zip = await JSZip.loadAsync(bytes);
		const xml = await zip.file('word/document.xml')!.async('string');
		expect(xml).toContain('<w:pStyle w:val="Heading1"/>');
		expect(xml).toContain('Physician letter – Müller');
		expect((xml.match(/<w:pStyle w:val="Heading2"\/>/g) ?? []).length).toBe(3);
		for (const text of ['Dear Colleague,', 'Diagnoses', 'Hypertension', 'Kind regards,'])
			expect(xml).toContain(`>${text}</w:t>`);
		// Bullets use Word numbering; text is escaped; bold keeps its run.
		expect(xml).toContain('<w:numPr>');
		expect(xml).toContain('CT: filling defects &lt;segmental&gt;.');
		expect(xml).toMatch(/<w:b\/>(?:<w:bCs\/>)?<\/w:rPr><w:t xml:space="preserve">right<\/w:t>/);
		// Consecutive lines of a paragraph are separated by line breaks.
		expect(xml).toContain('<w:br/>');
	});

	it('leaves the title out when there is none', async () => {
		const zip = await JSZip.loadAsync(await toDocx('  ', 'Just a line.'));
		const xml = await zip.file('word/document.xml')!.async('string');
		expect(xml).not.toContain('Heading1');
		expect(xml).toContain('Just a line.');
	});
});
