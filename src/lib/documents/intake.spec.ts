import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	ARZTBRIEF_TEXT,
	BEFUND_TEXT,
	buildFixtures,
	DOCX_PARAGRAPHS,
	encodeWindows1252,
	FIXTURE_DIR,
	PDF_PASSWORD
} from '../../../scripts/make-fixtures.js';
import {
	DEFAULT_MAX_FILE_BYTES,
	detectType,
	extractFile,
	validateFile,
	type IntakeFile
} from './intake';
import { IntakeError } from './intake-errors';
import { setPdfJsLoader } from './pdfjs';

const fixtures = await buildFixtures();

function fileOf(name: string, bytes: Uint8Array, type = ''): IntakeFile {
	return {
		name,
		size: bytes.length,
		type,
		arrayBuffer: () => Promise.resolve(bytes.slice().buffer)
	};
}

function fixtureFile(name: string): IntakeFile {
	const bytes = fixtures[name] ?? new Uint8Array(readFileSync(path.join(FIXTURE_DIR, name)));
	return fileOf(name, bytes);
}

const pdfHead = new TextEncoder().encode('%PDF-1.7\n');
const zipHead = new Uint8Array([0x50, 0x4b, 0x03, 0x04]);

beforeAll(() => {
	setPdfJsLoader(() => import('pdfjs-dist/legacy/build/pdf.mjs'));
});

describe('detectType', () => {
	it('goes by content for PDFs, then by extension or MIME type', () => {
		expect(detectType('befund.txt', 'text/plain', pdfHead)).toBe('pdf');
		expect(detectType('Befund.PDF', '', new Uint8Array(0))).toBe('pdf');
		expect(detectType('download', 'application/pdf', new Uint8Array(0))).toBe('pdf');
		expect(detectType('brief.docx', '', zipHead)).toBe('docx');
		expect(detectType('brief.DOCX', '', new Uint8Array(0))).toBe('docx');
		expect(detectType('notiz.TXT', '', new Uint8Array(0))).toBe('txt');
		expect(detectType('notiz.text', '', new Uint8Array(0))).toBe('txt');
		expect(detectType('README', 'text/plain', new Uint8Array(0))).toBe('txt');
	});

	it('refuses other formats with the extension', () => {
		expect(() => detectType('photo.png', 'image/png', new Uint8Array(8))).toThrow(
			expect.objectContaining({
				code: 'intake.unsupported',
				params: { name: 'photo.png', ext: '.png' }
			})
		);
		expect(() => detectType('archiv.zip', 'application/zip', zipHead)).toThrow(
			expect.objectContaining({
				code: 'intake.unsupported',
				params: { name: 'archiv.zip', ext: '.zip' }
			})
		);
		expect(() => detectType('scan', '', new Uint8Array(8))).toThrow(
			expect.objectContaining({ code: 'intake.unsupported', params: { name: 'scan', ext: '' } })
		);
	});
});

describe('validateFile', () => {
	it('refuses empty and oversized files', () => {
		expect(() => validateFile({ name: 'a.txt', size: 0 })).toThrow(
			expect.objectContaining({ code: 'intake.empty', params: { name: 'a.txt' } })
		);
		expect(() => validateFile({ name: 'big.pdf', size: 60 * 1024 * 1024 })).toThrow(
			expect.objectContaining({
				code: 'intake.tooLarge',
				params: { name: 'big.pdf', sizeMb: 60, limitMb: 50 }
			})
		);
		expect(() =>
			validateFile({ name: 'b.pdf', size: 3 * 1024 * 1024 }, { maxBytes: 2.5 * 1024 * 1024 })
		).toThrow(expect.objectContaining({ params: { name: 'b.pdf', sizeMb: 3, limitMb: 2.5 } }));
	});

	it('accepts files up to the limit', () => {
		expect(() => validateFile({ name: 'ok.pdf', size: DEFAULT_MAX_FILE_BYTES })).not.toThrow();
	});
});

