/**
 * What each de-identification error code means for a clinician or researcher and what to do
 * next, and the names the UI shows for types, policy actions and verdicts. The error codes are
 * wired into the i18n layer next to the other tasks' messages.
 */
import type { Lang, LeakVerdict, PhiType, PolicyAction } from './types';

type P = Record<string, string | number>;

const en = {
	'deid.emptyDocument': () =>
		'This document contains no text to de-identify. If it is a scanned PDF without a text layer, run text recognition (OCR) on it and import it again.',
	'deid.tooLong': (p: P) =>
		`The instructions for finding patient data and the model's answer need about ${p.tokens} tokens, more than this model can read at once (${p.max} tokens). Choose a model with a larger context window, or de-identify with the rules alone.`,
	'deid.exportFail': (p: P) =>
		`${p.n === 1 ? 'One document still contains' : `${p.n} documents still contain`} patient data that was meant to be removed. Review ${p.n === 1 ? 'it' : 'them'} and mark what was missed, or confirm that you want to export anyway.`,
	'deid.noPdf': () =>
		'A redacted PDF can only be made from a document imported as a PDF. Export this document as text or JSON instead.',
	'deid.knownCsvNoDocument': () =>
		'The list has no “document” column, so its values cannot be matched to documents. Add a first column “document” with each document’s name as shown in Enclave, and one column per value.'
};

const de: typeof en = {
	'deid.emptyDocument': () =>
		'Dieses Dokument enthält keinen Text, der anonymisiert werden kann. Handelt es sich um ein eingescanntes PDF ohne Textebene, führen Sie zuerst eine Texterkennung (OCR) durch und importieren Sie es erneut.',
	'deid.tooLong': (p: P) =>
		`Die Anweisungen zum Finden von Patientendaten und die Antwort des Modells benötigen etwa ${p.tokens} Tokens, mehr als dieses Modell auf einmal lesen kann (${p.max} Tokens). Wählen Sie ein Modell mit größerem Kontextfenster oder anonymisieren Sie nur mit den Regeln.`,
	'deid.exportFail': (p: P) =>
		`${p.n === 1 ? 'Ein Dokument enthält' : `${p.n} Dokumente enthalten`} noch Patientendaten, die entfernt werden sollten. Prüfen Sie ${p.n === 1 ? 'es' : 'sie'} und markieren Sie, was übersehen wurde, oder bestätigen Sie, dass Sie trotzdem exportieren möchten.`,
	'deid.noPdf': () =>
		'Ein geschwärztes PDF lässt sich nur aus einem als PDF importierten Dokument erstellen. Exportieren Sie dieses Dokument stattdessen als Text oder JSON.',
	'deid.knownCsvNoDocument': () =>
		'Die Liste hat keine Spalte „document“, daher lassen sich ihre Werte keinen Dokumenten zuordnen. Ergänzen Sie eine erste Spalte „document“ mit dem Namen jedes Dokuments, wie Enclave ihn zeigt, und je eine Spalte pro Wert.'
};

export const deidMessages = { en, de };

export type DeidErrorCode = keyof typeof en;

const typeLabels: Record<Lang, Record<PhiType, string>> = {
	en: {
		name_patient: 'Patient name',
		name_relative: 'Relative’s name',
		name_clinician: 'Clinician’s name',
		name_other: 'Other name',
		name_title: 'Title',
		date_birth: 'Date of birth',
		date_admission: 'Admission date',
		date_discharge: 'Discharge date',
		date: 'Other date',
		age: 'Age',
		id: 'Identifier',
		phone: 'Phone or fax',
		email: 'E-mail',
		url: 'Web address',
		street: 'Street',
		postal_code: 'Postal code',
		city: 'City',
		country: 'Country',
		institution: 'Institution',
		department: 'Department',
		profession: 'Profession'
	},
	de: {
		name_patient: 'Name Patient(in)',
		name_relative: 'Name Angehörige(r)',
		name_clinician: 'Name Behandelnde(r)',
		name_other: 'Name andere Person',
		name_title: 'Titel',
		date_birth: 'Geburtsdatum',
		date_admission: 'Aufnahmedatum',
		date_discharge: 'Entlassdatum',
		date: 'Anderes Datum',
		age: 'Alter',
		id: 'Kennnummer',
		phone: 'Telefon oder Fax',
		email: 'E-Mail',
		url: 'Internetadresse',
		street: 'Straße',
		postal_code: 'Postleitzahl',
		city: 'Ort',
		country: 'Land',
		institution: 'Einrichtung',
		department: 'Abteilung',
		profession: 'Beruf'
	}
};

