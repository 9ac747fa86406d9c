/**
 * What the physician changed in the model's draft: a word-level diff for display, and counts
 * that say how much was changed (a measure of how useful the draft was).
 */
import { diffWordsWithSpace } from 'diff';

export interface DiffSegment {
	type: 'same' | 'added' | 'removed';
	text: string;
}

export interface DiffStats {
	/** Words in the model's draft and in the final text. */
	draftWords: number;
	finalWords: number;
	/** Words kept from the draft, added by hand, and removed from it. */
	unchanged: number;
	added: number;
	removed: number;
	/**
	 * 0 when the final text is the draft, 1 when they share no word:
	 * 1 − 2·unchanged / (draftWords + finalWords).
	 */
	changedShare: number;
}

export interface DraftDiff {
	segments: DiffSegment[];
	stats: DiffStats;
}

/** Words and numbers, each punctuation mark counting as one. */
function countWords(text: string): number {
	return (text.match(/[\p{L}\p{N}]+|[^\p{L}\p{N}\s]/gu) ?? []).length;
}

/**
 * The word-level diff of draft → final. Line breaks and runs of spaces are tokens of their own,
 * so a re-wrapped paragraph shows as changed whitespace only, which `countWords` ignores.
 */
export function diffDraft(draft: string, final: string): DraftDiff {
	const segments: DiffSegment[] = [];
	let unchanged = 0;
	let added = 0;
	let removed = 0;
	for (const change of diffWordsWithSpace(draft, final)) {
		const type = change.added ? 'added' : change.removed ? 'removed' : 'same';
		const words = countWords(change.value);
		if (type === 'added') added += words;
		else if (type === 'removed') removed += words;
		else unchanged += words;
		const last = segments.at(-1);
		if (last?.type === type) last.text += change.value;
		else segments.push({ type, text: change.value });
	}
	const draftWords = unchanged + removed;
	const finalWords = unchanged + added;
	const total = draftWords + finalWords;
	return {
		segments,
		stats: {
			draftWords,
			finalWords,
			unchanged,
			added,
			removed,
			changedShare: total === 0 ? 0 : Math.max(0, 1 - (2 * unchanged) / total)
		}
	};
}
