import type { ExtractionTemplate } from '$lib/tasks/extract/template';
import { builtInTemplates } from '$lib/tasks/extract/templates';
import { parseTemplateFile } from '$lib/tasks/extract/template-io';
import { newId } from '$lib/storage/db';
import { LiveQuery } from '$lib/storage/live.svelte';
import { deleteTemplate, listTemplates, saveTemplate } from '$lib/storage/templates.repo';

export interface TemplateEntry {
	template: ExtractionTemplate;
	builtIn: boolean;
}

/** Built-in templates (read-only, shipped with the app) and the user's own (in IndexedDB). */
class TemplateLibrary {
	readonly #saved = new LiveQuery(() => listTemplates('extract'), []);

	get all(): TemplateEntry[] {
		const own = this.#saved.current.map((r) => ({
			template: { ...(r.body as ExtractionTemplate), id: r.id },
			builtIn: false
		}));
		return [...builtInTemplates.map((template) => ({ template, builtIn: true })), ...own];
	}

	get loaded(): boolean {
		return this.#saved.loaded;
	}

	byId(id: string): TemplateEntry | undefined {
		return this.all.find((e) => e.template.id === id);
	}

	async save(template: ExtractionTemplate): Promise<ExtractionTemplate> {
		const record = await saveTemplate({
			id: template.id,
			task: 'extract',
			name: template.name,
			body: template
		});
		return { ...template, id: record.id };
	}

	duplicate(template: ExtractionTemplate, suffix: string): Promise<ExtractionTemplate> {
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
	async import(file: File): Promise<ExtractionTemplate> {
		const template = parseTemplateFile(await file.text(), file.name);
		return this.save({ ...template, id: newId() });
	}
}

export const templateLibrary = new TemplateLibrary();
