import type { DeidRecord, DocumentContent, ManualBox } from '$lib/storage/db';
import { updateDeid } from '$lib/storage/deid.repo';
import { spansToBoxes, type PdfBox } from '$lib/tasks/deid/pdf/boxes';
import { mergeSpans } from '$lib/tasks/deid/spans';
import type { PhiSpan, PhiType } from '$lib/tasks/deid/types';
import { deidPolicy } from './deid.svelte';
import {
	neutralName,
	redactedSpans,
	renderOutput,
	type BatchPosition,
	type DeidOutput
} from './deid-export';
import { newDeidContext } from '$lib/tasks/deid/pipeline';
import { reportError } from './report-error';

const sameText = (a: string, b: string) =>
	a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

/**
 * One document under review: the spans with their decisions, the selected span, the boxes drawn
 * by hand on a PDF, and the output as the policy renders it. Every change is saved at once, with
 * the verdict it leads to.
 */
export class DeidReview {
	spans = $state.raw<PhiSpan[]>([]);
	boxes = $state.raw<ManualBox[]>([]);
	selected = $state(0);
	reviewed = $state(false);
	#record: DeidRecord;
	#batch: BatchPosition | undefined;

	/** `batch`: where the document stands in its batch, so tags match the batch's export. */
	constructor(
		readonly content: DocumentContent,
		record: DeidRecord,
		batch?: BatchPosition
	) {
		this.#record = record;
		this.#batch = batch;
		this.spans = record.spans;
		this.boxes = record.boxes;
		this.reviewed = record.reviewed;
	}

	get current(): PhiSpan | undefined {
		return this.spans[this.selected];
	}

	/** The output as the export writes it: in a batch, after the documents before it. */
	get output(): DeidOutput {
		const batch = this.#batch;
		return renderOutput(
			this.content.id,
			neutralName(batch?.index ?? 0),
			this.content.text,
			{ ...this.#record, spans: this.spans, boxes: this.boxes },
			deidPolicy.current,
			batch ? structuredClone(batch.context) : newDeidContext(this.#record.shift),
			batch?.options
		);
	}

	/** The boxes a redacted PDF gets over the removed text, besides the ones drawn by hand. */
	get autoBoxes(): PdfBox[] {
		return spansToBoxes(redactedSpans(this.output), this.content.pages);
	}

	/** Other spans with the same text as the selected one (case-insensitive). */
	get occurrences(): number[] {
		const span = this.current;
		if (!span) return [];
		return this.spans.flatMap((s, i) => (sameText(s.text, span.text) ? [i] : []));
	}

	move(step: number) {
		if (this.spans.length === 0) return;
		this.selected = (this.selected + step + this.spans.length) % this.spans.length;
	}

	decide(decision: PhiSpan['decision']) {
		this.#change([this.selected], (s) => ({ ...s, decision }));
	}

	/** The selected span's decision and type, for every span with the same text. */
	applyToAll() {
		const span = this.current;
		if (!span) return;
		const decision = span.decision ?? 'accepted';
		this.#change(this.occurrences, (s) => ({ ...s, decision, type: span.type }));
	}

	setType(type: PhiType) {
		this.#change([this.selected], (s) => ({ ...s, type }));
	}

	acceptAll() {
		this.#change(
			this.spans.map((_, i) => i),
			(s) => ({ ...s, decision: s.decision ?? 'accepted' })
		);
	}

	/** A span the detectors missed, from a text selection; every occurrence when `all`. */
	add(start: number, end: number, type: PhiType) {
		const text = this.content.text.slice(start, end);
		if (text.trim() === '') return;
		const span: PhiSpan = { start, end, type, text, sources: ['manual'], decision: 'accepted' };
		const spans = mergeSpans([...this.spans, span]);
		this.selected = Math.max(
			0,
			spans.findIndex((s) => s.start <= start && s.end >= end)
		);
		this.#save(spans);
	}

	/** A box over what the text misses (logo, signature, stamp), in PDF user space. */
	addBox(box: ManualBox) {
		this.#saveBoxes([...this.boxes, box]);
	}

	removeBox(index: number) {
		this.#saveBoxes(this.boxes.filter((_, i) => i !== index));
	}

	markReviewed() {
		this.reviewed = true;
		this.#save(this.spans);
	}

	#change(indexes: number[], update: (s: PhiSpan) => PhiSpan) {
		const chosen = this.spans.map(() => false);
		for (const i of indexes) chosen[i] = true;
		this.#save(this.spans.map((s, i) => (chosen[i] ? update(s) : s)));
	}

	#save(spans: PhiSpan[]) {
		this.spans = spans;
		const verdict = this.output.verdict;
		updateDeid(this.content.id, { spans, verdict, reviewed: this.reviewed }).catch(reportError);
	}

	#saveBoxes(boxes: ManualBox[]) {
		this.boxes = boxes;
		updateDeid(this.content.id, { boxes }).catch(reportError);
	}
}
