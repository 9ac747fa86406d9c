import { describe, expect, it } from 'vitest';
import { detectByRules, detectLang, RULE_FAMILIES } from './index';

/** What the rules find: [text, type] pairs in order. */
function found(text: string, lang: 'de' | 'en' | 'auto' = 'auto') {
	return detectByRules(text, { lang }).map((s) => [s.text, s.type]);
}

const LETTER = `Klinik für Allgemeinchirurgie
Universitätsklinikum Klagenfurt

Herrn
Dr. med. Tobias Öhler
Kaiserstr. 2a
76646 Bruchsal

Sehr geehrter Herr Kollege Öhler,

wir berichten über Ihren Patienten Herrn Jakob Jockel, geb. 13.08.1948, Fallnummer: 23346011,
wohnhaft Dantestr. 17, 69115 Heidelberg, der sich vom 19.3. bis zum 7.5.2029 in unserer
stationären Behandlung befand. Rückfragen unter Tel. 0261 210-39989 oder jockel@example.de.

Labor: Hb 12,3 g/dl, Leukozyten 7.200/µl, Kalium 4,5 mmol/l. Heparin 5000 IE s.c., RR 140/90 mmHg.

Mit freundlichen Grüßen

Prof. Dr. K. Stargardt
Oberarzt`;

const NOTE = `74 YO WOMAN TRANSFERRED FROM VAMC HOSPITAL FOR CATH. PMH: CAD WITH NQWMI 5/13, HTN.
resp note - pt intubated with #8et tube 22at the lip, placed on 7200 ventilator ac tv 700 rr 15
70% fio2 5peep Spo2 100% hr 80. CPAP 5/5, pain 5/10, 1/2 ns at 75cc/hr. pt admitted to ccu on 8/17.
Dr. Rakusin aware. Pt's daughter Peggy (201-561-8910) called. Pager #12345`;

describe('detectByRules', () => {
	it('finds nothing in an empty text or one without patient data', () => {
		expect(detectByRules('')).toEqual([]);
		expect(
			found('Der Befund ist unauffällig. Kalium 4,5 mmol/l, Hb 12,3 g/dl, 2 x 500 mg Metamizol.')
		).toEqual([]);
		expect(
			found('No acute distress. SpO2 98%, HR 80, BP 120/80, 7200 ventilator, 1/2 NS.')
		).toEqual([]);
	});

	it('finds the patient data of a German letter and leaves the lab values', () => {
		const spans = found(LETTER, 'de');
		expect(spans).toEqual(
			expect.arrayContaining([
				['Klinik für Allgemeinchirurgie', 'department'],
				['Universitätsklinikum Klagenfurt', 'institution'],
				['Herrn', 'name_title'],
				['Dr. med.', 'name_title'],
				['Tobias Öhler', 'name_clinician'],
				['Kaiserstr. 2a', 'street'],
				['76646', 'postal_code'],
				['Bruchsal', 'city'],
				['Öhler', 'name_clinician'],
				['Jakob Jockel', 'name_patient'],
				['13.08.1948', 'date_birth'],
				['23346011', 'id'],
				['Dantestr. 17', 'street'],
				['69115', 'postal_code'],
				['19.3.', 'date_admission'],
				['7.5.2029', 'date_discharge'],
				['0261 210-39989', 'phone'],
				['jockel@example.de', 'email'],
				['K. Stargardt', 'name_clinician']
			])
		);
		const texts = spans.map(([text]) => text);
		for (const value of ['12,3', '7.200', '4,5', '5000', '140/90'])
			expect(texts).not.toContain(value);
	});

	it('finds the patient data of an English nursing note and leaves the clinical values', () => {
		const spans = found(NOTE, 'en');
		expect(spans).toEqual(
			expect.arrayContaining([
				['VAMC HOSPITAL', 'institution'],
				['5/13', 'date'],
				['8/17', 'date_admission'],
				['Rakusin', 'name_clinician'],
				['Peggy', 'name_relative'],
				['(201-561-8910)', 'phone'],
				['12345', 'phone']
			])
		);
		const texts = spans.map(([text]) => text);
		for (const value of ['7200', '700', '100', '80', '5/5', '5/10', '1/2', '74'])
			expect(texts).not.toContain(value);
	});

	it('reports spans as the text has them, with the rule and source', () => {
		const text = 'Patient: Mitsou Kawasaki, geb. 1.2.2000';
		for (const s of detectByRules(text)) {
			expect(s.text).toBe(text.slice(s.start, s.end));
			expect(s.sources).toEqual(['rule']);
			expect(s.rule).toBeTruthy();
		}
	});

	it('returns sorted spans that do not overlap', () => {
		const spans = detectByRules(LETTER + '\n' + NOTE);
		for (let i = 1; i < spans.length; i++)
			expect(spans[i]?.start).toBeGreaterThanOrEqual(spans[i - 1]?.end ?? 0);
	});

	it('reports only the types asked for', () => {
		const spans = detectByRules(LETTER, { lang: 'de', types: ['phone', 'email'] });
		expect(spans.map((s) => s.type)).toEqual(['phone', 'email']);
		expect(detectByRules(LETTER, { types: [] })).toEqual([]);
	});

	it('has rule families that cover every type they claim', () => {
		for (const family of RULE_FAMILIES) expect(family.types.length).toBeGreaterThan(0);
	});

	it('scans 2 MB in well under two seconds, also text built to make regexes backtrack', () => {
		const sample = LETTER + '\n' + NOTE + '\n';
		const big = sample.repeat(Math.ceil(2_000_000 / sample.length));
		const hostile = [
			'a'.repeat(400_000),
			'1'.repeat(400_000),
			'A.'.repeat(200_000),
			'1 '.repeat(200_000),
			'x@'.repeat(200_000),
			'Dr. '.repeat(100_000)
		].join('\n');
		// CPU time, not wall time: the budget must hold on a busy machine too.
		const cpuMs = () => {
			const { user, system } = process.cpuUsage();
			return (user + system) / 1000;
		};
		for (const text of [big, hostile]) {
			const t0 = cpuMs();
			detectByRules(text);
			expect(cpuMs() - t0).toBeLessThan(2000);
		}
		// The wall clock may run much longer on a loaded machine; only the CPU time is the budget.
	}, 60_000);
});

describe('detectLang', () => {
	it('tells German from English', () => {
		expect(detectLang(LETTER)).toBe('de');
		expect(detectLang(NOTE)).toBe('en');
		expect(detectLang('Die Patientin wurde mit Fieber aufgenommen.')).toBe('de');
		expect(detectLang('The patient was admitted with fever.')).toBe('en');
	});
});
