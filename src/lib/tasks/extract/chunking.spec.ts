import { describe, expect, it } from 'vitest';
import { EnclaveError } from '$lib/errors';
import { estimateTokens } from '$lib/tasks/ask/prompt';
import { mergeChunkResults, MIN_CHUNK_TOKENS, planChunks, type ChunkExtraction } from './chunking';
import type { EvidenceItem } from './evidence';
import type { JsonSchema } from './template';

const plan = { contextWindow: 1000, promptOverheadTokens: 300, maxOutputTokens: 300 };

function paragraphs(count: number): string {
	return Array.from(
		{ length: count },
		(_, i) => `Absatz ${i + 1}. Der Verlauf war unauffällig. Die Werte waren stabil.`
	).join('\n\n');
}

describe('planChunks', () => {
	it('keeps a document that fits in one part', () => {
		const text = 'Kurzer Befund.';
		expect(planChunks(text, plan)).toEqual([{ start: 0, end: text.length, text }]);
	});

	it('splits a long document into parts that fit, overlap, and cover everything', () => {
		const text = paragraphs(60);
		const chunks = planChunks(text, { ...plan, overlapChars: 100 });
		expect(chunks.length).toBeGreaterThan(1);
		const budget = plan.contextWindow - plan.promptOverheadTokens - plan.maxOutputTokens;
		for (const [i, c] of chunks.entries()) {
			expect(c.text).toBe(text.slice(c.start, c.end));
			expect(estimateTokens(c.text)).toBeLessThanOrEqual(budget);
			const next = chunks[i + 1];
			if (next) {
				expect(next.start).toBeLessThan(c.end); // overlap
				expect(next.start).toBeGreaterThan(c.start);
				expect(c.end - next.start).toBeLessThanOrEqual(100);
			}
		}
		expect(chunks[0]?.start).toBe(0);
		expect(chunks.at(-1)?.end).toBe(text.length);
	});

	it('ends parts at paragraph or sentence boundaries when it can', () => {
		const chunks = planChunks(paragraphs(60), { ...plan, overlapChars: 0 });
		for (const c of chunks.slice(0, -1)) expect(c.text).toMatch(/[.]\s*$/);
		for (const c of chunks.slice(1)) expect(c.text).toMatch(/^Absatz \d+\./);
	});

	it('cuts text without any boundary hard, still making progress', () => {
		const text = 'x'.repeat(5000);
		const chunks = planChunks(text, { ...plan, overlapChars: 50 });
		// 400 tokens leave 1,200 characters a part, 50 of them repeated.
		expect(chunks.map((c) => c.start)).toEqual([0, 1150, 2300, 3450, 4600]);
		expect(chunks.at(-1)?.end).toBe(5000);
	});

	it('throws extract.tooLong when not even a short part fits', () => {
		try {
			planChunks('Text', { contextWindow: 800, promptOverheadTokens: 400, maxOutputTokens: 300 });
			expect.unreachable();
		} catch (err) {
			expect(err).toBeInstanceOf(EnclaveError);
			expect(err).toMatchObject({
				code: 'extract.tooLong',
				params: { tokens: 700 + MIN_CHUNK_TOKENS, max: 800 }
			});
		}
	});
});

const schema: JsonSchema = {
	type: 'object',
	properties: {
		name: { type: 'string' },
		lastVisit: { type: 'string' },
		doctors: { type: 'string' },
		meds: {
			type: 'array',
			items: { type: 'object', properties: { drug: { type: 'string' }, dose: { type: 'number' } } }
		},
		codes: { type: 'array', items: { type: 'string' } }
	}
};

function item(
	path: string,
	value: EvidenceItem['value'],
	start?: number,
	verified = true
): EvidenceItem {
	const quote = value === null ? '' : String(value);
	return {
		path,
		value,
		quote,
		verified: value === null || verified,
		...(start === undefined ? {} : { span: { start, end: start + quote.length } })
	};
}