describe('extractFile', () => {
	it('reads every supported fixture', async () => {
		expect((await extractFile(fixtureFile('befund-utf8.txt'))).text).toBe(BEFUND_TEXT);
		expect(await extractFile(fixtureFile('befund-utf16.txt'))).toMatchObject({
			text: BEFUND_TEXT,
			encoding: 'utf-16le'
		});
		expect(await extractFile(fixtureFile('arztbrief-latin1.txt'))).toMatchObject({
			text: ARZTBRIEF_TEXT,
			encoding: 'windows-1252'
		});
		expect((await extractFile(fixtureFile('letter.docx'))).text).toBe(DOCX_PARAGRAPHS.join('\n\n'));
		const pdf = await extractFile(fixtureFile('report-3pages.pdf'));
		expect(pdf.pages).toHaveLength(3);
	});

	it('passes the password and progress callback to the PDF reader', async () => {
		const calls: number[] = [];
		const doc = await extractFile(fixtureFile('protected.pdf'), {
			password: PDF_PASSWORD,
			onProgress: (done) => calls.push(done)
		});
		expect(doc.pages).toHaveLength(3);
		expect(calls).toEqual([0, 1, 2, 3]);
	});

	it.each([
		['empty.txt', 'intake.empty'],
		['binary.txt', 'intake.binary'],
		['photo.png', 'intake.unsupported'],
		['corrupt.pdf', 'intake.pdfCorrupt'],
		['scanned.pdf', 'intake.pdfNoText'],
		['protected.pdf', 'intake.pdfPassword']
	])('refuses %s with %s', async (name, code) => {
		const err: unknown = await extractFile(fixtureFile(name)).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(IntakeError);
		expect(err).toMatchObject({ code, params: { name } });
	});

	it('refuses a Word file saved as .txt as binary', async () => {
		const docx = fixtures['letter.docx'] ?? new Uint8Array(0);
		await expect(extractFile(fileOf('brief.txt', docx))).rejects.toMatchObject({
			code: 'intake.binary'
		});
	});

	it('refuses whitespace-only text', async () => {
		await expect(
			extractFile(fileOf('leer.txt', new TextEncoder().encode(' \n\t\r\n ')))
		).rejects.toMatchObject({ code: 'intake.noText', params: { name: 'leer.txt' } });
	});

	it('checks the size limit before and after reading', async () => {
		const bytes = new TextEncoder().encode('Befund');
		await expect(extractFile(fileOf('a.txt', bytes), { maxBytes: 3 })).rejects.toMatchObject({
			code: 'intake.tooLarge'
		});
		const shrunk = { ...fileOf('a.txt', new Uint8Array(0)), size: 10 };
		await expect(extractFile(shrunk)).rejects.toMatchObject({ code: 'intake.empty' });
	});
});

describe('fixture files on disk', () => {
	it('match the generator (run `node scripts/make-fixtures.js` after changing it)', () => {
		for (const [name, bytes] of Object.entries(fixtures)) {
			expect(new Uint8Array(readFileSync(path.join(FIXTURE_DIR, name))), name).toEqual(bytes);
		}
	});
});

const GRASCCO_DIR = path.resolve('../shared/data/extraction/grascco-fields');

describe.skipIf(!existsSync(GRASCCO_DIR))('real German letters (GraSCCo)', () => {
	it('keep their umlauts through a Windows-1252 file', async () => {
		const names = readdirSync(GRASCCO_DIR).filter((n) => n.endsWith('.txt'));
		expect(names.length).toBeGreaterThan(0);
		let umlauts = 0;
		for (const name of names) {
			const original = readFileSync(path.join(GRASCCO_DIR, name), 'utf8')
				.replace(/\r\n?/g, '\n')
				.normalize('NFC');
			// Characters the code page lacks could not have been in a legacy file anyway.
			const representable = [...original]
				.filter((ch) => {
					try {
						encodeWindows1252(ch);
						return true;
					} catch {
						return false;
					}
				})
				.join('');
			const doc = await extractFile(fileOf(name, encodeWindows1252(representable)));
			expect(doc.encoding, name).toBe('windows-1252');
			expect(doc.text, name).toBe(representable);
			umlauts += (doc.text.match(/[äöüÄÖÜß]/g) ?? []).length;
		}
		expect(umlauts).toBeGreaterThan(100);
	});
});
