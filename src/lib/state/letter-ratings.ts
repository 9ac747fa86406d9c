import type { DraftRecord } from '$lib/storage/db';

export type RatingCriterion = 'benefit' | 'correctness' | 'completeness' | 'style';
export const RATING_CRITERIA: RatingCriterion[] = [
	'benefit',
	'correctness',
	'completeness',
	'style'
];
/** Every criterion is rated 1 to 4. */
export const RATING_SCALE = [1, 2, 3, 4] as const;

export interface RatingDistribution {
	templateId: string;
	rated: number;
	/** Per criterion, how many ratings gave 1, 2, 3 and 4. */
	counts: Record<RatingCriterion, [number, number, number, number]>;
}

/** How the rated drafts of each template were rated, for the per-template overview. */
export function ratingDistributions(drafts: readonly DraftRecord[]): RatingDistribution[] {
	const byTemplate = new Map<string, RatingDistribution>();
	for (const { templateId, rating } of drafts) {
		if (!rating) continue;
		let dist = byTemplate.get(templateId);
		if (!dist) {
			dist = {
				templateId,
				rated: 0,
				counts: {
					benefit: [0, 0, 0, 0],
					correctness: [0, 0, 0, 0],
					completeness: [0, 0, 0, 0],
					style: [0, 0, 0, 0]
				}
			};
			byTemplate.set(templateId, dist);
		}
		dist.rated++;
		for (const criterion of RATING_CRITERIA) {
			const counts = dist.counts[criterion];
			const index = rating[criterion] - 1;
			if (counts[index] !== undefined) counts[index]++;
		}
	}
	return [...byTemplate.values()];
}
