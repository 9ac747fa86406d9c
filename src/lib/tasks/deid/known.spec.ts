import { describe, expect, it } from 'vitest';
import { EnclaveError } from '$lib/errors';
import {
	detectKnown,
	inferType,
	parseKnownCsv,
	parseKnownList,
	type KnownIdentifier
} from './known';

function found(text: string, known: KnownIdentifier[]) {
	return detectKnown(text, known).map((s) => [s.text, s.type]);
}

describe('detectKnown', () => {
	const anna: KnownIdentifier = { value: 'Anna Müller', type: 'name_patient' };

	it('finds a name in any case, in either order and in parts', () => {
		const text =
			'Frau Anna Müller; MUELLER, ANNA; Müller Anna; A. Müller; Müllers Befund; Anna kam.';
		expect(found(text, [anna])).toEqual([
			['Anna Müller', 'name_patient'],
			['MUELLER, ANNA', 'name_patient'],
			['Müller Anna', 'name_patient'],
			['A. Müller', 'name_patient'],
			['Müller', 'name_patient'],
			['Anna', 'name_patient']
		]);
	});

	it('does not find a name inside a longer word', () => {
		const ann: KnownIdentifier = { value: 'Ann', type: 'name_patient' };
		expect(found('Anne und Annette, Hannah', [ann])).toEqual([]);
		// The genitive is the same person; the "s" stays outside the span.
		expect(found('Anns Befund', [ann])).toEqual([['Ann', 'name_patient']]);
	});

	it('takes "Müller, Anna" as last name first', () => {
		expect(found('Anna Müller', [{ value: 'Müller, Anna', type: 'name_patient' }])).toEqual([
			['Anna Müller', 'name_patient']
		]);
	});

	it('leaves out particles and titles as parts of their own', () => {
		const known: KnownIdentifier = { value: 'Dr. Burkhard zur Hausen', type: 'name_clinician' };
		expect(found('zur Nachsorge zu Dr. Burkhard zur Hausen; Hausen rief an.', [known])).toEqual([
			['Burkhard zur Hausen', 'name_clinician'],
			['Hausen', 'name_clinician']
		]);
	});

	it('matches hyphens, spaces, line breaks and umlaut spellings', () => {
		const known: KnownIdentifier = { value: 'Müller-Lüdenscheidt', type: 'name_relative' };
		expect(
			found(
				'Müller-Lüdenscheidt, Mueller Luedenscheidt, Müller\nLüdenscheidt, Mu\u0308ller-Lu\u0308denscheidt',
				[known]
			)
		).toHaveLength(4);
		const weiss: KnownIdentifier = { value: 'Weiss', type: 'name_patient' };
		expect(found('Herr Weiß und Frau WEISS', [weiss])).toEqual([
			['Weiß', 'name_patient'],
			['WEISS', 'name_patient']
		]);
	});

	it('finds identifiers with or without separators', () => {
		const known: KnownIdentifier = { value: '123 456 789', type: 'id' };
		expect(
			found('Fall 123-456-789, 123456789, 123.456.789; nicht 1234567890 oder 0123456789', [known])
		).toEqual([
			['123-456-789', 'id'],
			['123456789', 'id'],
			['123.456.789', 'id']
		]);
	});

	it('finds a phone number in national and international form', () => {
		const known: KnownIdentifier = { value: '+49 (0)261 12345', type: 'phone' };
		expect(found('Tel. 0261 12345, +49 261 12345 oder 0049-261-12345', [known])).toEqual([
			['0261 12345', 'phone'],
			['+49 261 12345', 'phone'],
			['0049-261-12345', 'phone']
		]);
	});

	it('reads a country code written with 00', () => {
		const known: KnownIdentifier = { value: '0049 261 12345', type: 'phone' };
		expect(found('Tel. 0261 12345 oder +49 261 12345', [known])).toEqual([
			['0261 12345', 'phone'],
			['+49 261 12345', 'phone']
		]);
	});

	it('finds a known date in any of its forms', () => {
		const dob: KnownIdentifier = { value: '04.04.1997', type: 'date_birth' };
		expect(
			found(
				'geb. 4.4.97, am 04.04.1997, 1997-04-04, 4. April 1997, 4/4/1997; nicht 5.4.1997 oder 4.4.1998',
				[dob]
			)
		).toEqual([
			['4.4.97', 'date_birth'],
			['04.04.1997', 'date_birth'],
			['1997-04-04', 'date_birth'],
			['4. April 1997', 'date_birth'],
			['4/4/1997', 'date_birth']
		]);
	});

	it('finds streets, e-mail addresses and other values as written', () => {
		expect(
			found('Hauptstr. 5, hauptstrasse 5; ANNA@Example.de', [
				{ value: 'Hauptstraße 5', type: 'street' },
				{ value: 'anna@example.de', type: 'email' }
			])
		).toEqual([
			['Hauptstr. 5', 'street'],
			['hauptstrasse 5', 'street'],
			['ANNA@Example.de', 'email']
		]);
	});

	it('reports known spans merged, with their source', () => {
		const spans = detectKnown('Anna Müller', [anna, { value: 'Müller', type: 'name_patient' }]);
		expect(spans).toHaveLength(1);
		expect(spans[0]).toMatchObject({ start: 0, end: 11, sources: ['known'], rule: 'known' });
	});

	it('finds nothing for empty input or values not in the text', () => {
		expect(detectKnown('', [anna])).toEqual([]);
		expect(detectKnown('Anna Müller', [])).toEqual([]);
		expect(detectKnown('Anna Müller', [{ value: '  ', type: 'id' }])).toEqual([]);
		expect(detectKnown('Der Befund ist unauffällig.', [anna])).toEqual([]);
	});
});

