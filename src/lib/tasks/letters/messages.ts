/**
 * What each letters error code, stop reason and template kind is called for a clinician, in
 * English and German. Wired into the i18n layer next to the other tasks' messages.
 */
import type { StopReason } from './pipeline';
import type { LetterKind, LetterLanguage } from './template';

type P = Record<string, string | number>;

const en = {
	'letters.noSources': () =>
		'There is no text to write from: choose at least one document that contains text. A scanned PDF without a text layer needs text recognition (OCR) first.',
	'letters.tooLong': (p: P) =>
		`The template's instructions and the answer need about ${p.tokens} tokens, so no part of the documents fits into what this model can read at once (${p.max} tokens). Choose a model with a larger context window, or shorten the template's instructions, examples or the length of the answer.`,
	'letters.tooManyParts': (p: P) =>
		`The documents are too long to summarise with this model: they would have to be read in ${p.parts} parts, more than the limit of ${p.max}. Choose fewer or shorter documents, or a model with a larger context window.`,
	'letters.notCondensed': () =>
		'The model’s summaries of the documents did not get shorter, so the letter cannot be written from them. Choose fewer documents, or a model with a larger context window.',
	'letters.summaryEmpty': (p: P) =>
		`The model returned an empty summary of “${p.label}”, so the letter would miss that part. Try again; if it happens again, choose a different model.`,
	'letters.emptyDraft': () =>
		'The model ended without writing anything. Try again; if it happens again, choose a different model or shorten the sources.',
	'letters.templateInvalid': (p: P) =>
		`The letter template ${p.name} cannot be used (${p.reason}). Correct it in the template editor, or check that the file is a template exported from Enclave.`,
	'letters.pairsColumnMissing': (p: P) =>
		`“${p.file}” has no column named “${p.column}”. Its columns are: ${p.columns}.`,
	'letters.pairsEmpty': (p: P) =>
		`“${p.file}” has no row with both a source text and a reference text in the chosen columns.`
};

const de: typeof en = {
	'letters.noSources': () =>
		'Es gibt keinen Text, aus dem geschrieben werden kann: Wählen Sie mindestens ein Dokument mit Text. Ein eingescanntes PDF ohne Textebene braucht zuerst eine Texterkennung (OCR).',
	'letters.tooLong': (p: P) =>
		`Anweisungen der Vorlage und Antwort benötigen etwa ${p.tokens} Tokens, daher passt kein Teil der Dokumente mehr in das, was dieses Modell auf einmal lesen kann (${p.max} Tokens). Wählen Sie ein Modell mit größerem Kontextfenster oder kürzen Sie Anweisungen, Beispiele oder die Länge der Antwort.`,
	'letters.tooManyParts': (p: P) =>
		`Die Dokumente sind zu lang, um sie mit diesem Modell zusammenzufassen: Sie müssten in ${p.parts} Teilen gelesen werden, mehr als die Grenze von ${p.max}. Wählen Sie weniger oder kürzere Dokumente oder ein Modell mit größerem Kontextfenster.`,
	'letters.notCondensed': () =>
		'Die Zusammenfassungen des Modells sind nicht kürzer geworden, daher kann der Brief nicht daraus geschrieben werden. Wählen Sie weniger Dokumente oder ein Modell mit größerem Kontextfenster.',
	'letters.summaryEmpty': (p: P) =>
		`Das Modell hat eine leere Zusammenfassung von „${p.label}“ geliefert; dieser Teil würde im Brief fehlen. Versuchen Sie es erneut; geschieht es wieder, wählen Sie ein anderes Modell.`,
	'letters.emptyDraft': () =>
		'Das Modell hat nichts geschrieben. Versuchen Sie es erneut; geschieht es wieder, wählen Sie ein anderes Modell oder kürzen Sie die Quellen.',
	'letters.templateInvalid': (p: P) =>
		`Die Briefvorlage ${p.name} ist nicht verwendbar (${p.reason}). Korrigieren Sie sie im Vorlagen-Editor oder prüfen Sie, ob die Datei eine aus Enclave exportierte Vorlage ist.`,
	'letters.pairsColumnMissing': (p: P) =>
		`„${p.file}“ hat keine Spalte namens „${p.column}“. Vorhandene Spalten: ${p.columns}.`,
	'letters.pairsEmpty': (p: P) =>
		`„${p.file}“ hat keine Zeile, die in den gewählten Spalten sowohl einen Quelltext als auch einen Referenztext enthält.`
};

