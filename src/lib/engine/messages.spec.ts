import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineMessages } from './messages';

/** Every error code named in the engine code. */
function thrownCodes(): Set<string> {
	const codes = new Set<string>();
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const path = join(dir, entry.name);
			if (entry.isDirectory()) walk(path);
			else if (/\.ts$/.test(entry.name) && !entry.name.endsWith('.spec.ts')) {
				const source = readFileSync(path, 'utf8');
				// Codes appear as string literals: in `new EnclaveError('…')`, the mapping table, types.
				for (const m of source.matchAll(/'((?:catalog|model|engine)\.[A-Za-z]+)'/g))
					codes.add(m[1]!);
			}
		}
	};
	walk('src/lib/engine');
	return codes;
}

describe('engineMessages', () => {
	it('has the same codes in English and German', () => {
		expect(Object.keys(engineMessages.de).sort()).toEqual(Object.keys(engineMessages.en).sort());
	});

	it('has a message for every code the engine throws', () => {
		const codes = thrownCodes();
		expect(codes.size).toBeGreaterThan(10);
		for (const code of codes) expect(Object.keys(engineMessages.en), code).toContain(code);
	});

	it('fills in parameters and never prints undefined', () => {
		const params = {
			status: 503,
			file: 'params_shard_1.bin',
			reason: 'r',
			seconds: 120,
			name: 'X'
		};
		for (const lang of [engineMessages.en, engineMessages.de]) {
			for (const [code, text] of Object.entries(lang)) {
				const message = (text as (p: typeof params) => string)(params);
				expect(message.length, code).toBeGreaterThan(30);
				expect(message).not.toMatch(/undefined|\$\{/);
			}
		}
		expect(engineMessages.de['model.quota']()).toMatch(/löschen/);
		expect(engineMessages.en['engine.unknown']({})).not.toMatch(/\(\)/);
	});
});
