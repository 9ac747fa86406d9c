import { describe, expect, it } from 'vitest';
import type { GoldDocument } from './ground-truth';
import { scoreDeid } from './metrics';
import { deidReport, formatDeidTable } from './report';

// "Lind" (5–9) and "12.03.2020" (13–23) are PHI; the prediction finds the date only.
const text = 'Frau Lind am 12.03.2020.';
const gold: GoldDocument = {
	id: 'brief-1.txt',
	text,
	spans: [
		{ start: 5, end: 9, label: 'NAME_PATIENT', type: 'name_patient' },
		{ start: 13, end: 23, label: 'DATE', type: 'date' },
		{ start: 0, end: 4, label: 'SALUTATION', type: null }
	]
};
const scores = scoreDeid([{ gold, predicted: [{ start: 13, end: 23, type: 'date' }] }]);

describe('formatDeidTable', () => {
	const table = formatDeidTable(scores, {
		corpus: 'test',
		detector: 'rules',
		labels: [{ label: 'SALUTATION', type: null, known: false, spans: 1 }]
	});

	it('prints a row for everything, the groups and the types, with rates in percent', () => {
		expect(table).toContain('Corpus: test');
		expect(table).toMatch(/^name\s+gold\s+pred\s+ex\.P\s+ex\.R/m);
		// all: 2 gold, 1 predicted; exact P 100%, R 50%; 10 of 14 PHI characters covered.
		expect(table).toMatch(/^all\s+2\s+1\s+100\.0%\s+50\.0%\s+66\.7%/m);
		expect(table).toMatch(/^all(\s+\S+){9}\s+71\.4%\s+28\.6%\s+1\s+0\.0%$/m);
		// The name row has no prediction: its precision is shown as "–", its recall as 0.
		expect(table).toMatch(/^name\s+1\s+0\s+–\s+0\.0%/m);
		expect(table).toMatch(/^ {2}name_patient\s+1\s+0\s/m);
	});

	it('sums up leaks, over-redaction, unscored labels and the leaking documents', () => {
		expect(table).toContain('1 documents, 1 with a leak. 4 of 14 PHI characters not covered');
		expect(table).toContain('0 of 6 other characters redacted (0.0%)');
		expect(table).toContain('Not scored: SALUTATION 1 (label not in the mapping)');
		expect(table).toContain('Most leaked: brief-1.txt (1 spans, 4 chars)');
		expect(table).not.toContain('out =');
	});

	it('adds the output column when outputs were checked', () => {
		const withOutput = scoreDeid([{ gold, predicted: [], output: 'Frau Lind am [DATUM].' }]);
		const t = formatDeidTable(withOutput);
		expect(t).toMatch(/\s+out$/m);
		expect(t).toContain('Output of 1 documents: 1 of 2 gold strings still in it.');
	});
});

describe('deidReport', () => {
	it('is plain JSON that explains its measures', () => {
		const report = deidReport(scores, { corpus: 'test' });
		const copy = JSON.parse(JSON.stringify(report)) as typeof report;
		expect(copy).toEqual(report);
		expect(copy.scores.overall.exact.recall).toBe(0.5);
		expect(Object.keys(copy.definitions)).toEqual(
			expect.arrayContaining(['exact', 'overlap', 'leak', 'overRedaction'])
		);
	});
});
