import { describe, expect, it } from 'vitest';
import { diffDraft } from './diff';

describe('diffDraft', () => {
	it('shows words removed and added in order, and counts them', () => {
		const { segments, stats } = diffDraft(
			'Apixaban 5 mg twice daily for 3 months.',
			'Apixaban 5 mg twice daily for 6 months, then review.'
		);
		expect(segments).toEqual([
			{ type: 'same', text: 'Apixaban 5 mg twice daily for ' },
			{ type: 'removed', text: '3' },
			{ type: 'added', text: '6' },
			{ type: 'same', text: ' months' },
			{ type: 'added', text: ', then review' },
			{ type: 'same', text: '.' }
		]);
		// Words and punctuation marks: 9 in the draft, 12 in the final text, 8 kept.
		expect(stats).toEqual({
			draftWords: 9,
			finalWords: 12,
			unchanged: 8,
			added: 4,
			removed: 1,
			changedShare: 1 - 16 / 21
		});
	});

	it('joins the segments back into either text', () => {
		const draft = 'Dear Colleague,\n\nwe saw your patient.\n- Ramipril 5 mg';
		const final = 'Dear Dr. Meier,\n\nwe saw your patient today.\n- Ramipril 2.5 mg';
		const { segments } = diffDraft(draft, final);
		const join = (skip: string) =>
			segments
				.filter((s) => s.type !== skip)
				.map((s) => s.text)
				.join('');
		expect(join('added')).toBe(draft);
		expect(join('removed')).toBe(final);
	});

	it('is 0 for an unchanged draft and 1 for a rewritten one', () => {
		expect(diffDraft('Same text.', 'Same text.').stats.changedShare).toBe(0);
		expect(diffDraft('alpha beta', 'gamma delta').stats.changedShare).toBe(1);
		expect(diffDraft('', '').stats).toMatchObject({ draftWords: 0, changedShare: 0 });
	});
});
