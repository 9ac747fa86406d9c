import { describe, expect, it } from 'vitest';
import type { DraftRating, DraftRecord } from '$lib/storage/db';
import { ratingDistributions } from './letter-ratings';

function draft(templateId: string, rating?: Partial<DraftRating>): DraftRecord {
	return {
		id: crypto.randomUUID(),
		templateId,
		modelId: 'm',
		sourceIds: [],
		usedSourceIds: [],
		usedExampleIds: [],
		versions: [],
		createdAt: 0,
		updatedAt: 0,
		...(rating
			? {
					rating: {
						benefit: 4,
						correctness: 4,
						completeness: 4,
						style: 4,
						comment: '',
						at: 0,
						...rating
					}
				}
			: {})
	};
}

describe('ratingDistributions', () => {
	it('counts each score per criterion and template, skipping unrated drafts', () => {
		const dists = ratingDistributions([
			draft('a', { benefit: 1, style: 2 }),
			draft('a', { benefit: 1 }),
			draft('a'),
			draft('b', { correctness: 3 })
		]);
		expect(dists).toEqual([
			{
				templateId: 'a',
				rated: 2,
				counts: {
					benefit: [2, 0, 0, 0],
					correctness: [0, 0, 0, 2],
					completeness: [0, 0, 0, 2],
					style: [0, 1, 0, 1]
				}
			},
			{
				templateId: 'b',
				rated: 1,
				counts: {
					benefit: [0, 0, 0, 1],
					correctness: [0, 0, 1, 0],
					completeness: [0, 0, 0, 1],
					style: [0, 0, 0, 1]
				}
			}
		]);
	});

	it('ignores scores outside 1 to 4 (a damaged record) but still counts the draft', () => {
		const [dist] = ratingDistributions([draft('a', { benefit: 0, style: 7 })]);
		expect(dist?.rated).toBe(1);
		expect(dist?.counts.benefit).toEqual([0, 0, 0, 0]);
		expect(dist?.counts.style).toEqual([0, 0, 0, 0]);
	});
});
