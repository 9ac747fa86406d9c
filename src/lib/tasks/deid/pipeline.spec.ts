import { describe, expect, it } from 'vitest';
import type { GenerateRequest, GenerateResult } from '$lib/engine/engine';
import { EnclaveError } from '$lib/errors';
import { deidentify, detectLanguage, detectPhi, newDeidContext } from './pipeline';
import { defaultPolicy } from './policy';
import type { PhiSpan } from './types';

const usage = {
	promptTokens: 100,
	completionTokens: 20,
	prefillTokensPerSecond: null,
	decodeTokensPerSecond: null,
	timeToFirstTokenMs: null,
	totalMs: 5
};

/** An engine that gives the same answer to every part and records what it was asked. */
function fakeEngine(answer: string) {
	const requests: GenerateRequest[] = [];
	return {
		requests,
		generate(request: GenerateRequest): Promise<GenerateResult> {
			requests.push(request);
			return Promise.resolve({ text: answer, finishReason: 'stop', usage });
		}
	};
}

// Invented letters; any likeness to real people is coincidental.
const germanLetter = `Klinikum Talheim, Klinik für Innere Medizin
Entlassbrief

Patientin: Erika Mustermann, geb. 12.05.1948
Fall-Nr.: 2024-118734

Sehr geehrte Frau Kollegin,

wir berichten über Frau Mustermann, die sich vom 03.03.2024 bis 09.03.2024 in unserer stationären Behandlung befand. Die 75-jährige Patientin wurde mit zunehmender Belastungsdyspnoe aufgenommen. Kontrolle am 19.3. in unserer Ambulanz. Frau Mustermann lebt mit ihrer Nachbarin Hilde Oswald zusammen.

Angehörige: Tochter Anna Brandt, Tel. 0731 5551234.

Mit freundlichen Grüßen
Dr. med. Jan Keller`;

const englishNote = `DISCHARGE NOTE
Patient: John Carter, DOB 04/12/1951, MRN 00451234
Admitted 03/03/2024 to the cardiology ward of St. Luke Hospital, discharged 03/09/2024.
Mr. Carter is a 72-year-old retired teacher. His wife Mary can be reached at (555) 014-2298.
Follow-up on March 19, 2024 with Dr. Alan Brooks.`;

const noPhi =
	'Befund: Die Lunge ist frei, das Herz rhythmisch. Keine Ödeme. Weiter mit der bisherigen Medikation.';

const answer = (...items: [string, string][]) =>
	JSON.stringify({ items: items.map(([text, type]) => ({ text, type })) });

describe('detectLanguage', () => {
	it('tells German from English', () => {
		expect(detectLanguage(germanLetter)).toBe('de');
		expect(detectLanguage(englishNote)).toBe('en');
	});
});

