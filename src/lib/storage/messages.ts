type P = Record<string, string | number>;

const en = {
	'storage.quota': (p: P) =>
		`“${p.name}” was not imported: the disk space for this browser is full. Nothing of it was stored. Delete documents on the Storage page or downloaded models on the Models page, then import it again.`
};

const de: typeof en = {
	'storage.quota': (p: P) =>
		`„${p.name}“ wurde nicht importiert: Der Speicherplatz dieses Browsers ist voll. Nichts davon wurde gespeichert. Löschen Sie Dokumente auf der Seite „Speicher“ oder heruntergeladene Modelle auf der Seite „Modelle“ und importieren Sie die Datei erneut.`
};

export const storageMessages = { en, de };

/** The browser's "disk full" error, also when Dexie wraps it in a transaction abort. */
export function isQuotaError(err: unknown): boolean {
	const name = (e: unknown) => (e instanceof Error || e instanceof DOMException ? e.name : '');
	const inner = err && typeof err === 'object' && 'inner' in err ? err.inner : undefined;
	return name(err) === 'QuotaExceededError' || name(inner) === 'QuotaExceededError';
}
