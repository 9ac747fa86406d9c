import { describe, expect, it } from 'vitest';
import { parseGoldFiles } from './gold-files';

const enc = (s: string) => new TextEncoder().encode(s);

describe('parseGoldFiles', () => {
	it('pairs BRAT .txt and .ann files and reads JSON Lines next to them', () => {
		const docs = parseGoldFiles([
			{ name: 'a.ann', bytes: enc('T1\tDATE 9 19\t03.04.2024\n') },
			{ name: 'a.txt', bytes: enc('Visit on 03.04.2024.') },
			{
				name: 'b.jsonl',
				bytes: enc(
					'{"id":"n1","text":"Call 555-0199","spans":[{"start":5,"end":13,"label":"PHONE_NUMBER"}]}\n'
				)
			}
		]);
		expect(docs.map((d) => d.id)).toEqual(['a', 'n1']);
		expect(docs[0]!.spans).toMatchObject([{ start: 9, end: 19, label: 'DATE', type: 'date' }]);
		expect(docs[1]!.spans).toMatchObject([{ start: 5, end: 13, type: 'phone' }]);
	});

	it('names the missing text of an annotation file and refuses other file types', () => {
		expect(() => parseGoldFiles([{ name: 'x.ann', bytes: enc('') }])).toThrow(
			expect.objectContaining({ code: 'evalDeid.missingText' })
		);
		expect(() => parseGoldFiles([{ name: 'x.csv', bytes: enc('a,b') }])).toThrow(
			expect.objectContaining({ code: 'evalDeid.unsupportedFormat' })
		);
		expect(() => parseGoldFiles([{ name: 'notes.txt', bytes: enc('text') }])).toThrow(
			expect.objectContaining({ code: 'evalDeid.noDocuments' })
		);
	});
});
