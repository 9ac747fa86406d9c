import type { DocumentMeta } from '$lib/storage/db';
import { LiveQuery } from '$lib/storage/live.svelte';
import {
	deleteDocuments,
	listDocuments,
	searchTexts,
	type SortKey
} from '$lib/storage/documents.repo';
import { isAbortError } from '$lib/errors';

const TEXT_SEARCH_DELAY_MS = 200;

/** The document list's view state: sort, search over names and texts, selection. */
export class DocumentBrowser {
	sort = $state<SortKey>('importedAt');
	descending = $state(true);
	#query = $state('');
	#textHits = $state.raw<Set<string> | null>(null);
	#searching = $state(false);
	#selected = $state.raw(new Set<string>());
	#timer: ReturnType<typeof setTimeout> | undefined;
	#abort: AbortController | undefined;

	readonly all = new LiveQuery<DocumentMeta[]>(() => listDocuments(this.sort, this.descending), []);

	get query() {
		return this.#query;
	}

	get searching() {
		return this.#searching;
	}

	/** Name matches show at once; text matches join when the (debounced) text scan finishes. */
	get shown(): DocumentMeta[] {
		const docs = this.all.current;
		const q = this.#query.trim().toLocaleLowerCase();
		if (!q) return docs;
		const hits = this.#textHits;
		return docs.filter((d) => d.name.toLocaleLowerCase().includes(q) || hits?.has(d.id));
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
		const next = new Set(this.#selected);
		if (next.has(id)) next.delete(id);
		else next.add(id);
		this.#selected = next;
	}

	setSelection(ids: Iterable<string>) {
		this.#selected = new Set(ids);
	}

	async deleteSelected(): Promise<number> {
		const ids = [...this.#selected];
		await deleteDocuments(ids);
		this.#selected = new Set();
		return ids.length;
	}
}
