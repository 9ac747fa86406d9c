type P = Record<string, string | number>;

/** UI texts of the encrypted workspace (error codes live in storage/messages.ts). */
export const vaultEn = {
	setupTitle: 'Protect the patient data with a passphrase',
	setupIntro:
		'Enclave encrypts documents, results and drafts on this computer with a key that only this passphrase opens. Anyone who copies the browser’s files sees nothing readable without it.',
	setupWarning:
		'Write it down somewhere safe. Nobody can recover it: if it is forgotten, the only way out is deleting all patient data stored in Enclave.',
	existing: (p: P) =>
		p.n === 1
			? '1 record already stored here will be encrypted.'
			: `${p.n} records already stored here will be encrypted.`,
	passphrase: 'Passphrase',
	repeat: 'Repeat the passphrase',
	mismatch: 'The two entries differ.',
	create: 'Encrypt and start',
	creating: 'Encrypting…',
	strength: 'Strength',
	levels: ['weak', 'fair', 'good', 'strong'],
	problems: {
		short: 'Use at least 10 characters; several words are easy to remember.',
		oneClass: 'Mix kinds of characters: capitals, digits, spaces or signs.',
		common: 'Avoid common words and passwords.',
		pattern: 'Avoid repeats and runs such as “aaaa” or “1234”.'
	},
	lockedTitle: 'Enclave is locked',
	lockedIntro: 'Enter the passphrase to open the patient data on this computer.',
	reasons: {
		manual: 'It was locked.',
		idle: (p: P) =>
			p.minutes === 1
				? 'It locked itself after 1 minute without activity.'
				: `It locked itself after ${p.minutes} minutes without activity.`,
		otherTab: 'It was locked in another window.'
	},
	jobsPaused: 'Running jobs are paused and continue after unlocking.',
	unlock: 'Unlock',
	unlocking: 'Unlocking…',
	forgot: 'Forgot the passphrase?',
	forgotTitle: 'A forgotten passphrase cannot be recovered',
	forgotText:
		'The data is encrypted with this passphrase and nobody has a copy of it, neither IT nor the makers of Enclave. The only way out is deleting every document, result and draft stored in Enclave on this computer and starting again with a new passphrase. Downloaded models, templates, settings and the activity log stay.',
	deleteWorkspace: 'Delete all patient data and start again',
	deleteConfirm:
		'Delete every document, result and draft stored in Enclave on this computer? They cannot be recovered.',
	deleted: 'The encrypted workspace was deleted. Set a new passphrase to start again.',
	lockNow: 'Lock',
	lockNowTitle: 'Lock Enclave now (the passphrase is needed to continue)',
	changeTitle: 'Passphrase',
	changeIntro:
		'Changing the passphrase takes a moment; the data stays as it is, only its key is locked anew.',
	current: 'Current passphrase',
	newPassphrase: 'New passphrase',
	change: 'Change passphrase',
	changing: 'Changing…',
	changed: 'The passphrase was changed. Use the new one from now on.',
	autoLockTitle: 'Lock automatically',
	autoLockLabel: 'Minutes without activity',
	autoLockHelp: (p: P) =>
		`Enclave locks itself after this many minutes without mouse or keyboard activity (${p.min} to ${p.max}).`,
	autoLockSaved: (p: P) =>
		p.minutes === 1
			? 'Enclave now locks after 1 minute without activity.'
			: `Enclave now locks after ${p.minutes} minutes without activity.`,
	save: 'Save'
};

