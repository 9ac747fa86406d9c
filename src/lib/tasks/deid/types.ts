/**
 * The shared vocabulary of de-identification: what kind of patient data a span is, where the
 * detection came from, and what happens to each kind on output.
 */

export const PHI_TYPES = [
	'name_patient',
	'name_relative',
	'name_clinician',
	'name_other',
	'name_title',
	'date_birth',
	'date_admission',
	'date_discharge',
	'date',
	'age',
	'id',
	'phone',
	'email',
	'url',
	'street',
	'postal_code',
	'city',
	'country',
	'institution',
	'department',
	'profession'
] as const;

export type PhiType = (typeof PHI_TYPES)[number];

/** Coarse groups, for the metrics table and for the recall targets (dates, identifiers, …). */
export type PhiGroup =
	'name' | 'date' | 'age' | 'id' | 'contact' | 'location' | 'organisation' | 'profession';

export const PHI_GROUP: Record<PhiType, PhiGroup> = {
	name_patient: 'name',
	name_relative: 'name',
	name_clinician: 'name',
	name_other: 'name',
	name_title: 'name',
	date_birth: 'date',
	date_admission: 'date',
	date_discharge: 'date',
	date: 'date',
	age: 'age',
	id: 'id',
	phone: 'contact',
	email: 'contact',
	url: 'contact',
	street: 'location',
	postal_code: 'location',
	city: 'location',
	country: 'location',
	institution: 'organisation',
	department: 'organisation',
	profession: 'profession'
};

export type SpanSource = 'rule' | 'llm' | 'known' | 'manual';

/** One piece of patient data in a text: `text === documentText.slice(start, end)` (UTF-16). */
export interface PhiSpan {
	start: number;
	end: number;
	type: PhiType;
	text: string;
	/** Every detector that found it (a span found by rules and the LLM lists both). */
	sources: SpanSource[];
	/** The rule's name, for review ("german-date", "kvnr"). */
	rule?: string;
	/** Review decision; undefined = not reviewed yet (treated as accepted on output). */
	decision?: 'accepted' | 'rejected';
}

export type Lang = 'de' | 'en';

/** What a policy does with one type on output. */
export type PolicyAction = 'remove' | 'mask' | 'tag' | 'surrogate' | 'generalise' | 'keep';

export interface DeidPolicy {
	actions: Record<PhiType, PolicyAction>;
	/** Keep clinicians' names (overrides `actions.name_clinician`). */
	keepClinicians: boolean;
	/** Language of surrogate names and date formats. */
	lang: Lang;
}

/** Result of scanning an output again for patient data. */
export type LeakVerdict = 'PASS' | 'REVIEW' | 'FAIL';
