/**
 * The source check: numbers, dates, drug names and doses in a draft that do not appear in any
 * source, so the physician can verify them before signing. It errs on the side of fewer marks
 * (a wall of highlights gets ignored): what counts as "the same" is decided by meaning, not by
 * spelling:
 * - numbers by value: `5,0` = `5.0` = `5` (a trailing zero does not change a dose), and `1.000`
 *   is read both as one thousand (German grouping) and as one;
 * - dates by day, month and year in any common German or English form; a draft date may be
 *   less precise than the source (`März 2024` is supported by `12.03.2024`), never more;
 * - doses by value and unit, converted between ng, µg, mg and g (`1 g` = `1000 mg`);
 * - drug names case-insensitively, without accents and a final "e" (`Pantoprazole` =
 *   `pantoprazol`).
 */

export type ClaimKind = 'number' | 'date' | 'drug' | 'dose';

export interface Claim {
	/** Offsets into the draft: `text === draft.slice(start, end)`. */
	start: number;
	end: number;
	text: string;
	kind: ClaimKind;
}

interface DateValue {
	year?: number;
	month: number;
	day?: number;
}

interface Parsed extends Claim {
	/** What the claim means, for matching: number values, dates, dose keys, a word. */
	values?: string[];
	dates?: DateValue[];
	/** Yearless dotted dates (`12.3.`) may also be a decimal at a sentence end. */
	orNumber?: string[];
	/** For a dose written right after a drug name: that drug. */
	drug?: string;
}

const MONTHS: Record<string, number> = {};
(
	[
		['january', 'jan', 'januar', 'jänner', 'jaenner'],
		['february', 'feb', 'februar'],
		['march', 'mar', 'märz', 'maerz', 'mär', 'mrz'],
		['april', 'apr'],
		['may', 'mai'],
		['june', 'jun', 'juni'],
		['july', 'jul', 'juli'],
		['august', 'aug'],
		['september', 'sep', 'sept'],
		['october', 'oct', 'oktober', 'okt'],
		['november', 'nov'],
		['december', 'dec', 'dezember', 'dez']
	] as const
).forEach((names, i) => names.forEach((name) => (MONTHS[name] = i + 1)));

const MONTH = `(${Object.keys(MONTHS)
	.sort((a, b) => b.length - a.length)
	.join('|')})\\.?`;
const DAY = '(0?[1-9]|[12]\\d|3[01])';
const YEAR = '(\\d{4}|\\d{2})';
const NOT_BEFORE = '(?<![\\p{L}\\p{N}.,/-])';
const NOT_AFTER = '(?![\\p{L}\\p{N}]|[.,/-]\\d)';

