import { describe, expect, it } from 'vitest';
import type { GenerateOptions, GenerateRequest, GenerateResult } from '$lib/engine/engine';
import { EnclaveError, isAbortError } from '$lib/errors';
import {
	buildDeidMessages,
	DEFAULT_MAX_OUTPUT_TOKENS,
	detectByLlm,
	locateProposals,
	parseProposals,
	PROPOSAL_SCHEMA,
	type Proposal
} from './llm';

const usage = {
	promptTokens: 100,
	completionTokens: 20,
	prefillTokensPerSecond: null,
	decodeTokensPerSecond: null,
	timeToFirstTokenMs: null,
	totalMs: 5
};

type Answer =
	| string
	| Partial<GenerateResult>
	| Error
	| ((request: GenerateRequest, options: GenerateOptions) => Promise<GenerateResult>);

/** An engine that answers from a script and records what it was asked. */
function fakeEngine(...answers: Answer[]) {
	const requests: GenerateRequest[] = [];
	return {
		requests,
		async generate(
			request: GenerateRequest,
			options: GenerateOptions = {}
		): Promise<GenerateResult> {
			requests.push(request);
			const answer = answers[Math.min(requests.length - 1, answers.length - 1)];
			if (answer instanceof Error) throw answer;
			if (typeof answer === 'function') return answer(request, options);
			const partial = typeof answer === 'string' ? { text: answer } : (answer ?? {});
			return { text: '', finishReason: 'stop', usage, ...partial };
		}
	};
}

const items = (...list: Proposal[]) => JSON.stringify({ items: list });

/** The document part the request carries (between the markers of the last message). */
function partOf(request: GenerateRequest): string {
	const content = request.messages.at(-1)?.content ?? '';
	return /<document>\n([\s\S]*)\n<\/document>/.exec(content)?.[1] ?? '';
}

const letter =
	'Sehr geehrte Kollegin,\nwir berichten über Frau Erika\nMustermann, die wir vom 3.3. bis 9.3. behandelten. Frau Mustermann weiß Bescheid.\nMit freundlichen Grüßen\nDr. Jan  Keller';

describe('buildDeidMessages', () => {
	it('gives instructions with every type, one worked example and the document', () => {
		const messages = buildDeidMessages('de', 'Befundtext', { index: 2, count: 3 });
		expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
		expect(messages[0]?.content).toContain('name_clinician');
		expect(messages[0]?.content).toContain('Kopiere jede Textstelle genau so');
		const example = JSON.parse(messages[2]?.content ?? '') as { items: Proposal[] };
		for (const item of example.items) expect(messages[1]?.content).toContain(item.text);
		expect(messages[3]?.content).toContain('Teil 2 von 3');
		expect(messages[3]?.content).toContain('<document>\nBefundtext\n</document>');
		expect(buildDeidMessages('en', 'x')[0]?.content).toContain('List every piece of text');
	});
});

describe('parseProposals', () => {
	it('reads a valid answer, also inside a Markdown fence', () => {
		const answer = items({ text: 'Erika', type: 'name_patient' });
		expect(parseProposals(answer)).toEqual({
			proposals: [{ text: 'Erika', type: 'name_patient' }],
			complete: true
		});
		expect(parseProposals('```json\n' + answer + '\n```').complete).toBe(true);
	});

	it('salvages complete items from a cut-off or broken answer', () => {
		const cut = '{"items": [{"text": "Erika \\"E.\\" M", "type": "name_patient"}, {"text": "Ul';
		expect(parseProposals(cut)).toEqual({
			proposals: [{ text: 'Erika "E." M', type: 'name_patient' }],
			complete: false
		});
		expect(parseProposals('I cannot help with that.')).toEqual({ proposals: [], complete: false });
	});

	it('drops items of an unknown type', () => {
		const answer = JSON.stringify({
			items: [
				{ text: 'Ulm', type: 'city' },
				{ text: 'Aspirin', type: 'drug' }
			]
		});
		expect(parseProposals(answer)).toEqual({
			proposals: [{ text: 'Ulm', type: 'city' }],
			complete: false
		});
	});
});

describe('locateProposals', () => {
	it('finds every occurrence, across line breaks and doubled spaces', () => {
		const { spans, warnings } = locateProposals(letter, [
			{ text: 'Erika Mustermann', type: 'name_patient' },
			{ text: 'Mustermann', type: 'name_patient' },
			{ text: 'Jan Keller', type: 'name_clinician' }
		]);
		expect(warnings).toEqual([]);
		expect(spans.map((s) => s.text)).toEqual([
			'Erika\nMustermann',
			'Mustermann',
			'Mustermann',
			'Jan  Keller'
		]);
		for (const s of spans) {
			expect(letter.slice(s.start, s.end)).toBe(s.text);
			expect(s.sources).toEqual(['llm']);
		}
	});

	it('matches case first, and ignores case only for a proposal found nowhere else', () => {
		const text = 'Herr Weiß weiß es. Befund von KELLER.';
		const { spans } = locateProposals(text, [
			{ text: 'Weiß', type: 'name_patient' },
			{ text: 'Keller', type: 'name_clinician' }
		]);
		expect(spans.map((s) => [s.start, s.text])).toEqual([
			[5, 'Weiß'],
			[30, 'KELLER']
		]);
	});

	it('strips quotes and punctuation a model added', () => {
		const { spans, warnings } = locateProposals(letter, [
			{ text: '„Keller,“', type: 'name_clinician' },
			{ text: '3.3.', type: 'date' }
		]);
		expect(warnings).toEqual([]);
		expect(spans.map((s) => s.text)).toEqual(['Keller', '3.3.']);
	});

	it('reports proposals that are not in the text as warnings, not spans', () => {
		const { spans, warnings } = locateProposals(letter, [
			{ text: 'Erika Musterfrau', type: 'name_patient' },
			{ text: 'Erika Musterfrau', type: 'name_patient' },
			{ text: 'x', type: 'id' }
		]);
		expect(spans).toEqual([]);
		expect(warnings).toEqual([
			{ kind: 'notFound', text: 'Erika Musterfrau', type: 'name_patient' }
		]);
	});
});

