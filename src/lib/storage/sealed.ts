import type { EntityTable, Table, UpdateSpec } from 'dexie';
import { EnclaveError } from '$lib/errors';
import { openValue, sealValue, type Sealed } from './crypto';
import type {
	DeidRecord,
	DocumentContent,
	DocumentMeta,
	DraftRecord,
	JobRecord,
	ResultRecord
} from './db';

// The workspace key of this tab, only while unlocked. Module state is per page (no SSR).
let workspaceKey: CryptoKey | null = null;

export function setKey(key: CryptoKey | null) {
	workspaceKey = key;
	for (const sealer of Object.values(sealers)) sealer.forget();
}

export function hasKey(): boolean {
	return workspaceKey !== null;
}

export function requireKey(): CryptoKey {
	if (!workspaceKey) throw new EnclaveError('vault.locked');
	return workspaceKey;
}

const sameBytes = (a: Uint8Array | undefined, b: Uint8Array | undefined) =>
	a === b || (!!a && !!b && a.length === b.length && a.every((x, i) => x === b[i]));

const sameSealed = (a: Sealed, b: Sealed) =>
	sameBytes(a.iv, b.iv) && sameBytes(new Uint8Array(a.data), new Uint8Array(b.data));

/**
 * A record as IndexedDB holds it: ids, dates, sizes and status in clear (indexes and lists need
 * them), the patient data encrypted under `sealed`, one value per field, so that a field can be
 * replaced without reading the others. Plain values of sealed fields are from before encryption.
 */
export type Stored<T, K extends keyof T> = Omit<T, K> &
	Partial<Pick<T, K>> & { id: string; sealed?: Partial<Record<K, Sealed>> };

/** Which fields of one table's records are patient data, and how to seal and open them. */
export class Sealer<T extends { id: string }, K extends keyof T & string> {
	/** Opened values by record and field, with what they were opened from (see `remember`). */
	#opened = new Map<string, { sealed: Sealed; value: unknown }>();

	constructor(
		readonly table: string,
		readonly fields: readonly K[],
		/** Fields left clear for some records (e.g. a result's input when it is a template id). */
		readonly keepClear: (record: Partial<T>) => readonly K[] = () => [],
		/**
		 * Keep opened values in memory while unlocked, for small fields that lists open again on
		 * every change (10,000 names); a field sealed anew is opened anew.
		 */
		readonly remember = false
	) {}

	forget() {
		this.#opened.clear();
	}

	#context(id: string, field: string) {
		return `${this.table}/${id}/${field}`;
	}

	#sealedFields(record: Partial<T>): K[] {
		const clear = this.keepClear(record);
		return this.fields.filter((f) => !clear.includes(f) && record[f] !== undefined);
	}

	async seal(record: T): Promise<Stored<T, K>> {
		const key = requireKey();
		const fields = this.#sealedFields(record);
		const sealed: Partial<Record<K, Sealed>> = {};
		await Promise.all(
			fields.map(async (f) => {
				sealed[f] = await sealValue(key, record[f], this.#context(record.id, f));
			})
		);
		const row: Record<string, unknown> = { ...record, sealed };
		for (const f of fields) delete row[f];
		return row as Stored<T, K>;
	}

	/** Changes for Dexie's `update`: sealed fields go to their `sealed.<field>` key path. */
	async sealChanges(id: string, changes: Partial<T>): Promise<UpdateSpec<Stored<T, K>>> {
		const key = requireKey();
		const out: Record<string, unknown> = { ...changes };
		await Promise.all(
			this.#sealedFields(changes).map(async (f) => {
				delete out[f];
				out[`sealed.${f}`] = await sealValue(key, changes[f], this.#context(id, f));
			})
		);
		return out as UpdateSpec<Stored<T, K>>;
	}

	/** The record with its patient data; `only` opens just those fields (e.g. a text, not its PDF). */
	async open(row: Stored<T, K>, only?: readonly K[]): Promise<T> {
		const { sealed, ...rest } = row;
		const entries = (Object.entries(sealed ?? {}) as [K, Sealed][]).filter(
			([f]) => !only || only.includes(f)
		);
		if (entries.length === 0) return rest as T;
		const key = requireKey();
		const out: Record<string, unknown> = rest;
		await Promise.all(
			entries.map(async ([f, s]) => {
				const context = this.#context(row.id, f);
				const known = this.#opened.get(context);
				if (known && sameSealed(known.sealed, s)) {
					out[f] = known.value;
					return;
				}
				out[f] = await openValue(key, s, context);
				if (this.remember) this.#opened.set(context, { sealed: s, value: out[f] });
			})
		);
		return out as T;
	}

	openAll(rows: Stored<T, K>[]): Promise<T[]> {
		return Promise.all(rows.map((r) => this.open(r)));
	}

	/** True when a record still holds patient data in clear (stored before encryption). */
	hasPlain(row: Stored<T, K>): boolean {
		const clear = this.keepClear(row as Partial<T>);
		return this.fields.some((f) => !clear.includes(f) && row[f] !== undefined);
	}

	/** A read of one record (or none), opened after the Dexie read. */
	one(
		read: () => PromiseLike<Stored<T, K> | undefined>
	): Read<T | undefined, Stored<T, K> | undefined> {
		return new Read(read, (row) => (row ? this.open(row) : Promise.resolve(undefined)));
	}

	many(read: () => PromiseLike<Stored<T, K>[]>): Read<T[], Stored<T, K>[]> {
		return new Read(read, (rows) => this.openAll(rows));
	}
}

