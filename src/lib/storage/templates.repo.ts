import { db, newId, type TemplateRecord } from './db';

export function listTemplates(task: string) {
	return db.templates.where('task').equals(task).sortBy('name');
}

export async function saveTemplate(
	template: Omit<TemplateRecord, 'id' | 'updatedAt'> & { id?: string }
): Promise<TemplateRecord> {
	const record: TemplateRecord = { ...template, id: template.id ?? newId(), updatedAt: Date.now() };
	await db.templates.put(record);
	return record;
}

export function deleteTemplate(id: string) {
	return db.templates.delete(id);
}
