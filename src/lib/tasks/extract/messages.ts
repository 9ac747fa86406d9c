/**
 * What each extraction error code and result status means for a clinician or researcher, and
 * what to do next. Wired into the i18n layer next to the engine's messages.
 */
import type { ExtractionStatus } from './pipeline';

type P = Record<string, string | number>;

const en = {
	'extract.emptyDocument': () =>
		'This document contains no text to extract from. If it is a scanned PDF without a text layer, run text recognition (OCR) on it and import it again.',
	'extract.tooLong': (p: P) =>
		`The template and the model's answer need about ${p.tokens} tokens, more than this model can read at once (${p.max} tokens). Choose a model with a larger context window, or shorten the template: fewer fields, shorter instructions or worked examples.`,
	'extract.schemaInvalid': (p: P) =>
		`The template's field definition cannot be used (${p.reason}). Correct it in the template editor and try again.`,
	'extract.templateInvalid': (p: P) =>
		`The template file ${p.name} cannot be used (${p.reason}). Check that it is a template exported from Enclave, or correct its JSON.`,
	'extract.templateMissing': () =>
		'The template of this extraction no longer exists, so the job was stopped. Start a new extraction with an existing template.',
	'extract.documentMissing': () =>
		'The document was deleted before it could be processed. It is listed as failed; the other documents are not affected.'
};

const de: typeof en = {
	'extract.emptyDocument': () =>
		'Dieses Dokument enthält keinen Text, aus dem extrahiert werden kann. Handelt es sich um ein eingescanntes PDF ohne Textebene, führen Sie zuerst eine Texterkennung (OCR) durch und importieren Sie es erneut.',
	'extract.tooLong': (p: P) =>
		`Vorlage und Antwort des Modells benötigen etwa ${p.tokens} Tokens, mehr als dieses Modell auf einmal lesen kann (${p.max} Tokens). Wählen Sie ein Modell mit größerem Kontextfenster oder kürzen Sie die Vorlage: weniger Felder, kürzere Anweisungen oder Beispiele.`,
	'extract.schemaInvalid': (p: P) =>
		`Die Felddefinition der Vorlage ist nicht verwendbar (${p.reason}). Korrigieren Sie sie im Vorlagen-Editor und versuchen Sie es erneut.`,
	'extract.templateInvalid': (p: P) =>
		`Die Vorlagendatei ${p.name} ist nicht verwendbar (${p.reason}). Prüfen Sie, ob es sich um eine aus Enclave exportierte Vorlage handelt, oder korrigieren Sie ihr JSON.`,
	'extract.templateMissing': () =>
		'Die Vorlage dieser Extraktion existiert nicht mehr, deshalb wurde der Auftrag beendet. Starten Sie eine neue Extraktion mit einer vorhandenen Vorlage.',
	'extract.documentMissing': () =>
		'Das Dokument wurde gelöscht, bevor es verarbeitet werden konnte. Es wird als fehlgeschlagen geführt; die übrigen Dokumente sind nicht betroffen.'
};

export const extractMessages = { en, de };

export type ExtractErrorCode = keyof typeof en;

export const statusLabels: Record<'en' | 'de', Record<ExtractionStatus, string>> = {
	en: {
		ok: 'Verified',
		unverified: 'Check quotes',
		incomplete: 'Incomplete',
		invalid: 'Invalid answer',
		failed: 'Failed',
		cancelled: 'Cancelled'
	},
	de: {
		ok: 'Belegt',
		unverified: 'Belege prüfen',
		incomplete: 'Unvollständig',
		invalid: 'Ungültige Antwort',
		failed: 'Fehlgeschlagen',
		cancelled: 'Abgebrochen'
	}
};

/** One sentence per status, for a tooltip or the result's detail view. */
export const statusDescriptions: Record<'en' | 'de', Record<ExtractionStatus, string>> = {
	en: {
		ok: 'Every value was found word for word in the document.',
		unverified:
			'Some values could not be found in the document and may be invented: check the fields marked as not found.',
		incomplete:
			'The answer was cut off at its length limit, so values are missing. Try a template with fewer fields or a model with a larger context window.',
		invalid:
			'The model did not answer in the form the template asks for. Values shown may be incomplete; try again or use a larger model.',
		failed: 'The model failed on this document. See the error for what to do, then retry.',
		cancelled: 'Stopped before the end. Values from the parts read so far are kept.'
	},
	de: {
		ok: 'Alle Werte wurden wörtlich im Dokument gefunden.',
		unverified:
			'Einige Werte wurden im Dokument nicht gefunden und könnten erfunden sein: Prüfen Sie die als nicht gefunden markierten Felder.',
		incomplete:
			'Die Antwort wurde an ihrer Längengrenze abgeschnitten, daher fehlen Werte. Versuchen Sie eine Vorlage mit weniger Feldern oder ein Modell mit größerem Kontextfenster.',
		invalid:
			'Das Modell hat nicht in der von der Vorlage verlangten Form geantwortet. Die angezeigten Werte können unvollständig sein; versuchen Sie es erneut oder verwenden Sie ein größeres Modell.',
		failed:
			'Das Modell ist bei diesem Dokument gescheitert. Die Fehlermeldung sagt, was zu tun ist; danach erneut versuchen.',
		cancelled: 'Vor dem Ende angehalten. Werte aus den bis dahin gelesenen Teilen bleiben erhalten.'
	}
};