describe('detectByLlm', () => {
	const opts = { lang: 'de' as const, contextWindow: 4096 };

	it('sends a bounded, schema-constrained, deterministic request and locates the answer', async () => {
		const engine = fakeEngine(
			items(
				{ text: 'Erika Mustermann', type: 'name_patient' },
				{ text: 'Mustermann', type: 'name_patient' },
				{ text: 'Jan Keller', type: 'name_clinician' },
				{ text: 'Hamburg', type: 'city' }
			)
		);
		const result = await detectByLlm(engine, letter, opts);
		const request = engine.requests[0]!;
		expect(request.jsonSchema).toEqual(PROPOSAL_SCHEMA);
		expect(request.maxTokens).toBe(DEFAULT_MAX_OUTPUT_TOKENS);
		expect(request.temperature).toBe(0);
		expect(request.seed).toBe(42);
		expect(partOf(request)).toBe(letter);
		expect(result.spans.map((s) => s.type)).toEqual([
			'name_patient',
			'name_patient',
			'name_patient',
			'name_clinician'
		]);
		expect(result.warnings).toEqual([{ kind: 'notFound', text: 'Hamburg', type: 'city' }]);
	});

	it('warns about a malformed answer and goes on without its proposals', async () => {
		const engine = fakeEngine('{"items": [oops');
		const result = await detectByLlm(engine, letter, opts);
		expect(result.spans).toEqual([]);
		expect(result.warnings).toEqual([{ kind: 'invalidAnswer', part: 1, parts: 1 }]);
	});

	it('uses the complete items of an answer cut off at the token limit, and says so', async () => {
		const engine = fakeEngine({
			text: '{"items": [{"text": "Jan Keller", "type": "name_clinician"}, {"text": "Eri',
			finishReason: 'length'
		});
		const result = await detectByLlm(engine, letter, opts);
		expect(result.spans.map((s) => s.text)).toEqual(['Jan  Keller']);
		expect(result.warnings).toEqual([{ kind: 'cutOff', part: 1, parts: 1 }]);
	});

	it('reads a long document in overlapping parts and finds names from any part everywhere', async () => {
		const filler = 'Der Verlauf war unauffällig, die Werte blieben stabil. '.repeat(30);
		const text = `${filler}\nPatient Hans Gruber kam zur Kontrolle.\n\n${filler}\nHerr Gruber ist beschwerdefrei.\n\n${filler}`;
		const progress: [number, number][] = [];
		// The model sees the name only in the part that holds the full name.
		const engine = fakeEngine((request) =>
			Promise.resolve({
				text: partOf(request).includes('Hans Gruber')
					? items(
							{ text: 'Hans Gruber', type: 'name_patient' },
							{ text: 'Gruber', type: 'name_patient' }
						)
					: '{"items": [',
				finishReason: 'stop',
				usage
			})
		);
		const result = await detectByLlm(engine, text, {
			...opts,
			contextWindow: 1600,
			maxOutputTokens: 256,
			onProgress: (done, total) => progress.push([done, total])
		});
		const parts = engine.requests.length;
		expect(parts).toBeGreaterThan(2);
		expect(progress.at(-1)).toEqual([parts, parts]);
		expect(engine.requests.map(partOf).join('')).toContain('Herr Gruber');
		expect(result.spans.map((s) => s.text)).toEqual(['Hans Gruber', 'Gruber', 'Gruber']);
		for (const s of result.spans) expect(text.slice(s.start, s.end)).toBe(s.text);
		const blind = engine.requests.filter((r) => !partOf(r).includes('Hans Gruber')).length;
		expect(blind).toBeGreaterThan(0);
		expect(result.warnings.filter((w) => w.kind === 'invalidAnswer')).toHaveLength(blind);
	});

	it('throws deid.tooLong when not even a short part fits the context window', async () => {
		const error = await detectByLlm(fakeEngine(items()), letter, {
			...opts,
			contextWindow: 1024
		}).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(EnclaveError);
		expect((error as EnclaveError).code).toBe('deid.tooLong');
	});

	it('stops with an AbortError when cancelled, before or during a part', async () => {
		const controller = new AbortController();
		controller.abort();
		const engine = fakeEngine(items());
		const before = await detectByLlm(engine, letter, { ...opts, signal: controller.signal }).catch(
			(e: unknown) => e
		);
		expect(isAbortError(before)).toBe(true);
		expect(engine.requests).toHaveLength(0);

		const during = new AbortController();
		const slow = fakeEngine(() => {
			during.abort();
			return Promise.resolve({ text: '', finishReason: 'abort', usage });
		});
		const error = await detectByLlm(slow, letter, { ...opts, signal: during.signal }).catch(
			(e: unknown) => e
		);
		expect(isAbortError(error)).toBe(true);
	});

	it('turns an engine failure into an EnclaveError', async () => {
		const error = await detectByLlm(
			fakeEngine(new Error('GPUDeviceLostError: device was lost')),
			letter,
			opts
		).catch((e: unknown) => e);
		expect((error as EnclaveError).code).toBe('model.deviceLost');
	});
});
