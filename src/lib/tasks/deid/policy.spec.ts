import { describe, expect, it } from 'vitest';
import { applyPolicy, defaultPolicy, newDeidContext, type DeidContext } from './policy';
import { SURROGATE_LISTS } from './surrogate-lists';
import type { DeidPolicy, PhiSpan, PhiType, PolicyAction } from './types';

/** Spans for each listed string, at its first occurrence after the previous one. */
function spansFor(text: string, items: [string, PhiType][]): PhiSpan[] {
	let from = 0;
	return items.map(([value, type]) => {
		const start = text.indexOf(value, from);
		if (start < 0) throw new Error(`${value} not in text`);
		from = start + value.length;
		return { start, end: from, type, text: value, sources: ['rule'] };
	});
}

function policyWith(
	actions: Partial<Record<PhiType, PolicyAction>>,
	base: DeidPolicy = defaultPolicy('de')
): DeidPolicy {
	return { ...base, actions: { ...base.actions, ...actions } };
}

const fixed = (dateShiftDays = 14): DeidContext => newDeidContext({ dateShiftDays, seed: 7 });

describe('defaultPolicy', () => {
	it('hides names, birth dates, ids and contacts, shifts clinical dates', () => {
		const policy = defaultPolicy('en');
		expect(policy.lang).toBe('en');
		expect(policy.keepClinicians).toBe(false);
		for (const type of ['name_patient', 'name_relative', 'id'] as const)
			expect(policy.actions[type]).toBe('tag');
		for (const type of ['date_birth', 'phone', 'email', 'street', 'postal_code'] as const)
			expect(policy.actions[type]).toBe('mask');
		expect(policy.actions.date).toBe('surrogate');
		expect(policy.actions.age).toBe('generalise');
	});
});

