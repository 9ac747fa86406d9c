type P = Record<string, string | number>;

/**
 * UI texts of the letters pages. Error codes, stop reasons and kind names live in
 * tasks/letters/messages.ts.
 */
export const lettersEn = {
	referenceTitle: 'Compare with a reference letter',
	referenceHelp:
		'Pick a stored letter written for the same patient and occasion: ROUGE and BLEU show how close this text comes to it (0–100; word overlap, not clinical quality).',
	referenceNone: 'No reference',
	title: 'Letters and summaries',
	intro:
		'Draft a letter, summary or report from a patient’s documents with a template. You check, edit and rate the draft; every version is kept.',
	newDraft: 'New draft',
	template: 'Template',
	chooseTemplate: 'Choose a template…',
	builtIn: 'built in',
	manageTemplates: 'Templates',
	sources: 'Sources',
	sourcesHelp:
		'Tick the documents of one patient. The model reads them in the order below; move them to change it.',
	order: 'Reading order',
	noneSelected: 'No document chosen yet.',
	moveUp: (p: P) => `Move ${p.name} up`,
	moveDown: (p: P) => `Move ${p.name} down`,
	removeSource: (p: P) => `Remove ${p.name}`,
	write: 'Write draft',
	noEngine: 'No model is ready. Load one on the Models page first.',
	templateMissing: 'The template of this draft was deleted: duplicate or choose another one.',

	drafts: 'Drafts',
	noDrafts: 'No drafts yet.',
	writing: 'writing…',
	edited: 'edited',
	rated: 'rated',
	noText: 'no text',
	unknownTemplate: 'Deleted template',
	confirmDeleteDraft:
		'Delete this draft with all its versions and its rating? This cannot be undone.',

	ratings: 'Ratings per template',
	ratingsIntro:
		'How physicians rated the final letters of each template (1 = lowest, 4 = highest).',
	noRatings: 'No letter has been rated yet.',
	ratedCount: (p: P) => (p.n === 1 ? '1 rated letter' : `${p.n} rated letters`),
	criterion: 'Criterion',
	criteria: {
		benefit: 'Clinical benefit',
		correctness: 'Correctness',
		completeness: 'Completeness',
		style: 'Style'
	},
	benefitLevels: [
		'No benefit: not usable',
		'Little: needed major rework',
		'Moderate: needed minor edits',
		'High: usable almost as is'
	],
	qualityLevels: ['Poor', 'Fair', 'Good', 'Very good'],

	styleTitle: 'House style',
	styleIntro:
		'Mark stored letters as examples of how your department writes. Each draft includes the best-fitting ones that fit the model’s context, never content from them.',
	styleDocument: 'Stored letter',
	chooseDocument: 'Choose a document…',
	styleKind: 'Example of',
	markExample: 'Mark as example',
	unmark: (p: P) => `Remove ${p.name} from the examples`,
	noStyleExamples: 'No examples marked yet.',
	styleMarked: 'Marked as a house-style example.',

	back: 'All drafts',
	model: 'Model',
	created: 'Created',
	progressWriting: 'Writing the draft…',
	progressPart: (p: P) => `Summarising part ${p.n} of ${p.total}`,
	progressCombine: (p: P) => `Combining the summaries (step ${p.n} of ${p.total})`,
	progressWritingFromSummaries: 'Writing the draft from the summaries…',
	stop: 'Stop',
	regenerate: 'Regenerate',
	text: 'Letter text',
	saving: 'Saving…',
	saved: 'All changes saved',
	empty: 'The draft has no text yet. Regenerate it, or write it here.',
	missingSections: (p: P) => `Headings of the template missing in the text: ${p.list}`,
	draftMissing: 'This draft is not here (it may have been deleted).',

	versions: 'Versions',
	versionModel: (p: P) => `Model draft ${p.n}`,
	versionEdit: 'Your edit',
	current: 'current',
	compare: 'Compare with the current text',
	restore: 'Continue from this version',
	diffTitle: (p: P) => `Changes from ${p.from} to the current text`,
	diffCounts: (p: P) => `${p.inserted} words added, ${p.deleted} words removed`,
	noChanges: 'No changes.',
	inserted: 'added',
	deleted: 'removed',

	sourcesUsed: 'Sources of this draft',
	used: 'used',
	notUsed: 'not used',
	deletedDocument: 'Deleted document',
	examplesUsed: 'House-style examples used',
	noExamplesUsed: 'None.',

	check: 'Source check',
	checkIntro:
		'Numbers, dates, drug names and doses in the text that appear in no source. Verify each one before the letter leaves your hands.',
	checkClean: 'Every number, date, drug name and dose in the text was found in the sources.',
	checkNoSources: 'The sources were deleted, so the text cannot be checked against them.',
	checkKinds: { number: 'number', date: 'date', drug: 'drug', dose: 'dose' } as Record<
		string,
		string
	>,
	preview: 'Text with unverified items marked',

	rating: 'Rating',
	ratingIntro: 'Rate the final letter. The rating is stored with the draft.',
	comment: 'Comment',
	saveRating: 'Save rating',
	ratingSaved: 'Rating saved.',
	ratingIncomplete: 'Rate all four criteria first.',

	export: 'Export',
	copyPlain: 'Copy text',
	copyFormatted: 'Copy formatted',
	copied: 'Copied to the clipboard.',
	docx: 'Word (.docx)',
	txt: 'Text (.txt)',

	templatesTitle: 'Letter templates',
	templatesIntro:
		'A letter template says what to write: instructions for the model, the section headings, and optional worked examples.',
	importTemplate: 'Import template',
	imported: (p: P) => `Template “${p.name}” imported.`,
	exportTemplate: 'Export',
	use: 'Use',
	duplicate: 'Duplicate',
	copySuffix: '(copy)',
	builtInReadOnly: 'Built-in templates cannot be changed. Duplicate it to make your own version.',
	confirmDeleteTemplate: (p: P) => `Delete the template “${p.name}”? Drafts made with it stay.`,
	templateNotFound: 'This template is not here (it may have been deleted).',
	name: 'Name',
	language: 'Language of the text',
	kind: 'Kind',
	description: 'Description',
	instructions: 'Instructions for the model',
	sections: 'Section headings',
	sectionsHelp: 'One per line, in order. Leave empty for free text.',
	examples: 'Worked examples',
	examplesHelp:
		'Pairs of a source and the text the template should make from it. Use invented text only: templates are shared as files.',
	exampleSource: (p: P) => `Source of example ${p.n}`,
	exampleOutput: (p: P) => `Text of example ${p.n}`,
	addExample: 'Add example',
	removeExample: (p: P) => `Remove example ${p.n}`,
	saveTemplate: 'Save template',
	templateSaved: 'Template saved.'
};

