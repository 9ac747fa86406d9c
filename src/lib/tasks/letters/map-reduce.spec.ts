import { describe, expect, it } from 'vitest';
import { EnclaveError } from '$lib/errors';
import {
	condenseSources,
	defaultSummaryTokens,
	planCondense,
	type MapReduceProgress,
	type Summarise
} from './map-reduce';
import type { LetterSource, SummaryTask } from './prompt';
import type { LetterTemplate } from './template';

const template: LetterTemplate = {
	id: 't',
	name: 'Letter',
	lang: 'en',
	kind: 'discharge-summary',
	instructions: 'Write a discharge summary.',
	sections: ['Diagnoses', 'Course'],
	examples: []
};

/** Distinct sentences, so that parts can be told apart: "S1-0 … S1-1 …". */
function longText(tag: string, chars: number): string {
	let text = '';
	for (let i = 0; text.length < chars; i++)
		text += `${tag}-${i} the patient was seen and the findings were recorded. `;
	return text.trim();
}

// 2048 tokens: the letter has 2048 − 512 − 128 = 1408, a summary 256.
const options = { template, contextWindow: 2048, maxOutputTokens: 512 };

function recorder(answer: (task: SummaryTask) => string) {
	const tasks: SummaryTask[] = [];
	const summarise: Summarise = async (task) => {
		tasks.push(task);
		return { text: answer(task), truncated: false };
	};
	return { tasks, summarise };
}

describe('planCondense', () => {
	it('uses the sources as they are when they fit', () => {
		const sources: LetterSource[] = [
			{ id: 'a', label: 'A', text: 'Short.' },
			{ id: 'b', label: 'B', text: ' ' }
		];
		const plan = planCondense(sources, options);
		expect(plan.direct).toBe(true);
		expect(plan.steps).toEqual([{ kind: 'keep', source: sources[0] }]);
	});

	it('splits long sources into parts and keeps short ones whole', () => {
		const long = { id: 'long', label: 'Course notes', text: longText('S', 12_000) };
		const short = { id: 'short', label: 'Lab', text: 'Hb 12.3 g/dl.' };
		const plan = planCondense([long, short], options);
		expect(plan.direct).toBe(false);
		const parts = plan.steps.filter((s) => s.kind === 'summarise');
		expect(parts.length).toBeGreaterThanOrEqual(3);
		expect(parts.every((p) => p.kind === 'summarise' && p.count === parts.length)).toBe(true);
		// Nothing is lost: the parts cover the whole text (they may overlap a little).
		const sentences = long.text.split('. ').length;
		expect(sentences).toBeGreaterThan(150);
		for (let i = 0; i < sentences; i++)
			expect(parts.some((p) => p.kind === 'summarise' && p.text.includes(`S-${i} `))).toBe(true);
		expect(plan.steps.at(-1)).toEqual({ kind: 'keep', source: short });
	});

	it('refuses a context window too small for the instructions and a part', () => {
		const sources = [{ id: 'a', label: 'A', text: longText('S', 6000) }];
		const attempt = (contextWindow: number, maxOutputTokens: number) => {
			try {
				planCondense(sources, { ...options, contextWindow, maxOutputTokens });
			} catch (err) {
				return err as EnclaveError;
			}
			return null;
		};
		// The letter's instructions, one summary and the answer do not fit…
		const letter = attempt(700, 300);
		expect(letter).toBeInstanceOf(EnclaveError);
		expect(letter?.code).toBe('letters.tooLong');
		expect(letter?.params.max).toBe(700);
		expect(Number(letter?.params.tokens)).toBeGreaterThan(700);
		// …or the letter would, but a summarising request cannot take a part of a source.
		const part = attempt(800, 50);
		expect(part?.code).toBe('letters.tooLong');
		expect(part?.params.max).toBe(800);
		expect(Number(part?.params.tokens)).toBeGreaterThan(800);
	});

	it('refuses sources that would need too many requests', () => {
		const sources = [{ id: 'a', label: 'A', text: longText('S', 40_000) }];
		expect(() => planCondense(sources, { ...options, maxParts: 3 })).toThrow(
			'letters.tooManyParts'
		);
	});

	it('sizes summaries by the context window', () => {
		expect(defaultSummaryTokens(2048)).toBe(256);
		expect(defaultSummaryTokens(4096)).toBe(512);
		expect(defaultSummaryTokens(131_072)).toBe(1024);
	});
});

