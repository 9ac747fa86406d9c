/**
 * Writes the sample files for unit and e2e tests into e2e/fixtures/files/:
 *   node scripts/make-fixtures.js
 * Idempotent: every run writes the same bytes. All texts are invented; no real patient data.
 *
 * protected.pdf is the one exception: pdf-lib cannot encrypt, so it was made once from
 * report-3pages.pdf with qpdf (Debian package `qpdf`) and is kept in git:
 *   qpdf --encrypt enclave enclave 256 -- report-3pages.pdf protected.pdf
 * This script leaves an existing protected.pdf alone and only runs qpdf when the file is missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';
import JSZip from 'jszip';
import { makeCorruptPdf, makeReportPdf, makeScannedPdf, pseudoRandomBytes } from './fixture-pdf.js';

export const FIXTURE_DIR = resolve(
	dirname(fileURLToPath(import.meta.url)),
	'../e2e/fixtures/files'
);
export const PDF_PASSWORD = 'enclave';

export const ARZTBRIEF_TEXT = [
	'Sehr geehrte Frau Kollegin, sehr geehrter Herr Kollege,',
	'',
	'wir berichten über Ihren Patienten Jürgen Müller, geb. 03.04.1955, der sich vom',
	'12.02. bis 19.02.2024 in unserer stationären Behandlung befand.',
	'',
	'Diagnosen: Exazerbierte COPD GOLD 3, Übergewicht, Hypokaliämie.',
	'Therapie: Prednisolon 40 mg für 5 Tage, Inhalation „nach Schema“ – Zuzahlung 10 €.',
	'Größe 1,78 m, Gewicht 96 kg. Ödeme der Unterschenkel rückläufig.',
	'',
	'Mit freundlichen Grüßen',
	'Dr. med. Björn Schäfer'
].join('\n');

export const BEFUND_TEXT = [
	'Befund: Sonographie Abdomen',
	'Leber: normal groß, homogenes Parenchym, keine fokalen Läsionen.',
	'Gallenblase: zartwandig, steinfrei. Nieren beidseits unauffällig.',
	'Beurteilung: altersentsprechender Befund, kein Hinweis auf Stauung.'
].join('\n');

export const DOCX_PARAGRAPHS = [
	'Arztbrief – Kardiologie',
	'Der Patient klagte über Brustschmerzen bei Belastung.',
	'Empfehlung: Überprüfung der Blutdruckeinstellung, Bewegungstherapie, Gewichtsreduktion um 5 kg.',
	'Mit freundlichen Grüßen, Dr. Jürgen Größmann'
];

const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/**
 * Encodes text as Windows-1252; throws on characters the code page lacks.
 * @param {string} text
 * @returns {Uint8Array}
 */
export function encodeWindows1252(text) {
	const out = new Uint8Array(text.length);
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		const high = WINDOWS_1252_HIGH.indexOf(text.charAt(i));
		if (high >= 0) out[i] = 0x80 + high;
		else if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) out[i] = code;
		else throw new Error(`Not in Windows-1252: U+${code.toString(16).padStart(4, '0')}`);
	}
	return out;
}

/**
 * A 32×32 greyscale PNG with stripes, like a scanned line of text.
 * @returns {Uint8Array}
 */
export function makePng() {
	const size = 32;
	const raw = new Uint8Array(size * (size + 1));
	for (let y = 0; y < size; y++) {
		raw[y * (size + 1)] = 0; // filter: none
		for (let x = 0; x < size; x++) raw[y * (size + 1) + 1 + x] = y % 4 < 2 && x % 5 ? 40 : 235;
	}
	const header = new Uint8Array(13);
	const view = new DataView(header.buffer);
	view.setUint32(0, size);
	view.setUint32(4, size);
	header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, deflate, no interlace
	return concat([
		Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
		pngChunk('IHDR', header),
		pngChunk('IDAT', deflateSync(raw)),
		pngChunk('IEND', new Uint8Array(0))
	]);
}

/**
 * @param {string} type
 * @param {Uint8Array} data
 */
function pngChunk(type, data) {
	const typeBytes = new TextEncoder().encode(type);
	const out = new Uint8Array(12 + data.length);
	const view = new DataView(out.buffer);
	view.setUint32(0, data.length);
	out.set(typeBytes, 4);
	out.set(data, 8);
	view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
	return out;
}

/** @param {Uint8Array[]} parts */
function concat(parts) {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}

/** @param {string} text */
function xmlEscape(text) {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A minimal valid .docx: content types, package relationships and the main document part.
 * @param {string[]} paragraphs
 * @returns {Promise<Uint8Array>}
 */
export function makeDocx(paragraphs = DOCX_PARAGRAPHS) {
	const date = new Date('2024-01-15T08:00:00Z');
	const zip = new JSZip();
	zip.file(
		'[Content_Types].xml',
		'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
			'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
			'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
			'<Default Extension="xml" ContentType="application/xml"/>' +
			'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
			'</Types>',
		{ date, createFolders: false }
	);
	zip.file(
		'_rels/.rels',
		'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
			'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
			'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
			'</Relationships>',
		{ date, createFolders: false }
	);
	const body = paragraphs
		.map((p) => `<w:p><w:r><w:t xml:space="preserve">${xmlEscape(p)}</w:t></w:r></w:p>`)
		.join('');
	zip.file(
		'word/document.xml',
		'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
			'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
			`<w:body>${body}</w:body></w:document>`,
		{ date, createFolders: false }
	);
	return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/**
 * Every generated fixture by file name (protected.pdf is not generated, see the top comment).
 * @returns {Promise<Record<string, Uint8Array>>}
 */
export async function buildFixtures() {
	const png = makePng();
	const utf16 = new Uint8Array(
		Buffer.from('\uFEFF' + BEFUND_TEXT.replace(/\n/g, '\r\n'), 'utf16le')
	);
	return {
		'arztbrief-latin1.txt': encodeWindows1252(ARZTBRIEF_TEXT.replace(/\n/g, '\r\n')),
		'befund-utf16.txt': utf16,
		'befund-utf8.txt': new TextEncoder().encode(BEFUND_TEXT),
		'report-3pages.pdf': await makeReportPdf(),
		'scanned.pdf': await makeScannedPdf(png),
		'corrupt.pdf': makeCorruptPdf(),
		'empty.txt': new Uint8Array(0),
		'binary.txt': pseudoRandomBytes(2048, 42),
		'photo.png': png,
		'letter.docx': await makeDocx()
	};
}

async function main() {
	mkdirSync(FIXTURE_DIR, { recursive: true });
	for (const [name, bytes] of Object.entries(await buildFixtures())) {
		writeFileSync(join(FIXTURE_DIR, name), bytes);
		console.log(`wrote ${name} (${bytes.length} bytes)`);
	}
	const protectedPdf = join(FIXTURE_DIR, 'protected.pdf');
	if (existsSync(protectedPdf)) return;
	try {
		execFileSync('qpdf', [
			'--encrypt',
			PDF_PASSWORD,
			PDF_PASSWORD,
			'256',
			'--',
			join(FIXTURE_DIR, 'report-3pages.pdf'),
			protectedPdf
		]);
		console.log('wrote protected.pdf with qpdf');
	} catch (err) {
		console.warn(
			'protected.pdf is missing and qpdf failed; install qpdf or restore it from git',
			err
		);
	}
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
	await main();
}
