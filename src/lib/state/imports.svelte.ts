import { DEFAULT_MAX_FILE_BYTES, extractFile } from '$lib/documents/intake';
import type { ExtractedDocument } from '$lib/documents/document';
import { EnclaveError } from '$lib/errors';
import { addDocument, addDocuments, type NewDocument } from '$lib/storage/documents.repo';
import { isQuotaError } from '$lib/storage/messages';
import { ensurePersisted } from '$lib/storage/storage.repo';
import { vault } from './vault.svelte';

export type ImportStatus = 'queued' | 'reading' | 'recognising' | 'saved' | 'failed' | 'password';

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
	/** Pages of a saved PDF without a text layer (a scanned page inside a text PDF). */
	textlessPages?: number[];
}

const BATCH_SIZE = 50;
const BATCH_MS = 250;

interface Extracted {
	item: ImportItem;
	doc: NewDocument;
}

/**
 * The import queue behind the drop zone: files are read one after another, each is stored
 * whole or not at all, and one bad file never stops the others.
 */
class Imports {
	#items = $state<ImportItem[]>([]);
	#files = new Map<number, File>();
	#passwords = new Map<number, string>();
	#byId = new Map<number, ImportItem>();
	#queue: number[] = [];
	#next = 1;
	#running = false;
	maxFileBytes = DEFAULT_MAX_FILE_BYTES;

	constructor() {
		// File names are patient data: the list of finished imports goes with the key.
		vault.onLock(() => this.clearFinished());
	}

	get items(): readonly ImportItem[] {
		return this.#items;
	}

	addFiles(files: Iterable<File>) {
		for (const file of files) {
			const id = this.#next++;
			this.#files.set(id, file);
			this.#items.push({ id, name: file.name, size: file.size, status: 'queued', progress: null });
			// Keep the reactive proxy, so that status changes reach the list.
			this.#byId.set(id, this.#items[this.#items.length - 1]!);
			this.#queue.push(id);
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
		const item = this.#byId.get(id);
		if (!item || item.status !== 'password') return;
		this.#passwords.set(id, password);
		item.status = 'queued';
		this.#queue.push(id);
		void this.#drain();
	}

	skip(id: number) {
		this.#forget(id);
		this.#items = this.#items.filter((i) => i.id !== id);
	}

	clearFinished() {
		const active = (i: ImportItem) =>
			i.status === 'queued' || i.status === 'reading' || i.status === 'recognising';
		for (const item of this.#items) if (!active(item)) this.#forget(item.id);
		this.#items = this.#items.filter(active);
	}

	#forget(id: number) {
		this.#files.delete(id);
		this.#byId.delete(id);
		this.#passwords.delete(id);
	}

	async #drain() {
		// One loop at a time; items queued meanwhile are picked up by the running loop.
		if (this.#running) return;
		this.#running = true;
		let batch: Extracted[] = [];
		let batchStart = 0;
		try {
			for (let item = this.#nextQueued(); item; item = this.#nextQueued()) {
				const done = await this.#extract(item);
				if (done) {
					if (batch.length === 0) batchStart = performance.now();
					batch.push(done);
				}
				// Many small files share a transaction; a slow file (a long PDF) is stored at once.
				if (
					batch.length >= BATCH_SIZE ||
					(batch.length && performance.now() - batchStart > BATCH_MS)
				) {
					await this.#store(batch);
					batch = [];
				}
			}
			if (batch.length) await this.#store(batch);
		} finally {
			this.#running = false;
		}
	}

	#nextQueued(): ImportItem | undefined {
		for (let id = this.#queue.shift(); id !== undefined; id = this.#queue.shift()) {
			const item = this.#byId.get(id);
			if (item?.status === 'queued') return item;
		}
		return undefined;
	}

	async #extract(item: ImportItem): Promise<Extracted | undefined> {
		const file = this.#files.get(item.id);
		if (!file) return undefined;
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
			return { item, doc: { name: file.name, size: file.size, extracted } };
		} catch (err) {
			if (err instanceof EnclaveError && err.code === 'intake.pdfNoText')
				return this.#recognise(item, file, password);
			item.error = err;
			const code = err instanceof EnclaveError ? err.code : '';
			item.status =
				code === 'intake.pdfPassword' || code === 'intake.pdfPasswordWrong' ? 'password' : 'failed';
			if (item.status === 'failed') this.#files.delete(item.id);
			return undefined;
		}
	}

	/** A scanned PDF: its text comes from OCR, which runs in the browser with its own files. */
	async #recognise(
		item: ImportItem,
		file: File,
		password: string | undefined
	): Promise<Extracted | undefined> {
		item.status = 'recognising';
		item.progress = 0;
		try {
			const bytes = new Uint8Array(await file.arrayBuffer());
			const { ocrPdf } = await import('$lib/documents/ocr');
			const extracted = await ocrPdf(bytes, {
				name: file.name,
				...(password !== undefined ? { password } : {}),
				onProgress: (done, total) => {
					item.pagesDone = done;
					item.pagesTotal = total;
					item.progress = total > 0 ? done / total : null;
				}
			});
			return {
				item,
				doc: { name: file.name, size: file.size, extracted: { ...extracted, original: bytes } }
			};
		} catch (err) {
			item.error = err;
			item.status = 'failed';
			this.#files.delete(item.id);
			return undefined;
		}
	}

	/** A batch is one transaction; if it fails (say, the disk is full), each file is tried alone. */
	async #store(batch: Extracted[]) {
		try {
			const metas = await addDocuments(batch.map((b) => b.doc));
			batch.forEach((b, i) => this.#saved(b, metas[i]!.id));
		} catch (batchError) {
			if (batch.length === 1) return this.#failed(batch[0]!.item, batchError);
			for (const b of batch) {
				try {
					this.#saved(b, (await addDocument(b.doc)).id);
				} catch (err) {
					this.#failed(b.item, err);
				}
			}
		}
		void ensurePersisted();
	}

	#saved({ item, doc }: Extracted, documentId: string) {
		item.status = 'saved';
		if (doc.extracted.textlessPages) item.textlessPages = doc.extracted.textlessPages;
		item.progress = 1;
		item.documentId = documentId;
		this.#files.delete(item.id);
	}

	#failed(item: ImportItem, err: unknown) {
		item.status = 'failed';
		item.error = isQuotaError(err) ? new EnclaveError('storage.quota', { name: item.name }) : err;
		this.#files.delete(item.id);
	}
}

export const imports = new Imports();
