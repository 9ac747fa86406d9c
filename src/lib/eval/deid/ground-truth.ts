/**
 * Gold standards for de-identification: texts with the spans of patient data a person marked,
 * from INCEpTION (UIMA CAS JSON), BRAT standoff (`.txt` + `.ann`) or JSON Lines. Every corpus
 * has its own labels; a mapping turns them into Enclave's types, and `null` marks a label that is
 * not patient data for our purposes (its spans are then neither found nor missed, see metrics.ts).
 */
import { EnclaveError } from '$lib/errors';
import { PHI_TYPES, type PhiType } from '$lib/tasks/deid/types';

export interface GoldSpan {
	/** UTF-16 offsets into the document's text (what JavaScript strings use), end exclusive. */
	start: number;
	end: number;
	/** The label as the gold standard writes it; `''` when the annotation has none. */
	label: string;
	/** Enclave's type; `null` = not scored (mapped to null, or a label the mapping lacks). */
	type: PhiType | null;
}

export interface GoldDocument {
	id: string;
	text: string;
	spans: GoldSpan[];
	/** The language the gold standard states, when it states one (`de`, `en`, `es`). */
	lang?: string;
}

/** Labels to Enclave's types; `null` = not patient data for our purposes. */
export type LabelMapping = Readonly<Record<string, PhiType | null>>;

/**
 * The labels of the development corpora (see ../shared/data/README.md) and of the full label sets
 * they come from, so that the held-out parts map too, and those of i2b2 2014. A label that several schemes share (AGE)
 * means the same in all of them. Where a corpus label is broader than ours the closest type is
 * taken: type-agnostic scores do not depend on the choice, typed ones do.
 */
export const DEFAULT_LABEL_MAPPING: LabelMapping = {
	// GraSCCo PHI (INCEpTION layer webanno.custom.PHI, feature `kind`).
	NAME_PATIENT: 'name_patient',
	NAME_DOCTOR: 'name_clinician',
	NAME_RELATIVE: 'name_relative',
	NAME_EXT: 'name_other',
	NAME_OTHER: 'name_other',
	NAME_USERNAME: 'name_other',
	NAME_TITLE: 'name_title',
	DATE: 'date',
	DATE_BIRTH: 'date_birth',
	AGE: 'age',
	ID: 'id',
	LOCATION_STREET: 'street',
	LOCATION_ZIP: 'postal_code',
	LOCATION_CITY: 'city',
	LOCATION_STATE: 'city',
	LOCATION_COUNTRY: 'country',
	LOCATION_HOSPITAL: 'institution',
	LOCATION_ORGANIZATION: 'institution',
	LOCATION_OTHER: 'city',
	CONTACT_PHONE: 'phone',
	CONTACT_FAX: 'phone',
	CONTACT_EMAIL: 'email',
	CONTACT_URL: 'url',
	PROFESSION: 'profession',
	// PhysioNet deid gold standard. `Location` mixes hospitals, towns and streets; `Other` marks
	// what fits no category (in the development part, one time of day).
	PTName: 'name_patient',
	PTNameInitial: 'name_patient',
	RelativeProxyName: 'name_relative',
	HCPName: 'name_clinician',
	Date: 'date',
	DateYear: 'date',
	Age: 'age',
	Phone: 'phone',
	Location: 'city',
	Other: null,
	// Presidio (presidio-research synthetic data and Presidio's recognizers). GPE holds cities,
	// states and countries; TITLE holds honorifics (Mr., Dr.) and, less often, job titles.
	PERSON: 'name_other',
	TITLE: 'name_title',
	DATE_TIME: 'date',
	PHONE_NUMBER: 'phone',
	EMAIL_ADDRESS: 'email',
	URL: 'url',
	DOMAIN_NAME: 'url',
	IP_ADDRESS: 'id',
	CREDIT_CARD: 'id',
	IBAN_CODE: 'id',
	US_SSN: 'id',
	US_DRIVER_LICENSE: 'id',
	US_PASSPORT: 'id',
	US_BANK_NUMBER: 'id',
	US_ITIN: 'id',
	UK_NHS: 'id',
	MEDICAL_LICENSE: 'id',
	CRYPTO: 'id',
	STREET_ADDRESS: 'street',
	ZIP_CODE: 'postal_code',
	GPE: 'city',
	LOCATION: 'city',
	ORGANIZATION: 'institution',
	NRP: null,
	// MEDDOCAN (Spanish; the 29 labels of the shared task). TERRITORIO holds towns, provinces and
	// postal codes alike.
	NOMBRE_SUJETO_ASISTENCIA: 'name_patient',
	NOMBRE_PERSONAL_SANITARIO: 'name_clinician',
	FAMILIARES_SUJETO_ASISTENCIA: 'name_relative',
	OTROS_SUJETO_ASISTENCIA: 'name_other',
	FECHAS: 'date',
	EDAD_SUJETO_ASISTENCIA: 'age',
	ID_SUJETO_ASISTENCIA: 'id',
	ID_ASEGURAMIENTO: 'id',
	ID_TITULACION_PERSONAL_SANITARIO: 'id',
	ID_CONTACTO_ASISTENCIAL: 'id',
	ID_EMPLEO_PERSONAL_SANITARIO: 'id',
	NUMERO_BI_ETC: 'id',
	IDENTIF_VEHICULOS_NRSERIE_PLACAS: 'id',
	IDENTIF_DISPOSITIVOS_NRSERIE: 'id',
	IDENTIF_BIOMETRICOS: 'id',
	OTRO_NUMERO_IDENTIF: 'id',
	NUMERO_TELEFONO: 'phone',
	NUMERO_FAX: 'phone',
	CORREO_ELECTRONICO: 'email',
	URL_WEB: 'url',
	DIREC_PROT_INTERNET: 'url',
	CALLE: 'street',
	TERRITORIO: 'city',
	PAIS: 'country',
	HOSPITAL: 'institution',
	CENTRO_SALUD: 'institution',
	INSTITUCION: 'institution',
	PROFESION: 'profession',
	// Sex is not one of Enclave's types.
	SEXO_SUJETO_ASISTENCIA: null,
	// i2b2/n2c2 2014 de-identification (the usual English benchmark), for gold standards in its
	// labels; PHONE, AGE, DATE, URL, HOSPITAL and the like are covered above, case aside.
	PATIENT: 'name_patient',
	DOCTOR: 'name_clinician',
	USERNAME: 'name_other',
	STREET: 'street',
	CITY: 'city',
	STATE: 'city',
	COUNTRY: 'country',
	ZIP: 'postal_code',
	'LOCATION-OTHER': 'city',
	DEPARTMENT: 'department',
	FAX: 'phone',
	EMAIL: 'email',
	ROOM: 'id',
	SSN: 'id',
	MEDICALRECORD: 'id',
	HEALTHPLAN: 'id',
	ACCOUNT: 'id',
	LICENSE: 'id',
	DEVICE: 'id',
	BIOID: 'id',
	IDNUM: 'id',
	VEHICLE: 'id'
};

