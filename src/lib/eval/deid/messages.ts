type P = Record<string, string | number>;

/**
 * Messages for the de-identification gold standard's errors: they name the file and the line (or
 * the annotation's id), never the text of the document.
 */
const en = {
	'evalDeid.emptyFile': (p: P) => `“${p.file}” is empty.`,
	'evalDeid.badJson': (p: P) => `“${p.file}” is not valid JSON (near line ${p.line}).`,
	'evalDeid.notCas': (p: P) =>
		`“${p.file}” is not an INCEpTION export in UIMA CAS JSON: it has no feature structures with a text (uima.cas.Sofa). Export the documents as “UIMA CAS JSON”.`,
	'evalDeid.badJsonLine': (p: P) => `“${p.file}”, line ${p.line}: ${p.reason}.`,
	'evalDeid.badAnnLine': (p: P) =>
		`“${p.file}”, line ${p.line} is not a BRAT text annotation: ${p.reason}.`,
	'evalDeid.badSpan': (p: P) =>
		`“${p.file}”, ${p.line !== undefined ? `line ${p.line}` : `annotation ${p.item}`}: the span ${p.start}–${p.end} lies outside the text (${p.length} characters). Is it the text this annotation file belongs to?`,
	'evalDeid.spanTextMismatch': (p: P) =>
		`“${p.file}”, line ${p.line}: the annotated text differs from the text at these positions. Is it the text this annotation file belongs to, unchanged?`,
	'evalDeid.badMapping': (p: P) =>
		`The label “${p.label}” is mapped to “${p.type}”, which is not a type Enclave knows. Use one of: ${p.types}, or none.`,
	'evalDeid.missingText': (p: P) =>
		`“${p.file}” has no text file next to it (expected “${p.expected}”).`,
	'evalDeid.unsupportedFormat': (p: P) =>
		`“${p.file}” is not a gold standard Enclave reads. Use UIMA CAS JSON (.json), BRAT (.txt with .ann) or JSON Lines (.jsonl).`,
	'evalDeid.noDocuments': (p: P) =>
		`“${p.folder}” has no gold standard files (.json, .jsonl, or .txt with .ann).`
};

const de: typeof en = {
	'evalDeid.emptyFile': (p: P) => `„${p.file}“ ist leer.`,
	'evalDeid.badJson': (p: P) => `„${p.file}“ ist kein gültiges JSON (bei Zeile ${p.line}).`,
	'evalDeid.notCas': (p: P) =>
		`„${p.file}“ ist kein INCEpTION-Export im Format UIMA CAS JSON: Es enthält keine Feature-Structures mit einem Text (uima.cas.Sofa). Exportieren Sie die Dokumente als „UIMA CAS JSON“.`,
	'evalDeid.badJsonLine': (p: P) => `„${p.file}“, Zeile ${p.line}: ${p.reason}.`,
	'evalDeid.badAnnLine': (p: P) =>
		`„${p.file}“, Zeile ${p.line} ist keine BRAT-Textannotation: ${p.reason}.`,
	'evalDeid.badSpan': (p: P) =>
		`„${p.file}“, ${p.line !== undefined ? `Zeile ${p.line}` : `Annotation ${p.item}`}: Der Abschnitt ${p.start}–${p.end} liegt außerhalb des Textes (${p.length} Zeichen). Gehört die Annotationsdatei zu diesem Text?`,
	'evalDeid.spanTextMismatch': (p: P) =>
		`„${p.file}“, Zeile ${p.line}: Der annotierte Text weicht vom Text an dieser Stelle ab. Gehört die Annotationsdatei zu diesem Text, und ist er unverändert?`,
	'evalDeid.badMapping': (p: P) =>
		`Die Bezeichnung „${p.label}“ ist „${p.type}“ zugeordnet, einem Typ, den Enclave nicht kennt. Verwenden Sie einen von: ${p.types}, oder none.`,
	'evalDeid.missingText': (p: P) =>
		`Zu „${p.file}“ fehlt die Textdatei (erwartet: „${p.expected}“).`,
	'evalDeid.unsupportedFormat': (p: P) =>
		`„${p.file}“ ist kein Goldstandard, den Enclave lesen kann. Verwenden Sie UIMA CAS JSON (.json), BRAT (.txt mit .ann) oder JSON Lines (.jsonl).`,
	'evalDeid.noDocuments': (p: P) =>
		`„${p.folder}“ enthält keine Goldstandard-Dateien (.json, .jsonl oder .txt mit .ann).`
};

export const evalDeidMessages = { en, de };
