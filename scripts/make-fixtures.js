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
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';
import JSZip from 'jszip';
import { degrees, PDFDocument, StandardFonts } from 'pdf-lib';
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

const FIXED_DATE = new Date('2024-01-15T08:00:00Z');
const A4 = /** @type {[number, number]} */ ([595.28, 841.89]);

/** What form-rotated.pdf holds: a consent form with a filled-in field, and a page turned 90°. */
export const FORM_PDF = {
	patient: 'Erika Musterfrau',
	/** Page 1 (upright), drawn at x 56 from y 770 down in steps of 16, Helvetica 11. */
	page1: [
		'Einwilligung Koloskopie',
		'Patientin: Erika Musterfrau, geb. 12.03.1971',
		'Aufklärung durch Dr. med. Hans Beispiel am 05.06.2024.'
	],
	/** The text field "patient.name" on page 1, holding `patient`. */
	field: { name: 'patient.name', x: 120, y: 690, width: 220, height: 22 },
	/** Page 2: /Rotate 90 with its text turned too, so that it reads upright on screen. */
	page2: [
		'Befund vom 05.06.2024: kein Anhalt für Malignität.',
		'Patientin Erika Musterfrau, Station 4B.'
	],
	title: 'Einwilligung Erika Musterfrau',
	author: 'Dr. Hans Beispiel',
	subject: 'Koloskopie Erika Musterfrau',
	keywords: ['Musterfrau', 'Koloskopie']
};

/**
 * A two-page PDF with the bad input of redaction: a form field that holds a patient's name,
 * metadata naming her, and a rotated page.
 * @returns {Promise<Uint8Array>}
 */
export async function makeFormRotatedPdf() {
	const doc = await PDFDocument.create();
	doc.setCreationDate(FIXED_DATE);
	doc.setModificationDate(FIXED_DATE);
	doc.setProducer('enclave fixtures');
	doc.setCreator('enclave fixtures');
	doc.setTitle(FORM_PDF.title);
	doc.setAuthor(FORM_PDF.author);
	doc.setSubject(FORM_PDF.subject);
	doc.setKeywords(FORM_PDF.keywords);
	const font = await doc.embedFont(StandardFonts.Helvetica);
	const first = doc.addPage(A4);
	FORM_PDF.page1.forEach((line, i) => {
		first.drawText(line, { x: 56, y: 770 - 16 * i, size: 11, font });
	});
	first.drawText('Name:', { x: 56, y: FORM_PDF.field.y + 7, size: 11, font });
	const field = doc.getForm().createTextField(FORM_PDF.field.name);
	field.setText(FORM_PDF.patient);
	const { x, y, width, height } = FORM_PDF.field;
	field.addToPage(first, { x, y, width, height, font });
	const second = doc.addPage(A4);
	second.setRotation(degrees(90));
	// Shown turned clockwise, so text running up the portrait page reads left to right.
	FORM_PDF.page2.forEach((line, i) => {
		second.drawText(line, { x: 100 + 16 * i, y: 80, size: 12, font, rotate: degrees(90) });
	});
	return doc.save();
}

/**
 * Glyph outlines of a TrueType font, just enough to draw Latin text: the Unicode cmap
 * (format 4), simple and composite glyphs, advance widths.
 * @param {Uint8Array} bytes
 */
