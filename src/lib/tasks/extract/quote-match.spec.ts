import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findQuote, normaliseForMatch, QuoteIndex } from './quote-match';

/** The original text a span covers. */
function at(document: string, quote: string): string | null {
	const span = findQuote(document, quote);
	return span ? document.slice(span.start, span.end) : null;
}

describe('findQuote', () => {
	it('finds a verbatim quote with offsets into the original', () => {
		const doc = 'Diagnose: Pneumonie rechts basal.';
		expect(findQuote(doc, 'Pneumonie rechts')).toEqual({ start: 10, end: 26 });
	});

	it('treats any run of whitespace, including line breaks and tabs, as one space', () => {
		const doc = 'Prof. Dr. K. Stargardt \tL. Kemmerling\n\n  Dr. C. Finger';
		expect(at(doc, 'Stargardt L. Kemmerling Dr. C.')).toBe('Stargardt \tL. Kemmerling\n\n  Dr. C.');
		expect(at('geb.am: 21/06/1967', '  geb.am:   21/06/1967 ')).toBe('geb.am: 21/06/1967');
	});

	it('joins words hyphenated at a line end, and keeps the hyphen of a compound', () => {
		const doc = 'Befund: Pneu-\nmonie im Unterlappen, Dr. Fabricius-\n  Schätzle.';
		expect(at(doc, 'Pneumonie im')).toBe('Pneu-\nmonie im');
		expect(at(doc, 'Fabricius-Schätzle')).toBe('Fabricius-\n  Schätzle');
		expect(at(doc, 'Pneu-\nmonie')).toBe('Pneu-\nmonie');
		// A soft hyphen is invisible: "Sachse\u00ADSpaltung" reads as one word.
		expect(at('eine Sachse\u00ADSpaltung der Stenose', 'SachseSpaltung')).toBe(
			'Sachse\u00ADSpaltung'
		);
		expect(at('Broncho\u00AD\npneumonie', 'Bronchopneumonie')).toBe('Broncho\u00AD\npneumonie');
	});

	it('falls back to ignoring case, then whitespace', () => {
		const doc = 'CHEFARZT: DR. MED. H. BLASENSTEIN';
		expect(at(doc, 'Dr. med. H. Blasenstein')).toBe('DR. MED. H. BLASENSTEIN');
		expect(at('Dr.med. Bernwart Schulze', 'Dr. med. Bernwart Schulze')).toBe(
			'Dr.med. Bernwart Schulze'
		);
	});

	it('prefers the exact match over an earlier case-insensitive one', () => {
		const doc = 'ass ist kein Medikament. ASS 100 mg';
		expect(at(doc, 'ASS')).toBe('ASS');
		expect(findQuote(doc, 'ASS')?.start).toBe(25);
	});

	it('matches composed and decomposed umlauts, with offsets into the original', () => {
		const decomposed = 'Frau Mu\u0308ller, Stra\u00DFe'; // "Müller" with a combining diaeresis
		const span = findQuote(decomposed, 'Müller');
		expect(span).toEqual({ start: 5, end: 12 });
		expect(decomposed.slice(span!.start, span!.end).normalize('NFC')).toBe('Müller');
		expect(at('Frau Müller', 'Mu\u0308ller')).toBe('Müller');
	});

	it('normalises typographic quotes and dashes', () => {
		const doc = 'vom 2.11. – 24.11.28 „stationär“';
		expect(at(doc, 'vom 2.11. - 24.11.28')).toBe('vom 2.11. – 24.11.28');
		expect(at(doc, '"stationär"')).toBe('„stationär“');
	});

	it('maps offsets correctly across Windows line ends', () => {
		const doc = 'Kopf\r\n\r\nDiagnose:\r\nPneumonie\r\n';
		const span = findQuote(doc, 'Diagnose: Pneumonie');
		expect(span).toEqual({ start: 8, end: 28 });
	});

	it('returns null for a quote that is not there, or empty', () => {
		expect(findQuote('Diagnose: Pneumonie', 'Lungenembolie')).toBeNull();
		expect(findQuote('Diagnose: Pneumonie', '')).toBeNull();
		expect(findQuote('Diagnose: Pneumonie', ' \n ')).toBeNull();
	});

	it('handles characters outside the BMP and emoji without shifting offsets', () => {
		const doc = '😀 Befund: 𝒜 Pneumonie';
		expect(at(doc, 'Pneumonie')).toBe('Pneumonie');
	});

	it('searches a 50 KB document quickly once indexed', () => {
		const paragraph =
			'Der Patient wurde am 3.4.2020 aufgenommen. Die Pneu-\nmonie wurde antibiotisch behandelt.\n\n';
		const doc = paragraph.repeat(Math.ceil(50_000 / paragraph.length)) + 'Schlusssatz mit Ende.';
		const started = performance.now();
		const index = new QuoteIndex(doc);
		for (let i = 0; i < 100; i++) {
			expect(index.find('Schlusssatz mit Ende')).not.toBeNull();
			expect(index.find('nicht vorhanden im Text')).toBeNull();
		}
		expect(performance.now() - started).toBeLessThan(2000);
	});
});

describe('normaliseForMatch', () => {
	it('collapses whitespace and normalises typography, keeping case', () => {
		expect(normaliseForMatch('  Dr.  Jürgen\nSchneider – OA ')).toBe('Dr. Jürgen Schneider - OA');
	});
});

const GRASCCO = path.resolve('../shared/data/extraction/grascco-fields');

/** A minimal CSV reader (quoted fields with commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"' && text[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else cell += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === ',') {
			row.push(cell);
			cell = '';
		} else if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && text[i + 1] === '\n') i++;
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
		} else cell += ch;
	}
	if (cell || row.length) rows.push([...row, cell]);
	return rows;
}

describe.skipIf(!existsSync(path.join(GRASCCO, 'ground-truth.csv')))(
	'findQuote on the GraSCCo letters',
	() => {
		it('finds every ground-truth value that occurs verbatim', () => {
			const [header = [], ...rows] = parseCsv(
				readFileSync(path.join(GRASCCO, 'ground-truth.csv'), 'utf8')
			);
			const squash = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
			let checked = 0;
			const missed: string[] = [];
			for (const row of rows) {
				const file = row[0];
				if (!file || !existsSync(path.join(GRASCCO, file))) continue;
				const text = readFileSync(path.join(GRASCCO, file), 'utf8');
				const index = new QuoteIndex(text);
				for (let col = 1; col < header.length; col++) {
					// " | " separates alternatives and several people in one cell.
					for (const value of (row[col] ?? '').split(' | ')) {
						if (!squash(value) || !squash(text).includes(squash(value))) continue;
						checked++;
						const span = index.find(value);
						if (!span || squash(text.slice(span.start, span.end)) !== squash(value))
							missed.push(`${file} ${header[col]}`);
					}
				}
			}
			expect(missed).toEqual([]);
			expect(checked).toBeGreaterThan(150);
		});
	}
);