/**
 * A read of sealed records in two steps: the Dexie reads, then decryption. Awaited, it does both.
 * `LiveQuery` runs the first step inside Dexie's liveQuery, which must only await IndexedDB (a
 * WebCrypto promise there loses track of what was read), and the second outside it.
 */
export class Read<T, R = unknown> implements PromiseLike<T> {
	constructor(
		readonly read: () => PromiseLike<R>,
		readonly open: (raw: R) => Promise<T>
	) {}

	then<A = T, B = never>(
		onfulfilled?: ((value: T) => A | PromiseLike<A>) | null,
		onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null
	): Promise<A | B> {
		return Promise.resolve(this.read())
			.then((raw) => this.open(raw))
			.then(onfulfilled, onrejected);
	}

	/** The same read with a further step on the opened value (sorting, picking). */
	map<U>(fn: (value: T) => U): Read<U, R> {
		return new Read(this.read, async (raw) => fn(await this.open(raw)));
	}
}

/**
 * Reads a record, changes it and writes back, for changes that depend on a sealed field (a list
 * to append to). Opening and sealing cannot happen inside the write transaction, so the write
 * checks that the field is still the one read (every seal has a new IV) and starts over if
 * another write came in between.
 */
export async function updateSealedField<T extends { id: string }, K extends keyof T & string>(
	entityTable: EntityTable<Stored<T, K>, 'id'>,
	sealer: Sealer<T, K>,
	id: string,
	field: K,
	change: (record: T) => Partial<T>
): Promise<void> {
	// The same table; its generic key type only resolves with concrete records.
	const table = entityTable as unknown as Table<Stored<T, K>, string>;
	for (let attempt = 0; attempt < 10; attempt++) {
		const row = await table.get(id);
		if (!row) return;
		const changes = await sealer.sealChanges(id, change(await sealer.open(row)));
		const readIv = row.sealed?.[field]?.iv;
		const written = await table.db.transaction('rw', table, async () => {
			const current = await table.get(id);
			if (!current || !sameBytes(current.sealed?.[field]?.iv, readIv)) return false;
			await table.update(id, changes);
			return true;
		});
		if (written) return;
	}
	throw new Error('The record kept changing during an update.');
}

export const sealers = {
	documents: new Sealer<DocumentMeta, 'name'>('documents', ['name'], () => [], true),
	contents: new Sealer<DocumentContent, 'text' | 'pages' | 'file'>('contents', [
		'text',
		'pages',
		'file'
	]),
	// An extraction's input is a template id (indexed with the task); a question is patient data.
	results: new Sealer<ResultRecord, 'input' | 'output' | 'data' | 'corrections'>(
		'results',
		['input', 'output', 'data', 'corrections'],
		(r) => (r.task === 'extract' ? ['input'] : [])
	),
	jobs: new Sealer<JobRecord, 'options'>('jobs', ['options']),
	// The date shift and surrogate seed would undo the de-identified copies' dates and names.
	deid: new Sealer<DeidRecord, 'spans' | 'warnings' | 'boxes' | 'shift'>('deid', [
		'spans',
		'warnings',
		'boxes',
		'shift'
	]),
	drafts: new Sealer<DraftRecord, 'versions' | 'rating'>('drafts', ['versions', 'rating'])
};

export type SealedTableName = keyof typeof sealers;
