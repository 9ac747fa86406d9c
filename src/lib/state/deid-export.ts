import { PAGE_BREAK } from '$lib/documents/document';
import { EnclaveError } from '$lib/errors';
import type { DeidRecord } from '$lib/storage/db';
import { getDeid, logDeidExport } from '$lib/storage/deid.repo';
import { getContent } from '$lib/storage/documents.repo';
import { deidentify, newDeidContext, type DeidContext } from '$lib/tasks/deid/pipeline';
import type { DeidPolicy, PhiType } from '$lib/tasks/deid/types';
import { getJob } from '$lib/storage/jobs.repo';
import { deidPolicy, knownFor, type DeidJobOptions } from './deid.svelte';

export type DeidFormat = 'txt' | 'json' | 'pdf';

export interface DeidOutput {
	documentId: string;
	/** Neutral: original names often carry the patient's name. */
	baseName: string;
	record: DeidRecord;
	output: string;
	replacements: { start: number; end: number; type: PhiType }[];
	verdict: DeidRecord['verdict'];
	/** The texts the policy removed or replaced: none may remain in any exported file. */
	removed: string[];
}

/** Every span but those the reviewer rejected. */
export function activeSpans(record: DeidRecord) {
	return record.spans.filter((s) => s.decision !== 'rejected');
}

/**
 * The output of one document under the policy. A batch shares one context, so the same person
 * gets the same tag or surrogate and dates move by the same offset in every document.
 */
export function renderOutput(
	documentId: string,
	baseName: string,
	text: string,
	record: DeidRecord,
	policy: DeidPolicy,
	context: DeidContext,
	options?: DeidJobOptions
): DeidOutput {
	const known = knownFor(options, documentId);
	const spans = activeSpans(record);
	const result = deidentify(text, spans, policy, context, { lang: record.lang, known });
	const removed = [
		...new Set(
			result.replacements.map((r) => spans[r.spanIndex]?.text ?? '').filter((s) => s.length > 1)
		)
	];
	return {
		documentId,
		baseName,
		record,
		output: result.output,
		replacements: result.replacements.map((r) => ({
			start: r.start,
			end: r.end,
			type: spans[r.spanIndex]!.type
		})),
		verdict: result.verdict,
		removed
	};
}

export function neutralName(index: number) {
	return `document-${String(index + 1).padStart(3, '0')}`;
}

export function toJson(out: DeidOutput): string {
	return JSON.stringify(
		{
			document: out.baseName,
			lang: out.record.lang,
			verdict: out.verdict,
			text: out.output,
			spans: out.replacements
		},
		null,
		2
	);
}

/** The kept spans whose text the policy removes: the text a redacted PDF covers with boxes. */
export function redactedSpans(out: DeidOutput) {
	return activeSpans(out.record).filter((s) => out.removed.includes(s.text));
}

/** Redacted PDF of a stored PDF: boxes over every removed span and every hand-drawn box. */
export async function toRedactedPdf(out: DeidOutput): Promise<Uint8Array> {
	const content = await getContent(out.documentId);
	if (!content?.file) throw new EnclaveError('deid.noPdf');
	const [{ spansToBoxes }, { redactPdf }] = await Promise.all([
		import('$lib/tasks/deid/pdf/boxes'),
		import('$lib/tasks/deid/pdf/redact-pdf')
	]);
	const boxes = [...spansToBoxes(redactedSpans(out), content.pages), ...out.record.boxes];
	// The output keeps the page breaks, so each page gets its own redacted text layer.
	const pages = out.output.split(PAGE_BREAK);
	return redactPdf(content.file, boxes, {
		removed: out.removed,
		layout: { text: content.text, pages: content.pages },
		...(pages.length === content.pages.length ? { textLayer: pages } : {})
	});
}

export interface ExportRequest {
	documents: { id: string }[];
	policy: DeidPolicy;
	options?: DeidJobOptions;
	formats: DeidFormat[];
	/** The user confirmed exporting documents that fail the leak check. */
	overrideFail: boolean;
	onProgress?: (done: number, total: number) => void;
}

/** Builds a ZIP of every document in the chosen formats; FAIL documents need the override. */
export async function exportZip(req: ExportRequest): Promise<Blob> {
	const { default: JSZip } = await import('jszip');
	const zip = new JSZip();
	const context = newDeidContext(req.options?.shift);
	let overridden = 0;
	for (const [i, { id }] of req.documents.entries()) {
		req.onProgress?.(i, req.documents.length);
		const [content, record] = await Promise.all([getContent(id), getDeid(id)]);
		if (!content || !record || record.errorCode) continue;
		const out = renderOutput(
			id,
			neutralName(i),
			content.text,
			record,
			req.policy,
			context,
			req.options
		);
		if (out.verdict === 'FAIL') {
			if (!req.overrideFail) throw new EnclaveError('deid.exportFail', { n: 1 });
			overridden++;
		}
		if (req.formats.includes('txt')) zip.file(`${out.baseName}.txt`, out.output);
		if (req.formats.includes('json')) zip.file(`${out.baseName}.json`, toJson(out));
		if (req.formats.includes('pdf') && content.file)
			zip.file(`${out.baseName}.pdf`, await toRedactedPdf(out));
	}
	req.onProgress?.(req.documents.length, req.documents.length);
	await logDeidExport('zip', req.documents.length, overridden);
	return zip.generateAsync({ type: 'blob' });
}

export interface BatchPosition {
	index: number;
	/** The batch's context after the documents before this one: tags continue from there. */
	context: DeidContext;
	options?: DeidJobOptions;
}

/**
 * Where a document stands in its batch job: the export renders the batch in order with one
 * context, so the review replays the documents before it to show the same tags and surrogates.
 */
export async function batchPosition(record: DeidRecord): Promise<BatchPosition | undefined> {
	const job = record.jobId ? await getJob(record.jobId) : undefined;
	if (!job) return undefined;
	const options = job.options as DeidJobOptions | undefined;
	const context = newDeidContext(options?.shift ?? record.shift);
	const index = job.documentIds.indexOf(record.id);
	await deidPolicy.load();
	for (const id of job.documentIds.slice(0, Math.max(0, index))) {
		const [content, earlier] = await Promise.all([getContent(id), getDeid(id)]);
		if (!content || !earlier || earlier.errorCode) continue;
		renderOutput(id, '', content.text, earlier, deidPolicy.current, context, options);
	}
	return { index: Math.max(0, index), context, ...(options ? { options } : {}) };
}