function parseTrueType(bytes) {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	/** @type {Record<string, number>} */
	const tables = {};
	for (let i = 0; i < view.getUint16(4); i++) {
		const at = 12 + i * 16;
		tables[String.fromCharCode(...bytes.subarray(at, at + 4))] = view.getUint32(at + 8);
	}
	const table = (/** @type {string} */ tag) => {
		const at = tables[tag];
		if (at === undefined) throw new Error(`font has no ${tag} table`);
		return at;
	};
	const head = table('head');
	const unitsPerEm = view.getUint16(head + 18);
	const longLoca = view.getInt16(head + 50) === 1;
	const metrics = view.getUint16(table('hhea') + 34);
	const hmtx = table('hmtx');
	const loca = table('loca');
	const glyf = table('glyf');
	const cmap = table('cmap');
	let segments = -1;
	for (let i = 0; i < view.getUint16(cmap + 2); i++) {
		const at = cmap + 4 + i * 8;
		if (view.getUint16(at) === 3 && view.getUint16(at + 2) === 1) {
			segments = cmap + view.getUint32(at + 4);
		}
	}
	if (segments < 0 || view.getUint16(segments) !== 4) throw new Error('font has no Unicode cmap');
	const segCount = view.getUint16(segments + 6) / 2;
	const ends = segments + 14;
	const starts = ends + segCount * 2 + 2;
	const deltas = starts + segCount * 2;
	const rangeOffsets = deltas + segCount * 2;

	/** @param {number} code */
	function glyphIndex(code) {
		for (let i = 0; i < segCount; i++) {
			if (view.getUint16(ends + i * 2) < code) continue;
			const start = view.getUint16(starts + i * 2);
			if (start > code) return 0;
			const delta = view.getInt16(deltas + i * 2);
			const rangeAt = rangeOffsets + i * 2;
			const range = view.getUint16(rangeAt);
			if (range === 0) return (code + delta) & 0xffff;
			const g = view.getUint16(rangeAt + range + 2 * (code - start));
			return g === 0 ? 0 : (g + delta) & 0xffff;
		}
		return 0;
	}

	/** @param {number} g */
	function advance(g) {
		return view.getUint16(hmtx + 4 * Math.min(g, metrics - 1));
	}

	/**
	 * Contours of glyph `g` as lists of points, quadratic off-curve points marked.
	 * @param {number} g
	 * @returns {{ x: number, y: number, on: boolean }[][]}
	 */
	function contours(g) {
		const offset = longLoca ? view.getUint32(loca + 4 * g) : view.getUint16(loca + 2 * g) * 2;
		const next = longLoca ? view.getUint32(loca + 4 * g + 4) : view.getUint16(loca + 2 * g + 2) * 2;
		if (next === offset) return [];
		let at = glyf + offset;
		const count = view.getInt16(at);
		at += 10;
		if (count < 0) return composite(at);
		const endPoints = [];
		for (let i = 0; i < count; i++) endPoints.push(view.getUint16(at + 2 * i));
		at += 2 * count;
		at += 2 + view.getUint16(at);
		const total = (endPoints.at(-1) ?? -1) + 1;
		/** @type {number[]} */
		const flags = [];
		while (flags.length < total) {
			const flag = bytes[at++] ?? 0;
			flags.push(flag);
			if (flag & 8) for (let r = bytes[at++] ?? 0; r > 0; r--) flags.push(flag);
		}
		const coords = (/** @type {number} */ short, /** @type {number} */ same) => {
			const values = [];
			let value = 0;
			for (const flag of flags) {
				if (flag & short) {
					const d = bytes[at++] ?? 0;
					value += flag & same ? d : -d;
				} else if (!(flag & same)) {
					value += view.getInt16(at);
					at += 2;
				}
				values.push(value);
			}
			return values;
		};
		const xs = coords(2, 16);
		const ys = coords(4, 32);
		const result = [];
		let first = 0;
		for (const last of endPoints) {
			const contour = [];
			for (let i = first; i <= last; i++) {
				contour.push({ x: xs[i] ?? 0, y: ys[i] ?? 0, on: ((flags[i] ?? 0) & 1) === 1 });
			}
			result.push(contour);
			first = last + 1;
		}
		return result;
	}

	/** @param {number} at */
	function composite(at) {
		/** @type {{ x: number, y: number, on: boolean }[][]} */
		const result = [];
		for (;;) {
			const flags = view.getUint16(at);
			const component = view.getUint16(at + 2);
			at += 4;
			const words = flags & 1;
			const dx = words ? view.getInt16(at) : view.getInt8(at);
			const dy = words ? view.getInt16(at + 2) : view.getInt8(at + 1);
			at += words ? 4 : 2;
			let [a, b, c, d] = [1, 0, 0, 1];
			const f2dot14 = (/** @type {number} */ o) => view.getInt16(o) / 16384;
			if (flags & 8) {
				a = d = f2dot14(at);
				at += 2;
			} else if (flags & 0x40) {
				[a, d] = [f2dot14(at), f2dot14(at + 2)];
				at += 4;
			} else if (flags & 0x80) {
				[a, b, c, d] = [f2dot14(at), f2dot14(at + 2), f2dot14(at + 4), f2dot14(at + 6)];
				at += 8;
			}
			if (!(flags & 2)) throw new Error('composite glyphs placed by points are not supported');
			for (const contour of contours(component)) {
				result.push(
					contour.map((p) => ({ x: a * p.x + c * p.y + dx, y: b * p.x + d * p.y + dy, on: p.on }))
				);
			}
			if (!(flags & 0x20)) return result;
		}
	}

	return { unitsPerEm, glyphIndex, advance, contours };
}

/**
 * Draws black text on a white greyscale image, anti-aliased (4 sub-scanlines, exact coverage
 * across): plain arithmetic, so every machine draws the same pixels.
 * @param {ReturnType<typeof parseTrueType>} font
 * @param {{ width: number, height: number, data: Uint8Array }} image
 * @param {string} text
 * @param {number} x left end of the baseline, in pixels
 * @param {number} y baseline, in pixels from the top
 * @param {number} size pixels per em
 */
