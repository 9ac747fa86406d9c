import type { DeidRecord, DocumentContent } from '$lib/storage/db';
import { updateDeid } from '$lib/storage/deid.repo';
import { mergeSpans } from '$lib/tasks/deid/spans';
import type { PhiSpan, PhiType } from '$lib/tasks/deid/types';
import { deidPolicy } from './deid.svelte';
import { neutralName, renderOutput, type DeidOutput } from './deid-export';
import { newDeidContext } from '$lib/tasks/deid/pipeline';
import { reportError } from './report-error';

const sameText = (a: string, b: string) =>
	a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

/**
 * One document under review: the spans with their decisions, the selected span, and the output
 * as the policy renders it. Every change is saved at once, with the verdict it leads to.
 */
export class DeidReview {
	spans = $state.raw<PhiSpan[]>([]);
	selected = $state(0);
	reviewed = $state(false);
	#record: DeidRecord;

	constructor(
		readonly content: DocumentContent,
		record: DeidRecord
	) {
		this.#record = record;
		this.spans = record.spans;
		this.reviewed = record.reviewed;
	}

	get current(): PhiSpan | undefined {
		return this.spans[this.selected];
	}

	/** The output of this document alone (tags and surrogates numbered from 1). */
	get output(): DeidOutput {
		return renderOutput(
			this.content.id,
			neutralName(0),
			this.content.text,
			{ ...this.#record, spans: this.spans },
			deidPolicy.current,
			newDeidContext(this.#record.shift)
		);
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

	decide(decision: PhiSpan['decision'], all = false) {
		this.#change(all ? this.occurrences : [this.selected], (s) => ({ ...s, decision }));
	}

	setType(type: PhiType, all = false) {
		this.#change(all ? this.occurrences : [this.selected], (s) => ({ ...s, type }));
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

	markReviewed() {
		this.reviewed = true;
		this.#save(this.spans);
	}

	#change(indexes: number[], update: (s: PhiSpan) => PhiSpan) {
		const set = new Set(indexes);
		this.#save(this.spans.map((s, i) => (set.has(i) ? update(s) : s)));
	}

	#save(spans: PhiSpan[]) {
		this.spans = spans;
		const verdict = this.output.verdict;
		updateDeid(this.content.id, { spans, verdict, reviewed: this.reviewed }).catch(reportError);
	}
}