/** Date patterns with the order of their groups. */
const DATE_PATTERNS: [RegExp, (m: RegExpExecArray) => DateValue[]][] = [
	// 2024-03-12
	[
		new RegExp(`${NOT_BEFORE}(\\d{4})-(\\d{1,2})-(\\d{1,2})${NOT_AFTER}`, 'gu'),
		(m) => [{ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }]
	],
	// 12.03.2024, 12.3.24
	[
		new RegExp(`${NOT_BEFORE}${DAY}\\.\\s?(0?[1-9]|1[0-2])\\.\\s?${YEAR}${NOT_AFTER}`, 'gu'),
		(m) => [{ year: year(m[3]), month: Number(m[2]), day: Number(m[1]) }]
	],
	// 12/03/2024: day first or month first, both readings kept
	[
		new RegExp(`${NOT_BEFORE}(\\d{1,2})/(\\d{1,2})/${YEAR}${NOT_AFTER}`, 'gu'),
		(m) => [
			{ year: year(m[3]), month: Number(m[2]), day: Number(m[1]) },
			{ year: year(m[3]), month: Number(m[1]), day: Number(m[2]) }
		]
	],
	// 12 March 2024, 12. März 2024, 12 Mar 2024
	[
		new RegExp(`${NOT_BEFORE}${DAY}\\.?\\s${MONTH}\\s${YEAR}${NOT_AFTER}`, 'giu'),
		(m) => [{ year: year(m[3]), month: month(m[2]), day: Number(m[1]) }]
	],
	// March 12, 2024
	[
		new RegExp(`${NOT_BEFORE}${MONTH}\\s${DAY}(?:st|nd|rd|th)?,?\\s${YEAR}${NOT_AFTER}`, 'giu'),
		(m) => [{ year: year(m[3]), month: month(m[1]), day: Number(m[2]) }]
	],
	// 12 March, 12. März (no year)
	[
		new RegExp(`${NOT_BEFORE}${DAY}\\.?\\s${MONTH}(?![\\p{L}])`, 'giu'),
		(m) => [{ month: month(m[2]), day: Number(m[1]) }]
	],
	// March 12 (no year)
	[
		new RegExp(`${NOT_BEFORE}${MONTH}\\s${DAY}(?:st|nd|rd|th)?${NOT_AFTER}`, 'giu'),
		(m) => [{ month: month(m[1]), day: Number(m[2]) }]
	],
	// March 2024, März 2024
	[
		new RegExp(`(?<![\\p{L}])${MONTH}\\s(\\d{4})${NOT_AFTER}`, 'giu'),
		(m) => [{ year: Number(m[2]), month: month(m[1]) }]
	],
	// 03/2024, 03.2024
	[
		new RegExp(`${NOT_BEFORE}(0?[1-9]|1[0-2])[./](\\d{4})${NOT_AFTER}`, 'gu'),
		(m) => [{ year: Number(m[2]), month: Number(m[1]) }]
	],
	// 12.03. (German, no year: the final dot is required)
	[
		new RegExp(`${NOT_BEFORE}${DAY}\\.(0?[1-9]|1[0-2])\\.(?!\\d)`, 'gu'),
		(m) => [{ month: Number(m[2]), day: Number(m[1]) }]
	]
];

function year(text: string | undefined): number {
	const n = Number(text);
	if ((text ?? '').length === 4) return n;
	// Two-digit years in letters are recent or birth years of the last century.
	return n < 50 ? 2000 + n : 1900 + n;
}

function month(text: string | undefined): number {
	return MONTHS[(text ?? '').toLowerCase().replace(/\.$/, '')] ?? 0;
}

function validDate(d: DateValue): boolean {
	return d.month >= 1 && d.month <= 12 && (d.day === undefined || (d.day >= 1 && d.day <= 31));
}

/** Every value a written number can mean: `1.000` is 1000 or 1; `5,0` is 5. */
export function numberValues(text: string): string[] {
	const digits = text.replace(/^[-−]/, '');
	const canonical = (n: number) => (Number.isFinite(n) ? String(Number(n.toPrecision(12))) : '');
	const values = new Set<string>();
	const separators = digits.match(/[.,]/g) ?? [];
	if (separators.length === 0) values.add(canonical(Number(digits)));
	else if (separators.length === 1) {
		const [whole, fraction = ''] = digits.split(/[.,]/);
		values.add(canonical(Number(`${whole}.${fraction}`)));
		if (fraction.length === 3) values.add(canonical(Number(`${whole}${fraction}`)));
	} else {
		const last = digits.search(/[.,][^.,]*$/);
		const lastSeparator = digits[last];
		const head = digits.slice(0, last);
		// 1.234.567 groups thousands; 1.234,5 or 1,234.5 ends in a decimal.
		if (separators.every((s) => s === lastSeparator))
			values.add(canonical(Number(digits.replace(/[.,]/g, ''))));
		else values.add(canonical(Number(`${head.replace(/[.,]/g, '')}.${digits.slice(last + 1)}`)));
	}
	values.delete('');
	return [...values];
}