function drawText(font, image, text, x, y, size) {
	const scale = size / font.unitsPerEm;
	let penX = x;
	for (const ch of text.normalize('NFC')) {
		const g = font.glyphIndex(ch.codePointAt(0) ?? 0);
		/** @type {[number, number, number, number][]} */
		const edges = [];
		for (const contour of font.contours(g)) {
			const points = contour.map((p) => ({ x: penX + p.x * scale, y: y - p.y * scale, on: p.on }));
			for (const [[x0, y0], [x1, y1]] of flatten(points)) edges.push([x0, y0, x1, y1]);
		}
		fillPath(image, edges);
		penX += font.advance(g) * scale;
	}
	return penX;
}

/**
 * Line segments of a closed TrueType contour; each quadratic piece becomes 8 segments.
 * @param {{ x: number, y: number, on: boolean }[]} points
 * @returns {[[number, number], [number, number]][]}
 */
function flatten(points) {
	const [a, b = a] = points;
	if (!a || !b) return [];
	const startIndex = points.findIndex((p) => p.on);
	// A contour of off-curve points only starts at an implied point between the first two.
	const ring =
		startIndex >= 0
			? [...points.slice(startIndex), ...points.slice(0, startIndex)]
			: [{ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2, on: true }, ...points];
	const first = ring[0] ?? a;
	/** @type {[[number, number], [number, number]][]} */
	const segments = [];
	let current = first;
	/** @type {{ x: number, y: number } | undefined} */
	let control;
	const lineTo = (/** @type {{ x: number, y: number }} */ p) => {
		segments.push([
			[current.x, current.y],
			[p.x, p.y]
		]);
		current = { ...p, on: true };
	};
	const curveTo = (
		/** @type {{ x: number, y: number }} */ c,
		/** @type {{ x: number, y: number }} */ p
	) => {
		const from = current;
		for (let i = 1; i <= 8; i++) {
			const t = i / 8;
			const u = 1 - t;
			lineTo({
				x: u * u * from.x + 2 * u * t * c.x + t * t * p.x,
				y: u * u * from.y + 2 * u * t * c.y + t * t * p.y
			});
		}
	};
	for (const p of [...ring.slice(1), first]) {
		if (p.on) {
			if (control) curveTo(control, p);
			else lineTo(p);
			control = undefined;
		} else if (control) {
			curveTo(control, { x: (control.x + p.x) / 2, y: (control.y + p.y) / 2 });
			control = p;
		} else {
			control = p;
		}
	}
	if (control) curveTo(control, first);
	return segments;
}

/**
 * Fills a path (non-zero winding) in black, adding its coverage to what the image holds.
 * @param {{ width: number, height: number, data: Uint8Array }} image
 * @param {[number, number, number, number][]} edges
 */
function fillPath(image, edges) {
	if (edges.length === 0) return;
	const SUB = 4;
	const top = Math.max(0, Math.floor(Math.min(...edges.map((e) => Math.min(e[1], e[3])))));
	const bottom = Math.min(
		image.height,
		Math.ceil(Math.max(...edges.map((e) => Math.max(e[1], e[3]))))
	);
	for (let row = top; row < bottom; row++) {
		const coverage = new Float64Array(image.width);
		for (let s = 0; s < SUB; s++) {
			const sy = row + (s + 0.5) / SUB;
			/** @type {[number, number][]} */
			const crossings = [];
			for (const [x0, y0, x1, y1] of edges) {
				if (y0 === y1 || sy < Math.min(y0, y1) || sy >= Math.max(y0, y1)) continue;
				crossings.push([x0 + ((sy - y0) / (y1 - y0)) * (x1 - x0), y1 > y0 ? 1 : -1]);
			}
			crossings.sort((a, b) => a[0] - b[0]);
			let winding = 0;
			for (let i = 0; i < crossings.length - 1; i++) {
				const [x, direction] = crossings[i] ?? [0, 0];
				winding += direction;
				if (winding === 0) continue;
				const a = Math.max(0, x);
				const b = Math.min(image.width, crossings[i + 1]?.[0] ?? x);
				for (let px = Math.floor(a); px < b; px++) {
					coverage[px] = (coverage[px] ?? 0) + (Math.min(b, px + 1) - Math.max(a, px)) / SUB;
				}
			}
		}
		for (let px = 0; px < image.width; px++) {
			const c = coverage[px] ?? 0;
			if (c === 0) continue;
			const at = row * image.width + px;
			image.data[at] = Math.max(0, Math.round((image.data[at] ?? 255) - 255 * Math.min(1, c)));
		}
	}
}

