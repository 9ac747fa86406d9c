import type { LetterTemplate } from '$lib/tasks/letters/template';

/** A template as a JSON file that Import reads back; named after the template, not a patient. */
export function templateFile(template: LetterTemplate): { blob: Blob; name: string } {
	const slug =
		template.name
			.toLowerCase()
			.normalize('NFD')
			.replace(/\p{M}/gu, '')
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-|-$/g, '') || 'template';
	return {
		blob: new Blob([`${JSON.stringify(template, null, '\t')}\n`], { type: 'application/json' }),
		name: `letter-template-${slug}.json`
	};
}

/** A letter's download name: the kind of file and the day, never a document's or patient's name. */
export function letterFileName(format: 'docx' | 'txt', now = new Date()): string {
	return `letter-${now.toISOString().slice(0, 10)}.${format}`;
}