describe('applyPolicy', () => {
	const letter =
		'Patient Hans Müller, geb. 04.04.1957, wurde am 19.03.2024 aufgenommen. Herr Müller klagte über Dyspnoe.';
	const letterSpans = spansFor(letter, [
		['Hans Müller', 'name_patient'],
		['04.04.1957', 'date_birth'],
		['19.03.2024', 'date_admission'],
		['Müller', 'name_patient']
	]);

	it('masks with German labels and reports output ranges', () => {
		const policy = policyWith({ name_patient: 'mask', date_admission: 'mask' });
		const { output, replacements } = applyPolicy(letter, letterSpans, policy, fixed());
		expect(output).toBe(
			'Patient [NAME], geb. [GEBURTSDATUM], wurde am [DATUM] aufgenommen. Herr [NAME] klagte über Dyspnoe.'
		);
		expect(replacements.map((r) => output.slice(r.start, r.end))).toEqual([
			'[NAME]',
			'[GEBURTSDATUM]',
			'[DATUM]',
			'[NAME]'
		]);
		expect(replacements.map((r) => r.spanIndex)).toEqual([0, 1, 2, 3]);
		expect(replacements.every((r) => r.action === 'mask')).toBe(true);
	});

	it('masks with English labels for an English policy', () => {
		const text = 'Seen by John Smith on 03/04/2024.';
		const spans = spansFor(text, [
			['John Smith', 'name_patient'],
			['03/04/2024', 'date']
		]);
		const policy = policyWith({ name_patient: 'mask', date: 'mask' }, defaultPolicy('en'));
		expect(applyPolicy(text, spans, policy, fixed()).output).toBe('Seen by [NAME] on [DATE].');
	});

	it('gives a surname-only mention the tag of the full name, even when it comes first', () => {
		const text = 'Herr Müller kam mit Fieber. Hans Müller, geb. 1957, und Anna Schmidt (Tochter).';
		const spans = spansFor(text, [
			['Müller', 'name_patient'],
			['Hans Müller', 'name_patient'],
			['Anna Schmidt', 'name_relative']
		]);
		const { output } = applyPolicy(text, spans, defaultPolicy('de'), fixed());
		expect(output).toBe(
			'Herr [PATIENT_1] kam mit Fieber. [PATIENT_1], geb. 1957, und [ANGEHÖRIGE_1] (Tochter).'
		);
	});

	it('keeps a surname apart when two known people share it', () => {
		const text = 'Anna Weber und Paul Weber kamen. Frau Weber berichtete.';
		const spans = spansFor(text, [
			['Anna Weber', 'name_patient'],
			['Paul Weber', 'name_patient'],
			['Weber', 'name_patient']
		]);
		const { output } = applyPolicy(text, spans, defaultPolicy('de'), fixed());
		expect(output).toBe('[PATIENT_1] und [PATIENT_2] kamen. Frau [PATIENT_3] berichtete.');
	});

	it('keeps tags consistent across two documents that share a context', () => {
		const context = fixed();
		const policy = defaultPolicy('de');
		const first = 'Erika Mustermann, Fallnr. 4711-22. Arzt: Dr. Peter Lang.';
		const second = 'Dr. Lang sah Frau Mustermann erneut (Fallnr. 4711 22); Lisa Brandt begleitete.';
		const a = applyPolicy(
			first,
			spansFor(first, [
				['Erika Mustermann', 'name_patient'],
				['4711-22', 'id'],
				['Peter Lang', 'name_clinician']
			]),
			policy,
			context
		);
		const b = applyPolicy(
			second,
			spansFor(second, [
				['Lang', 'name_clinician'],
				['Mustermann', 'name_patient'],
				['4711 22', 'id'],
				['Lisa Brandt', 'name_patient']
			]),
			policy,
			context
		);
		expect(a.output).toBe('[PATIENT_1], Fallnr. [ID_1]. Arzt: Dr. [BEHANDLER_1].');
		expect(b.output).toBe(
			'Dr. [BEHANDLER_1] sah Frau [PATIENT_1] erneut (Fallnr. [ID_1]); [PATIENT_2] begleitete.'
		);
	});

	it('keeps clinicians when asked, and leaves rejected spans untouched', () => {
		const text = 'Dr. Peter Lang untersuchte Erika Mustermann mit Marcumar.';
		const spans = spansFor(text, [
			['Peter Lang', 'name_clinician'],
			['Erika Mustermann', 'name_patient'],
			['Marcumar', 'name_other']
		]);
		spans[2]!.decision = 'rejected';
		const policy = { ...defaultPolicy('de'), keepClinicians: true };
		const { output, replacements, kept } = applyPolicy(text, spans, policy, fixed());
		expect(output).toBe('Dr. Peter Lang untersuchte [PATIENT_1] mit Marcumar.');
		expect(replacements.map((r) => r.spanIndex)).toEqual([1]);
		// Both stand in the output as they were, where the leak check can tell them apart.
		expect(kept.map((k) => [k.spanIndex, output.slice(k.start, k.end)])).toEqual([
			[0, 'Peter Lang'],
			[2, 'Marcumar']
		]);
	});

	it('removes spans without leaving doubled spaces or a space before punctuation', () => {
		const text =
			'Patientin Erika Mustermann , Tel. 0171 2345678, kam am Montag Erika Mustermann\nmit';
		const spans = spansFor(text, [
			['Erika Mustermann', 'name_patient'],
			['0171 2345678', 'phone'],
			['Montag', 'name_other'],
			['Erika Mustermann', 'name_patient']
		]);
		spans[2]!.decision = 'rejected';
		const policy = policyWith({ name_patient: 'remove', phone: 'remove' });
		const { output, replacements, kept } = applyPolicy(text, spans, policy, fixed());
		expect(output).toBe('Patientin, Tel., kam am Montag\nmit');
		expect(replacements.every((r) => r.start === r.end && r.action === 'remove')).toBe(true);
		expect(kept.map((k) => output.slice(k.start, k.end))).toEqual(['Montag']);
	});

	it('removes a span between two words leaving one space', () => {
		const text = 'Frau Erika Mustermann kam.';
		const spans = spansFor(text, [['Erika Mustermann', 'name_patient']]);
		const policy = policyWith({ name_patient: 'remove' });
		expect(applyPolicy(text, spans, policy, fixed()).output).toBe('Frau kam.');
	});

	it('shifts every date by the context offset, in each date form, keeping intervals', () => {
		const text =
			'Aufnahme 28.02.2024, OP am 3. März 2024, Kontrolle 2024-03-31, Entlassung 19.3. (Vorbefund 02/2023).';
		const spans = spansFor(text, [
			['28.02.2024', 'date_admission'],
			['3. März 2024', 'date'],
			['2024-03-31', 'date'],
			['19.3.', 'date_discharge'],
			['02/2023', 'date']
		]);
		const { output, replacements } = applyPolicy(text, spans, defaultPolicy('de'), fixed(35));
		expect(output).toBe(
			'Aufnahme 03.04.2024, OP am 7. April 2024, Kontrolle 2024-05-05, Entlassung 23.4. (Vorbefund 03/2023).'
		);
		expect(replacements.every((r) => r.action === 'surrogate')).toBe(true);
	});

	it('masks a date it cannot read instead of shifting it', () => {
		const text = 'Therapie 02-04/2021.';
		const spans = spansFor(text, [['02-04/2021', 'date']]);
		const { output, replacements } = applyPolicy(text, spans, defaultPolicy('de'), fixed());
		expect(output).toBe('Therapie [DATUM].');
		expect(replacements[0]?.action).toBe('mask');
	});

	it('keeps clinical dates while masking the birth date', () => {
		const text = 'geb. 04.04.1957, aufgenommen 19.03.2024';
		const spans = spansFor(text, [
			['04.04.1957', 'date_birth'],
			['19.03.2024', 'date_admission']
		]);
		const policy = policyWith({ date_admission: 'keep' });
		const { output, replacements } = applyPolicy(text, spans, policy, fixed());
		expect(output).toBe('geb. [GEBURTSDATUM], aufgenommen 19.03.2024');
		expect(replacements).toHaveLength(1);
	});

	it('generalises dates to the year, old ages to 90+ and postal codes to their region', () => {
		const text = 'geb. 13.08.1931, 92-jährige Patientin, Bruder 67 Jahre, PLZ 80331, am 19.3.';
		const spans = spansFor(text, [
			['13.08.1931', 'date_birth'],
			['92-jährige', 'age'],
			['67 Jahre', 'age'],
			['80331', 'postal_code'],
			['19.3.', 'date']
		]);
		const policy = policyWith({
			date_birth: 'generalise',
			postal_code: 'generalise',
			date: 'generalise'
		});
		const { output, replacements, kept } = applyPolicy(text, spans, policy, fixed());
		// "19.3." has no year to generalise to: it is masked.
		expect(output).toBe('geb. 1931, 90+-jährige Patientin, Bruder 67 Jahre, PLZ 80xxx, am [DATUM]');
		// The age under 90 stays as it is, so it is not listed as replaced.
		expect(replacements.map((r) => r.spanIndex)).toEqual([0, 1, 3, 4]);
		expect(kept.map((k) => output.slice(k.start, k.end))).toEqual(['67 Jahre']);
	});

	it('gives consistent, format-preserving surrogates', () => {
		const policy = policyWith({
			name_patient: 'surrogate',
			id: 'surrogate',
			phone: 'surrogate',
			email: 'surrogate',
			street: 'surrogate',
			city: 'surrogate'
		});
		const text =
			'Frau Erika Mustermann, Hauptstr. 12a, Ulm, Tel. +49 731 123456, erika.m@web.de, Fall AB-12 345. Frau Mustermann wohnt in Ulm; Fall AB12345.';
		const spans = spansFor(text, [
			['Erika Mustermann', 'name_patient'],
			['Hauptstr. 12a', 'street'],
			['Ulm', 'city'],
			['+49 731 123456', 'phone'],
			['erika.m@web.de', 'email'],
			['AB-12 345', 'id'],
			['Mustermann', 'name_patient'],
			['Ulm', 'city'],
			['AB12345', 'id']
		]);
		const context = fixed();
		const { output, replacements } = applyPolicy(text, spans, policy, context);
		const out = replacements.map((r) => output.slice(r.start, r.end));
		const [name, street, city, phone, email, id, surname, city2, id2] = out as string[];

		const [first, last] = name!.split(' ');
		expect(SURROGATE_LISTS.de.female).toContain(first);
		expect(SURROGATE_LISTS.de.surnames).toContain(last);
		expect(last).not.toBe('Mustermann');
		expect(surname).toBe(last);
		expect(street).toMatch(/^\D+ \d\d[a-z]$/);
		expect(street).not.toBe('Hauptstr. 12a');
		expect(SURROGATE_LISTS.de.cities).toContain(city);
		expect(city2).toBe(city);
		expect(phone).toMatch(/^\+49 \d{3} \d{6}$/);
		expect(phone).not.toBe('+49 731 123456');
		expect(email).toMatch(/^[a-z]+\.[a-z]+@example\.org$/);
		expect(id).toMatch(/^[A-Z]{2}-\d{2} \d{3}$/);
		expect(id).not.toBe('AB-12 345');
		expect(id2).toBe(id!.replace(/[- ]/g, ''));
		for (const original of ['Erika', 'Mustermann', 'Hauptstr', '123456', 'erika.m', 'AB12345'])
			expect(output).not.toContain(original);

		// The same context gives the same surrogates in the next document.
		const next = 'Kontrolle: Erika Mustermann.';
		const again = applyPolicy(
			next,
			spansFor(next, [['Erika Mustermann', 'name_patient']]),
			policy,
			context
		);
		expect(again.output).toBe(`Kontrolle: ${name}.`);
	});

	it('writes initials and capitals of a surrogate like the mention', () => {
		const policy = policyWith({ name_patient: 'surrogate' });
		const text = 'Hans Müller; H. Müller; MÜLLER, Hans';
		const spans = spansFor(text, [
			['Hans Müller', 'name_patient'],
			['H. Müller', 'name_patient'],
			['MÜLLER, Hans', 'name_patient']
		]);
		const { output } = applyPolicy(text, spans, policy, fixed());
		const [full, initial, upper] = output.split('; ') as [string, string, string];
		const [first, last] = full.split(' ') as [string, string];
		expect(SURROGATE_LISTS.de.male).toContain(first);
		expect(initial).toBe(`${first[0]}. ${last}`);
		expect(upper).toBe(`${last.toUpperCase()}, ${first}`);
	});

	it('keeps relationship words in a name span and picks first names to match them', () => {
		const policy = policyWith({ name_relative: 'surrogate' });
		const text = 'Tochter Lotte Brandt rief an. Frau Brandt kommt morgen.';
		const spans = spansFor(text, [
			['Tochter Lotte Brandt', 'name_relative'],
			['Brandt', 'name_relative']
		]);
		const { output } = applyPolicy(text, spans, policy, fixed());
		const match = /^Tochter (\p{L}+) (\p{L}+) rief an\. Frau (\p{L}+) kommt morgen\.$/u.exec(
			output
		);
		expect(match).not.toBeNull();
		expect(SURROGATE_LISTS.de.female).toContain(match![1]);
		expect(match![3]).toBe(match![2]);
	});

	it('takes the gender of surrogate first names from any mention, and keeps titles', () => {
		const policy = policyWith({ name_patient: 'surrogate', name_title: 'surrogate' });
		const text = 'Kim Yilmaz kam. Befund von Dr. Kim Yilmaz. Frau Yilmaz ist beschwerdefrei.';
		const spans = spansFor(text, [
			['Kim Yilmaz', 'name_patient'],
			['Dr.', 'name_title'],
			['Kim Yilmaz', 'name_patient'],
			['Frau', 'name_title'],
			['Yilmaz', 'name_patient']
		]);
		for (const seed of [1, 2, 3, 4, 5]) {
			const context = newDeidContext({ dateShiftDays: 7, seed });
			const { output } = applyPolicy(text, spans, policy, context);
			const match = /^(\p{L}+) (\p{L}+) kam\. Befund von Dr\. \1 \2\. Frau \2 ist/u.exec(output);
			expect(match).not.toBeNull();
			expect(SURROGATE_LISTS.de.female).toContain(match![1]);
		}
	});

	it('rewrites overlapping and nested spans once, with the longest span deciding', () => {
		const text = 'Patient Hans Müller-Lüdenscheidt kam.';
		const spans: PhiSpan[] = [
			{ start: 8, end: 19, type: 'name_patient', text: 'Hans Müller', sources: ['rule'] },
			{
				start: 13,
				end: 32,
				type: 'name_other',
				text: 'Müller-Lüdenscheidt',
				sources: ['llm']
			},
			{ start: 13, end: 19, type: 'name_patient', text: 'Müller', sources: ['known'] }
		];
		const { output, replacements } = applyPolicy(text, spans, defaultPolicy('de'), fixed());
		expect(output).toBe('Patient [PERSON_1] kam.');
		expect(replacements).toHaveLength(1);
		expect(replacements[0]?.spanIndex).toBe(1);
	});

	it('leaves a text without spans as it is', () => {
		const text = 'Befund: unauffällig.';
		expect(applyPolicy(text, [], defaultPolicy('de'), fixed())).toEqual({
			output: text,
			replacements: [],
			kept: []
		});
	});
});