const MASS: Record<string, number> = { ng: 1e-6, µg: 1e-3, mg: 1, g: 1000 };
const UNIT_ALIASES: Record<string, string> = {
	ng: 'ng',
	µg: 'µg',
	μg: 'µg',
	ug: 'µg',
	mcg: 'µg',
	mg: 'mg',
	g: 'g',
	ml: 'ml',
	ie: 'ie',
	'i.e.': 'ie',
	iu: 'ie',
	hub: 'hub',
	hübe: 'hub',
	puff: 'hub',
	puffs: 'hub',
	tbl: 'tbl',
	'tbl.': 'tbl',
	'tabl.': 'tbl',
	tablette: 'tbl',
	tabletten: 'tbl',
	tablet: 'tbl',
	tablets: 'tbl',
	kps: 'kps',
	'kps.': 'kps',
	kapsel: 'kps',
	kapseln: 'kps',
	capsule: 'kps',
	capsules: 'kps',
	trpf: 'trpf',
	'trpf.': 'trpf',
	tropfen: 'trpf',
	drops: 'trpf'
};
const DOSE_UNIT =
	'(mg|g|µg|μg|ug|mcg|ng|ml|IE|I\\.E\\.|IU|Hub|Hübe|Puffs?|Tbl\\.?|Tabl\\.|Tabletten?|tablets?|Kps\\.?|Kapseln?|capsules?|Trpf\\.?|Tropfen|drops)';
const PER = '(?:\\/(?:kg(?:\\s?KG)?|KG|d|die|Tag|day|h|Std|min|m²|m2|Woche|week))?';
/** A number with a dose unit; not a concentration such as mg/dl or mmol/l (a lab value). */
const DOSE = new RegExp(
	`${NOT_BEFORE}(\\d+(?:[.,]\\d+)?)\\s?${DOSE_UNIT}${PER}(?![\\p{L}\\p{N}])(?!\\/(?:dl|l|ml)\\b)`,
	'giu'
);
const SCHEDULE_PART = '(?:\\d+(?:[.,]\\d+)?|½|¼|¾)';
const SCHEDULE = new RegExp(
	`${NOT_BEFORE}${SCHEDULE_PART}(?:\\s?-\\s?${SCHEDULE_PART}){2,3}(?![\\p{N}]|-\\d)`,
	'gu'
);

function doseKeys(value: string, unit: string): string[] {
	const normalised = UNIT_ALIASES[unit.toLowerCase()] ?? unit.toLowerCase();
	const factor = MASS[normalised];
	return numberValues(value).map((v) =>
		factor === undefined
			? `${v} ${normalised}`
			: `${Number((Number(v) * factor).toPrecision(12))} mg`
	);
}

function scheduleKey(text: string): string {
	const fractions: Record<string, string> = { '½': '0.5', '¼': '0.25', '¾': '0.75' };
	return text
		.split('-')
		.map((p) => p.trim())
		.map((p) => fractions[p] ?? numberValues(p)[0] ?? p)
		.join('-');
}

/**
 * Common drugs (INN, German and English spelling) and a few brand names clinicians write.
 * Anything followed by a dose is treated as a drug too, so the list need not be complete.
 */
