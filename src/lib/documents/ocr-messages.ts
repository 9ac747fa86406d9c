/**
 * What each error of text recognition (OCR) means and what to do next. To be wired into the
 * i18n layer next to documentMessages.
 */
type P = Record<string, string | number>;

const en = {
	'documents.ocrFailed': (p: P) =>
		`Text recognition could not run on “${p.name}”: its engine or language data did not load, or a page could not be drawn. Reload the page and try again; if it keeps failing, ask IT to check that the app's /ocr/ files are served.`,
	'documents.ocrNoText': (p: P) =>
		`Text recognition found no text on the ${p.pages} ${p.pages === 1 ? 'page' : 'pages'} of “${p.name}”. Check that the scan is of printed text, upright and sharp, then scan it again if needed.`
};

const de: typeof en = {
	'documents.ocrFailed': (p: P) =>
		`Die Texterkennung konnte für „${p.name}“ nicht ausgeführt werden: Die Erkennungssoftware oder ihre Sprachdaten wurden nicht geladen, oder eine Seite konnte nicht dargestellt werden. Laden Sie die Seite neu und versuchen Sie es erneut; scheitert es weiterhin, bitten Sie die IT zu prüfen, ob die Dateien unter /ocr/ ausgeliefert werden.`,
	'documents.ocrNoText': (p: P) =>
		`Die Texterkennung hat auf ${p.pages === 1 ? 'der einen Seite' : `den ${p.pages} Seiten`} von „${p.name}“ keinen Text gefunden. Prüfen Sie, ob der Scan gedruckten Text zeigt, aufrecht und scharf ist, und scannen Sie ihn gegebenenfalls erneut.`
};

/** User-facing text for every error code of ocrPdf, in each UI language. */
export const ocrMessages = { en, de };

export type OcrErrorCode = keyof typeof en;