describe('condenseSources', () => {
	it('summarises each part, in order, and reports progress', async () => {
		const long = { id: 'long', label: 'Course notes', text: longText('S', 12_000) };
		const short = { id: 'short', label: 'Lab', text: 'Hb 12.3 g/dl.' };
		const { tasks, summarise } = recorder((task) => `- notes on ${task.inputs[0]?.label}`);
		const progress: MapReduceProgress[] = [];
		const result = await condenseSources([long, short], summarise, {
			...options,
			onProgress: (p) => progress.push(p)
		});
		const n = tasks.length;
		expect(tasks.map((t) => t.inputs[0]?.label)).toEqual(
			Array.from({ length: n }, (_, i) => `Course notes, part ${i + 1} of ${n}`)
		);
		expect(tasks.every((t) => t.level === 1)).toBe(true);
		expect(result.condensed).toBe(true);
		expect(result.material.map((m) => m.label)).toEqual([
			...tasks.map((t) => `${t.inputs[0]?.label}, summary`),
			'Lab'
		]);
		expect(result.material.at(-1)).toMatchObject({ text: 'Hb 12.3 g/dl.', sourceIds: ['short'] });
		expect(progress).toEqual(
			Array.from({ length: n + 1 }, (_, i) => ({ stage: 'map', done: i, total: n }))
		);
		expect(result).toMatchObject({ reduceDone: 0, reduceTotal: 1 });
	});

	it('combines summaries in rounds until they fit, and says so in the progress', async () => {
		const sources = Array.from({ length: 8 }, (_, i) => ({
			id: `d${i}`,
			label: `Doc ${i}`,
			text: longText(`D${i}`, 5000)
		}));
		// Summaries of 600 characters (200 tokens): 16 of them do not fit the letter.
		const { tasks, summarise } = recorder((task) =>
			`- ${task.level}:${task.inputs.length} `.padEnd(600, 'x')
		);
		const progress: MapReduceProgress[] = [];
		const result = await condenseSources(sources, summarise, {
			...options,
			onProgress: (p) => progress.push(p)
		});
		const combined = tasks.filter((t) => t.level === 2);
		expect(combined.length).toBeGreaterThan(1);
		expect(combined.every((t) => t.inputs.length > 1)).toBe(true);
		expect(result.material).toHaveLength(combined.length);
		// Every source is represented, in order.
		expect(result.material.flatMap((m) => m.sourceIds)).toEqual(sources.map((s) => s.id));
		const reduce = progress.filter((p) => p.stage === 'reduce');
		expect(reduce.at(-1)).toEqual({
			stage: 'reduce',
			done: combined.length,
			total: combined.length + 1
		});
		expect(result).toMatchObject({ reduceDone: combined.length, reduceTotal: combined.length + 1 });
	});

	it('gives up when combining does not shorten the summaries', async () => {
		const sources = Array.from({ length: 8 }, (_, i) => ({
			id: `d${i}`,
			label: `Doc ${i}`,
			text: longText(`D${i}`, 5000)
		}));
		const { summarise } = recorder((task) =>
			task.level === 1 ? 'x'.repeat(600) : task.inputs.map((i) => i.text).join('\n')
		);
		await expect(condenseSources(sources, summarise, options)).rejects.toThrow(
			'letters.notCondensed'
		);
	});

	it('refuses an empty summary rather than drop a part', async () => {
		const sources = [{ id: 'a', label: 'Report', text: longText('S', 9000) }];
		const { summarise } = recorder(() => '  ');
		await expect(condenseSources(sources, summarise, options)).rejects.toMatchObject({
			code: 'letters.summaryEmpty',
			params: { label: 'Report, part 1 of 3' }
		});
	});

	it('stops between requests when cancelled', async () => {
		const controller = new AbortController();
		const sources = [{ id: 'a', label: 'A', text: longText('S', 12_000) }];
		const { tasks, summarise } = recorder(() => {
			controller.abort();
			return 'notes';
		});
		await expect(
			condenseSources(sources, summarise, { ...options, signal: controller.signal })
		).rejects.toMatchObject({ name: 'AbortError' });
		expect(tasks).toHaveLength(1);
	});
});