export const lettersMessages = { en, de };

export type LettersErrorCode = keyof typeof en;

/** How a draft's generation ended, as a short label. */
export const stopReasonLabels: Record<LetterLanguage, Record<StopReason, string>> = {
	en: {
		done: 'Complete',
		length: 'Cut off at the length limit',
		repetition: 'Stopped: the model repeated itself',
		cancelled: 'Stopped',
		error: 'Failed'
	},
	de: {
		done: 'Vollständig',
		length: 'An der Längengrenze abgeschnitten',
		repetition: 'Angehalten: Das Modell hat sich wiederholt',
		cancelled: 'Angehalten',
		error: 'Fehlgeschlagen'
	}
};

/** One sentence per stop reason: what happened to the text and what to do. */
export const stopReasonDescriptions: Record<LetterLanguage, Record<StopReason, string>> = {
	en: {
		done: 'The model finished the text. Check it against the sources before you use it.',
		length:
			'The text reached the maximum answer length and ends mid-way. Allow a longer answer, or complete the text by hand.',
		repetition:
			'The model began to repeat the same text, so it was stopped and the repetition removed. The end of the text may be missing: complete it by hand or try again.',
		cancelled: 'You stopped the model. The text written so far is kept.',
		error:
			'The model failed while writing. The text written so far is kept; see the error for what to do.'
	},
	de: {
		done: 'Das Modell hat den Text fertiggestellt. Prüfen Sie ihn vor der Verwendung anhand der Quellen.',
		length:
			'Der Text hat die maximale Antwortlänge erreicht und bricht mittendrin ab. Erlauben Sie eine längere Antwort oder ergänzen Sie den Text von Hand.',
		repetition:
			'Das Modell hat begonnen, denselben Text zu wiederholen; es wurde angehalten und die Wiederholung entfernt. Das Ende des Textes kann fehlen: Ergänzen Sie es von Hand oder versuchen Sie es erneut.',
		cancelled: 'Sie haben das Modell angehalten. Der bis dahin geschriebene Text bleibt erhalten.',
		error:
			'Das Modell ist beim Schreiben gescheitert. Der bis dahin geschriebene Text bleibt erhalten; die Fehlermeldung sagt, was zu tun ist.'
	}
};

/** Template kinds as the user sees them, also used inside prompts ("Write the …"). */
export const letterKindNames: Record<LetterLanguage, Record<LetterKind, string>> = {
	en: {
		'physician-letter': 'physician letter',
		'discharge-summary': 'discharge summary',
		'radiology-report': 'radiology report',
		'tumor-board': 'tumor board summary',
		'patient-explanation': 'patient-friendly explanation'
	},
	de: {
		'physician-letter': 'Arztbrief',
		'discharge-summary': 'Entlassungsbericht',
		'radiology-report': 'radiologischer Befundbericht',
		'tumor-board': 'Tumorboard-Vorstellung',
		'patient-explanation': 'Erklärung für Patientinnen und Patienten'
	}
};

/** Progress stages of a long input (map, then reduce). */
export const progressLabels: Record<LetterLanguage, Record<'map' | 'reduce', string>> = {
	en: {
		map: 'Summarising the documents part by part',
		reduce: 'Writing from the summaries'
	},
	de: {
		map: 'Dokumente werden abschnittsweise zusammengefasst',
		reduce: 'Text wird aus den Zusammenfassungen geschrieben'
	}
};
