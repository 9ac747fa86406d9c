import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { attachEvidence, splitEvidence } from '../evidence';
import { checkTemplate } from '../schema-check';
import { builtInTemplates } from './index';

const GROUND_TRUTH = path.resolve('../shared/data/extraction/grascco-fields/ground-truth.csv');
const GRASCCO_FIELDS = [
	'PatientName',
	'PatientGeburtsdatum',
	'AufnahmeDatum',
	'EntlassDatum',
	'BehandelnderArzt',
	'Hausarzt',
	'Einrichtung',
	'Abteilung',
	'Anrede'
];

describe('built-in templates', () => {
	it.each(builtInTemplates.map((t) => [t.id, t] as const))(
		'%s compiles without warnings',
		(_id, template) => {
			expect(checkTemplate(template)).toEqual({ ok: true, errors: [], warnings: [] });
		}
	);

	it.each(builtInTemplates.map((t) => [t.id, t] as const))(
		'%s has a worked example whose stated values are all quoted from its text',
		(_id, template) => {
			expect(template.examples.length).toBeGreaterThan(0);
			for (const example of template.examples) {
				const shaped = attachEvidence(
					template.schema,
					example.output,
					example.text,
					example.quotes
				);
				const { evidence } = splitEvidence(template.schema, shaped, example.text);
				const stated = evidence.filter((e) => e.value !== null);
				expect(stated.length).toBeGreaterThan(0);
				expect(stated.filter((e) => !e.quote || !e.verified).map((e) => e.path)).toEqual([]);
			}
		}
	);

	it('has unique ids and every template in English and German', () => {
		const ids = builtInTemplates.map((t) => t.id);
		expect(new Set(ids).size).toBe(ids.length);
		const topics = (language: string) =>
			builtInTemplates
				.filter((t) => t.language === language)
				.map((t) => t.id.replace(/-(en|de)$/, ''))
				.sort();
		expect(topics('en')).toEqual(topics('de'));
		expect(topics('en')).toHaveLength(4);
	});

	it('asks the German discharge letter template for exactly the ground-truth fields', () => {
		const template = builtInTemplates.find((t) => t.id === 'builtin-discharge-header-de');
		const fields = Object.keys((template?.schema.properties ?? {}) as object);
		const header = existsSync(GROUND_TRUTH)
			? readFileSync(GROUND_TRUTH, 'utf8').split(/\r?\n/)[0]?.split(',').slice(1)
			: GRASCCO_FIELDS;
		expect(fields).toEqual(header);
		const english = builtInTemplates.find((t) => t.id === 'builtin-discharge-header-en');
		expect(Object.keys((english?.schema.properties ?? {}) as object)).toHaveLength(fields.length);
	});
});