/**
 * A greyscale PNG of an image made of 8-bit pixels.
 * @param {{ width: number, height: number, data: Uint8Array }} image
 */
function encodeGreyPng(image) {
	const raw = new Uint8Array(image.height * (image.width + 1));
	for (let y = 0; y < image.height; y++) {
		raw.set(image.data.subarray(y * image.width, (y + 1) * image.width), y * (image.width + 1) + 1);
	}
	const header = new Uint8Array(13);
	const view = new DataView(header.buffer);
	view.setUint32(0, image.width);
	view.setUint32(4, image.height);
	header.set([8, 0, 0, 0, 0], 8);
	return concat([
		Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
		pngChunk('IHDR', header),
		pngChunk('IDAT', deflateSync(raw)),
		pngChunk('IEND', new Uint8Array(0))
	]);
}

/** What scanned-text.pdf shows: printed text as pictures only, as a scanner makes it. */
export const SCANNED_TEXT = {
	dpi: 200,
	fontSize: 12,
	margin: 56,
	lineHeight: 20,
	/** Page 1, upright. */
	page1: [
		'Radiologische Praxis am Stadtpark',
		'Befund: Röntgen Thorax in zwei Ebenen',
		'Patient: Max Mustermann, geb. 01.02.1960',
		'Kein Infiltrat, kein Pleuraerguss.',
		'Beurteilung: Unauffälliger Befund.',
		'Dr. med. Erika Beispiel'
	],
	/** Page 2: a landscape page scanned sideways and stored with /Rotate 90. */
	page2: ['Laborwerte vom 03.04.2024', 'CRP 12 mg/l, Leukozyten normal', 'Patient: Max Mustermann']
};

/**
 * A picture of `lines` of text on a white page of `width` × `height` points.
 * @param {ReturnType<typeof parseTrueType>} font
 * @param {string[]} lines
 * @param {number} width
 * @param {number} height
 */
function scanOf(font, lines, width, height) {
	const { dpi, fontSize, margin, lineHeight } = SCANNED_TEXT;
	const px = dpi / 72;
	const image = {
		width: Math.round(width * px),
		height: Math.round(height * px),
		data: new Uint8Array(0)
	};
	image.data = new Uint8Array(image.width * image.height).fill(255);
	lines.forEach((line, i) => {
		drawText(
			font,
			image,
			line,
			margin * px,
			(margin + fontSize + i * lineHeight) * px,
			fontSize * px
		);
	});
	return image;
}

/**
 * The image turned a quarter counter-clockwise, as a sideways scan stores an upright page.
 * @param {{ width: number, height: number, data: Uint8Array }} image
 */
function turnCounterClockwise(image) {
	const out = { width: image.height, height: image.width, data: new Uint8Array(image.data.length) };
	for (let y = 0; y < image.height; y++) {
		for (let x = 0; x < image.width; x++) {
			out.data[(image.width - 1 - x) * out.width + y] = image.data[y * image.width + x] ?? 255;
		}
	}
	return out;
}

/**
 * A two-page scan of printed text with no text layer: page 1 upright, page 2 a landscape page
 * stored sideways with /Rotate 90. Drawn with Liberation Sans from pdfjs-dist.
 * @returns {Promise<Uint8Array>}
 */
export async function makeScannedTextPdf() {
	const require = createRequire(import.meta.url);
	const fontFile = require.resolve('pdfjs-dist/standard_fonts/LiberationSans-Regular.ttf');
	const font = parseTrueType(new Uint8Array(readFileSync(fontFile)));
	const doc = await PDFDocument.create();
	doc.setCreationDate(FIXED_DATE);
	doc.setModificationDate(FIXED_DATE);
	doc.setProducer('enclave fixtures');
	doc.setCreator('enclave fixtures');
	const upright = await doc.embedPng(encodeGreyPng(scanOf(font, SCANNED_TEXT.page1, A4[0], A4[1])));
	doc.addPage(A4).drawImage(upright, { x: 0, y: 0, width: A4[0], height: A4[1] });
	const landscape = turnCounterClockwise(scanOf(font, SCANNED_TEXT.page2, A4[1], A4[0]));
	const sideways = await doc.embedPng(encodeGreyPng(landscape));
	const page = doc.addPage(A4);
	page.setRotation(degrees(90));
	page.drawImage(sideways, { x: 0, y: 0, width: A4[0], height: A4[1] });
	return doc.save();
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
		'scanned-text.pdf': await makeScannedTextPdf(),
		'form-rotated.pdf': await makeFormRotatedPdf(),
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
