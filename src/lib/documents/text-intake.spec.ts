import { describe, expect, it } from 'vitest';
import {
	ARZTBRIEF_TEXT,
	BEFUND_TEXT,
	buildFixtures,
	encodeWindows1252
} from '../../../scripts/make-fixtures.js';
import { IntakeError } from './intake-errors';
import { decodeText, decodeWindows1252, extractText, looksBinary } from './text-intake';

const fixtures = await buildFixtures();
const fixture = (name: string) => {
	const bytes = fixtures[name];
	if (!bytes) throw new Error(`no fixture ${name}`);
	return bytes;
};

function utf16(text: string, littleEndian: boolean, bom: boolean): Uint8Array {
	const units = (bom ? '\uFEFF' : '') + text;
	const out = new Uint8Array(units.length * 2);
	const view = new DataView(out.buffer);
	for (let i = 0; i < units.length; i++) view.setUint16(i * 2, units.charCodeAt(i), littleEndian);
	return out;
}

describe('decodeText', () => {
	it('reads UTF-8 without BOM', () => {
		expect(decodeText(fixture('befund-utf8.txt'))).toEqual({
			text: BEFUND_TEXT,
			encoding: 'utf-8'
		});
	});

	it('drops a UTF-8 BOM', () => {
		const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Größe')]);
		expect(decodeText(bytes)).toEqual({ text: 'Größe', encoding: 'utf-8' });
	});

	it('reads UTF-16 LE and BE with BOM', () => {
		expect(decodeText(utf16('Übelkeit', true, true))).toEqual({
			text: 'Übelkeit',
			encoding: 'utf-16le'
		});
		expect(decodeText(utf16('Übelkeit', false, true))).toEqual({
			text: 'Übelkeit',
			encoding: 'utf-16be'
		});
	});

	it('recognises UTF-16 without BOM', () => {
		expect(decodeText(utf16(BEFUND_TEXT, true, false)).encoding).toBe('utf-16le');
		expect(decodeText(utf16(BEFUND_TEXT, false, false))).toEqual({
			text: BEFUND_TEXT,
			encoding: 'utf-16be'
		});
	});

	it('falls back to Windows-1252 when UTF-8 is invalid', () => {
		const { text, encoding } = decodeText(fixture('arztbrief-latin1.txt'));
		expect(encoding).toBe('windows-1252');
		expect(text.replace(/\r\n/g, '\n')).toBe(ARZTBRIEF_TEXT);
	});

	it('maps 0x80–0x9F as browsers do, not as Latin-1', () => {
		expect(decodeWindows1252(new Uint8Array([0x80, 0x84, 0x93, 0x96, 0x9f, 0x81]))).toBe(
			'€„“–Ÿ\u0081'
		);
		expect(decodeWindows1252(new Uint8Array([0xe4, 0xf6, 0xfc, 0xdf, 0xc4]))).toBe('äöüßÄ');
	});

	it('decodes long Windows-1252 input in chunks without losing characters', () => {
		const long = 'Schädel-Hirn-Trauma; '.repeat(2000);
		expect(decodeWindows1252(encodeWindows1252(long))).toBe(long);
	});
});

describe('looksBinary', () => {
	it('flags NULs and control-heavy text', () => {
		expect(looksBinary('abc\u0000def')).toBe(true);
		expect(looksBinary('a\u0001b\u0002c\u0003d\u0004e\u0005f\u0006g')).toBe(true);
	});

	it('accepts tabs, line breaks and form feeds', () => {
		expect(looksBinary('Name:\tWert\r\nSeite 1\fSeite 2\n')).toBe(false);
		expect(looksBinary('')).toBe(false);
	});
});

describe('extractText', () => {
	it('returns normalised text with the encoding', () => {
		expect(extractText(fixture('befund-utf16.txt'), 'befund-utf16.txt')).toEqual({
			text: BEFUND_TEXT,
			type: 'txt',
			pages: [],
			encoding: 'utf-16le'
		});
		const letter = extractText(fixture('arztbrief-latin1.txt'), 'arztbrief-latin1.txt');
		expect(letter.text).toBe(ARZTBRIEF_TEXT);
		expect(letter.text).toMatch(/Müller.*Größe.*Schäfer/s);
	});

	it('turns CR and CRLF into LF and composes decomposed umlauts', () => {
		const nfd = 'Ru\u0308cken\rschmerz\r\nO\u0308dem';
		const { text } = extractText(new TextEncoder().encode(nfd), 'nfd.txt');
		expect(text).toBe('Rücken\nschmerz\nÖdem');
	});

	it('refuses binary files with intake.binary', () => {
		const run = () => extractText(fixture('binary.txt'), 'binary.txt');
		expect(run).toThrow(IntakeError);
		expect(run).toThrow(
			expect.objectContaining({ code: 'intake.binary', params: { name: 'binary.txt' } })
		);
	});
});
