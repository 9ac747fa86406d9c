import type { ExtractionTemplate } from '$lib/tasks/extract/template';
import { builtInTemplates } from '$lib/tasks/extract/templates';
import { parseTemplateFile } from '$lib/tasks/extract/template-io';
import { newId } from '$lib/storage/db';
import { LiveQuery } from '$lib/storage/live.svelte';
import { deleteTemplate, listTemplates, saveTemplate } from '$lib/storage/templates.repo';

export interface TemplateEntry<T> {
	template: T;
	builtIn: boolean;
}

/**
 * One task's templates: built-ins (read-only, shipped with the app) and the user's own (in
 * IndexedDB). Extraction and letters each have one.
 */
export class TemplateLibrary<T extends { id: string; name: string }> {
	readonly #saved: LiveQuery<{ id: string; body: unknown }[]>;

	constructor(
		readonly task: string,
		private readonly builtIns: readonly T[],
		private readonly parseFile: (json: string, fileName: string) => T
	) {
		this.#saved = new LiveQuery(() => listTemplates(task), []);
	}

	get all(): TemplateEntry<T>[] {
		const own = this.#saved.current.map((r) => ({
			template: { ...(r.body as T), id: r.id },
			builtIn: false
		}));
		return [...this.builtIns.map((template) => ({ template, builtIn: true })), ...own];
	}

	get loaded(): boolean {
		return this.#saved.loaded;
	}

	byId(id: string): TemplateEntry<T> | undefined {
		return this.all.find((e) => e.template.id === id);
	}

	async save(template: T): Promise<T> {
		const record = await saveTemplate({
			id: template.id,
			task: this.task,
			name: template.name,
			body: template
		});
		return { ...template, id: record.id };
	}

	duplicate(template: T, suffix: string): Promise<T> {
		return this.save({
			...structuredClone(template),
			id: newId(),
			name: `${template.name} ${suffix}`
		});
	}

	remove(id: string) {
		return deleteTemplate(id);
	}

	/** Imported templates always get a new id, so they never overwrite a built-in or own one. */
	async import(file: File): Promise<T> {
		const template = this.parseFile(await file.text(), file.name);
		return this.save({ ...template, id: newId() });
	}
}

export const templateLibrary = new TemplateLibrary<ExtractionTemplate>(
	'extract',
	builtInTemplates,
	parseTemplateFile
);
