/**
 * What each error of PDF redaction means for a clinician or researcher and what to do next.
 * To be wired into the i18n layer next to the other tasks' messages.
 */
import type { PdfLeakReason } from './redact-pdf';

type P = Record<string, string | number>;

const leakEn: Record<PdfLeakReason, (page: string | number | undefined) => string> = {
	uncovered: (page) =>
		`on page ${page}, removed text would still be readable in the picture of the page (it is not under a black box)`,
	formField: (page) => `on page ${page}, a form field or comment still shows removed text`,
	textLayer: (page) => `the searchable text of page ${page} still contains removed text`,
	structure: () => 'the new file still contained form fields, comments, attachments or metadata'
};

const leakDe: typeof leakEn = {
	uncovered: (page) =>
		`auf Seite ${page} wäre entfernter Text im Bild der Seite noch lesbar (er liegt unter keinem schwarzen Balken)`,
	formField: (page) =>
		`auf Seite ${page} zeigt ein Formularfeld oder Kommentar noch entfernten Text`,
	textLayer: (page) => `der durchsuchbare Text von Seite ${page} enthält noch entfernten Text`,
	structure: () => 'die neue Datei enthielt noch Formularfelder, Kommentare, Anhänge oder Metadaten'
};

const reason = (p: P) =>
	(p.reason as PdfLeakReason) in leakEn ? (p.reason as PdfLeakReason) : 'uncovered';

const en = {
	'deid.pdfLeak': (p: P) =>
		`The redacted PDF was not saved: ${leakEn[reason(p)](p.page)}. Draw a black box over that place by hand, or mark the text as patient data, and export again.`,
	'deid.pdfPassword': () =>
		'This PDF is protected by a password. Enter the password to make a redacted copy.',
	'deid.pdfPasswordWrong': () =>
		'The password for this PDF is not correct. Check the spelling and Caps Lock, then try again.',
	'deid.pdfUnreadable': () =>
		'This PDF could not be read to make a redacted copy: the stored file is damaged. Import the original file again.'
};

const de: typeof en = {
	'deid.pdfLeak': (p: P) =>
		`Das geschwärzte PDF wurde nicht gespeichert: ${leakDe[reason(p)](p.page)}. Ziehen Sie dort von Hand einen schwarzen Balken auf oder markieren Sie den Text als Patientendaten und exportieren Sie erneut.`,
	'deid.pdfPassword': () =>
		'Dieses PDF ist durch ein Passwort geschützt. Bitte geben Sie das Passwort ein, um eine geschwärzte Kopie zu erstellen.',
	'deid.pdfPasswordWrong': () =>
		'Das Passwort für dieses PDF ist nicht korrekt. Prüfen Sie die Schreibweise und die Feststelltaste und versuchen Sie es erneut.',
	'deid.pdfUnreadable': () =>
		'Dieses PDF konnte für eine geschwärzte Kopie nicht gelesen werden: Die gespeicherte Datei ist beschädigt. Importieren Sie die Originaldatei erneut.'
};

/** User-facing text for every error code of redactPdf, in each UI language. */
export const deidPdfMessages = { en, de };

export type DeidPdfErrorCode = keyof typeof en;