export const vaultDe: typeof vaultEn = {
	setupTitle: 'Patientendaten mit einer Passphrase schützen',
	setupIntro:
		'Enclave verschlüsselt Dokumente, Ergebnisse und Entwürfe auf diesem Computer mit einem Schlüssel, den nur diese Passphrase öffnet. Wer die Dateien des Browsers kopiert, sieht ohne sie nichts Lesbares.',
	setupWarning:
		'Notieren Sie sie an einem sicheren Ort. Niemand kann sie wiederherstellen: Ist sie vergessen, bleibt nur, alle in Enclave gespeicherten Patientendaten zu löschen.',
	existing: (p: P) =>
		p.n === 1
			? '1 bereits gespeicherter Datensatz wird verschlüsselt.'
			: `${p.n} bereits gespeicherte Datensätze werden verschlüsselt.`,
	passphrase: 'Passphrase',
	repeat: 'Passphrase wiederholen',
	mismatch: 'Die beiden Eingaben unterscheiden sich.',
	create: 'Verschlüsseln und beginnen',
	creating: 'Wird verschlüsselt …',
	strength: 'Stärke',
	levels: ['schwach', 'mittel', 'gut', 'stark'],
	problems: {
		short: 'Mindestens 10 Zeichen; mehrere Wörter sind leicht zu merken.',
		oneClass: 'Mischen Sie Zeichenarten: Großbuchstaben, Ziffern, Leerzeichen oder Sonderzeichen.',
		common: 'Vermeiden Sie gängige Wörter und Passwörter.',
		pattern: 'Vermeiden Sie Wiederholungen und Folgen wie „aaaa“ oder „1234“.'
	},
	lockedTitle: 'Enclave ist gesperrt',
	lockedIntro: 'Geben Sie die Passphrase ein, um die Patientendaten auf diesem Computer zu öffnen.',
	reasons: {
		manual: 'Es wurde gesperrt.',
		idle: (p: P) =>
			p.minutes === 1
				? 'Es hat sich nach 1 Minute ohne Aktivität selbst gesperrt.'
				: `Es hat sich nach ${p.minutes} Minuten ohne Aktivität selbst gesperrt.`,
		otherTab: 'Es wurde in einem anderen Fenster gesperrt.'
	},
	jobsPaused: 'Laufende Aufträge sind angehalten und laufen nach dem Entsperren weiter.',
	unlock: 'Entsperren',
	unlocking: 'Wird entsperrt …',
	forgot: 'Passphrase vergessen?',
	forgotTitle: 'Eine vergessene Passphrase lässt sich nicht wiederherstellen',
	forgotText:
		'Die Daten sind mit dieser Passphrase verschlüsselt, und niemand hat eine Kopie davon, weder die IT noch die Hersteller von Enclave. Es bleibt nur, alle in Enclave auf diesem Computer gespeicherten Dokumente, Ergebnisse und Entwürfe zu löschen und mit einer neuen Passphrase neu zu beginnen. Heruntergeladene Modelle, Vorlagen, Einstellungen und das Aktivitätsprotokoll bleiben erhalten.',
	deleteWorkspace: 'Alle Patientendaten löschen und neu beginnen',
	deleteConfirm:
		'Alle in Enclave auf diesem Computer gespeicherten Dokumente, Ergebnisse und Entwürfe löschen? Sie lassen sich nicht wiederherstellen.',
	deleted:
		'Der verschlüsselte Arbeitsbereich wurde gelöscht. Legen Sie eine neue Passphrase fest, um neu zu beginnen.',
	lockNow: 'Sperren',
	lockNowTitle: 'Enclave jetzt sperren (zum Weiterarbeiten wird die Passphrase gebraucht)',
	changeTitle: 'Passphrase',
	changeIntro:
		'Das Ändern dauert einen Moment; die Daten bleiben, wie sie sind, nur ihr Schlüssel wird neu verschlossen.',
	current: 'Aktuelle Passphrase',
	newPassphrase: 'Neue Passphrase',
	change: 'Passphrase ändern',
	changing: 'Wird geändert …',
	changed: 'Die Passphrase wurde geändert. Verwenden Sie ab jetzt die neue.',
	autoLockTitle: 'Automatisch sperren',
	autoLockLabel: 'Minuten ohne Aktivität',
	autoLockHelp: (p: P) =>
		`Enclave sperrt sich nach so vielen Minuten ohne Maus- oder Tastaturaktivität (${p.min} bis ${p.max}).`,
	autoLockSaved: (p: P) =>
		p.minutes === 1
			? 'Enclave sperrt sich jetzt nach 1 Minute ohne Aktivität.'
			: `Enclave sperrt sich jetzt nach ${p.minutes} Minuten ohne Aktivität.`,
	save: 'Speichern'
};

export const retentionEn = {
	title: 'Delete old documents automatically',
	intro:
		'Documents older than the period are deleted with everything made from them. Each deletion is announced here and in a notice at least one day ahead.',
	off: 'Off (keep documents until deleted by hand)',
	enable: 'Delete documents older than',
	days: 'days',
	daysLabel: 'Days to keep documents',
	save: 'Save',
	saved: 'Retention saved.',
	turnedOff: 'Documents are no longer deleted automatically.',
	nothingDue: 'No document is due for deletion.',
	due: (p: P) =>
		p.n === 1
			? `1 document will be deleted on ${p.date}.`
			: `${p.n} documents will be deleted on ${p.date}.`,
	announce: (p: P) =>
		p.n === 1
			? `Retention: 1 document older than ${daysEn(p.days)} will be deleted on ${p.date}.`
			: `Retention: ${p.n} documents older than ${daysEn(p.days)} will be deleted on ${p.date}.`,
	deleted: (p: P) =>
		p.n === 1
			? `Retention: 1 document older than ${daysEn(p.days)} was deleted.`
			: `Retention: ${p.n} documents older than ${daysEn(p.days)} were deleted.`
};

function daysEn(n: P[string] | undefined) {
	return n === 1 ? '1 day' : `${n} days`;
}

function daysDe(n: P[string] | undefined) {
	return n === 1 ? '1 Tag' : `${n} Tage`;
}

export const retentionDe: typeof retentionEn = {
	title: 'Alte Dokumente automatisch löschen',
	intro:
		'Dokumente, die älter als der Zeitraum sind, werden mit allem gelöscht, was aus ihnen entstand. Jede Löschung wird hier und in einem Hinweis mindestens einen Tag vorher angekündigt.',
	off: 'Aus (Dokumente bleiben, bis sie von Hand gelöscht werden)',
	enable: 'Dokumente löschen, die älter sind als',
	days: 'Tage',
	daysLabel: 'Tage, die Dokumente behalten werden',
	save: 'Speichern',
	saved: 'Aufbewahrung gespeichert.',
	turnedOff: 'Dokumente werden nicht mehr automatisch gelöscht.',
	nothingDue: 'Kein Dokument steht zur Löschung an.',
	due: (p: P) =>
		p.n === 1
			? `1 Dokument wird am ${p.date} gelöscht.`
			: `${p.n} Dokumente werden am ${p.date} gelöscht.`,
	announce: (p: P) =>
		p.n === 1
			? `Aufbewahrung: 1 Dokument, älter als ${daysDe(p.days)}, wird am ${p.date} gelöscht.`
			: `Aufbewahrung: ${p.n} Dokumente, älter als ${daysDe(p.days)}, werden am ${p.date} gelöscht.`,
	deleted: (p: P) =>
		p.n === 1
			? `Aufbewahrung: 1 Dokument, älter als ${daysDe(p.days)}, wurde gelöscht.`
			: `Aufbewahrung: ${p.n} Dokumente, älter als ${daysDe(p.days)}, wurden gelöscht.`
};
