import { describe, expect, it } from 'vitest';
import { EnclaveError } from '$lib/errors';
import { readPairs, toCsv } from './pairs';

const bytes = (text: string) => new TextEncoder().encode(text);
const columns = { source: 'dialogue', reference: 'note' };

async function failure(promise: Promise<unknown>): Promise<EnclaveError> {
	try {
		await promise;
	} catch (err) {
		if (err instanceof EnclaveError) return err;
		throw err;
	}
	throw new Error('expected a failure');
}

describe('readPairs', () => {
	it('reads named columns in any order, ignoring case, and skips incomplete rows', async () => {
		const csv =
			'ID;Note;Dialogue;Output\n1;Ref one;"Src\none";Cand\n2;;Src two;x\n3;Ref three;Src three;\n';
		const table = await readPairs('p.csv', bytes(csv), { ...columns, candidate: 'output' });
		expect(table.columns).toEqual(['ID', 'Note', 'Dialogue', 'Output']);
		expect(table.pairs).toEqual([
			{ row: 2, source: 'Src\none', reference: 'Ref one', candidate: 'Cand' },
			{ row: 4, source: 'Src three', reference: 'Ref three', candidate: '' }
		]);
		expect(table.skipped).toEqual([3]);
	});

	it('names the missing column and the ones there are', async () => {
		const err = await failure(readPairs('p.csv', bytes('dialog,note\na,b\n'), columns));
		expect(err.code).toBe('letters.pairsColumnMissing');
		expect(err.params).toEqual({ file: 'p.csv', column: 'dialogue', columns: 'dialog, note' });
	});

	it('refuses files without usable rows, naming the file', async () => {
		expect((await failure(readPairs('p.csv', bytes(''), columns))).code).toBe('eval.emptyFile');
		expect((await failure(readPairs('p.csv', bytes('dialogue,note\n'), columns))).code).toBe(
			'eval.noRows'
		);
		expect((await failure(readPairs('p.csv', bytes('dialogue,note\n ,x\n'), columns))).code).toBe(
			'letters.pairsEmpty'
		);
		const bad = await failure(readPairs('p.csv', bytes('dialogue,note\n"a"b,c\n'), columns));
		expect(bad.code).toBe('eval.badCsv');
		expect(bad.params).toMatchObject({ file: 'p.csv', row: 2 });
	});
});

describe('toCsv', () => {
	it('writes what readPairs reads back unchanged', async () => {
		const rows = [
			['Line one\nline two', 'He said "stop"; then left', ' padded '],
			['plain', 'a,b', '']
		];
		const csv = toCsv(['dialogue', 'note', 'candidate'], rows);
		expect(csv.split('\r\n')[0]).toBe('dialogue,note,candidate');
		const table = await readPairs('c.csv', bytes(csv), { ...columns, candidate: 'candidate' });
		expect(table.pairs.map((p) => [p.source, p.reference, p.candidate])).toEqual(rows);
	});
});
