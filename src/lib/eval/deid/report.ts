/**
 * De-identification scores as a fixed-width text table (CLI, a `<pre>` in the app) and as a JSON
 * object (files, the app's download). Both carry only counts, rates, labels and document ids.
 */
import type { LabelCount } from './ground-truth';
import type { DeidRow, DeidScores } from './metrics';

export interface DeidReportMeta {
	/** What was scored: a corpus name or path. */
	corpus?: string;
	/** How the predictions were made ("rules + known identifiers", "rules + LLM qwen2.5-7b"). */
	detector?: string;
	/** Labels of the gold standard and what they became. */
	labels?: readonly LabelCount[];
}

export interface DeidReport extends DeidReportMeta {
	/** How to read the numbers, so that a saved file explains itself. */
	definitions: Record<string, string>;
	scores: DeidScores;
}

export const DEID_DEFINITIONS: Record<string, string> = {
	exact: 'span with the same start and end as a gold span, any type',
	exactTyped: 'span with the same start and end and the same type (group rows: the same group)',
	overlap: 'span sharing at least one character with a gold span, any type',
	overlapTyped: 'overlapping span of the same type (group rows: the same group)',
	characters: 'gold PHI characters covered by any predicted span (character recall)',
	leak: 'gold PHI characters not covered by any predicted span, and documents with such a character or a gold string left in the output',
	overRedaction:
		'non-PHI characters covered by predicted spans, as a share of all non-PHI characters',
	output:
		'gold strings of at least 3 characters (of types the output does not keep on purpose) that occur in the output more often than in the original text outside PHI',
	unscored: 'gold spans whose label maps to no type are neither found nor missed'
};

export function deidReport(scores: DeidScores, meta: DeidReportMeta = {}): DeidReport {
	return { ...meta, definitions: DEID_DEFINITIONS, scores };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const rate = (x: number, defined = true) => (defined ? pct(x) : '–').padStart(6);
const count = (x: number, width: number) => String(x).padStart(width);

/**
 * One line a row: spans, exact and overlap P/R/F1 (any type), typed overlap F1, character recall,
 * leaked characters and documents with a leak, over-redaction. Recall and F1 with no gold spans and
 * precision with no predictions are shown as `–`.
 */
export function formatDeidTable(scores: DeidScores, meta: DeidReportMeta = {}): string {
	const rows: DeidRow[] = [scores.overall, ...scores.groups, ...scores.types];
	const width = Math.max(14, ...rows.map((r) => r.name.length + 2));
	const n = Math.max(5, ...rows.map((r) => String(Math.max(r.gold, r.predicted)).length + 1));
	const withOutput = scores.documentsWithOutput > 0;
	const head = [
		'name'.padEnd(width),
		'gold'.padStart(n),
		'pred'.padStart(n),
		'  ex.P',
		'  ex.R',
		' ex.F1',
		'  ov.P',
		'  ov.R',
		' ov.F1',
		'ovT.F1',
		'  ch.R',
		'  leak',
		'docs',
		'  over',
		...(withOutput ? ['   out'] : [])
	].join('  ');
	const line = (r: DeidRow, label: string) =>
		[
			label.padEnd(width),
			count(r.gold, n),
			count(r.predicted, n),
			rate(r.exact.precision, r.predicted > 0),
			rate(r.exact.recall, r.gold > 0),
			rate(r.exact.f1, r.gold > 0),
			rate(r.overlap.precision, r.predicted > 0),
			rate(r.overlap.recall, r.gold > 0),
			rate(r.overlap.f1, r.gold > 0),
			rate(r.overlapTyped.f1, r.gold > 0),
			rate(r.characters.recall, r.characters.gold > 0),
			rate(r.leak.rate, r.characters.gold > 0),
			count(r.leak.documents, 4),
			rate(r.overRedaction.rate),
			...(withOutput && r.output ? [rate(r.output.rate, r.output.checked > 0)] : [])
		].join('  ');
	const rule = '-'.repeat(head.length);
	const o = scores.overall;
	const out: string[] = [];
	if (meta.corpus) out.push(`Corpus: ${meta.corpus}`);
	if (meta.detector) out.push(`Detector: ${meta.detector}`);
	if (out.length > 0) out.push('');
	out.push(
		head,
		rule,
		line(o, 'all'),
		rule,
		...scores.groups.map((r) => line(r, r.name)),
		rule,
		...scores.types.map((r) => line(r, `  ${r.name}`)),
		rule,
		'ex = exact span, ov = overlapping span (any type); ovT = overlapping span of the same type',
		'(group rows: same group); ch.R = PHI characters covered; leak = PHI characters not covered;',
		'docs = documents with a leak; over = non-PHI characters redacted (share of all non-PHI);',
		...(withOutput ? ['out = gold strings still in the output (share of those checked).'] : []),
		'',
		`${scores.documents} documents, ${o.leak.documents} with a leak. ` +
			`${o.leak.characters} of ${o.characters.gold} PHI characters not covered (${pct(o.leak.rate)}); ` +
			`${o.overRedaction.characters} of ${o.overRedaction.nonPhi} other characters redacted (${pct(o.overRedaction.rate)}).`
	);
	if (withOutput && o.output)
		out.push(
			`Output of ${scores.documentsWithOutput} documents: ${o.output.leaked} of ${o.output.checked} gold strings still in it.`
		);
	const unscored = (meta.labels ?? []).filter((l) => l.type === null);
	if (unscored.length > 0)
		out.push(
			`Not scored: ${unscored
				.map((l) =>
					l.label === ''
						? `(no label) ${l.spans}`
						: `${l.label} ${l.spans}${l.known ? '' : ' (label not in the mapping)'}`
				)
				.join(', ')}`
		);
	if (scores.leaks.length > 0) {
		const shown = scores.leaks.slice(0, 10);
		out.push(
			`Most leaked: ${shown
				.map(
					(d) =>
						`${d.id} (${d.spans} spans, ${d.characters} chars${d.outputSpans > 0 ? `, ${d.outputSpans} in output` : ''})`
				)
				.join(
					', '
				)}${scores.leaks.length > shown.length ? `, … ${scores.leaks.length - shown.length} more` : ''}`
		);
	}
	return out.join('\n');
}
