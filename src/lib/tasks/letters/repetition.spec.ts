import { describe, expect, it } from 'vitest';
import { findRepetition, RepetitionGuard, trimRepetition } from './repetition';

const opening =
	'Dear Colleague,\nwe report on your patient, who was treated on our ward from 12 to 15 March 2024.\n\n';

/** Streams the text word by word through a guard; the length at which it stopped, or null. */
function streamUntilStopped(text: string): { at: number; kept: string } | null {
	const guard = new RepetitionGuard();
	let soFar = '';
	for (const token of text.match(/\s*\S+/g) ?? []) {
		soFar += token;
		const found = guard.check(soFar);
		if (found) return { at: soFar.length, kept: trimRepetition(soFar, found) };
	}
	return null;
}

describe('findRepetition: loops', () => {
	it('finds a sentence repeated back to back and keeps its first copy', () => {
		const sentence = 'The patient was advised to continue the medication as prescribed. ';
		const text = `${opening}Recommendations\n${sentence.repeat(4)}`;
		const found = findRepetition(text);
		expect(found).toMatchObject({ kind: 'loop', repeats: 4, unit: sentence.trim() });
		expect(trimRepetition(text, found!)).toBe(`${opening}Recommendations\n${sentence.trim()}`);
	});

	it('finds a repeated list line and a repeated block of lines', () => {
		const line = '- Metoprolol 47.5 mg 1-0-0\n';
		expect(findRepetition(`${opening}Medication\n${line.repeat(6)}`)?.repeats).toBe(6);
		const block =
			'Findings\nCT: segmental embolism on the right.\nLab: D-dimer 2.1 mg/l.\nRecommendations\nApixaban for 6 months.\n';
		const text = `${opening}${block}${block}${block}`;
		const found = findRepetition(text);
		expect(found?.repeats).toBe(3);
		expect(trimRepetition(text, found!)).toBe(`${opening}${block}`.trimEnd());
	});

	it('finds a word stuttering and ignores differences in whitespace', () => {
		expect(findRepetition(`${opening}${'very '.repeat(30)}`)?.unit).toBe('very');
		const spaced =
			'Follow-up in 3 months.  \nFollow-up in 3 months. Follow-up in 3 months.\n\nFollow-up in 3 months. ';
		const found = findRepetition(`${opening}${spaced.repeat(2)}`);
		expect(found?.kind).toBe('loop');
		expect(trimRepetition(`${opening}${spaced.repeat(2)}`, found!)).toBe(
			`${opening}Follow-up in 3 months.`
		);
	});

	it('finds a model starting the letter over (an echo of a long stretch)', () => {
		const letter =
			opening +
			'Diagnoses\n1. Segmental pulmonary embolism on the right (I26.9)\n2. Arterial hypertension\n\n' +
			'History\nThe patient presented with dyspnoea on exertion for three days and pleuritic chest pain. ' +
			'There was no history of recent surgery, immobilisation or malignancy. She takes an oral contraceptive.\n\n' +
			'Findings\nCT pulmonary angiography on 12 March 2024 showed filling defects in the segmental arteries of the ' +
			'right lower lobe, RV/LV ratio 0.8. D-dimer 2.1 mg/l, troponin negative. Echocardiography was normal.\n\n' +
			'Treatment and course\nWe started apixaban 10 mg twice daily for seven days, then 5 mg twice daily. ' +
			'The dyspnoea resolved within two days; she was mobilised on the second day.\n\n';
		// The model writes the opening and most of the letter again.
		const text = letter + letter.slice(0, 650);
		const found = findRepetition(text);
		expect(found?.kind).toBe('echo');
		expect(trimRepetition(text, found!)).toBe(letter.trimEnd());
	});
});

describe('findRepetition: legitimate structure', () => {
	it('does not stop on "none" under several headings', () => {
		const text =
			opening +
			'Allergies:\n- none\nCurrent medication:\n- none\nFamily history:\n- none\nSocial history:\n- none\n' +
			'Previous operations:\n- none\nVaccinations:\n- none\n';
		expect(findRepetition(text)).toBeNull();
		expect(streamUntilStopped(text)).toBeNull();
	});

	it('does not stop on a few identical lines or on "Not stated" under each heading', () => {
		expect(findRepetition(`${opening}${'- none\n'.repeat(6)}`)).toBeNull();
		const sections = [
			'History',
			'Findings',
			'Treatment and course',
			'Medication',
			'Recommendations'
		];
		const text = opening + sections.map((s) => `${s}\nNot stated in the sources.\n\n`).join('');
		expect(findRepetition(text)).toBeNull();
	});

	it('does not stop on medication lists with the same schedule or on numbered days', () => {
		const meds = [
			'Ramipril 5 mg',
			'Apixaban 5 mg',
			'Pantoprazole 40 mg',
			'Atorvastatin 40 mg',
			'Metformin 1000 mg'
		]
			.map((m) => `- ${m} 1-0-1\n`)
			.join('');
		expect(findRepetition(opening + meds)).toBeNull();
		const days = Array.from({ length: 12 }, (_, i) => `Day ${i + 1}: stable, no fever.\n`).join('');
		expect(findRepetition(opening + days)).toBeNull();
	});

	it('does not stop on a sentence said twice', () => {
		const twice = 'Please check the creatinine in one week. '.repeat(2);
		expect(findRepetition(`${opening}${twice}`)).toBeNull();
	});

	it('stops a real loop soon after it starts while streaming', () => {
		const line = '- Apixaban 5 mg 1-0-1\n';
		const stopped = streamUntilStopped(`${opening}Medication\n${line.repeat(40)}`);
		expect(stopped).not.toBeNull();
		// Within about 120 characters of looping, not after the whole text.
		expect(stopped!.at).toBeLessThan(opening.length + 'Medication\n'.length + line.length * 8);
		expect(stopped!.kept).toBe(`${opening}Medication\n${line.trim()}`);
	});
});
