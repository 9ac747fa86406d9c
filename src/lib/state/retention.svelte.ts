import { i18n } from '$lib/i18n/i18n.svelte';
import {
	DAY_MS,
	getRetentionDays,
	runRetention,
	setRetentionDays,
	type RetentionNotice
} from '$lib/storage/retention.repo';
import { reportError } from './report-error';
import { toasts } from './toasts.svelte';
import { vault } from './vault.svelte';

/** Retention runs at each unlock and then hourly; it acts at most once a day per announcement. */
const RUN_EVERY_MS = 60 * 60_000;

/** Automatic deletion of old documents: off by default, every deletion announced a day ahead. */
class Retention {
	#days = $state<number | null>(null);
	#notice = $state.raw<RetentionNotice | null>(null);
	#due = $state(0);
	#loaded = $state(false);
	#queue: Promise<void> = Promise.resolve();

	get days(): number | null {
		return this.#days;
	}

	get loaded(): boolean {
		return this.#loaded;
	}

	/** How many documents go, and when (the first run from that time on). */
	get upcoming(): { count: number; at: number } | null {
		return this.#notice && this.#due > 0
			? { count: this.#due, at: this.#notice.at + DAY_MS }
			: null;
	}

	start(): () => void {
		const off = vault.onUnlock(() => void this.run());
		const timer = setInterval(() => {
			if (vault.status === 'unlocked') void this.run();
		}, RUN_EVERY_MS);
		return () => {
			off();
			clearInterval(timer);
		};
	}

	/** Runs one after another: an unlock and a changed setting may come together. */
	run(): Promise<void> {
		this.#queue = this.#queue.then(() => this.#run().catch(reportError));
		return this.#queue;
	}

	async setDays(days: number | null) {
		await setRetentionDays(days);
		await this.run();
	}

	async #run() {
		const outcome = await runRetention();
		this.#days = await getRetentionDays();
		this.#notice = outcome.notice;
		this.#due = outcome.due;
		this.#loaded = true;
		const t = i18n.t.retention;
		const days = this.#days ?? 0;
		if (outcome.deleted > 0) toasts.show('info', t.deleted({ n: outcome.deleted, days }));
		const upcoming = this.upcoming;
		if (outcome.announced && upcoming) {
			toasts.show(
				'info',
				t.announce({ n: upcoming.count, days, date: i18n.formatDate(upcoming.at) })
			);
		}
	}
}

export const retention = new Retention();
