import { liveQuery } from 'dexie';
import { createSubscriber } from 'svelte/reactivity';

/**
 * A Dexie live query as a reactive value: it subscribes while something reads `current`
 * and re-runs whenever the tables it read change (also from other tabs).
 */
export class LiveQuery<T> {
	#value = $state.raw<T>() as T;
	#error = $state.raw<unknown>(undefined);
	#loaded = $state(false);
	#subscribe: () => void;

	constructor(query: () => Promise<T>, initial: T) {
		this.#value = initial;
		this.#subscribe = createSubscriber(() => {
			const sub = liveQuery(query).subscribe({
				next: (v) => {
					this.#value = v;
					this.#loaded = true;
				},
				error: (e: unknown) => {
					this.#error = e;
				}
			});
			return () => sub.unsubscribe();
		});
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