describe('inferType', () => {
	it('guesses the type from the shape of the value', () => {
		expect(inferType('anna@example.de')).toBe('email');
		expect(inferType('https://example.de')).toBe('url');
		expect(inferType('04.04.1997')).toBe('date');
		expect(inferType('123 456 789')).toBe('id');
		expect(inferType('A123456789')).toBe('id');
		expect(inferType('+49 261 12345')).toBe('phone');
		expect(inferType('Anna Müller')).toBe('name_patient');
	});
});

describe('parseKnownList', () => {
	it('reads one value per line, with an optional type', () => {
		expect(
			parseKnownList(
				'Anna Müller\n\n# Kommentar\ndate_birth: 04.04.1997\nFallnummer: 23346011\nTel: 0261 12345\nanna@example.de\nZustand: gut'
			)
		).toEqual([
			{ value: 'Anna Müller', type: 'name_patient' },
			{ value: '04.04.1997', type: 'date_birth' },
			{ value: '23346011', type: 'id' },
			{ value: '0261 12345', type: 'phone' },
			{ value: 'anna@example.de', type: 'email' },
			{ value: 'Zustand: gut', type: 'name_patient' }
		]);
	});

	it('reads a CSV with value and type columns', () => {
		expect(
			parseKnownList('value;type\n"Müller, Anna";name_patient\n12345;\nfoo@bar.de;email\n')
		).toEqual([
			{ value: 'Müller, Anna', type: 'name_patient' },
			{ value: '12345', type: 'id' },
			{ value: 'foo@bar.de', type: 'email' }
		]);
	});

	it('drops duplicates and empty input', () => {
		expect(parseKnownList('Anna Müller\nanna müller')).toHaveLength(1);
		expect(parseKnownList('')).toEqual([]);
	});
});

describe('parseKnownCsv', () => {
	it('reads one row per document, a column per type, several values per cell', () => {
		const csv =
			'\uFEFFdocument,name_patient,date_birth,id,Bemerkung\n' +
			'brief-01.pdf,Anna Müller | Müller Anna,04.04.1997,A123456789,\n' +
			'brief-02.pdf,"Meier, Hans ""Hansi""",,,12345\n' +
			'brief-01.pdf,,,999,\n';
		const map = parseKnownCsv(csv);
		expect([...map.keys()]).toEqual(['brief-01.pdf', 'brief-02.pdf']);
		expect(map.get('brief-01.pdf')).toEqual([
			{ value: 'Anna Müller', type: 'name_patient' },
			{ value: 'Müller Anna', type: 'name_patient' },
			{ value: '04.04.1997', type: 'date_birth' },
			{ value: 'A123456789', type: 'id' },
			{ value: '999', type: 'id' }
		]);
		expect(map.get('brief-02.pdf')).toEqual([
			{ value: 'Meier, Hans "Hansi"', type: 'name_patient' },
			{ value: '12345', type: 'id' }
		]);
	});

	it('reads semicolon CSVs and the one-value-per-row form', () => {
		const map = parseKnownCsv(
			'Dokument;value;type\nbrief.docx;Anna Müller;patient\nbrief.docx;4.4.1997;dob\n'
		);
		expect(map.get('brief.docx')).toEqual([
			{ value: 'Anna Müller', type: 'name_patient' },
			{ value: '4.4.1997', type: 'date_birth' }
		]);
	});

	it('rejects a CSV without a document column', () => {
		expect(() => parseKnownCsv('name,id\nAnna,1')).toThrow(EnclaveError);
		expect(parseKnownCsv('')).toEqual(new Map());
	});
});
