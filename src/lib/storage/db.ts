import Dexie, { type EntityTable } from 'dexie';
import type { DocumentType, PageInfo } from '$lib/documents/document';
import type { Usage } from '$lib/engine/engine';
import type { LeakVerdict, Lang, PhiSpan } from '$lib/tasks/deid/types';
import type { Stored } from './sealed';

/** What lists need; small, so that 10,000 of them load fast. */
export interface DocumentMeta {
	id: string;
	name: string;
	type: DocumentType;
	size: number;
	pages: number;
	chars: number;
	importedAt: number;
	encoding?: string;
	/** Pages without a text layer (numbers only): their content is not in the text. */
	textlessPages?: number[];
}

/** The patient text itself, kept apart so that lists never load it. */
export interface DocumentContent {
	id: string;
	text: string;
	pages: PageInfo[];
	/** The imported PDF itself, for redacted copies. */
	file?: Uint8Array;
}

export type RunStatus =
	| 'running'
	| 'done'
	| 'failed'
	| 'cancelled'
	| 'incomplete'
	// extraction outcomes
	| 'ok'
	| 'unverified'
	| 'invalid';

export interface ResultRecord {
	id: string;
	documentId: string;
	task: string;
	modelId: string;
	/** What was asked: the question, or the template id. */
	input: string;
	/** The model's text output. */
	output: string;
	status: RunStatus;
	usage?: Usage;
	errorCode?: string;
	createdAt: number;
	/** Set when the run belongs to a batch job. */
	jobId?: string;
	/** Task-specific structured output (e.g. extracted values with evidence). */
	data?: unknown;
	/** Hand corrections, kept apart from the model's output. */
	corrections?: Record<string, unknown>;
}

export interface TemplateRecord {
	id: string;
	task: string;
	name: string;
	body: unknown;
	updatedAt: number;
}

export interface SettingRecord {
	key: string;
	value: unknown;
}

export type JobStatus = 'queued' | 'running' | 'paused' | 'done' | 'cancelled';

export interface JobRecord {
	id: string;
	task: string;
	status: JobStatus;
	/** The template (extraction) or other task input the job applies to every document. */
	input: string;
	modelId: string;
	documentIds: string[];
	/** Documents finished, in any outcome; a resumed job skips them. */
	doneIds: string[];
	failedIds: string[];
	createdAt: number;
	updatedAt: number;
	/** Task options that may hold patient data (e.g. known identifiers for de-identification). */
	options?: unknown;
}

/** A box drawn by hand on a PDF page (logo, signature, stamp), in PDF user space. */
export interface ManualBox {
	page: number;
	x: number;
	y: number;
	width: number;
	height: number;
}

/** The de-identification state of one document: detected spans, review decisions, verdict. */
export interface DeidRecord {
	/** The document's id: one current state per document. */
	id: string;
	jobId?: string;
	modelId?: string;
	lang: Lang;
	spans: PhiSpan[];
	/** Things the reviewer must see, e.g. LLM proposals that could not be found in the text. */
	warnings: { kind: string; text?: string; type?: string }[];
	boxes: ManualBox[];
	verdict: LeakVerdict;
	reviewed: boolean;
	/** The date shift and surrogate seed of this document's output (shared across its batch). */
	shift: { dateShiftDays: number; seed: number };
	/** Set when detection failed for this document (an EnclaveError code). */
	errorCode?: string;
	updatedAt: number;
}

export interface DraftVersion {
	kind: 'model' | 'edit';
	text: string;
	at: number;
	/** How the model's generation ended (model versions only). */
	stoppedBy?: string;
	/** Why it failed, when the engine failed (an EnclaveError code). */
	errorCode?: string;
}

export interface DraftRating {
	/** Clinical benefit, 1 (none) to 4 (high). */
	benefit: number;
	correctness: number;
	completeness: number;
	style: number;
	comment: string;
	at: number;
}

/** A letter or summary: sources, every model draft and hand edit, and the physician's rating. */
export interface DraftRecord {
	id: string;
	templateId: string;
	modelId: string;
	sourceIds: string[];
	usedSourceIds: string[];
	usedExampleIds: string[];
	versions: DraftVersion[];
	rating?: DraftRating;
	createdAt: number;
	updatedAt: number;
}

/** A stored letter marked as an example of the house style for one kind of letter. */
export interface StyleExampleRecord {
	/** The document's id. */
	id: string;
	kind: string;
	addedAt: number;
}

/**
 * What happened, when: never patient text, never document names; counts and kinds only.
 */
export interface AuditRecord {
	id?: number;
	at: number;
	action: AuditAction;
	/** Numbers and app-made identifiers only (task, model id, count, format). */
	details: Record<string, string | number>;
}

export type AuditAction =
	| 'import'
	| 'delete'
	| 'deleteAll'
	| 'run'
	| 'job'
	| 'export'
	| 'modelDownload'
	| 'modelDelete'
	| 'vaultCreate'
	| 'unlock'
	| 'lock'
	| 'passphraseChange'
	| 'workspaceDelete'
	| 'retention';

// How the patient tables are stored: their patient data sealed (see sealed.ts).
export type DocumentRow = Stored<DocumentMeta, 'name'>;
export type ContentRow = Stored<DocumentContent, 'text' | 'pages' | 'file'>;
export type ResultRow = Stored<ResultRecord, 'input' | 'output' | 'data' | 'corrections'>;
export type JobRow = Stored<JobRecord, 'options'>;
export type DeidRow = Stored<DeidRecord, 'spans' | 'warnings' | 'boxes' | 'shift'>;
export type DraftRow = Stored<DraftRecord, 'versions' | 'rating'>;

export class EnclaveDb extends Dexie {
	documents!: EntityTable<DocumentRow, 'id'>;
	contents!: EntityTable<ContentRow, 'id'>;
	results!: EntityTable<ResultRow, 'id'>;
	templates!: EntityTable<TemplateRecord, 'id'>;
	settings!: EntityTable<SettingRecord, 'key'>;
	jobs!: EntityTable<JobRow, 'id'>;
	audit!: EntityTable<AuditRecord, 'id'>;
	deid!: EntityTable<DeidRow, 'id'>;
	drafts!: EntityTable<DraftRow, 'id'>;
	styleExamples!: EntityTable<StyleExampleRecord, 'id'>;

	constructor(name = 'enclave') {
		super(name);
		this.version(1).stores({
			documents: 'id, name, importedAt, size, type',
			contents: 'id',
			results: 'id, documentId, task, createdAt',
			templates: 'id, task, name',
			settings: 'key',
			jobs: 'id, status, createdAt'
		});
		// Batch jobs find their runs by job; the results table reads one template's runs.
		this.version(2).stores({
			results: 'id, documentId, task, createdAt, jobId, [task+input]'
		});
		this.version(3).stores({ audit: '++id, at, action' });
		this.version(4).stores({
			deid: 'id, jobId, updatedAt',
			drafts: 'id, templateId, createdAt',
			styleExamples: 'id, kind'
		});
		// File names are patient data and are sealed: no index on them (lists sort by name in memory).
		this.version(5).stores({ documents: 'id, importedAt, size, type' });
	}
}

/** With SSR off, one module-level instance per page is safe. */
export const db = new EnclaveDb();

/** The tables that hold patient data; "delete all patient data" empties exactly these. */
export const patientTables = (d: EnclaveDb) => [
	d.documents,
	d.contents,
	d.results,
	d.jobs,
	d.deid,
	d.drafts,
	d.styleExamples
];

export function newId(): string {
	return crypto.randomUUID();
}
