import { DEFAULT_MAX_FILE_BYTES, extractFile } from '$lib/documents/intake';
import type { ExtractedDocument } from '$lib/documents/document';
import { EnclaveError } from '$lib/errors';
import { addDocument } from '$lib/storage/documents.repo';
import { ensurePersisted } from '$lib/storage/storage.repo';

export type ImportStatus = 'queued' | 'reading' | 'saved' | 'failed' | 'password';

export interface ImportItem {
	id: number;
	name: string;
	size: number;
	status: ImportStatus;
	/** 0..1 while reading a multi-page file */
	progress: number | null;
	pagesDone?: number;
	pagesTotal?: number;
	error?: unknown;
	documentId?: string;
}

/**
 * The import queue behind the drop zone: files are read one after another, each is stored
 * whole or not at all, and one bad file never stops the others.
 */
class Imports {
	#items = $state<ImportItem[]>([]);
	#files = new Map<number, File>();
	#passwords = new Map<number, string>();
	#next = 1;
	#running = false;
	maxFileBytes = DEFAULT_MAX_FILE_BYTES;

	get items(): readonly ImportItem[] {
		return this.#items;
	}

	get pending(): number {
		return this.#items.filter((i) => i.status === 'queued' || i.status === 'reading').length;
	}

	addFiles(files: Iterable<File>) {
		for (const file of files) {
			const id = this.#next++;
			this.#files.set(id, file);
			this.#items.push({ id, name: file.name, size: file.size, status: 'queued', progress: null });
		}
		void this.#drain();
	}

	/** Stores pasted text as a document. */
	async addText(text: string, name: string): Promise<string> {
		const extracted: ExtractedDocument = {
			text: text.replace(/\r\n?/g, '\n'),
			type: 'paste',
			pages: []
		};
		const size = new TextEncoder().encode(text).length;
		const meta = await addDocument({ name, size, extracted });
		void ensurePersisted();
		return meta.id;
	}

	submitPassword(id: number, password: string) {
		const item = this.#find(id);
		if (!item || item.status !== 'password') return;
		this.#passwords.set(id, password);
		item.status = 'queued';
		void this.#drain();
	}

	skip(id: number) {
		this.#files.delete(id);
		this.#items = this.#items.filter((i) => i.id !== id);
	}

	clearFinished() {
		const keep = this.#items.filter((i) => i.status === 'queued' || i.status === 'reading');
		for (const item of this.#items) if (!keep.includes(item)) this.#files.delete(item.id);
		this.#items = keep;
	}

	reset() {
		this.#items = [];
		this.#files.clear();
	}

	#find(id: number) {
		return this.#items.find((i) => i.id === id);
	}

	async #drain() {
		// One loop at a time; items queued meanwhile are picked up by the running loop.
		if (this.#running) return;
		this.#running = true;
		try {
			let item: ImportItem | undefined;
			while ((item = this.#items.find((i) => i.status === 'queued'))) {
				await this.#importOne(item);
			}
		} finally {
			this.#running = false;
		}
	}

	async #importOne(item: ImportItem) {
		const file = this.#files.get(item.id);
		if (!file) return;
		const password = this.#passwords.get(item.id);
		this.#passwords.delete(item.id);
		item.status = 'reading';
		item.error = undefined;
		try {
			const extracted = await extractFile(file, {
				maxBytes: this.maxFileBytes,
				...(password !== undefined ? { password } : {}),
				onProgress: (done: number, total: number) => {
					item.pagesDone = done;
					item.pagesTotal = total;
					item.progress = total > 0 ? done / total : null;
				}
			});
			const meta = await addDocument({ name: file.name, size: file.size, extracted });
			item.status = 'saved';
			item.progress = 1;
			item.documentId = meta.id;
			this.#files.delete(item.id);
			void ensurePersisted();
		} catch (err) {
			item.error = err;
			const code = err instanceof EnclaveError ? err.code : '';
			item.status =
				code === 'intake.pdfPassword' || code === 'intake.pdfPasswordWrong' ? 'password' : 'failed';
			if (item.status === 'failed') this.#files.delete(item.id);
		}
	}
}

export const imports = new Imports();