const DRUGS = `acetylsalicylsäure ass aspirin acetylsalicylic clopidogrel prasugrel ticagrelor
heparin enoxaparin dalteparin fondaparinux apixaban rivaroxaban edoxaban dabigatran phenprocoumon
marcumar warfarin metoprolol bisoprolol carvedilol nebivolol propranolol ramipril enalapril
lisinopril candesartan valsartan losartan telmisartan olmesartan sacubitril amlodipin lercanidipin
nifedipin verapamil diltiazem hydrochlorothiazid hct torasemid furosemid spironolacton eplerenon
digoxin digitoxin amiodaron dronedaron flecainid atorvastatin simvastatin rosuvastatin pravastatin
ezetimib metformin sitagliptin empagliflozin dapagliflozin liraglutid semaglutid dulaglutid
insulin glargin glimepirid levothyroxin l-thyroxin thiamazol carbimazol pantoprazol omeprazol
esomeprazol ranitidin metoclopramid ondansetron domperidon loperamid macrogol lactulose
paracetamol acetaminophen metamizol novaminsulfon novalgin ibuprofen diclofenac naproxen
celecoxib etoricoxib morphin hydromorphon oxycodon tapentadol tramadol tilidin fentanyl
buprenorphin piritramid naloxon prednisolon prednison methylprednisolon dexamethason
hydrocortison budesonid fludrocortison salbutamol formoterol salmeterol tiotropium ipratropium
montelukast theophyllin amoxicillin ampicillin sulbactam clavulansäure piperacillin tazobactam
cefuroxim ceftriaxon cefotaxim ceftazidim cefazolin meropenem imipenem ciprofloxacin
levofloxacin moxifloxacin clarithromycin azithromycin erythromycin doxycyclin clindamycin
cotrimoxazol trimethoprim sulfamethoxazol nitrofurantoin fosfomycin metronidazol vancomycin
linezolid gentamicin rifampicin fluconazol voriconazol aciclovir valaciclovir oseltamivir
allopurinol febuxostat colchicin alendronat zoledronat denosumab colecalciferol
tamsulosin finasterid oxybutynin sertralin citalopram
escitalopram fluoxetin venlafaxin duloxetin mirtazapin amitriptylin trazodon quetiapin
olanzapin risperidon haloperidol aripiprazol lithium lorazepam diazepam midazolam oxazepam
zopiclon zolpidem melatonin pregabalin gabapentin levetiracetam valproat lamotrigin
carbamazepin lacosamid levodopa carbidopa pramipexol ropinirol donepezil memantin
methotrexat cyclophosphamid cisplatin carboplatin oxaliplatin paclitaxel docetaxel
fluorouracil capecitabin gemcitabin irinotecan etoposid doxorubicin epirubicin vincristin
pembrolizumab nivolumab atezolizumab durvalumab ipilimumab trastuzumab pertuzumab
bevacizumab cetuximab rituximab tamoxifen letrozol anastrozol exemestan fulvestrant
abirateron enzalutamid leuprorelin goserelin osimertinib alectinib imatinib palbociclib
ribociclib olaparib adalimumab infliximab etanercept ustekinumab vedolizumab tocilizumab
mesalazin azathioprin mycophenolat tacrolimus ciclosporin hydroxychloroquin filgrastim
erythropoetin tranexamsäure noradrenalin adrenalin dobutamin propofol ketamin`
	.split(/\s+/)
	.filter((w) => w !== '');

/** Drug names compared without case, accents or a final "e". */
export function drugKey(word: string): string {
	return word
		.toLowerCase()
		.replace(/ß/g, 'ss')
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.replace(/e$/, '');
}

const DRUG_KEYS = new Set(DRUGS.map(drugKey));

/** Words before a dose that are not drug names. */
const NOT_DRUGS = new Set(
	`with of to from and or the a an by at up per daily total dose doses dosage increased reduced
	 changed started stopped continue continued then than about approximately max maximum mit von zu
	 auf aus bis und oder der die das den dem des ein eine einer einem täglich tgl insgesamt dosis
	 erhöht reduziert gesteigert angesetzt abgesetzt weiter weiterhin dann ca etwa maximal je pro`
		.split(/\s+/)
		.filter((w) => w !== '')
);

const CODE =
	/(?<![\p{L}\p{N}])(?=[\p{L}\p{N}.]*\p{L})(?=[\p{L}\p{N}.]*\p{N})[\p{L}\p{N}]+(?:\.[\p{L}\p{N}]+)*/gu;
const ORDINAL = /^\d+(?:st|nd|rd|th)$/i;
const NUMBER = /(?<![\p{L}\p{N}])\d+(?:[.,]\d+)*/gu;
const UNIT = new RegExp(
	`^\\s?(%|‰|°C|°|mmHg|cmH2O|\\/[\\p{L}µμ]+|[\\p{L}µμ]+(?:\\/[\\p{L}µμ0-9²³]+)?)(?![\\p{L}\\p{N}])`,
	'u'
);
const UNITS = new Set(
	`% ‰ °c ° mmhg cmh2o bpm /min min h d kg g cm mm m km ml l dl µl μl mg/dl g/dl g/l mmol/l µmol/l
	 μmol/l nmol/l pmol/l mg/l µg/l ng/ml pg/ml ng/l u/l iu/l ie/l mu/l /µl /nl /pl g/l t/l
	 ml/min ml/h l/min kcal gy cgy jahre jahren years yrs y wochen weeks woche week tage tagen days
	 day monate monaten months month std hours hour sek sec s mosmol/kg mval/l meq/l fl pg ssw`
		.split(/\s+/)
		.filter((w) => w !== '')
);

