import { countImportedBefore, deleteImportedBefore } from './documents.repo';
import { getSetting, setSetting } from './settings.repo';

export const DAY_MS = 86_400_000;

/**
 * An announcement: documents imported before `cutoff` go at the first run one day after `at`.
 * Only documents announced that way are ever deleted, so each is announced at least a day ahead.
 */
export interface RetentionNotice {
	at: number;
	cutoff: number;
	days: number;
}

export interface RetentionPlan {
	/** Delete documents imported before this time now; null: nothing is due. */
	deleteBefore: number | null;
	notice: RetentionNotice | null;
}

/** Pure: what a retention run does at `now` with `days` (null = retention off). */
export function planRetention(
	now: number,
	days: number | null,
	notice: RetentionNotice | null
): RetentionPlan {
	if (days === null) return { deleteBefore: null, notice: null };
	const announce = (): RetentionNotice => ({ at: now, cutoff: now + DAY_MS - days * DAY_MS, days });
	// A changed period starts over with a new announcement.
	if (!notice || notice.days !== days) return { deleteBefore: null, notice: announce() };
	if (now < notice.at + DAY_MS) return { deleteBefore: null, notice };
	return { deleteBefore: notice.cutoff, notice: announce() };
}

const DAYS = 'retentionDays';
const NOTICE = 'retentionNotice';

export function getRetentionDays(): Promise<number | null> {
	return getSetting<number | null>(DAYS, null);
}

export async function setRetentionDays(days: number | null): Promise<void> {
	await setSetting(DAYS, days);
}

export interface RetentionOutcome {
	deleted: number;
	notice: RetentionNotice | null;
	/** Documents the notice covers (to be deleted on its date). */
	due: number;
	/** True when this run made a new announcement. */
	announced: boolean;
}

/** Runs retention: deletes what was announced a day ago or more, and announces what comes next. */
export async function runRetention(now = Date.now()): Promise<RetentionOutcome> {
	const days = await getRetentionDays();
	const previous = await getSetting<RetentionNotice | null>(NOTICE, null);
	const plan = planRetention(now, days, previous);
	const deleted =
		plan.deleteBefore !== null && days !== null
			? await deleteImportedBefore(plan.deleteBefore, days)
			: 0;
	if (plan.notice !== previous) await setSetting(NOTICE, plan.notice);
	const due = plan.notice ? await countImportedBefore(plan.notice.cutoff) : 0;
	return { deleted, notice: plan.notice, due, announced: plan.notice !== previous };
}
