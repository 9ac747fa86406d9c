/**
 * PDF builders for tests, fixtures and the benchmark. All text is invented; no real patient data.
 * Dates are fixed so that the same call gives the same bytes (fixtures stay stable in git).
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';

const FIXED_DATE = new Date('2024-01-15T08:00:00Z');
const A4 = /** @type {[number, number]} */ ([595.28, 841.89]);
const MARGIN = 56;
const FONT_SIZE = 11;
const LINE_HEIGHT = 15;

/** The lines of `report-3pages.pdf`, one array per page. Helvetica's WinAnsi covers ä ö ü ß. */
export const REPORT_PAGES = [
	[
		'Klinik für Innere Medizin – Entlassungsbericht',
		'Patient: Max Mustermann, geb. 01.02.1960',
		'Diagnose: Ambulant erworbene Pneumonie rechts basal',
		'Discharge summary: community-acquired pneumonia, right lower lobe.'
	],
	[
		'Verlauf: Unter Ampicillin/Sulbactam rasche Besserung.',
		'Laborwerte: CRP 12 mg/l, Leukozyten 8,1 G/l, Kreatinin normal.',
		'Course: afebrile from day 3, oxygen weaned on day 4.'
	],
	[
		'Empfehlung: Röntgen-Kontrolle in 6 Wochen, Überweisung an den Hausarzt.',
		'Medikation: Ramipril 5 mg 1-0-0, Metoprolol 47,5 mg 1-0-1.',
		'Mit freundlichen Grüßen, Dr. med. Erika Beispiel'
	]
];

/**
 * @param {string[][]} pages lines of text per page
 * @returns {Promise<Uint8Array>}
 */
export async function makePdfFromLines(pages) {
	const doc = await PDFDocument.create();
	stampDates(doc);
	const font = await doc.embedFont(StandardFonts.Helvetica);
	for (const lines of pages) {
		const page = doc.addPage(A4);
		let y = A4[1] - MARGIN;
		for (const line of lines) {
			page.drawText(line, { x: MARGIN, y, size: FONT_SIZE, font });
			y -= LINE_HEIGHT;
		}
	}
	return doc.save();
}

/** The three-page German/English discharge summary used by the unit tests. */
export function makeReportPdf() {
	return makePdfFromLines(REPORT_PAGES);
}

const SENTENCES = [
	'Der Patient stellte sich mit zunehmender Belastungsdyspnoe vor.',
	'Auskultatorisch feinblasige Rasselgeräusche beidseits basal.',
	'Im Röntgen-Thorax zeigte sich eine mäßige pulmonalvenöse Stauung.',
	'Echokardiographisch eingeschränkte linksventrikuläre Funktion, EF 35 %.',
	'Unter Diuretika rückläufige Ödeme, Gewichtsabnahme um 3 kg.',
	'The patient was mobilised and discharged in stable condition.',
	'Weitere Betreuung durch den Hausarzt, Kontrolle der Elektrolyte in einer Woche.'
];

/**
 * A text PDF of `pages` A4 pages with about 40 lines each, for the intake benchmark.
 * @param {number} pages
 * @returns {Promise<Uint8Array>}
 */
export function makeTextPdf(pages) {
	const linesPerPage = 40;
	/** @type {string[][]} */
	const content = [];
	for (let p = 0; p < pages; p++) {
		const lines = [`Seite ${p + 1} von ${pages}`];
		for (let l = 1; l < linesPerPage; l++) {
			lines.push(`${l}. ${SENTENCES[(p + l) % SENTENCES.length]}`);
		}
		content.push(lines);
	}
	return makePdfFromLines(content);
}

/**
 * A one-page PDF holding only an image, like a scan without OCR.
 * @param {Uint8Array} png
 * @returns {Promise<Uint8Array>}
 */
export async function makeScannedPdf(png) {
	const doc = await PDFDocument.create();
	stampDates(doc);
	const image = await doc.embedPng(png);
	const page = doc.addPage(A4);
	page.drawImage(image, { x: MARGIN, y: MARGIN, width: A4[0] - 2 * MARGIN, height: 400 });
	return doc.save();
}

/**
 * A file that claims to be a PDF but holds no PDF structure.
 * @returns {Uint8Array}
 */
export function makeCorruptPdf() {
	const header = new TextEncoder().encode('%PDF-1.7\n');
	const garbage = pseudoRandomBytes(2048, 7).map((b) => (b === 0x0a ? 0x20 : b));
	const out = new Uint8Array(header.length + garbage.length);
	out.set(header);
	out.set(garbage, header.length);
	return out;
}

/**
 * Deterministic bytes (a small LCG), so fixtures are the same on every run.
 * @param {number} length
 * @param {number} seed
 * @returns {Uint8Array}
 */
export function pseudoRandomBytes(length, seed) {
	const out = new Uint8Array(length);
	let state = seed >>> 0;
	for (let i = 0; i < length; i++) {
		state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
		out[i] = state >>> 24;
	}
	return out;
}

/** @param {PDFDocument} doc */
function stampDates(doc) {
	doc.setCreationDate(FIXED_DATE);
	doc.setModificationDate(FIXED_DATE);
	doc.setProducer('enclave fixtures');
	doc.setCreator('enclave fixtures');
}