describe('mergeChunkResults', () => {
	const first: ChunkExtraction = {
		offset: 0,
		values: {
			name: 'Erika Mustermann',
			lastVisit: '3.4.',
			doctors: 'Dr. A',
			meds: [{ drug: 'ASS', dose: 100 }],
			codes: ['C18.7']
		},
		evidence: [
			item('name', 'Erika Mustermann', 10),
			item('lastVisit', '3.4.', 40),
			item('doctors', 'Dr. A', 60),
			item('meds[0].drug', 'ASS', 80),
			item('meds[0].dose', 100, 85),
			item('codes[0]', 'C18.7', 90)
		]
	};
	const second: ChunkExtraction = {
		offset: 1000,
		values: {
			name: null,
			lastVisit: '9.4.',
			doctors: 'dr.  a',
			meds: [
				{ drug: 'ass', dose: 100 },
				{ drug: 'Ramipril', dose: 5 }
			],
			codes: ['C78.7']
		},
		evidence: [
			item('name', null),
			item('lastVisit', '9.4.', 5),
			item('doctors', 'dr.  a', 7),
			item('meds[0].drug', 'ass', 20),
			item('meds[0].dose', 100, 25),
			item('meds[1].drug', 'Ramipril', 30),
			item('meds[1].dose', 5, 40),
			item('codes[0]', 'C78.7', 50)
		]
	};

	it('keeps the first stated value by default and shifts spans to document offsets', () => {
		const merged = mergeChunkResults(schema, [first, second]);
		expect(merged.values).toEqual(first.values);
		expect(merged.evidence).toEqual(first.evidence);
	});

	it('applies latest and all by field, renumbering list items and dropping repeats', () => {
		const merged = mergeChunkResults(schema, [first, second], {
			lastVisit: 'latest',
			meds: 'all',
			codes: 'all',
			doctors: 'all'
		});
		expect(merged.values).toEqual({
			name: 'Erika Mustermann',
			lastVisit: '9.4.',
			doctors: 'Dr. A',
			meds: [
				{ drug: 'ASS', dose: 100 },
				{ drug: 'Ramipril', dose: 5 }
			],
			codes: ['C18.7', 'C78.7']
		});
		const byPath = Object.fromEntries(merged.evidence.map((e) => [e.path, e]));
		expect(byPath['lastVisit']?.span).toEqual({ start: 1005, end: 1009 });
		expect(byPath['meds[1].drug']).toMatchObject({ value: 'Ramipril', span: { start: 1030 } });
		expect(byPath['meds[1].dose']).toMatchObject({ value: 5, span: { start: 1040 } });
		expect(byPath['codes[1]']).toMatchObject({ value: 'C78.7', span: { start: 1050 } });
		expect(merged.evidence.filter((e) => e.path.startsWith('meds['))).toHaveLength(4);
	});

	it('lists distinct texts of a single field with " | " under rule all', () => {
		const other = { ...second, values: { ...second.values, doctors: 'Dr. B' } };
		other.evidence = other.evidence.map((e) =>
			e.path === 'doctors' ? item('doctors', 'Dr. B', 7) : e
		);
		const merged = mergeChunkResults(schema, [first, other], { doctors: 'all' });
		expect(merged.values.doctors).toBe('Dr. A | Dr. B');
		expect(merged.evidence.filter((e) => e.path === 'doctors').map((e) => e.span)).toEqual([
			{ start: 60, end: 65 },
			{ start: 1007, end: 1012 }
		]);
	});

	it('prefers a verified value over an earlier unverified one', () => {
		const guessed: ChunkExtraction = {
			offset: 0,
			values: { name: 'Max Muster', lastVisit: null, doctors: null, meds: [], codes: [] },
			evidence: [item('name', 'Max Muster', undefined, false)]
		};
		const stated: ChunkExtraction = {
			offset: 500,
			values: { name: 'Erika Mustermann', lastVisit: null, doctors: null, meds: [], codes: [] },
			evidence: [item('name', 'Erika Mustermann', 3)]
		};
		const merged = mergeChunkResults(schema, [guessed, stated]);
		expect(merged.values.name).toBe('Erika Mustermann');
		expect(merged.evidence[0]?.span).toEqual({ start: 503, end: 519 });
	});

	it('returns empty values for no parts', () => {
		expect(mergeChunkResults(schema, [])).toEqual({
			values: { name: null, lastVisit: null, doctors: null, meds: [], codes: [] },
			evidence: []
		});
	});
});
