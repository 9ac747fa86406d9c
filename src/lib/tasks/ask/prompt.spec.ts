import { describe, expect, it } from 'vitest';
import { buildAskPrompt, estimateTokens } from './prompt';

const opts = { system: 'Answer from the document.', contextWindow: 1000, maxAnswerTokens: 200 };

describe('buildAskPrompt', () => {
	it('puts the whole document and the question in the user message', () => {
		const p = buildAskPrompt('Diagnose: Pneumonie.', ' Welche Diagnose? ', opts);
		expect(p.truncated).toBe(false);
		expect(p.messages).toHaveLength(2);
		expect(p.messages[0]).toEqual({ role: 'system', content: opts.system });
		expect(p.messages[1]?.content).toBe(
			'<document>\nDiagnose: Pneumonie.\n</document>\n\nWelche Diagnose?'
		);
	});

	it('shortens a document that does not fit and says so', () => {
		const doc = 'x'.repeat(10_000);
		const p = buildAskPrompt(doc, 'q', opts);
		expect(p.truncated).toBe(true);
		expect(p.documentTokens).toBe(estimateTokens(doc));
		const content = p.messages[1]?.content ?? '';
		expect(estimateTokens(content)).toBeLessThanOrEqual(opts.contextWindow - opts.maxAnswerTokens);
	});
});
