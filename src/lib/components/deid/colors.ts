import type { PhiType } from '$lib/tasks/deid/types';

/** One light background per kind of data, so that the review view reads at a glance. */
export const PHI_COLORS: Record<PhiType, string> = {
	name_patient: '#ffd6d6',
	name_relative: '#ffe0c2',
	name_clinician: '#e3d7ff',
	name_other: '#f7d6ef',
	name_title: '#ececec',
	date_birth: '#ffe98a',
	date_admission: '#fff3b8',
	date_discharge: '#fff3b8',
	date: '#fff8d6',
	age: '#ffefd1',
	id: '#c9f0ff',
	phone: '#cfeede',
	email: '#cfeede',
	url: '#cfeede',
	street: '#d9f2c6',
	postal_code: '#d9f2c6',
	city: '#e6f7d4',
	country: '#e6f7d4',
	institution: '#d6e4ff',
	department: '#e1eaff',
	profession: '#f0e6d8'
};