/** Looks labels up exactly first, then ignoring case (`Date` and `DATE` are the same label). */
export class LabelMapper {
	readonly #exact = new Map<string, PhiType | null>();
	readonly #folded = new Map<string, PhiType | null>();

	/** `overrides` replace the defaults label by label; a `null` value drops a label. */
	constructor(overrides: LabelMapping = {}, defaults: LabelMapping = DEFAULT_LABEL_MAPPING) {
		for (const [label, type] of Object.entries(overrides))
			if (type !== null && !(PHI_TYPES as readonly string[]).includes(type))
				throw new EnclaveError('evalDeid.badMapping', {
					label,
					type: String(type),
					types: PHI_TYPES.join(', ')
				});
		const overridden = new Set(Object.keys(overrides).map((l) => l.toLowerCase()));
		for (const [label, type] of Object.entries(defaults))
			if (!overridden.has(label.toLowerCase())) this.#add(label, type);
		for (const [label, type] of Object.entries(overrides)) this.#add(label, type);
	}

	#add(label: string, type: PhiType | null) {
		this.#exact.set(label, type);
		this.#folded.set(label.toLowerCase(), type);
	}

	/** The type, `null` for a label mapped to null, `undefined` for a label the mapping lacks. */
	lookup(label: string): PhiType | null | undefined {
		const exact = this.#exact.get(label);
		return exact !== undefined ? exact : this.#folded.get(label.toLowerCase());
	}

	type(label: string): PhiType | null {
		return this.lookup(label) ?? null;
	}
}

/** How offsets count: UTF-16 code units (Java, JavaScript) or code points (Python). */
export type OffsetUnit = 'utf-16' | 'code-points';

export interface GoldOptions {
	/** Label overrides on top of `DEFAULT_LABEL_MAPPING`. */
	labels?: LabelMapping | LabelMapper;
	/**
	 * BRAT and JSON Lines: how the offsets count. By default code points (the tools that write
	 * these formats are Python), unless the span texts in the file only fit UTF-16 offsets.
	 */
	offsets?: OffsetUnit;
}

