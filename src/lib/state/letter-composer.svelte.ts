import { EnclaveError } from '$lib/errors';
import type { DraftRecord } from '$lib/storage/db';
import { DocumentBrowser } from './document-browser.svelte';
import { letterTemplates, letterWriter } from './letters.svelte';

/**
 * The compose form: a template and the sources in the order the user wants them read. The
 * picker's selection says which documents; `#order` remembers where the user moved them.
 */
export class LetterComposer {
	readonly docs = new DocumentBrowser();
	templateId = $state('');
	error = $state.raw<unknown>(null);
	busy = $state(false);
	#order = $state<string[]>([]);

	constructor(templateId = '') {
		this.templateId = templateId;
	}

	get template() {
		return letterTemplates.byId(this.templateId)?.template;
	}

	/** Selected documents: those the user placed first, in that order, then newly ticked ones. */
	readonly sourceIds = $derived.by(() => {
		const selected = this.docs.selected;
		const kept = this.#order.filter((id) => selected.has(id));
		return [...kept, ...[...selected].filter((id) => !kept.includes(id))];
	});

	/** The selected documents' names, in order; a document deleted meanwhile drops out. */
	get sources() {
		const all = this.docs.all.current;
		return this.sourceIds.flatMap((id) => all.filter((d) => d.id === id));
	}

	move(id: string, by: -1 | 1) {
		const order = [...this.sourceIds];
		const from = order.indexOf(id);
		const other = order[from + by];
		if (from === -1 || other === undefined) return;
		order[from + by] = id;
		order[from] = other;
		this.#order = order;
	}

	remove(id: string) {
		if (this.docs.selected.has(id)) this.docs.toggle(id);
	}

	/** Starts a draft; the writer streams it while the caller shows the draft's page. */
	async write(): Promise<DraftRecord | null> {
		this.error = null;
		const ids = this.sources.map((d) => d.id);
		if (ids.length === 0) {
			this.error = new EnclaveError('letters.noSources');
			return null;
		}
		this.busy = true;
		try {
			return await letterWriter.create(this.templateId, ids);
		} catch (err) {
			this.error = err;
			return null;
		} finally {
			this.busy = false;
		}
	}
}
