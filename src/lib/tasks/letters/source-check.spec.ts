import { describe, expect, it } from 'vitest';
import { drugKey, findClaims, findUnsupported, numberValues, SourceIndex } from './source-check';

const sources = [
	`Aufnahme am 12.03.2024, Entlassung 15.03.2024. Diagnose: Lungenembolie rechts (I26.9).
Labor: Hb 12,3 g/dl, Kreatinin 1.2 mg/dl, D-Dimere 2,1. RR 120/80 mmHg.`,
	`Medikation: Apixaban 5 mg 1-0-1, Pantoprazole 40mg 1-0-0, Ramipril 2,5 mg 0-0-1.
Metoprolol 1000 mg. Kontrolle in 3 Monaten. CT vom 14. März 2024: pT2 N1 M0.`
];

const unsupported = (draft: string) =>
	findUnsupported(draft, sources).map((c) => `${c.kind}:${c.text}`);

describe('findUnsupported', () => {
	it('accepts what the sources say, however it is written', () => {
		const draft = `Sehr geehrte Frau Kollegin, sehr geehrter Herr Kollege,
wir berichten über Ihre Patientin, stationär vom 12.03. bis 15.3.2024 (Erstdiagnose März 2024).
Diagnosen
1. Lungenembolie rechts (I26.9)
Befunde
Hb 12.3 g/dl, Kreatinin 1,20 mg/dl, D-Dimere 2.1, RR 120/80 mmHg. CT vom 2024-03-14 (Quelle 2): pT2 N1 M0.
Medikation
- Apixaban 5,0 mg 1-0-1
- Pantoprazol 40 mg 1 - 0 - 0
- Metoprolol 1 g
Procedere
Kontrolle in 3 Monaten.`;
		expect(unsupported(draft)).toEqual([]);
	});

	it('marks numbers, dates, drugs and doses no source has', () => {
		const draft = `Leukozyten 11,2 /nl. Kontrolle am 16.04.2024, geboren 4/5/1950.
- Ramipril 5 mg 0-0-1
- Bisoprolol 2.5 mg 1-0-0
- Novalgin 500 mg 1-1-1-1
Tumor pT3.`;
		expect(unsupported(draft)).toEqual([
			'number:11,2 /nl',
			'date:16.04.2024',
			'date:4/5/1950',
			'dose:5 mg',
			'drug:Bisoprolol',
			'drug:Novalgin',
			'dose:500 mg',
			'dose:1-1-1-1',
			'number:pT3'
		]);
	});

	it('checks a dose against the drug it follows, not against any dose', () => {
		// 5 mg is in the sources (apixaban), but not for ramipril.
		expect(unsupported('Ramipril 5 mg')).toEqual(['dose:5 mg']);
		expect(unsupported('Ramipril 2.5 mg')).toEqual([]);
		// A drug the sources name without a dose: the dose alone is compared.
		expect(findUnsupported('Aspirin 100 mg', ['Aspirin seit Jahren. Dosis 100 mg.'])).toEqual([]);
	});

	it('does not accept a date more precise than the source', () => {
		expect(findUnsupported('am 12.03.2024', ['am 12.03.'])).toMatchObject([{ kind: 'date' }]);
		expect(findUnsupported('am 12.03.', ['am 12.03.2024'])).toEqual([]);
		expect(findUnsupported('March 12, 2024', ['12 Mar 2024'])).toEqual([]);
		expect(findUnsupported('12. März', ['2024-03-12'])).toEqual([]);
		// Day and month order of slashed dates is ambiguous: either reading will do.
		expect(findUnsupported('03/12/2024', ['12.03.2024'])).toEqual([]);
	});

	it('gives offsets into the draft for highlighting', () => {
		const draft = 'Hb 9,1 g/dl am 01.02.2024.';
		const claims = findUnsupported(draft, sources);
		expect(claims).toEqual([
			{ start: 3, end: 11, text: '9,1 g/dl', kind: 'number' },
			{ start: 15, end: 25, text: '01.02.2024', kind: 'date' }
		]);
		for (const c of claims) expect(draft.slice(c.start, c.end)).toBe(c.text);
	});

	it('reuses one index for several drafts', () => {
		const index = new SourceIndex(sources);
		expect(findUnsupported('Hb 12,3 g/dl', index)).toEqual([]);
		expect(findUnsupported('Hb 13 g/dl', index)).toHaveLength(1);
	});
});

describe('findClaims', () => {
	it('skips list numbers and references to sources', () => {
		const claims = findClaims('1. Embolie\n2) Hypertonie (Quelle 3, Source 4)\nDosis 2x');
		expect(claims.map((c) => c.text)).toEqual(['2x']);
	});

	it('finds each kind once, the most specific first', () => {
		const claims = findClaims('Apixaban 5 mg 1-0-1 seit 12.03.2024, Temperatur 38,5 °C');
		expect(claims.map((c) => [c.kind, c.text])).toEqual([
			['drug', 'Apixaban'],
			['dose', '5 mg'],
			['dose', '1-0-1'],
			['date', '12.03.2024'],
			['number', '38,5 °C']
		]);
	});
});

describe('normalisation', () => {
	it('reads numbers by value, both ways where grouping is ambiguous', () => {
		expect(numberValues('5,0')).toEqual(['5']);
		expect(numberValues('5.25')).toEqual(['5.25']);
		expect(numberValues('1.000')).toEqual(['1', '1000']);
		expect(numberValues('1.234,5')).toEqual(['1234.5']);
		expect(numberValues('12.345.678')).toEqual(['12345678']);
	});

	it('compares drug names without case, accents or a final e', () => {
		expect(drugKey('Pantoprazole')).toBe(drugKey('pantoprazol'));
		expect(drugKey('Acetylsalicylsäure')).toBe('acetylsalicylsaur');
	});
});