function mapper(options: GoldOptions): LabelMapper {
	return options.labels instanceof LabelMapper
		? options.labels
		: new LabelMapper(options.labels ?? {});
}

/** Spans sorted by position, so that reports and tests see them in reading order. */
function sortSpans(spans: GoldSpan[]): GoldSpan[] {
	return spans.sort((a, b) => a.start - b.start || a.end - b.end || a.label.localeCompare(b.label));
}

/** `Unexpected token } in JSON at position 120` → line 4 (the position's line in `text`). */
function jsonErrorLine(err: unknown, text: string): number | undefined {
	const position = /position (\d+)/.exec(err instanceof Error ? err.message : '')?.[1];
	if (position === undefined) return undefined;
	return text.slice(0, Number(position)).split('\n').length;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isOffset = (value: unknown): value is number => Number.isInteger(value) && Number(value) >= 0;

/** Characters beyond the BMP (emoji, rare CJK) take two UTF-16 units but one code point. */
const hasAstral = (text: string) => /[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(text);

/**
 * UTF-16 offsets from code point offsets. Texts without characters beyond the BMP (nearly all
 * clinical text) need no table.
 */
function codePointsToUtf16(text: string): (offset: number) => number {
	if (!hasAstral(text)) return (offset) => offset;
	const table: number[] = [];
	let unit = 0;
	for (const ch of text) {
		table.push(unit);
		unit += ch.length;
	}
	table.push(unit);
	return (offset) => table[offset] ?? unit + (offset - (table.length - 1));
}

const stripBom = (s: string) => (s.charCodeAt(0) === 0xfeff ? s.slice(1) : s);

/** Whitespace runs as one space: span texts in `.ann` and JSON Lines files lose line breaks. */
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

// ---------------------------------------------------------------------------------------------
// INCEpTION / UIMA CAS JSON

export interface CasOptions extends GoldOptions {
	/** The annotation layer holding the gold spans. */
	layer?: string;
	/** The feature holding the label. */
	feature?: string;
}

/**
 * One document from an INCEpTION export in UIMA CAS JSON: the text is the `sofaString` of the
 * initial view's `uima.cas.Sofa`; spans are the feature structures of the layer (default
 * `webanno.custom.PHI`) with `begin`, `end` and the label feature (default `kind`). Offsets are
 * UTF-16, which is what Java writes and JavaScript reads. An annotation without a label (GraSCCo
 * has one) is kept with the label `''`, which the mapping leaves unscored; zero-width annotations
 * cover no text and are dropped.
 */
export function parseCasJson(
	fileName: string,
	content: string,
	options: CasOptions = {}
): GoldDocument {
	const layer = options.layer ?? 'webanno.custom.PHI';
	const feature = options.feature ?? 'kind';
	const labels = mapper(options);
	let cas: unknown;
	try {
		cas = JSON.parse(stripBom(content));
	} catch (err) {
		if (content.trim() === '') throw new EnclaveError('evalDeid.emptyFile', { file: fileName });
		throw new EnclaveError(
			'evalDeid.badJson',
			{ file: fileName, line: jsonErrorLine(err, content) ?? 1 },
			{ cause: err }
		);
	}
	const structures = isRecord(cas) ? cas['%FEATURE_STRUCTURES'] : undefined;
	if (!Array.isArray(structures)) throw new EnclaveError('evalDeid.notCas', { file: fileName });

	const sofas = structures.filter(
		(fs): fs is Record<string, unknown> => isRecord(fs) && fs['%TYPE'] === 'uima.cas.Sofa'
	);
	const sofa = sofas.find((s) => s.sofaID === '_InitialView') ?? sofas[0];
	if (!sofa || typeof sofa.sofaString !== 'string')
		throw new EnclaveError('evalDeid.notCas', { file: fileName });
	const text = sofa.sofaString;
	const sofaId = sofa['%ID'];

	const spans: GoldSpan[] = [];
	let title: string | undefined;
	let lang: string | undefined;
	for (const fs of structures) {
		if (!isRecord(fs) || (fs['@sofa'] !== undefined && fs['@sofa'] !== sofaId)) continue;
		const type = fs['%TYPE'];
		if (type === 'de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData') {
			if (typeof fs.documentTitle === 'string' && fs.documentTitle.trim() !== '')
				title = fs.documentTitle.trim();
			if (typeof fs.language === 'string' && /^[a-z]{2}$/i.test(fs.language))
				lang = fs.language.toLowerCase();
			continue;
		}
		if (type !== layer) continue;
		const { begin, end } = fs;
		const where = { file: fileName, item: String(fs['%ID'] ?? '?') };
		if (!isOffset(begin) || !isOffset(end) || end < begin || end > text.length)
			throw new EnclaveError('evalDeid.badSpan', {
				...where,
				start: String(begin),
				end: String(end),
				length: text.length
			});
		if (begin === end) continue;
		const value = fs[feature];
		const label = typeof value === 'string' ? value.trim() : '';
		spans.push({ start: begin, end, label, type: labels.type(label) });
	}
	return {
		id: title ?? fileName,
		text,
		spans: sortSpans(spans),
		...(lang ? { lang } : {})
	};
}

// ---------------------------------------------------------------------------------------------
// BRAT standoff

interface RawSpan {
	start: number;
	end: number;
	label: string;
	/** The span text the file states, when it states one. */
	text?: string;
	/** Where to point an error: a line of the annotation file. */
	line: number;
}

/**
 * Resolves raw offsets against the text: in the unit asked for, or (by default) in code points
 * unless only UTF-16 offsets reproduce the stated span texts. Throws for offsets outside the text
 * and for a stated text that no reading reproduces.
 */
function resolveOffsets(
	file: string,
	text: string,
	raw: readonly RawSpan[],
	unit: OffsetUnit | undefined,
	labels: LabelMapper
): GoldSpan[] {
	const fromCodePoints = codePointsToUtf16(text);
	const convert = (u: OffsetUnit): RawSpan[] =>
		u === 'code-points'
			? raw.map((s) => ({ ...s, start: fromCodePoints(s.start), end: fromCodePoints(s.end) }))
			: raw.map((s) => ({ ...s }));
	/** The first span that does not fit the text, as the error to throw. */
	const problem = (spans: RawSpan[]): EnclaveError | undefined => {
		for (const s of spans) {
			if (s.end > text.length)
				return new EnclaveError('evalDeid.badSpan', {
					file,
					line: s.line,
					start: s.start,
					end: s.end,
					length: text.length
				});
			if (s.text !== undefined && squash(text.slice(s.start, s.end)) !== squash(s.text))
				return new EnclaveError('evalDeid.spanTextMismatch', { file, line: s.line });
		}
		return undefined;
	};

	let spans = convert(unit ?? 'code-points');
	const error = problem(spans);
	if (error) {
		// Only a text with characters beyond the BMP reads differently in the two units.
		const utf16 = unit === undefined && hasAstral(text) ? convert('utf-16') : undefined;
		if (!utf16 || problem(utf16)) throw error;
		spans = utf16;
	}
	return sortSpans(
		spans
			.filter((s) => s.end > s.start)
			.map((s) => ({ start: s.start, end: s.end, label: s.label, type: labels.type(s.label) }))
	);
}

/**
 * One document in BRAT standoff: the `.txt` and its `.ann`. Text-bound annotations
 * (`T1<TAB>LABEL start end<TAB>text`) become spans; a discontinuous one (`start end;start end`)
 * becomes one span per fragment, each with the label. Relations, events, attributes and notes are
 * skipped. BRAT counts offsets in code points and counts a byte order mark as a character, so give
 * the text as bytes, or as a string that still has its BOM; the BOM is removed from the returned
 * text and the offsets shifted.
 */
export function parseBrat(
	name: string,
	text: string | Uint8Array,
	ann: string,
	options: GoldOptions & { annFile?: string } = {}
): GoldDocument {
	const annFile = options.annFile ?? `${name}.ann`;
	let full =
		typeof text === 'string' ? text : new TextDecoder('utf-8', { ignoreBOM: true }).decode(text);
	const raw: RawSpan[] = [];
	const lines = stripBom(ann).split(/\r?\n/);
	lines.forEach((line, i) => {
		if (!line.startsWith('T')) return;
		const fail = (reason: string): never => {
			throw new EnclaveError('evalDeid.badAnnLine', { file: annFile, line: i + 1, reason });
		};
		const [id, info, ...rest] = line.split('\t');
		if (!id || !/^T\S+$/.test(id) || info === undefined)
			fail('expected “T1<TAB>LABEL start end<TAB>text”');
		const [label = '', ...offsets] = (info as string).split(' ');
		if (label === '') fail('the label is missing');
		const fragments = offsets.join(' ').split(';');
		const stated = rest.length > 0 ? rest.join('\t') : undefined;
		const pieces = fragments.map((fragment) => {
			const m = /^\s*(\d+)\s+(\d+)\s*$/.exec(fragment);
			if (!m) return fail(`“${fragment}” is not “start end”`);
			const start = Number(m[1]);
			const end = Number(m[2]);
			if (end < start) fail(`the span ends (${end}) before it starts (${start})`);
			return { start, end };
		});
		// The stated text of a discontinuous span is its fragments joined by spaces.
		const texts =
			stated === undefined
				? []
				: pieces.length === 1
					? [stated]
					: splitFragments(stated, pieces.length);
		pieces.forEach((p, k) =>
			raw.push({ ...p, label, line: i + 1, ...(texts[k] !== undefined ? { text: texts[k] } : {}) })
		);
	});
	const bom = full.charCodeAt(0) === 0xfeff;
	let spans = resolveOffsets(annFile, full, raw, options.offsets, mapper(options));
	if (bom) {
		full = full.slice(1);
		spans = spans
			.map((s) => ({ ...s, start: Math.max(0, s.start - 1), end: s.end - 1 }))
			.filter((s) => s.end > s.start);
	}
	return { id: name, text: full, spans };
}

/**
 * The stated text of a discontinuous span, split back into its fragments when that is
 * unambiguous (as many space-separated words as fragments); otherwise no fragment is checked.
 */
function splitFragments(stated: string, count: number): (string | undefined)[] {
	const words = stated.split(' ');
	return words.length === count ? words : new Array<undefined>(count).fill(undefined);
}

// ---------------------------------------------------------------------------------------------
// JSON Lines

/**
 * Documents from JSON Lines, one a line: `{"id", "text", "spans": [{"start", "end", "label"}]}`
 * (the spaCy / Prodigy shape). `lang` is kept when present; a span's `text`, when present, is
 * checked against the document. Presidio's field names (`entity_type`, `start_position`,
 * `end_position`) are read too. Blank lines are skipped.
 */
export function parseJsonl(
	fileName: string,
	content: string,
	options: GoldOptions = {}
): GoldDocument[] {
	const labels = mapper(options);
	const documents: GoldDocument[] = [];
	const lines = stripBom(content).split(/\r?\n/);
	lines.forEach((source, i) => {
		const line = i + 1;
		if (source.trim() === '') return;
		const fail = (reason: string): never => {
			throw new EnclaveError('evalDeid.badJsonLine', { file: fileName, line, reason });
		};
		let record: unknown;
		try {
			record = JSON.parse(source);
		} catch {
			fail('not valid JSON');
		}
		if (!isRecord(record)) return fail('expected an object');
		const { id, text, spans, lang } = record;
		if (typeof text !== 'string') fail('“text” is missing or not a string');
		if (!Array.isArray(spans)) fail('“spans” is missing or not a list');
		const raw = (spans as unknown[]).map((span, k): RawSpan => {
			if (!isRecord(span)) return fail(`span ${k + 1} is not an object`);
			const start = span.start ?? span.start_position;
			const end = span.end ?? span.end_position;
			const label = span.label ?? span.entity_type ?? span.type;
			if (!isOffset(start) || !isOffset(end) || end < start)
				fail(`span ${k + 1} has no valid “start” and “end”`);
			if (typeof label !== 'string') fail(`span ${k + 1} has no “label”`);
			const stated = span.text ?? span.entity_value;
			return {
				start: start as number,
				end: end as number,
				label: (label as string).trim(),
				line,
				...(typeof stated === 'string' ? { text: stated } : {})
			};
		});
		documents.push({
			id: typeof id === 'string' || typeof id === 'number' ? String(id) : `${fileName}:${line}`,
			text: text as string,
			spans: resolveOffsets(fileName, text as string, raw, options.offsets, labels),
			...(typeof lang === 'string' && lang !== '' ? { lang } : {})
		});
	});
	if (documents.length === 0) throw new EnclaveError('evalDeid.emptyFile', { file: fileName });
	return documents;
}

// ---------------------------------------------------------------------------------------------

export interface LabelCount {
	label: string;
	type: PhiType | null;
	/** The mapping names this label (possibly as not PHI); false = unknown to the mapping. */
	known: boolean;
	spans: number;
}

/** How many spans each label has and what it became: shows what a corpus's scores rest on. */
export function labelSummary(
	documents: readonly GoldDocument[],
	labels: LabelMapping | LabelMapper = {}
): LabelCount[] {
	const map = labels instanceof LabelMapper ? labels : new LabelMapper(labels);
	const counts = new Map<string, LabelCount>();
	for (const doc of documents)
		for (const span of doc.spans) {
			const entry = counts.get(span.label);
			if (entry) entry.spans++;
			else
				counts.set(span.label, {
					label: span.label,
					type: span.type,
					known: map.lookup(span.label) !== undefined,
					spans: 1
				});
		}
	return [...counts.values()].sort((a, b) => b.spans - a.spans || a.label.localeCompare(b.label));
}
