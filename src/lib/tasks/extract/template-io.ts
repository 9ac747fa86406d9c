/** Templates as files: exported and imported as JSON, never with patient data in them. */
import { EnclaveError } from '$lib/errors';
import { checkSchema } from './schema-check';
import type { ExtractionTemplate } from './template';

const FORMAT = 'enclave-extraction-template';

export function templateToFile(template: ExtractionTemplate): string {
	return JSON.stringify({ format: FORMAT, version: 1, template }, null, 2);
}

export function templateFileName(template: ExtractionTemplate): string {
	const slug = template.name
		.normalize('NFKD')
		.replace(/[^\w\s-]/g, '')
		.trim()
		.replace(/\s+/g, '-')
		.toLowerCase();
	return `enclave-template-${slug || 'unnamed'}.json`;
}

function invalid(name: string, reason: string): EnclaveError {
	return new EnclaveError('extract.templateInvalid', { name, reason });
}

/** Accepts our export format or a bare template object; the schema must compile. */
export function parseTemplateFile(text: string, fileName: string): ExtractionTemplate {
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		throw invalid(fileName, 'not JSON');
	}
	const body =
		data && typeof data === 'object' && (data as { format?: unknown }).format === FORMAT
			? (data as { template?: unknown }).template
			: data;
	if (!body || typeof body !== 'object') throw invalid(fileName, 'no template');
	const t = body as Partial<ExtractionTemplate>;
	if (typeof t.name !== 'string' || !t.name.trim()) throw invalid(fileName, 'name missing');
	if (!t.schema || typeof t.schema !== 'object') throw invalid(fileName, 'schema missing');
	if (t.examples !== undefined && !Array.isArray(t.examples))
		throw invalid(fileName, 'examples must be a list');
	const check = checkSchema(t.schema);
	if (!check.ok) throw invalid(fileName, check.errors[0] ?? 'schema does not compile');
	return {
		id: typeof t.id === 'string' ? t.id : '',
		name: t.name.trim(),
		language: t.language === 'de' ? 'de' : 'en',
		...(typeof t.description === 'string' ? { description: t.description } : {}),
		instructions: typeof t.instructions === 'string' ? t.instructions : '',
		schema: t.schema,
		examples: t.examples ?? [],
		...(t.fieldRules ? { fieldRules: t.fieldRules } : {})
	};
}
