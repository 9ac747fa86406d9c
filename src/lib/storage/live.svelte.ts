import { liveQuery } from 'dexie';
import { createSubscriber } from 'svelte/reactivity';
import { Read } from './sealed';

/** What the Dexie part of a sealed read returned, still to be opened. */
class Unopened<T> {
	constructor(
		readonly raw: unknown,
		readonly read: Read<T>
	) {}
}

/**
 * A Dexie live query as a reactive value: it subscribes while something reads `current`
 * and re-runs whenever the tables it read change (also from other tabs).
 *
 * A repository read of sealed records (a `Read`) is split: its Dexie part runs inside the live
 * query, its decryption after it, outside. The query function should return such a read as it
 * is rather than await it, or the reads after the decryption go untracked.
 */
export class LiveQuery<T> {
	#value = $state.raw<T>() as T;
	#error = $state.raw<unknown>(undefined);
	#loaded = $state(false);
	#subscribe: () => void;
	#emitted = 0;

	constructor(query: () => PromiseLike<T>, initial: T) {
		this.#value = initial;
		this.#subscribe = createSubscriber(() => {
			const sub = liveQuery<T | Unopened<T>>(() => {
				const result = query();
				// Not sealed: a Dexie promise, as liveQuery expects.
				if (!(result instanceof Read)) return result as Promise<T>;
				const read = result as Read<T>;
				return Promise.resolve(read.read()).then((raw) => new Unopened(raw, read));
			}).subscribe({
				next: (step) => void this.#settle(step),
				error: (e: unknown) => {
					this.#error = e;
				}
			});
			return () => sub.unsubscribe();
		});
	}

	/** Opens a result; the newest result wins, also over an older one that opens later. */
	async #settle(step: T | Unopened<T>) {
		const n = ++this.#emitted;
		try {
			const value = step instanceof Unopened ? await step.read.open(step.raw) : step;
			if (n !== this.#emitted) return;
			this.#value = value;
			this.#error = undefined;
			this.#loaded = true;
		} catch (e) {
			if (n === this.#emitted) this.#error = e;
		}
	}

	get current(): T {
		this.#subscribe();
		return this.#value;
	}

	get loaded(): boolean {
		this.#subscribe();
		return this.#loaded;
	}

	get error(): unknown {
		this.#subscribe();
		return this.#error;
	}
}
