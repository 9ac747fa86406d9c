import type { IntakeErrorCode } from './intake-errors';

type Params = Record<string, string | number>;
type Msg = (p: Params) => string;

const number = (locale: string, value: string | number | undefined) =>
	typeof value === 'number'
		? new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value)
		: String(value ?? '');

const en = {
	'intake.unsupported': (p) =>
		`“${p.name}” cannot be opened: ${p.ext ? `${p.ext} files are` : 'files without an extension are'} not supported. Use a PDF, a Word document (.docx) or a text file (.txt).`,
	'intake.empty': (p) =>
		`“${p.name}” is empty (0 bytes). Check that you picked the right file, or save the document again and retry.`,
	'intake.tooLarge': (p) =>
		`“${p.name}” is ${number('en', p.sizeMb)} MB, more than the limit of ${number('en', p.limitMb)} MB. Split the document or remove scanned images from it, then try again.`,
	'intake.binary': (p) =>
		`“${p.name}” is not a text file, even though its name says so. Open it in the program that created it and save or export it as PDF, Word document (.docx) or plain text.`,
	'intake.noText': (p) => `“${p.name}” contains no text. Check that you picked the right file.`,
	'intake.pdfPassword': (p) =>
		`“${p.name}” is protected by a password. Enter the password to open it.`,
	'intake.pdfPasswordWrong': (p) =>
		`The password for “${p.name}” is not correct. Check the spelling and Caps Lock, then try again.`,
	'intake.pdfNoText': (p) =>
		`“${p.name}” has ${p.pages} ${p.pages === 1 ? 'page' : 'pages'} but no text layer; it looks like a scan or a photo. Run text recognition (OCR) on it, e.g. in the scanner software or in Acrobat, or save the original document as PDF again.`,
	'intake.pdfCorrupt': (p) =>
		`“${p.name}” could not be read as a PDF: the file is damaged or incomplete. Open it in a PDF viewer to check, then save or export it again.`,
	'intake.docxCorrupt': (p) =>
		`“${p.name}” could not be read as a Word document: the file is damaged or not a real .docx. Open it in Word and save it again as .docx.`,
	'intake.docxProtected': (p) =>
		`“${p.name}” is password-protected or in the old Word format (.doc). Open it in Word, remove the password if there is one, and save it as .docx.`
} satisfies Record<IntakeErrorCode, Msg>;

const de: typeof en = {
	'intake.unsupported': (p) =>
		`„${p.name}“ kann nicht geöffnet werden: ${p.ext ? `Dateien vom Typ ${p.ext}` : 'Dateien ohne Endung'} werden nicht unterstützt. Bitte verwenden Sie eine PDF-Datei, ein Word-Dokument (.docx) oder eine Textdatei (.txt).`,
	'intake.empty': (p) =>
		`„${p.name}“ ist leer (0 Byte). Prüfen Sie, ob Sie die richtige Datei gewählt haben, oder speichern Sie das Dokument erneut und versuchen Sie es noch einmal.`,
	'intake.tooLarge': (p) =>
		`„${p.name}“ ist ${number('de', p.sizeMb)} MB groß und überschreitet die Grenze von ${number('de', p.limitMb)} MB. Teilen Sie das Dokument auf oder entfernen Sie eingescannte Bilder daraus und versuchen Sie es erneut.`,
	'intake.binary': (p) =>
		`„${p.name}“ ist keine Textdatei, obwohl der Name das nahelegt. Öffnen Sie die Datei in dem Programm, mit dem sie erstellt wurde, und speichern bzw. exportieren Sie sie als PDF, Word-Dokument (.docx) oder reinen Text.`,
	'intake.noText': (p) =>
		`„${p.name}“ enthält keinen Text. Prüfen Sie, ob Sie die richtige Datei gewählt haben.`,
	'intake.pdfPassword': (p) =>
		`„${p.name}“ ist durch ein Passwort geschützt. Bitte geben Sie das Passwort ein, um die Datei zu öffnen.`,
	'intake.pdfPasswordWrong': (p) =>
		`Das Passwort für „${p.name}“ ist nicht korrekt. Prüfen Sie die Schreibweise und die Feststelltaste und versuchen Sie es erneut.`,
	'intake.pdfNoText': (p) =>
		`„${p.name}“ hat ${p.pages} ${p.pages === 1 ? 'Seite' : 'Seiten'}, aber keine Textebene – vermutlich ein Scan oder ein Foto. Lassen Sie eine Texterkennung (OCR) laufen, z. B. in der Scan-Software oder in Acrobat, oder speichern Sie das Originaldokument erneut als PDF.`,
	'intake.pdfCorrupt': (p) =>
		`„${p.name}“ konnte nicht als PDF gelesen werden: Die Datei ist beschädigt oder unvollständig. Öffnen Sie sie zur Kontrolle in einem PDF-Betrachter und speichern bzw. exportieren Sie sie erneut.`,
	'intake.docxCorrupt': (p) =>
		`„${p.name}“ konnte nicht als Word-Dokument gelesen werden: Die Datei ist beschädigt oder kein echtes .docx. Öffnen Sie sie in Word und speichern Sie sie erneut als .docx.`,
	'intake.docxProtected': (p) =>
		`„${p.name}“ ist passwortgeschützt oder im alten Word-Format (.doc). Öffnen Sie die Datei in Word, entfernen Sie gegebenenfalls das Passwort und speichern Sie sie als .docx.`
};

/** User-facing text for every intake error code, in each UI language. */
export const documentMessages = { en, de };

export type DocumentMessageKey = keyof typeof en;
