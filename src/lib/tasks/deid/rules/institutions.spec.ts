import { describe, expect, it } from 'vitest';
import { findInstitutions } from './institutions';

function institutions(text: string) {
	return findInstitutions(text, 'de')
		.sort((a, b) => a.start - b.start)
		.map((h) => [text.slice(h.start, h.end), h.type]);
}

describe('findInstitutions', () => {
	it('finds German hospitals, practices and departments', () => {
		expect(
			institutions(
				'Klinik für Allgemeinchirurgie des Diakonissenkrankenhauses Bärental\nUniversitätsklinikum Klagenfurt, Krankenhaus der Samariter Holzhausen, Christian-Drosten-Klinik, Städt. Klinikum Neustadt'
			)
		).toEqual([
			['Klinik für Allgemeinchirurgie des Diakonissenkrankenhauses Bärental', 'department'],
			['Universitätsklinikum Klagenfurt', 'institution'],
			['Krankenhaus der Samariter Holzhausen', 'institution'],
			['Christian-Drosten-Klinik', 'institution'],
			['Städt. Klinikum Neustadt', 'institution']
		]);
	});

	it('finds English hospitals and departments', () => {
		expect(
			institutions(
				'TRANSFERRED FROM VAMC HOSPITAL; went to Harbor Hosp; the Department of Cardiology at University of Maryland'
			)
		).toEqual([
			['VAMC HOSPITAL', 'institution'],
			['Harbor Hosp', 'institution'],
			['Department of Cardiology', 'department'],
			['University of Maryland', 'institution']
		]);
	});

	it('leaves a hospital word in an ordinary sentence', () => {
		expect(
			institutions('in der Praxis Kontrolle empfohlen; in unserer Klinik aufgenommen.')
		).toEqual([]);
	});
});