describe('detectPhi', () => {
	it('refuses an empty document', async () => {
		for (const text of ['', '  \n\t '])
			await expect(detectPhi(text, { lang: 'auto' })).rejects.toEqual(
				new EnclaveError('deid.emptyDocument')
			);
	});

	it('finds nothing in a text without patient data', async () => {
		const result = await detectPhi(noPhi, { lang: 'auto' });
		expect(result).toEqual({ spans: [], warnings: [], lang: 'de' });
	});

	it('joins rules, known identifiers and verified model proposals into one span list', async () => {
		const engine = fakeEngine(
			answer(
				['Erika Mustermann', 'name_patient'],
				['Hilde Oswald', 'name_other'],
				['Talheimer Straße 4', 'street']
			)
		);
		const progress: number[] = [];
		const { spans, warnings, lang } = await detectPhi(germanLetter, {
			lang: 'auto',
			engine,
			known: [{ value: 'Belastungsdyspnoe', type: 'name_other' }],
			onProgress: (done) => progress.push(done)
		});
		expect(lang).toBe('de');
		expect(engine.requests).toHaveLength(1);
		expect(progress).toEqual([0, 1]);
		const at = (text: string) => spans.find((s) => s.text === text);
		expect(at('Erika Mustermann')?.sources).toEqual(['rule', 'llm']);
		expect(at('Hilde Oswald')?.sources).toContain('llm');
		expect(at('Belastungsdyspnoe')?.sources).toEqual(['known']);
		expect(at('12.05.1948')?.type).toBe('date_birth');
		expect(warnings).toEqual([{ kind: 'notFound', text: 'Talheimer Straße 4', type: 'street' }]);
		for (const [i, s] of spans.entries()) {
			expect(germanLetter.slice(s.start, s.end)).toBe(s.text);
			if (i > 0) expect(s.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
		}
	});

	it('keeps the rule spans when the model answers nonsense, and says so', async () => {
		const rulesOnly = await detectPhi(germanLetter, { lang: 'de' });
		const withModel = await detectPhi(germanLetter, {
			lang: 'de',
			engine: fakeEngine('Sorry, I cannot do that.')
		});
		expect(withModel.spans).toEqual(rulesOnly.spans);
		expect(withModel.warnings).toEqual([{ kind: 'invalidAnswer', part: 1, parts: 1 }]);
	});
});

describe('deidentify', () => {
	it('de-identifies a German letter end to end and passes the leak check', async () => {
		const engine = fakeEngine(answer(['Hilde Oswald', 'name_other']));
		const { spans, lang } = await detectPhi(germanLetter, { lang: 'auto', engine });
		const context = newDeidContext({ dateShiftDays: 28, seed: 1 });
		const result = deidentify(germanLetter, spans, defaultPolicy(lang), context, { lang });
		for (const original of [
			'Mustermann',
			'Erika',
			'12.05.1948',
			'2024-118734',
			'03.03.2024',
			'09.03.2024',
			'19.3.',
			'Brandt',
			'0731 5551234',
			'Keller',
			'Oswald',
			'Talheim'
		])
			expect(result.output).not.toContain(original);
		expect(result.output).toContain('Patientin: [PATIENT_1], geb. [GEBURTSDATUM]');
		expect(result.output).toContain('Frau [PATIENT_1], die sich vom 31.03.2024 bis 06.04.2024');
		expect(result.output).toContain('Kontrolle am 16.4.');
		expect(result.output).toContain('Dr. med. [BEHANDLER_1]');
		expect(result.verdict).toBe('PASS');
		expect(result.findings).toEqual([]);
	});

	it('de-identifies an English note end to end and passes the leak check', async () => {
		const { spans, lang } = await detectPhi(englishNote, { lang: 'auto' });
		expect(lang).toBe('en');
		const context = newDeidContext({ dateShiftDays: -7, seed: 1 });
		const result = deidentify(englishNote, spans, defaultPolicy('en'), context, { lang });
		for (const original of [
			'Carter',
			'John',
			'04/12/1951',
			'00451234',
			'Mary',
			'014-2298',
			'Brooks'
		])
			expect(result.output).not.toContain(original);
		expect(result.output).toContain('Admitted 02/25/2024');
		expect(result.output).toContain('Follow-up on March 12, 2024 with Dr. [CLINICIAN_1]');
		expect(result.verdict).toBe('PASS');
	});

	it('asks for review when the rules find patient data nobody decided about', async () => {
		const { spans, lang } = await detectPhi(germanLetter, { lang: 'de' });
		const withoutPhone = spans.filter((s) => s.type !== 'phone');
		const result = deidentify(germanLetter, withoutPhone, defaultPolicy(lang), newDeidContext(), {
			lang
		});
		expect(result.verdict).toBe('REVIEW');
		expect(result.findings.map((f) => f.text)).toContain('0731 5551234');
	});

	it('passes what the policy keeps and what the reviewer rejected', async () => {
		const { spans, lang } = await detectPhi(germanLetter, { lang: 'de' });
		const policy = {
			...defaultPolicy(lang),
			actions: { ...defaultPolicy(lang).actions, date: 'keep' as const }
		};
		const reviewed: PhiSpan[] = spans.map((s) =>
			s.type === 'phone' ? { ...s, decision: 'rejected' } : s
		);
		const result = deidentify(germanLetter, reviewed, policy, newDeidContext(), { lang });
		expect(result.output).toContain('Kontrolle am 19.3.');
		expect(result.output).toContain('Tel. 0731 5551234');
		expect(result.verdict).toBe('PASS');
	});

	it('fails when a removed name is left elsewhere in the output', async () => {
		const { spans, lang } = await detectPhi(germanLetter, { lang: 'de' });
		// The reviewer rejected one mention of the patient's surname by mistake.
		const reviewed: PhiSpan[] = spans.map((s) =>
			s.text === 'Mustermann' ? { ...s, decision: 'rejected' } : s
		);
		const result = deidentify(germanLetter, reviewed, defaultPolicy(lang), newDeidContext(), {
			lang
		});
		expect(result.output).toContain('Frau Mustermann');
		expect(result.verdict).toBe('FAIL');
	});

	it('fails when a known identifier survives', () => {
		const result = deidentify(noPhi, [], defaultPolicy('de'), newDeidContext(), {
			lang: 'de',
			known: [{ value: 'Ödeme', type: 'name_patient' }]
		});
		expect(result.verdict).toBe('FAIL');
	});

	it('passes a document without patient data unchanged', () => {
		const result = deidentify(noPhi, [], defaultPolicy('de'), newDeidContext(), { lang: 'de' });
		expect(result.output).toBe(noPhi);
		expect(result.replacements).toEqual([]);
		expect(result.verdict).toBe('PASS');
	});

	it('gives the same person the same tag in two documents of a batch', async () => {
		const second = 'Wiedervorstellung von Frau Erika Mustermann am 02.05.2024. Dr. Keller';
		const context = newDeidContext({ dateShiftDays: 14, seed: 2 });
		const policy = defaultPolicy('de');
		const outputs: string[] = [];
		for (const text of [germanLetter, second]) {
			const { spans } = await detectPhi(text, { lang: 'de' });
			outputs.push(deidentify(text, spans, policy, context, { lang: 'de' }).output);
		}
		expect(outputs[1]).toBe(
			'Wiedervorstellung von Frau [PATIENT_1] am 16.05.2024. Dr. [BEHANDLER_1]'
		);
	});

	it('refuses an empty document', () => {
		expect(() =>
			deidentify(' ', [], defaultPolicy('de'), newDeidContext(), { lang: 'de' })
		).toThrow(EnclaveError);
	});
});
