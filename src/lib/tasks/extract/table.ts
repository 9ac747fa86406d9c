/**
 * The results table's view of a template: one column per field (nested objects flattened to
 * dotted paths, arrays kept as one column), and cell text for any extracted value.
 */

type Schema = Record<string, unknown>;

export interface Column {
	path: string;
	label: string;
}

function properties(schema: Schema): [string, Schema][] {
	const props = schema.properties;
	return props && typeof props === 'object' ? Object.entries(props as Record<string, Schema>) : [];
}

export function tableColumns(schema: Schema, prefix = ''): Column[] {
	const columns: Column[] = [];
	for (const [key, sub] of properties(schema)) {
		const path = prefix ? `${prefix}.${key}` : key;
		if (sub.type === 'object' && properties(sub).length > 0)
			columns.push(...tableColumns(sub, path));
		else columns.push({ path, label: typeof sub.title === 'string' ? sub.title : path });
	}
	return columns;
}

export function valueAt(values: unknown, path: string): unknown {
	let current = values;
	for (const key of path.split('.')) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}

/** Readable text for a cell: lists joined by "; ", objects in lists as their values in order. */
export function cellText(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (Array.isArray(value)) return value.map(cellText).filter(Boolean).join('; ');
	if (typeof value === 'object')
		return Object.values(value).map(cellText).filter(Boolean).join(' ');
	return String(value);
}

/** Evidence items that belong to a column: the field itself or anything inside it. */
export function evidenceIn<T extends { path: string }>(evidence: readonly T[], path: string): T[] {
	return evidence.filter(
		(e) => e.path === path || e.path.startsWith(`${path}.`) || e.path.startsWith(`${path}[`)
	);
}