/** Numbers that are not claims: list markers and references to sources. */
function isMarker(text: string, start: number, end: number): boolean {
	const lineStart = text.lastIndexOf('\n', start - 1) + 1;
	const before = text.slice(lineStart, start);
	if (/^\s*$/.test(before) && /^[.)]\s/.test(text.slice(end, end + 2))) return true;
	return /(?:Source|Quelle|Sources|Quellen)\s$/i.test(text.slice(Math.max(0, start - 9), start));
}

/** Every number, date, drug and dose in a text, in order. */
export function findClaims(text: string): Claim[] {
	return parseClaims(text).map(({ start, end, text: t, kind }) => ({ start, end, text: t, kind }));
}

function parseClaims(text: string): Parsed[] {
	const claims: Parsed[] = [];
	// Kinds are found in order of precedence; a span claimed once is not claimed again.
	const taken = new Uint8Array(text.length);
	const overlaps = (start: number, end: number) => {
		for (let i = start; i < end; i++) if (taken[i]) return true;
		return false;
	};
	const add = (claim: Parsed) => {
		claims.push(claim);
		taken.fill(1, claim.start, claim.end);
	};

	for (const [pattern, read] of DATE_PATTERNS) {
		for (const m of text.matchAll(pattern)) {
			const start = m.index;
			const end = start + m[0].replace(/\s+$/, '').length;
			const dates = read(m).filter(validDate);
			if (dates.length === 0 || overlaps(start, end)) continue;
			const yearless = !dates.some((d) => d.year !== undefined);
			add({
				start,
				end,
				text: text.slice(start, end),
				kind: 'date',
				dates,
				...(yearless && /^\d/.test(m[0]) ? { orNumber: numberValues(m[0].replace(/\.$/, '')) } : {})
			});
		}
	}
	for (const m of text.matchAll(SCHEDULE)) {
		const start = m.index;
		const end = start + m[0].length;
		if (overlaps(start, end)) continue;
		add({ start, end, text: m[0], kind: 'dose', values: [`schedule ${scheduleKey(m[0])}`] });
	}
	for (const m of text.matchAll(DOSE)) {
		const start = m.index;
		const end = start + m[0].length;
		if (overlaps(start, end)) continue;
		// The word right before a dose names the drug ("Ramipril 5 mg").
		const before = /([\p{L}][\p{L}-]{2,})\s+$/u.exec(text.slice(Math.max(0, start - 40), start));
		const word = before?.[1];
		const drug = word && !NOT_DRUGS.has(word.toLowerCase()) ? drugKey(word) : undefined;
		add({
			start,
			end,
			text: m[0],
			kind: 'dose',
			values: doseKeys(m[1] as string, m[2] as string),
			...(drug ? { drug } : {})
		});
		if (word && drug) {
			const wordStart = start - (before[0] as string).length;
			const wordEnd = wordStart + word.length;
			if (!overlaps(wordStart, wordEnd))
				add({ start: wordStart, end: wordEnd, text: word, kind: 'drug', values: [drug] });
		}
	}
	for (const m of text.matchAll(/[\p{L}][\p{L}-]*/gu)) {
		const start = m.index;
		const end = start + m[0].length;
		if (!DRUG_KEYS.has(drugKey(m[0])) || overlaps(start, end)) continue;
		add({ start, end, text: m[0], kind: 'drug', values: [drugKey(m[0])] });
	}
	for (const m of text.matchAll(CODE)) {
		const start = m.index;
		const end = start + m[0].length;
		if (overlaps(start, end)) continue;
		const values = ORDINAL.test(m[0])
			? numberValues(m[0].replace(/\D+$/, ''))
			: [`code ${m[0].toLowerCase()}`];
		add({ start, end, text: m[0], kind: 'number', values });
	}
	for (const m of text.matchAll(NUMBER)) {
		const start = m.index;
		let end = start + m[0].length;
		if (overlaps(start, end) || isMarker(text, start, end)) continue;
		// A unit after the number belongs to the highlight, not to the comparison.
		const unit = UNIT.exec(text.slice(end, end + 16));
		if (unit && UNITS.has((unit[1] as string).toLowerCase())) end += unit[0].length;
		add({ start, end, text: text.slice(start, end), kind: 'number', values: numberValues(m[0]) });
	}
	return claims.sort((a, b) => a.start - b.start);
}

