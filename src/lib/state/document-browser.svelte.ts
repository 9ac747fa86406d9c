import type { DocumentMeta } from '$lib/storage/db';
import { LiveQuery } from '$lib/storage/live.svelte';
import {
	deleteDocuments,
	listDocuments,
	searchTexts,
	type SortKey
} from '$lib/storage/documents.repo';
import { isAbortError } from '$lib/errors';
import { SvelteSet } from 'svelte/reactivity';

const TEXT_SEARCH_DELAY_MS = 200;

/** The document list's view state: sort, search over names and texts, selection. */
export class DocumentBrowser {
	sort = $state<SortKey>('importedAt');
	descending = $state(true);
	#query = $state('');
	#textHits = $state.raw<ReadonlySet<string> | null>(null);
	#searching = $state(false);
	#selected = new SvelteSet<string>();
	#timer: ReturnType<typeof setTimeout> | undefined;
	#abort: AbortController | undefined;

	/** Newest first, as stored; sorting other ways happens in memory (10,000 rows sort in ms). */
	readonly all = new LiveQuery<DocumentMeta[]>(() => listDocuments('importedAt', true), []);

	#sorted = $derived.by(() => {
		const docs = this.all.current;
		if (this.sort === 'importedAt') return this.descending ? docs : [...docs].reverse();
		const key = this.sort;
		const sign = this.descending ? -1 : 1;
		const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
		return [...docs].sort((a, b) =>
			key === 'name' ? sign * collator.compare(a.name, b.name) : sign * (a.size - b.size)
		);
	});

	#shown = $derived.by(() => {
		const q = this.#query.trim().toLocaleLowerCase();
		if (!q) return this.#sorted;
		const hits = this.#textHits;
		return this.#sorted.filter((d) => d.name.toLocaleLowerCase().includes(q) || hits?.has(d.id));
	});

	get query() {
		return this.#query;
	}

	get searching() {
		return this.#searching;
	}

	/** Name matches show at once; text matches join when the (debounced) text scan finishes. */
	get shown(): DocumentMeta[] {
		return this.#shown;
	}

	get selected(): ReadonlySet<string> {
		return this.#selected;
	}

	setQuery(value: string) {
		this.#query = value;
		this.#textHits = null;
		clearTimeout(this.#timer);
		this.#abort?.abort();
		if (!value.trim()) {
			this.#searching = false;
			return;
		}
		this.#searching = true;
		this.#timer = setTimeout(() => void this.#searchText(value.trim()), TEXT_SEARCH_DELAY_MS);
	}

	async #searchText(q: string) {
		const abort = new AbortController();
		this.#abort = abort;
		try {
			const hits = await searchTexts(q, abort.signal);
			if (!abort.signal.aborted) this.#textHits = hits;
		} catch (err) {
			if (!isAbortError(err)) throw err;
		} finally {
			if (this.#abort === abort) this.#searching = false;
		}
	}

	toggle(id: string) {
		if (!this.#selected.delete(id)) this.#selected.add(id);
	}

	get allShownSelected(): boolean {
		return this.#shown.length > 0 && this.#shown.every((d) => this.#selected.has(d.id));
	}

	/** "Select all shown": selects what the search shows, or clears the selection. */
	toggleAllShown() {
		this.setSelection(this.allShownSelected ? [] : this.#shown.map((d) => d.id));
	}

	setSelection(ids: Iterable<string>) {
		this.#selected.clear();
		for (const id of ids) this.#selected.add(id);
	}

	async deleteSelected(): Promise<number> {
		const ids = [...this.#selected];
		await deleteDocuments(ids);
		this.#selected.clear();
		return ids.length;
	}
}
