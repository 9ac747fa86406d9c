import { db, type AuditAction, type AuditRecord } from './db';

/** Records an event. Callers pass counts and app-made ids only: the log is never patient data. */
export async function audit(action: AuditAction, details: AuditRecord['details'] = {}) {
	await db.audit.add({ at: Date.now(), action, details });
}

export function recentAudit(limit = 500) {
	return db.audit.orderBy('at').reverse().limit(limit).toArray();
}

export function allAudit() {
	return db.audit.orderBy('at').toArray();
}
