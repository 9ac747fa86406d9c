type P = Record<string, string | number>;

/** Messages for the evaluation's errors: they name the file, row and column, never cell contents. */
const en = {
	'eval.emptyFile': (p: P) => `“${p.file}” is empty.`,
	'eval.noRows': (p: P) => `“${p.file}” has a header but no rows.`,
	'eval.noFields': (p: P) => `“${p.file}” has no field columns besides the document column.`,
	'eval.noDocumentColumn': (p: P) =>
		`“${p.file}” has no document column${p.column ? ` named “${p.column}”` : ''}. Its columns are: ${p.columns}. Name the column with the document names “document”.`,
	'eval.badCsv': (p: P) =>
		`“${p.file}” is not valid CSV at row ${p.row} (line ${p.line}): ${p.reason}.`,
	'eval.badXlsx': (p: P) => `“${p.file}” could not be read as an Excel workbook (.xlsx).`,
	'eval.unsupportedFormat': (p: P) =>
		`“${p.file}” is not a supported format. Save it as CSV (UTF-8) or Excel workbook (.xlsx).`,
	'eval.duplicateColumn': (p: P) => `“${p.file}” has the column “${p.column}” twice.`,
	'eval.emptyColumnName': (p: P) => `“${p.file}”: column ${p.column} has no name.`,
	'eval.missingDocument': (p: P) => `“${p.file}”, row ${p.row}: the document name is empty.`,
	'eval.duplicateDocument': (p: P) =>
		`“${p.file}”, row ${p.row}: the document “${p.document}” is listed twice (first in row ${p.earlier}).`,
	'eval.badResults': (p: P) =>
		`“${p.file}” is not a results file Enclave can read (item ${p.item}: ${p.reason}).`,
	'eval.noDocuments': (p: P) => `The folder “${p.folder}” has no documents to extract from.`
};

const de: typeof en = {
	'eval.emptyFile': (p: P) => `„${p.file}“ ist leer.`,
	'eval.noRows': (p: P) => `„${p.file}“ hat eine Kopfzeile, aber keine Zeilen.`,
	'eval.noFields': (p: P) => `„${p.file}“ hat außer der Dokumentspalte keine Feldspalten.`,
	'eval.noDocumentColumn': (p: P) =>
		`„${p.file}“ hat keine Dokumentspalte${p.column ? ` namens „${p.column}“` : ''}. Vorhandene Spalten: ${p.columns}. Nennen Sie die Spalte mit den Dokumentnamen „document“.`,
	'eval.badCsv': (p: P) =>
		`„${p.file}“ ist in Zeile ${p.row} (Textzeile ${p.line}) kein gültiges CSV: ${p.reason}.`,
	'eval.badXlsx': (p: P) =>
		`„${p.file}“ konnte nicht als Excel-Arbeitsmappe (.xlsx) gelesen werden.`,
	'eval.unsupportedFormat': (p: P) =>
		`„${p.file}“ hat kein unterstütztes Format. Speichern Sie es als CSV (UTF-8) oder Excel-Arbeitsmappe (.xlsx).`,
	'eval.duplicateColumn': (p: P) => `„${p.file}“ enthält die Spalte „${p.column}“ zweimal.`,
	'eval.emptyColumnName': (p: P) => `„${p.file}“: Spalte ${p.column} hat keinen Namen.`,
	'eval.missingDocument': (p: P) => `„${p.file}“, Zeile ${p.row}: Der Dokumentname fehlt.`,
	'eval.duplicateDocument': (p: P) =>
		`„${p.file}“, Zeile ${p.row}: Das Dokument „${p.document}“ steht doppelt in der Liste (zuerst in Zeile ${p.earlier}).`,
	'eval.badResults': (p: P) =>
		`„${p.file}“ ist keine Ergebnisdatei, die Enclave lesen kann (Eintrag ${p.item}: ${p.reason}).`,
	'eval.noDocuments': (p: P) => `Der Ordner „${p.folder}“ enthält keine Dokumente zum Extrahieren.`
};

export const evalMessages = { en, de };
