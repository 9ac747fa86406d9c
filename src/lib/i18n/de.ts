import { deidDe } from './sections/deid';
import { lettersDe } from './sections/letters';
import { retentionDe, vaultDe } from './sections/vault';
import type { Messages } from './en';

type P = Record<string, string | number>;

const de: Messages = {
	app: {
		name: 'Enclave',
		tagline: 'Werkzeuge für klinische Texte, die auf diesem Computer laufen',
		skipToContent: 'Zum Inhalt springen',
		privacy: 'Patientendaten bleiben auf diesem Computer.',
		updateAvailable: 'Eine neue Version ist verfügbar.',
		reload: 'Neu laden',
		offlineReady: 'Enclave funktioniert jetzt auch ohne Netzwerk.',
		offline: 'Offline',
		language: 'Sprache',
		close: 'Schließen',
		dismiss: 'Schließen',
		cancel: 'Abbrechen',
		delete: 'Löschen',
		copy: 'Kopieren',
		copied: 'Kopiert',
		loading: 'Wird geladen …',
		notFound: 'Diese Seite gibt es nicht.',
		unexpected: 'Etwas ist schiefgegangen.',
		backHome: 'Zurück zu den Dokumenten'
	},
	nav: {
		documents: 'Dokumente',
		ask: 'Fragen',
		extract: 'Extrahieren',
		deid: 'Anonymisieren',
		letters: 'Briefe',
		models: 'Modelle',
		system: 'Systemprüfung',
		storage: 'Speicher'
	},
	intake: {
		title: 'Dokumente hinzufügen',
		pasteLabel: 'Befund einfügen',
		pastePlaceholder: 'Text eines Befunds hier einfügen …',
		pasteName: 'Name (optional)',
		pasteDefaultName: (p: P) => `Eingefügter Text ${p.when}`,
		savePaste: 'Text speichern',
		dropHint: 'Dateien irgendwo auf diese Seite ziehen oder',
		pick: 'Dateien auswählen',
		formats: (p: P) => `Text (.txt), PDF und Word (.docx), jeweils bis ${p.limitMb} MB.`,
		dropOverlay: 'Dateien hier ablegen, um sie zu importieren',
		queued: 'Wartet',
		reading: 'Wird gelesen',
		recognising: 'Texterkennung (OCR)',
		textlessPages: (p: P) =>
			`Keine Textebene auf Seite ${p.pages} (eingescannt?): ihr Inhalt fehlt im Text.`,
		saved: 'Importiert',
		failed: 'Nicht importiert',
		needsPassword: 'Passwort nötig',
		password: 'Passwort',
		passwordLabel: (p: P) => `Passwort für ${p.name}`,
		openPdf: 'Öffnen',
		skip: 'Überspringen',
		clearFinished: 'Liste leeren',
		summary: (p: P) => `${p.done} importiert, ${p.failed} nicht importiert, ${p.pending} in Arbeit`,
		more: (p: P) => `und ${p.n} weitere Dateien`,
		pages: (p: P) => `Seite ${p.done} von ${p.total}`
	},
	docs: {
		title: 'Dokumente',
		empty: 'Noch keine Dokumente. Fügen Sie einen Befund ein oder ziehen Sie Dateien hierher.',
		count: (p: P) => (p.n === 1 ? '1 Dokument' : `${p.n} Dokumente`),
		shown: (p: P) => `${p.shown} von ${p.total} angezeigt`,
		search: 'Namen und Text durchsuchen',
		searchingText: 'Text wird durchsucht …',
		sortBy: 'Sortieren nach',
		sortDate: 'Importdatum',
		sortName: 'Name',
		sortSize: 'Größe',
		ascending: 'Aufsteigend',
		descending: 'Absteigend',
		selectAll: 'Alle angezeigten auswählen',
		selected: (p: P) => `${p.n} ausgewählt`,
		deleteSelected: 'Auswahl löschen',
		confirmDelete: (p: P) =>
			p.n === 1
				? 'Dieses Dokument und alle daraus erstellten Ergebnisse löschen? Das kann nicht rückgängig gemacht werden.'
				: `${p.n} Dokumente und alle daraus erstellten Ergebnisse löschen? Das kann nicht rückgängig gemacht werden.`,
		deleted: (p: P) => (p.n === 1 ? 'Dokument gelöscht.' : `${p.n} Dokumente gelöscht.`),
		noMatch: 'Kein Dokument passt zur Suche.',
		name: 'Name',
		type: 'Typ',
		size: 'Größe',
		pages: 'Seiten',
		pageCount: (p: P) => (p.n === 1 ? '1 Seite' : `${p.n} Seiten`),
		characters: 'Zeichen',
		imported: 'Importiert',
		encoding: 'Zeichenkodierung',
		page: (p: P) => `Seite ${p.n}`,
		ask: 'Fragen zu diesem Dokument',
		answers: 'Gestellte Fragen',
		notFound: 'Dieses Dokument ist nicht vorhanden (vielleicht wurde es gelöscht).',
		back: 'Alle Dokumente'
	},
	ask: {
		title: 'Fragen zu einem Dokument',
		intro:
			'Wählen Sie ein Dokument und stellen Sie eine Frage. Die Antwort schreibt das geladene Modell.',
		document: 'Dokument',
		chooseDocument: 'Dokument wählen …',
		question: 'Frage',
		questionPlaceholder: 'z. B. Welche Entlassdiagnosen werden genannt?',
		send: 'Fragen',
		stop: 'Stopp',
		answer: 'Antwort',
		stopped: 'Angehalten. Die bisherige Antwort bleibt erhalten.',
		truncated: 'Die Antwort hat die Längengrenze erreicht und ist eventuell unvollständig.',
		noEngine: 'Kein Modell ist bereit. Laden Sie zuerst eines auf der Seite „Modelle“.',
		goModels: 'Zu den Modellen',
		usage: (p: P) =>
			`${p.prompt} Eingabe-Tokens · ${p.completion} Antwort-Tokens · erstes Token nach ${p.ttft} · ${p.decode} Tokens/s`,
		tooLong: (p: P) =>
			`Dieses Dokument umfasst etwa ${p.tokens} Tokens; das Modell liest höchstens ${p.max}. Nur der Anfang wird verwendet.`,
		systemPrompt:
			'You are a careful clinical documentation assistant. Answer only from the document the user gives you. If the document does not contain the answer, say so. Answer in the language of the question.'
	},
	runStatus: {
		ok: 'ok',
		unverified: 'nicht belegt',
		incomplete: 'unvollständig',
		invalid: 'ungültig',
		failed: 'fehlgeschlagen',
		cancelled: 'abgebrochen',
		running: 'läuft',
		done: 'fertig'
	},
	extract: {
		title: 'Extrahieren',
		intro:
			'Befunde mit einer Vorlage in strukturierte Daten umwandeln. Jeder Wert kommt mit einem Zitat aus dem Dokument, das dagegen geprüft wird.',
		newRun: 'Neue Extraktion',
		template: 'Vorlage',
		chooseTemplate: 'Vorlage wählen …',
		builtIn: 'mitgeliefert',
		manageTemplates: 'Vorlagen',
		run: (p: P) => (p.n === 1 ? 'Aus 1 Dokument extrahieren' : `Aus ${p.n} Dokumenten extrahieren`),
		jobs: 'Extraktionsaufträge',
		results: 'Ergebnisse',
		document: 'Dokument',
		statusColumn: 'Status',
		jobStatus: {
			queued: 'wartet',
			running: 'läuft',
			paused: 'pausiert',
			done: 'abgeschlossen',
			cancelled: 'abgebrochen'
		},
		progress: (p: P) => `${p.done} von ${p.total} Dokumenten`,
		failedCount: (p: P) => `${p.n} fehlgeschlagen`,
		pace: (p: P) => `${p.perMinute} Dokumente/min · noch etwa ${p.eta}`,
		pause: 'Pausieren',
		continue: 'Fortsetzen',
		retryFailed: 'Fehlgeschlagene wiederholen',
		working: (p: P) => `Bearbeite ${p.name} …`,
		jobMissing: 'Dieser Auftrag ist nicht vorhanden (vielleicht wurde er gelöscht).',
		unknownTemplate: 'Gelöschte Vorlage',
		modelValue: 'Wert des Modells',
		verified: 'Zitat im Dokument gefunden',
		unverified: 'Zitat nicht gefunden: bitte von Hand prüfen',
		showInDocument: 'Im Dokument zeigen',
		correction: 'Korrektur',
		saveCorrection: 'Korrektur speichern',
		removeCorrection: 'Wert des Modells verwenden'
	},
	evaluation: {
		title: 'Mit Referenzdaten vergleichen',
		help: 'Laden Sie eine CSV- oder Excel-Datei mit einer Dokumentspalte und einer Spalte je Feld. Korrekturen gelten als endgültige Werte.',
		load: 'Referenzdaten laden',
		export: 'Auswertung exportieren (CSV)',
		overall: (p: P) =>
			`Gesamt: Genauigkeit ${p.accuracy}, F1 ${p.f1} (Präzision ${p.precision}, Sensitivität ${p.recall})`,
		field: 'Feld',
		kind: 'Verglichen als',
		accuracy: 'Genauigkeit',
		precision: 'Präzision',
		recall: 'Sensitivität',
		chart: 'F1',
		document: 'Dokument',
		predicted: 'Extrahiert',
		truth: 'Referenz',
		missing: (p: P) => `${p.n} Dokumente dieses Auftrags fehlen in der Referenzdatei.`,
		perDocument: 'Je Dokument',
		correctFields: 'Richtige Felder',
		mismatches: (p: P) => `${p.n} Abweichungen zur Prüfung`
	},
	templates: {
		title: 'Vorlagen',
		intro:
			'Eine Vorlage legt fest, was extrahiert wird: Felder (ein JSON Schema), Anweisungen und optionale Beispiele.',
		import: 'Vorlage importieren',
		imported: (p: P) => `Vorlage „${p.name}“ importiert.`,
		builtIn: 'mitgeliefert',
		builtInReadOnly:
			'Mitgelieferte Vorlagen lassen sich nicht ändern. Duplizieren Sie sie für eine eigene Fassung.',
		use: 'Verwenden',
		duplicate: 'Duplizieren',
		copySuffix: '(Kopie)',
		export: 'Exportieren',
		confirmDelete: (p: P) =>
			`Die Vorlage „${p.name}“ löschen? Damit erstellte Ergebnisse bleiben erhalten.`,
		missing: 'Diese Vorlage ist nicht vorhanden (vielleicht wurde sie gelöscht).',
		name: 'Name',
		descriptionLabel: 'Beschreibung',
		instructions: 'Anweisungen an das Modell',
		fields: 'Felder',
		visual: 'Visuell',
		json: 'JSON Schema',
		notVisual:
			'Dieses Schema enthält Konstrukte, die der visuelle Editor nicht darstellen kann; bitte als JSON bearbeiten.',
		jsonInvalid: 'Das JSON Schema ist kein gültiges JSON.',
		ignoredKeywords:
			'Die Ausgabegrammatik ignoriert diese Schlüsselwörter; das Modell ist nicht an sie gebunden, die Ergebnisse werden aber dagegen geprüft:',
		examples: 'Beispiele',
		examplesHelp:
			'Eine JSON-Liste von {"text": "…", "output": {…}}-Paaren. Nur erfundene Texte verwenden: Vorlagen werden als Dateien weitergegeben.',
		badExamples: 'Die Beispiele sind keine gültige JSON-Liste.',
		save: 'Vorlage speichern',
		saved: 'Vorlage gespeichert.',
		fieldName: 'Feldname',
		fieldType: 'Typ',
		required: 'Pflichtfeld',
		moveUp: 'Nach oben',
		moveDown: 'Nach unten',
		removeField: 'Feld entfernen',
		description: 'Beschreibung (hilft dem Modell)',
		enumValues: 'Erlaubte Werte, durch Kommas getrennt',
		eachItem: 'Jeder Eintrag ist',
		itemType: 'Typ der Einträge',
		addField: 'Feld hinzufügen',
		types: {
			string: 'Text',
			number: 'Zahl',
			integer: 'Ganzzahl',
			boolean: 'ja/nein',
			enum: 'Auswahl aus Liste',
			date: 'Datum',
			object: 'Gruppe von Feldern',
			array: 'Liste'
		}
	},
	models: {
		title: 'Modelle',
		intro:
			'Ein Modell wird einmal in diesen Browser heruntergeladen und läuft dann auf der Grafikkarte dieses Computers, auch ohne Netzwerk.',
		onDevice: 'Läuft auf diesem Computer',
		onServer: 'Läuft auf dem Klinik-Server',
		serverNote:
			'Für dieses Modell wird Text an den eigenen Server der Klinik gesendet, nicht ins Internet.',
		vram: (p: P) => `braucht etwa ${p.gb} GB Grafikspeicher`,
		context: (p: P) => `liest bis zu ${p.tokens} Tokens`,
		cached: 'Heruntergeladen',
		partly: (p: P) => `Teilweise heruntergeladen (${p.percent} %)`,
		notCached: 'Nicht heruntergeladen',
		download: 'Herunterladen',
		resume: 'Download fortsetzen',
		retry: 'Erneut versuchen',
		pause: 'Pausieren',
		load: 'Laden',
		unload: 'Entladen',
		deleteCache: 'Download löschen',
		confirmDeleteCache: (p: P) => `Die heruntergeladenen Dateien von ${p.label} löschen?`,
		active: 'Geladen',
		recommended: 'Empfohlen für diesen Computer',
		notSupported: 'Hier nicht unterstützt',
		downloading: (p: P) => `Download: ${p.loaded} von ${p.total}`,
		eta: (p: P) => `noch etwa ${p.time}`,
		compiling: 'Das Modell wird auf der Grafikkarte vorbereitet …',
		ready: 'Bereit',
		catalogError: 'Die Modellliste konnte nicht gelesen werden.'
	},
	system: {
		title: 'Systemprüfung',
		intro: 'Ob dieser Browser und diese Grafikkarte die Modelle ausführen können.',
		checking: 'Wird geprüft …',
		webgpu: 'WebGPU',
		available: 'verfügbar',
		missing: 'nicht verfügbar',
		adapter: 'Grafikadapter',
		f16: '16-Bit-Shader (shader-f16)',
		yes: 'ja',
		no: 'nein',
		maxBuffer: 'Größter Puffer',
		maxBinding: 'Größte Speicherbindung',
		modelFit: 'Modelle auf diesem Computer',
		fitYes: 'sollte laufen',
		fitMaybe: 'läuft eventuell',
		fitNo: 'läuft nicht',
		noWebgpuHelp: [
			'Verwenden Sie ein aktuelles Chrome oder Edge (ab Version 113) unter Windows, macOS oder ChromeOS; unter Linux Chrome mit aktiviertem WebGPU starten (chrome://flags/#enable-unsafe-webgpu) oder die IT fragen.',
			'Ist die Grafikkarte schwach oder geteilt, wählen Sie auf der Seite „Modelle“ ein kleines Modell.',
			'Betreibt die Klinik einen eigenen Modell-Server, kann die Administration ihn freischalten; er erscheint dann unter „Modelle“ als „Läuft auf dem Klinik-Server“.'
		],
		badgeReady: 'GPU bereit',
		badgeNoF16: 'GPU (ohne f16)',
		badgeNone: 'Kein WebGPU',
		reasons: {
			noWebGPU: 'Dieser Browser bietet kein WebGPU.',
			noShaderF16: 'Der Grafikkarte fehlen 16-Bit-Shader; nutzen Sie die q4f32-Variante.',
			bufferTooSmall: 'Der größte Puffer der Grafikkarte ist für dieses Modell zu klein.',
			largeModel:
				'Der Browser kann nicht feststellen, wie viel Grafikspeicher frei ist; dieses Modell braucht viel.'
		}
	},
	storage: {
		title: 'Speicher',
		intro:
			'Dokumente, Ergebnisse und Modelle werden nur in diesem Browser auf diesem Computer gespeichert. Nichts wird hochgeladen.',
		usage: 'Belegt',
		quota: 'Für Enclave verfügbar',
		unknown: 'unbekannt',
		persistent: 'Vor automatischer Bereinigung geschützt',
		persistentYes: 'Ja: Der Browser löscht Enclaves Daten nicht, um Platz zu schaffen.',
		persistentNo:
			'Nein: Wird der Speicherplatz knapp, kann der Browser Enclaves Daten (Dokumente und heruntergeladene Modelle) ohne Nachfrage löschen. Exportieren Sie wichtige Ergebnisse, oder bitten Sie die IT, dieser Seite dauerhaften Speicher zu erlauben (als App installiert klappt das meist).',
		askPersist: 'Browser erneut fragen',
		persistGranted: 'Der Browser schützt Enclaves Daten jetzt.',
		persistRefused: 'Der Browser hat abgelehnt. Siehe die Erklärung oben.',
		documents: 'Dokumente',
		records: (p: P) => `${p.n} Datensätze mit Patientendaten`,
		deleteAll: 'Alle Patientendaten löschen',
		deleteAllConfirm:
			'Alle Dokumente, Ergebnisse und Aufträge von diesem Computer löschen? Heruntergeladene Modelle und Einstellungen bleiben. Das kann nicht rückgängig gemacht werden.',
		typeToConfirm: (p: P) => `Zur Bestätigung ${p.word} eingeben`,
		confirmWord: 'LÖSCHEN',
		deletedAll: 'Alle Patientendaten wurden gelöscht.'
	},
	audit: {
		title: 'Protokoll',
		intro:
			'Was mit Enclave auf diesem Computer getan wurde, und wann. Es enthält nur Arten und Anzahlen, nie Patientendaten oder Dateinamen.',
		empty: 'Noch nichts protokolliert.',
		export: 'Protokoll exportieren',
		actions: {
			import: 'Dokumente importiert',
			delete: 'Dokumente gelöscht',
			deleteAll: 'Alle Patientendaten gelöscht',
			run: 'Modelllauf',
			job: 'Extraktionsauftrag gestartet',
			export: 'Ergebnisse exportiert',
			modelDownload: 'Modell heruntergeladen',
			modelDelete: 'Modell-Download gelöscht',
			vaultCreate: 'Verschlüsselung eingerichtet',
			unlock: 'Entsperrt',
			lock: 'Gesperrt',
			passphraseChange: 'Passphrase geändert',
			workspaceDelete: 'Verschlüsselter Arbeitsbereich gelöscht (Passphrase vergessen)',
			retention: 'Alte Dokumente gelöscht (Aufbewahrung)'
		},
		keys: {
			documents: 'Dokumente',
			task: 'Aufgabe',
			model: 'Modell',
			format: 'Format',
			reason: 'Grund',
			days: 'Tage'
		},
		values: { manual: 'von Hand', idle: 'keine Aktivität' }
	},
	errors: {
		generic: 'Etwas ist schiefgegangen. Bitte versuchen Sie es erneut.',
		genericAction:
			'Passiert es wieder, laden Sie die Seite neu. Ihre gespeicherten Dokumente sind sicher.',
		storageFailed: 'Der Browser konnte die Daten nicht speichern.',
		quota:
			'Der Speicherplatz dieses Browsers ist voll. Löschen Sie Dokumente auf der Seite „Speicher“ oder heruntergeladene Modelle auf der Seite „Modelle“.'
	},
	deid: deidDe,
	letters: lettersDe,
	vault: vaultDe,
	retention: retentionDe
};

export default de;