const actionLabels: Record<Lang, Record<PolicyAction, string>> = {
	en: {
		remove: 'Remove',
		mask: 'Mask ([NAME])',
		tag: 'Numbered tag ([PATIENT_1])',
		surrogate: 'Realistic substitute (dates shifted)',
		generalise: 'Generalise (year, 90+, region)',
		keep: 'Keep'
	},
	de: {
		remove: 'Entfernen',
		mask: 'Maskieren ([NAME])',
		tag: 'Nummerierter Platzhalter ([PATIENT_1])',
		surrogate: 'Realistischer Ersatz (Daten verschoben)',
		generalise: 'Vergröbern (Jahr, 90+, Region)',
		keep: 'Beibehalten'
	}
};

/** One sentence per action, for a tooltip next to the policy's choices. */
const actionDescriptions: Record<Lang, Record<PolicyAction, string>> = {
	en: {
		remove: 'The text is deleted; the sentence closes up around it.',
		mask: 'The text is replaced by its kind in brackets, the same for every occurrence.',
		tag: 'The text is replaced by a numbered tag: the same person or value gets the same tag in every document of the batch.',
		surrogate:
			'The text is replaced by an invented one of the same form: names from a list, numbers with the same digits pattern, dates moved by one offset so that intervals stay.',
		generalise:
			'The text is made coarser: a date becomes its year, an age of 90 or more becomes 90+, a postal code keeps only its region. What cannot be made coarser is masked.',
		keep: 'The text stays as it is.'
	},
	de: {
		remove: 'Die Textstelle wird gelöscht; der Satz schließt sich darum.',
		mask: 'Die Textstelle wird durch ihre Art in Klammern ersetzt, bei jedem Vorkommen gleich.',
		tag: 'Die Textstelle wird durch einen nummerierten Platzhalter ersetzt: Dieselbe Person oder derselbe Wert erhält in allen Dokumenten des Auftrags denselben Platzhalter.',
		surrogate:
			'Die Textstelle wird durch eine erfundene derselben Form ersetzt: Namen aus einer Liste, Nummern mit demselben Ziffernmuster, Daten um einen festen Abstand verschoben, sodass Zeitabstände erhalten bleiben.',
		generalise:
			'Die Textstelle wird vergröbert: Ein Datum wird zum Jahr, ein Alter ab 90 zu 90+, eine Postleitzahl behält nur ihre Region. Was sich nicht vergröbern lässt, wird maskiert.',
		keep: 'Die Textstelle bleibt unverändert.'
	}
};

const verdictLabels: Record<Lang, Record<LeakVerdict, string>> = {
	en: { PASS: 'Passed', REVIEW: 'Check', FAIL: 'Patient data left' },
	de: { PASS: 'Bestanden', REVIEW: 'Prüfen', FAIL: 'Patientendaten übrig' }
};

/** One sentence per verdict, for the result's detail view. */
const verdictDescriptions: Record<Lang, Record<LeakVerdict, string>> = {
	en: {
		PASS: 'A second check of the output found no patient data. A check cannot prove absence: read the output before sharing it.',
		REVIEW:
			'The output contains text that looks like patient data (a name, a date, a number). Check the marked places and add what was missed.',
		FAIL: 'The output still contains patient data that was meant to be removed, or a known identifier. Mark the places shown and run the check again.'
	},
	de: {
		PASS: 'Eine zweite Prüfung der Ausgabe hat keine Patientendaten gefunden. Eine Prüfung kann das nicht beweisen: Lesen Sie die Ausgabe, bevor Sie sie weitergeben.',
		REVIEW:
			'Die Ausgabe enthält Text, der wie Patientendaten aussieht (ein Name, ein Datum, eine Nummer). Prüfen Sie die markierten Stellen und ergänzen Sie, was übersehen wurde.',
		FAIL: 'Die Ausgabe enthält noch Patientendaten, die entfernt werden sollten, oder eine bekannte Kennung. Markieren Sie die gezeigten Stellen und prüfen Sie erneut.'
	}
};

export interface DeidLabels {
	types: Record<PhiType, string>;
	actions: Record<PolicyAction, string>;
	actionDescriptions: Record<PolicyAction, string>;
	verdicts: Record<LeakVerdict, string>;
	verdictDescriptions: Record<LeakVerdict, string>;
}

export const deidLabels: Record<Lang, DeidLabels> = {
	en: {
		types: typeLabels.en,
		actions: actionLabels.en,
		actionDescriptions: actionDescriptions.en,
		verdicts: verdictLabels.en,
		verdictDescriptions: verdictDescriptions.en
	},
	de: {
		types: typeLabels.de,
		actions: actionLabels.de,
		actionDescriptions: actionDescriptions.de,
		verdicts: verdictLabels.de,
		verdictDescriptions: verdictDescriptions.de
	}
};
