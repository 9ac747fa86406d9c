type P = Record<string, string | number>;

const en = {
	'storage.quota': (p: P) =>
		`“${p.name}” was not imported: the disk space for this browser is full. Nothing of it was stored. Delete documents on the Storage page or downloaded models on the Models page, then import it again.`,
	'vault.wrongPassphrase': () =>
		'This passphrase is not the right one. Nothing was changed; check Caps Lock and the keyboard language, then try again.',
	'vault.locked': () => 'Enclave is locked. Unlock it with the passphrase, then try again.',
	'vault.weakPassphrase': () =>
		'This passphrase is too easy to guess. Use at least 10 characters of more than one kind, without common words.',
	'vault.exists': () =>
		'Encryption was just set up in another Enclave window. Unlock with the passphrase chosen there.',
	'vault.changedElsewhere': () =>
		'The passphrase was changed in another Enclave window meanwhile. Nothing was changed here; use the new passphrase.',
	'vault.damaged': () =>
		'The passphrase is right, but the stored key is damaged, so the data cannot be opened. Please tell your IT department; do not delete anything yet.',
	'vault.unreadable': () =>
		'A stored record could not be decrypted: it is damaged. Other records are not affected.'
};

const de: typeof en = {
	'storage.quota': (p: P) =>
		`„${p.name}“ wurde nicht importiert: Der Speicherplatz dieses Browsers ist voll. Nichts davon wurde gespeichert. Löschen Sie Dokumente auf der Seite „Speicher“ oder heruntergeladene Modelle auf der Seite „Modelle“ und importieren Sie die Datei erneut.`,
	'vault.wrongPassphrase': () =>
		'Diese Passphrase ist nicht die richtige. Es wurde nichts verändert; prüfen Sie die Feststelltaste und die Tastatursprache und versuchen Sie es erneut.',
	'vault.locked': () =>
		'Enclave ist gesperrt. Entsperren Sie es mit der Passphrase und versuchen Sie es dann erneut.',
	'vault.weakPassphrase': () =>
		'Diese Passphrase ist zu leicht zu erraten. Verwenden Sie mindestens 10 Zeichen verschiedener Art, ohne gängige Wörter.',
	'vault.exists': () =>
		'Die Verschlüsselung wurde gerade in einem anderen Enclave-Fenster eingerichtet. Entsperren Sie mit der dort gewählten Passphrase.',
	'vault.changedElsewhere': () =>
		'Die Passphrase wurde inzwischen in einem anderen Enclave-Fenster geändert. Hier wurde nichts verändert; verwenden Sie die neue Passphrase.',
	'vault.damaged': () =>
		'Die Passphrase ist richtig, aber der gespeicherte Schlüssel ist beschädigt, daher lassen sich die Daten nicht öffnen. Bitte wenden Sie sich an Ihre IT-Abteilung und löschen Sie noch nichts.',
	'vault.unreadable': () =>
		'Ein gespeicherter Datensatz ließ sich nicht entschlüsseln: Er ist beschädigt. Andere Datensätze sind nicht betroffen.'
};

export const storageMessages = { en, de };

/** The browser's "disk full" error, also when Dexie wraps it in a transaction abort. */
export function isQuotaError(err: unknown): boolean {
	const name = (e: unknown) => (e instanceof Error || e instanceof DOMException ? e.name : '');
	const inner = err && typeof err === 'object' && 'inner' in err ? err.inner : undefined;
	return name(err) === 'QuotaExceededError' || name(inner) === 'QuotaExceededError';
}