/** What the sources contain, indexed for the check. */
export class SourceIndex {
	readonly #numbers = new Set<string>();
	readonly #codes = new Set<string>();
	readonly #compact: string;
	readonly #doses = new Set<string>();
	/** `drug|dose` for doses written right after a drug name, and the drugs that have one. */
	readonly #drugDoses = new Set<string>();
	readonly #dosedDrugs = new Set<string>();
	readonly #words = new Set<string>();
	readonly #dates: DateValue[] = [];

	constructor(sources: readonly string[]) {
		const all = sources.join('\n\n');
		this.#compact = all.toLowerCase().replace(/\s+/g, '');
		// Lenient on purpose: every digit run and every reading of a written number counts, so
		// that a value found anywhere in the sources (even inside a date) is not marked.
		for (const m of all.matchAll(NUMBER)) {
			for (const v of numberValues(m[0])) this.#numbers.add(v);
			for (const run of m[0].split(/[.,]/)) for (const v of numberValues(run)) this.#numbers.add(v);
			for (const pair of m[0].matchAll(/(?=(\d+[.,]\d+))/g))
				for (const v of numberValues(pair[1] as string)) this.#numbers.add(v);
		}
		for (const claim of parseClaims(all)) {
			if (claim.kind === 'date') this.#dates.push(...(claim.dates ?? []));
			if (claim.kind === 'dose') {
				for (const v of claim.values ?? []) {
					this.#doses.add(v);
					if (claim.drug) this.#drugDoses.add(`${claim.drug}|${v}`);
				}
				if (claim.drug) this.#dosedDrugs.add(claim.drug);
			}
			if (claim.kind === 'number')
				for (const v of claim.values ?? []) if (v.startsWith('code ')) this.#codes.add(v);
		}
		for (const m of all.matchAll(/[\p{L}][\p{L}-]*/gu)) {
			this.#words.add(drugKey(m[0]));
			for (const part of m[0].split('-')) if (part) this.#words.add(drugKey(part));
		}
	}

	#hasNumber(values: readonly string[]): boolean {
		return values.some((v) =>
			v.startsWith('code ')
				? this.#codes.has(v) || (v.length >= 9 && this.#compact.includes(v.slice(5)))
				: this.#numbers.has(v)
		);
	}

	#hasDate(date: DateValue): boolean {
		// The source date must state at least what the draft states, and agree on it.
		return this.#dates.some(
			(s) =>
				s.month === date.month &&
				(date.day === undefined || s.day === date.day) &&
				(date.year === undefined || s.year === date.year)
		);
	}

	supports(claim: Parsed): boolean {
		switch (claim.kind) {
			case 'date':
				return (
					(claim.dates ?? []).some((d) => this.#hasDate(d)) ||
					(claim.orNumber !== undefined && this.#hasNumber(claim.orNumber))
				);
			case 'dose': {
				const values = claim.values ?? [];
				// "Ramipril 5 mg" needs Ramipril at 5 mg in the sources, not any 5 mg; only a drug the
				// sources name without a dose falls back to the dose alone.
				if (claim.drug && this.#dosedDrugs.has(claim.drug))
					return values.some((v) => this.#drugDoses.has(`${claim.drug}|${v}`));
				return values.some((v) => this.#doses.has(v));
			}
			case 'drug':
				return (claim.values ?? []).some((v) => this.#words.has(v));
			case 'number':
				return this.#hasNumber(claim.values ?? []);
		}
	}
}

/**
 * The numbers, dates, drug names and doses in the draft that no source supports, in order,
 * for highlighting.
 */
export function findUnsupported(draft: string, sources: readonly string[] | SourceIndex): Claim[] {
	const index = sources instanceof SourceIndex ? sources : new SourceIndex(sources);
	return parseClaims(draft)
		.filter((claim) => !index.supports(claim))
		.map(({ start, end, text, kind }) => ({ start, end, text, kind }));
}
