/**
 * The rules alone on the development corpora in ../shared/data/deid (GraSCCo, PhysioNet deid,
 * Presidio synthetic, a MEDDOCAN sample; licenses in ../shared/data/README.md): the importers read
 * every file, and the rules reach the recall target of 95% for dates, identifiers, phone
 * numbers, e-mail addresses and postal codes on each corpus that has them.
 *
 * Recall here is span recall with overlap, of any type: a gold span counts as found when a
 * predicted span shares a character with it, which is what keeps it out of the output. The test
 * names carry the character recall too.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectByRules } from '$lib/tasks/deid/rules';
import { PHI_GROUP, type Lang, type PhiSpan } from '$lib/tasks/deid/types';
import { loadDeidCorpus } from '../../../../scripts/deid-corpus';
import { labelSummary, type GoldDocument } from './ground-truth';
import { scoreDeid } from './metrics';

const ROOT = resolve('../shared/data/deid');

interface Corpus {
	name: string;
	folder: string;
	lang: Lang | 'auto';
	documents: number;
	/** Gold spans in all, unscored ones included: the importer lost none. */
	spans: number;
}

const CORPORA: Corpus[] = [
	{ name: 'GraSCCo', folder: 'grascco-phi', lang: 'de', documents: 32, spans: 739 },
	{ name: 'PhysioNet', folder: 'physionet-deid', lang: 'en', documents: 984, spans: 780 },
	{ name: 'Presidio', folder: 'presidio-synth', lang: 'en', documents: 1500, spans: 2863 },
	// Spanish: the rules have no Spanish, so they guess.
	{
		name: 'MEDDOCAN sample',
		folder: 'meddocan-brat-sample',
		lang: 'auto',
		documents: 20,
		spans: 452
	}
];

const TARGET = 0.95;

/** The targets: a group of Enclave's types, or a single type. */
const TARGETS: { name: string; level: 'groups' | 'types'; row: string }[] = [
	{ name: 'dates', level: 'groups', row: 'date' },
	{ name: 'identifiers', level: 'groups', row: 'id' },
	{ name: 'phone numbers', level: 'types', row: 'phone' },
	{ name: 'e-mail addresses', level: 'types', row: 'email' },
	{ name: 'postal codes', level: 'types', row: 'postal_code' }
];

/** Gold strings of a target that no prediction touches, for the failure message. */
function missed(
	documents: GoldDocument[],
	predictions: PhiSpan[][],
	target: (typeof TARGETS)[number]
): string[] {
	return documents.flatMap((doc, i) =>
		doc.spans
			.filter(
				(g) => g.type && (target.level === 'types' ? g.type : PHI_GROUP[g.type]) === target.row
			)
			.filter((g) => !(predictions[i] ?? []).some((p) => p.start < g.end && g.start < p.end))
			.map((g) => `${doc.id}: ${JSON.stringify(doc.text.slice(g.start, g.end))}`)
	);
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

describe.skipIf(!existsSync(ROOT))(
	'rules on the development corpora (skipped without ../shared/data/deid)',
	() => {
		for (const corpus of CORPORA) {
			describe(corpus.name, async () => {
				const documents = await loadDeidCorpus(resolve(ROOT, corpus.folder));
				const predictions = documents.map((d) => detectByRules(d.text, { lang: corpus.lang }));
				const scores = scoreDeid(
					documents.map((gold, i) => ({ gold, predicted: predictions[i] ?? [] }))
				);

				it('reads every document and span, each label mapped or listed', () => {
					expect(documents).toHaveLength(corpus.documents);
					const spans = documents.reduce((n, d) => n + d.spans.length, 0);
					expect(spans).toBe(corpus.spans);
					for (const doc of documents)
						for (const span of doc.spans) {
							expect(span.end).toBeLessThanOrEqual(doc.text.length);
							expect(span.start).toBeLessThan(span.end);
						}
					// Only labels that are not PHI for us (or have no label) stay unscored.
					const unknown = labelSummary(documents).filter((l) => !l.known && l.label !== '');
					expect(unknown).toEqual([]);
				});

				for (const target of TARGETS) {
					const row = scores[target.level].find((r) => r.name === target.row);
					if (!row || row.gold === 0) continue;
					const { recall, goldFound } = row.overlap;
					it(`${target.name}: recall ${pct(recall)} (${goldFound} of ${row.gold} spans; characters ${pct(row.characters.recall)}) ≥ ${pct(TARGET)}`, () => {
						const misses = missed(documents, predictions, target);
						expect(recall, `missed:\n${misses.slice(0, 20).join('\n')}`).toBeGreaterThanOrEqual(
							TARGET
						);
					});
				}
			});
		}
	}
);
