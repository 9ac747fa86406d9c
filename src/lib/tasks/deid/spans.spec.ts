import { describe, expect, it } from 'vitest';
import { findOccurrences, isCovered, mergeSpans } from './spans';
import type { PhiSpan, PhiType, SpanSource } from './types';

const TEXT = 'Frau Dr. Anna Müller, geb. 04.04.1997, Fallnummer 12345.';

function span(
	start: number,
	end: number,
	type: PhiType,
	sources: SpanSource[] = ['rule'],
	rule?: string
): PhiSpan {
	const s: PhiSpan = { start, end, type, text: TEXT.slice(start, end), sources };
	if (rule) s.rule = rule;
	return s;
}

describe('mergeSpans', () => {
	it('returns nothing for nothing', () => {
		expect(mergeSpans([])).toEqual([]);
	});

	it('sorts by start and keeps separate spans apart', () => {
		const name = span(9, 20, 'name_patient');
		const title = span(5, 8, 'name_title');
		expect(mergeSpans([name, title])).toEqual([title, name]);
	});

	it('keeps spans that only touch apart', () => {
		const a = span(0, 4, 'name_title');
		const b = span(4, 8, 'name_title');
		expect(mergeSpans([b, a])).toEqual([a, b]);
	});

	it('unites overlapping spans, joining text, sources and rules', () => {
		const merged = mergeSpans([
			span(9, 20, 'name_other', ['llm']),
			span(14, 20, 'name_patient', ['known'], 'known'),
			span(5, 13, 'name_clinician', ['rule'], 'title-name')
		]);
		expect(merged).toHaveLength(1);
		expect(merged[0]).toMatchObject({
			start: 5,
			end: 20,
			text: 'Dr. Anna Müller',
			sources: ['rule', 'known', 'llm'],
			rule: 'known,title-name'
		});
	});

	it('unites nested spans into the outer one', () => {
		const merged = mergeSpans([span(27, 37, 'date_birth'), span(30, 32, 'date')]);
		expect(merged).toEqual([span(27, 37, 'date_birth')]);
	});

	it('prefers the specific type within a group, whatever the order', () => {
		const a = span(27, 37, 'date', ['llm']);
		const b = span(27, 37, 'date_birth', ['rule']);
		expect(mergeSpans([a, b])[0]?.type).toBe('date_birth');
		expect(mergeSpans([b, a])[0]?.type).toBe('date_birth');
		// A short known patient name inside a longer generic name: the patient's.
		const other = span(9, 20, 'name_other', ['llm']);
		const known = span(14, 20, 'name_patient', ['known']);
		expect(mergeSpans([other, known])[0]?.type).toBe('name_patient');
	});

	it("takes the group of the longest span across groups ('Fallnummer 12345' over '12345')", () => {
		const merged = mergeSpans([span(50, 55, 'id'), span(39, 55, 'department')]);
		expect(merged[0]?.type).toBe('department');
		expect(merged[0]?.text).toBe('Fallnummer 12345');
	});

	it('chooses the type whatever the order of the members', () => {
		const types: PhiType[] = ['name_other', 'name_title', 'name_patient', 'date', 'id', 'city'];
		let seed = 5;
		const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
		for (let i = 0; i < 300; i++) {
			const spans = Array.from({ length: 4 }, () => {
				const start = Math.floor(random() * 6);
				const end = start + 1 + Math.floor(random() * 4);
				return span(start, end, types[Math.floor(random() * types.length)] ?? 'id');
			});
			const merged = mergeSpans(spans);
			expect(mergeSpans([...spans].reverse())).toEqual(merged);
			expect(mergeSpans([spans[2], spans[0], spans[3], spans[1]].flatMap((x) => x ?? []))).toEqual(
				merged
			);
		}
	});

	it('is idempotent', () => {
		const once = mergeSpans([
			span(5, 13, 'name_clinician', ['rule'], 'title-name'),
			span(9, 20, 'name_other', ['llm']),
			span(27, 37, 'date_birth', ['rule'], 'german-date'),
			span(30, 32, 'date', ['manual'])
		]);
		expect(mergeSpans(once)).toEqual(once);
		expect(mergeSpans([...once].reverse())).toEqual(once);
	});

	it('keeps a review decision only when all parts share it', () => {
		const accepted = { ...span(9, 20, 'name_patient'), decision: 'accepted' as const };
		const rejected = { ...span(14, 20, 'name_patient'), decision: 'rejected' as const };
		expect(mergeSpans([accepted, { ...accepted }])[0]?.decision).toBe('accepted');
		expect(mergeSpans([accepted, rejected])[0]?.decision).toBeUndefined();
	});

	it('drops empty spans', () => {
		expect(mergeSpans([span(3, 3, 'id')])).toEqual([]);
	});
});

describe('findOccurrences', () => {
	const text = 'Anna Müller kam mit\nANNA   MÜLLER; Annette und Müllers Hund. Anna Müller.';

	it('finds every occurrence, ignoring case and any whitespace', () => {
		const found = findOccurrences(text, 'Anna Müller');
		expect(found.map((o) => text.slice(o.start, o.end))).toEqual([
			'Anna Müller',
			'ANNA   MÜLLER',
			'Anna Müller'
		]);
	});

	it('respects case when asked', () => {
		expect(findOccurrences(text, 'anna müller', { caseSensitive: true })).toEqual([]);
		expect(findOccurrences(text, 'ANNA MÜLLER', { caseSensitive: true })).toHaveLength(1);
	});

	it('matches whitespace in the needle against a line break', () => {
		expect(findOccurrences(text, 'mit ANNA')).toEqual([{ start: 16, end: 24 }]);
	});

	it('does not find a needle inside a longer word', () => {
		expect(findOccurrences(text, 'Ann')).toEqual([]);
		expect(findOccurrences('123 4123 1234', '123')).toEqual([{ start: 0, end: 3 }]);
	});

	it('treats regex characters literally', () => {
		expect(findOccurrences('Dosis (1+1) mg', '(1+1)')).toEqual([{ start: 6, end: 11 }]);
		expect(findOccurrences('a.b axb', 'a.b')).toEqual([{ start: 0, end: 3 }]);
	});

	it('finds nothing for an empty needle or an empty text', () => {
		expect(findOccurrences(text, '')).toEqual([]);
		expect(findOccurrences(text, '   ')).toEqual([]);
		expect(findOccurrences('', 'Anna')).toEqual([]);
	});
});

describe('isCovered', () => {
	it('is true inside one range or touching ranges, false across a gap', () => {
		const ranges = [
			{ start: 10, end: 20 },
			{ start: 0, end: 10 },
			{ start: 25, end: 30 }
		];
		expect(isCovered(2, 18, ranges)).toBe(true);
		expect(isCovered(25, 30, ranges)).toBe(true);
		expect(isCovered(18, 26, ranges)).toBe(false);
		expect(isCovered(31, 32, ranges)).toBe(false);
	});
});
