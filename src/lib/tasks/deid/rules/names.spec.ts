import { describe, expect, it } from 'vitest';
import type { Lang } from '../types';
import { findNames } from './names';

/** [text, type] per position found, without the repeats of a name found elsewhere. */
function names(text: string, lang: Lang) {
	const seen = new Set<string>();
	return findNames(text, lang)
		.filter((h) => h.rule !== 'name-repeat' && h.rule !== 'given-name')
		.sort((a, b) => a.start - b.start)
		.filter((h) => {
			const key = `${h.start}:${h.end}`;
			if (seen.has(key)) return false;
			seen.add(key);
			return true;
		})
		.map((h) => [text.slice(h.start, h.end), h.type]);
}

describe('findNames: titles and salutations', () => {
	it('types names after doctors as clinicians and the titles as titles', () => {
		expect(
			names(
				'Herrn Dr. med. Tobias Öhler; Prof. Dr. Anna Schmidt; PD Dr. Klaus Meier; OA Dr. Klausner; Dr  med. L. Rombach',
				'de'
			)
		).toEqual([
			['Herrn', 'name_title'],
			['Dr. med.', 'name_title'],
			['Tobias Öhler', 'name_clinician'],
			['Prof. Dr.', 'name_title'],
			['Anna Schmidt', 'name_clinician'],
			['PD Dr.', 'name_title'],
			['Klaus Meier', 'name_clinician'],
			['OA Dr.', 'name_title'],
			['Klausner', 'name_clinician'],
			['Dr  med.', 'name_title'],
			['L. Rombach', 'name_clinician']
		]);
	});

	it('types names after a salutation as the patient, after a relative as a relative', () => {
		expect(
			names(
				'Frau de Beauharnais kam mit ihrer Tochter Frau Anna Weber. Mr. Smith and Mrs. Jones.',
				'de'
			)
		).toEqual([
			['Frau', 'name_title'],
			['de Beauharnais', 'name_patient'],
			['Frau', 'name_title'],
			['Anna Weber', 'name_relative'],
			['Mr.', 'name_title'],
			['Smith', 'name_patient'],
			['Mrs.', 'name_title'],
			['Jones', 'name_patient']
		]);
	});

	it('reads "Frau Kollegin Weigel" as a colleague and skips salutations without a name', () => {
		expect(names('Sehr geehrte Frau Kollegin Weigel, sehr geehrter Herr Kollege,', 'de')).toEqual([
			['Frau', 'name_title'],
			['Weigel', 'name_clinician']
		]);
	});

	it('reads the name on the line after "Herrn" in an address', () => {
		expect(names('Herrn\nHelge Klabauter\nUrologe', 'de')).toEqual(
			expect.arrayContaining([['Helge Klabauter', 'name_patient']])
		);
	});

	it('handles lower- and upper-case nursing notes', () => {
		expect(
			names(
				'dr. ridlon aware. DR LAVELY NOTIFED. MR LOMISH HAD AN IMPROVED DAY. Dr.Sawtelle saw pt.',
				'en'
			)
		).toEqual([
			['dr.', 'name_title'],
			['ridlon', 'name_clinician'],
			['DR', 'name_title'],
			['LAVELY', 'name_clinician'],
			['MR', 'name_title'],
			['LOMISH', 'name_patient'],
			['Dr.', 'name_title'],
			['Sawtelle', 'name_clinician']
		]);
	});

	it('does not take clinical abbreviations for titles', () => {
		expect(
			names('MILD MR NOTED. monitor ms. safety precautions. Mag. Citrate given.', 'en')
		).toEqual([]);
		expect(names('MR Becken: Ausgedehnte Raumforderung', 'de')).toEqual([]);
	});
});

describe('findNames: other announcements', () => {
	it('finds names after labels and before birth dates', () => {
		expect(
			names(
				'Betr.: Asger Baastrup, geb. 5.7.54\nPatient: Kawasaki, Mitsou\nClausthal, Marie geb. am 1.10.1975\nRecklinghausen * 23.11.1979',
				'de'
			)
		).toEqual([
			['Asger Baastrup', 'name_patient'],
			['Kawasaki, Mitsou', 'name_patient'],
			['Clausthal, Marie', 'name_patient'],
			['Recklinghausen', 'name_patient']
		]);
	});

	it('finds "Patientin M. Zezelj" but not "Patientin Schmerzen"', () => {
		expect(names('unsere Patientin M. Zezelj. Die Patientin Schmerzen hatte.', 'de')).toEqual([
			['M. Zezelj', 'name_patient']
		]);
	});

	it('finds relatives by a word for them', () => {
		expect(names("his wife, Carol Buckley; daughter peggy; SON ROB; pt's son Nick", 'en')).toEqual([
			['Carol Buckley', 'name_relative'],
			['peggy', 'name_relative'],
			['ROB', 'name_relative'],
			['Nick', 'name_relative']
		]);
		// German capitalises nouns: only a known given name counts.
		expect(names('Tante Glaukom, Sohn Jakob', 'de')).toEqual([['Jakob', 'name_relative']]);
	});

	it('finds signatures after the closing and above a job title', () => {
		expect(
			names(
				'Mit freundlichen Grüßen\n\nProf. Dr. K. Stargardt \tL. Kemmerling\n\nIda Fuß, Dr. med.\n\nKaroline Jochum\nStationsärztin',
				'de'
			)
		).toEqual(
			expect.arrayContaining([
				['K. Stargardt', 'name_clinician'],
				['L. Kemmerling', 'name_clinician'],
				['Ida Fuß', 'name_clinician'],
				['Karoline Jochum', 'name_clinician']
			])
		);
		expect(names('Urologische Abteilung\nChefarzt: Dr. X', 'de')).not.toContainEqual([
			'Urologische Abteilung',
			'name_clinician'
		]);
	});

	it('finds staff by credential, role and initial', () => {
		expect(
			names(
				'Maria Silva, RN. irene snell, rn. NP grace made aware. E. WELSH AWARE. E. COLI in urine.',
				'en'
			)
		).toEqual([
			['Maria Silva', 'name_clinician'],
			['irene snell', 'name_clinician'],
			['grace', 'name_clinician'],
			['E. WELSH', 'name_clinician']
		]);
	});
});

describe('findNames: repeats and given names', () => {
	it('finds a surname again, also in the genitive, but not lower-case words or common nouns', () => {
		const text =
			'Frau Albers kam. Albers konnte gehen. Albers’ Befund und Albersche; Dr. Leber sah die Leber.';
		const at = (word: string) =>
			new Set(
				findNames(text, 'de')
					.filter((h) => text.slice(h.start, h.end) === word)
					.map((h) => h.start)
			);
		expect(at('Albers')).toEqual(new Set([5, 17, 38]));
		// "Leber" is a surname here but mostly the liver: found after the title only.
		expect(at('Leber')).toEqual(new Set([text.indexOf('Leber')]));
	});

	it('finds common given names with a surname as names of unclear role', () => {
		const text = 'Gestern rief Katharina Blumauer an. Jan 2018 kein Befund.';
		const found = findNames(text, 'de').map((h) => [text.slice(h.start, h.end), h.type]);
		expect(found).toEqual([['Katharina Blumauer', 'name_other']]);
	});

	it('finds nothing in text without names', () => {
		expect(findNames('', 'de')).toEqual([]);
		expect(findNames('Der Befund ist unauffällig. RR 120/80 mmHg.', 'de')).toEqual([]);
		expect(findNames('PT AWARE OF PLAN. NEURO: ALERT AND ORIENTED.', 'en')).toEqual([]);
	});
});