export type LettersTexts = typeof lettersEn;

export const lettersDe: LettersTexts = {
	referenceTitle: 'Mit einem Referenzbrief vergleichen',
	referenceHelp:
		'Wählen Sie einen gespeicherten Brief zum selben Patienten und Anlass: ROUGE und BLEU zeigen, wie nah dieser Text ihm kommt (0–100; Wortüberlappung, nicht klinische Qualität).',
	referenceNone: 'Keine Referenz',
	title: 'Briefe und Zusammenfassungen',
	intro:
		'Einen Brief, eine Zusammenfassung oder einen Bericht mit einer Vorlage aus den Dokumenten einer Patientin oder eines Patienten entwerfen. Sie prüfen, bearbeiten und bewerten den Entwurf; jede Fassung bleibt erhalten.',
	newDraft: 'Neuer Entwurf',
	template: 'Vorlage',
	chooseTemplate: 'Vorlage wählen …',
	builtIn: 'eingebaut',
	manageTemplates: 'Vorlagen',
	sources: 'Quellen',
	sourcesHelp:
		'Haken Sie die Dokumente einer Patientin oder eines Patienten an. Das Modell liest sie in der Reihenfolge unten; verschieben Sie sie, um sie zu ändern.',
	order: 'Lesereihenfolge',
	noneSelected: 'Noch kein Dokument gewählt.',
	moveUp: (p: P) => `${p.name} nach oben`,
	moveDown: (p: P) => `${p.name} nach unten`,
	removeSource: (p: P) => `${p.name} entfernen`,
	write: 'Entwurf schreiben',
	noEngine: 'Kein Modell bereit. Laden Sie zuerst eines auf der Seite Modelle.',
	templateMissing:
		'Die Vorlage dieses Entwurfs wurde gelöscht: Duplizieren oder wählen Sie eine andere.',

	drafts: 'Entwürfe',
	noDrafts: 'Noch keine Entwürfe.',
	writing: 'wird geschrieben …',
	edited: 'bearbeitet',
	rated: 'bewertet',
	noText: 'kein Text',
	unknownTemplate: 'Gelöschte Vorlage',
	confirmDeleteDraft:
		'Diesen Entwurf mit allen Fassungen und seiner Bewertung löschen? Das lässt sich nicht rückgängig machen.',

	ratings: 'Bewertungen pro Vorlage',
	ratingsIntro:
		'Wie Ärztinnen und Ärzte die fertigen Briefe jeder Vorlage bewertet haben (1 = am schlechtesten, 4 = am besten).',
	noRatings: 'Noch kein Brief wurde bewertet.',
	ratedCount: (p: P) => (p.n === 1 ? '1 bewerteter Brief' : `${p.n} bewertete Briefe`),
	criterion: 'Kriterium',
	criteria: {
		benefit: 'Klinischer Nutzen',
		correctness: 'Richtigkeit',
		completeness: 'Vollständigkeit',
		style: 'Stil'
	},
	benefitLevels: [
		'Kein Nutzen: nicht verwendbar',
		'Gering: große Überarbeitung nötig',
		'Mittel: kleine Korrekturen nötig',
		'Hoch: fast unverändert verwendbar'
	],
	qualityLevels: ['Schlecht', 'Ausreichend', 'Gut', 'Sehr gut'],

	styleTitle: 'Hausstil',
	styleIntro:
		'Markieren Sie gespeicherte Briefe als Beispiele dafür, wie Ihre Abteilung schreibt. Jeder Entwurf bezieht die am besten passenden ein, die in den Kontext des Modells passen, nie deren Inhalte.',
	styleDocument: 'Gespeicherter Brief',
	chooseDocument: 'Dokument wählen …',
	styleKind: 'Beispiel für',
	markExample: 'Als Beispiel markieren',
	unmark: (p: P) => `${p.name} aus den Beispielen entfernen`,
	noStyleExamples: 'Noch keine Beispiele markiert.',
	styleMarked: 'Als Hausstil-Beispiel markiert.',

	back: 'Alle Entwürfe',
	model: 'Modell',
	created: 'Erstellt',
	progressWriting: 'Der Entwurf wird geschrieben …',
	progressPart: (p: P) => `Teil ${p.n} von ${p.total} wird zusammengefasst`,
	progressCombine: (p: P) =>
		`Zusammenfassungen werden zusammengeführt (Schritt ${p.n} von ${p.total})`,
	progressWritingFromSummaries: 'Der Entwurf wird aus den Zusammenfassungen geschrieben …',
	stop: 'Anhalten',
	regenerate: 'Neu schreiben',
	text: 'Brieftext',
	saving: 'Wird gespeichert …',
	saved: 'Alle Änderungen gespeichert',
	empty:
		'Der Entwurf hat noch keinen Text. Lassen Sie ihn neu schreiben oder schreiben Sie ihn hier.',
	missingSections: (p: P) => `Im Text fehlende Überschriften der Vorlage: ${p.list}`,
	draftMissing: 'Dieser Entwurf ist nicht vorhanden (vielleicht wurde er gelöscht).',

	versions: 'Fassungen',
	versionModel: (p: P) => `Modellentwurf ${p.n}`,
	versionEdit: 'Ihre Bearbeitung',
	current: 'aktuell',
	compare: 'Mit dem aktuellen Text vergleichen',
	restore: 'Mit dieser Fassung weiterarbeiten',
	diffTitle: (p: P) => `Änderungen von ${p.from} zum aktuellen Text`,
	diffCounts: (p: P) => `${p.inserted} Wörter hinzugefügt, ${p.deleted} Wörter entfernt`,
	noChanges: 'Keine Änderungen.',
	inserted: 'hinzugefügt',
	deleted: 'entfernt',

	sourcesUsed: 'Quellen dieses Entwurfs',
	used: 'verwendet',
	notUsed: 'nicht verwendet',
	deletedDocument: 'Gelöschtes Dokument',
	examplesUsed: 'Verwendete Hausstil-Beispiele',
	noExamplesUsed: 'Keine.',

	check: 'Quellenprüfung',
	checkIntro:
		'Zahlen, Datumsangaben, Medikamentennamen und Dosierungen im Text, die in keiner Quelle vorkommen. Prüfen Sie jede Angabe, bevor der Brief Ihre Hände verlässt.',
	checkClean:
		'Alle Zahlen, Datumsangaben, Medikamentennamen und Dosierungen im Text wurden in den Quellen gefunden.',
	checkNoSources: 'Die Quellen wurden gelöscht; der Text kann nicht mit ihnen abgeglichen werden.',
	checkKinds: { number: 'Zahl', date: 'Datum', drug: 'Medikament', dose: 'Dosis' },
	preview: 'Text mit markierten ungeprüften Angaben',

	rating: 'Bewertung',
	ratingIntro: 'Bewerten Sie den fertigen Brief. Die Bewertung wird mit dem Entwurf gespeichert.',
	comment: 'Kommentar',
	saveRating: 'Bewertung speichern',
	ratingSaved: 'Bewertung gespeichert.',
	ratingIncomplete: 'Bewerten Sie zuerst alle vier Kriterien.',

	export: 'Exportieren',
	copyPlain: 'Text kopieren',
	copyFormatted: 'Formatiert kopieren',
	copied: 'In die Zwischenablage kopiert.',
	docx: 'Word (.docx)',
	txt: 'Text (.txt)',

	templatesTitle: 'Briefvorlagen',
	templatesIntro:
		'Eine Briefvorlage legt fest, was geschrieben wird: Anweisungen für das Modell, die Abschnittsüberschriften und optionale Beispiele.',
	importTemplate: 'Vorlage importieren',
	imported: (p: P) => `Vorlage „${p.name}“ importiert.`,
	exportTemplate: 'Exportieren',
	use: 'Verwenden',
	duplicate: 'Duplizieren',
	copySuffix: '(Kopie)',
	builtInReadOnly:
		'Eingebaute Vorlagen lassen sich nicht ändern. Duplizieren Sie sie, um eine eigene Fassung anzulegen.',
	confirmDeleteTemplate: (p: P) =>
		`Die Vorlage „${p.name}“ löschen? Damit erstellte Entwürfe bleiben erhalten.`,
	templateNotFound: 'Diese Vorlage ist nicht vorhanden (vielleicht wurde sie gelöscht).',
	name: 'Name',
	language: 'Sprache des Textes',
	kind: 'Art',
	description: 'Beschreibung',
	instructions: 'Anweisungen für das Modell',
	sections: 'Abschnittsüberschriften',
	sectionsHelp: 'Eine pro Zeile, in Reihenfolge. Leer lassen für freien Text.',
	examples: 'Beispiele',
	examplesHelp:
		'Paare aus einer Quelle und dem Text, den die Vorlage daraus machen soll. Verwenden Sie nur erfundene Texte: Vorlagen werden als Dateien weitergegeben.',
	exampleSource: (p: P) => `Quelle von Beispiel ${p.n}`,
	exampleOutput: (p: P) => `Text von Beispiel ${p.n}`,
	addExample: 'Beispiel hinzufügen',
	removeExample: (p: P) => `Beispiel ${p.n} entfernen`,
	saveTemplate: 'Vorlage speichern',
	templateSaved: 'Vorlage gespeichert.'
};
