/**
 * What each engine error code means for a clinician, and what to do next. Technical details
 * (status codes, file names) come last, for whoever they call for help.
 */
type P = Record<string, string | number>;

const en = {
	'catalog.invalid': (p: P) =>
		`The list of models of this installation is damaged, so no model can be offered. Please tell your IT department (detail: ${p.reason}).`,
	'catalog.unavailable': (p: P) =>
		`The list of models could not be loaded. Reload the page; if this happens again, tell your IT department (HTTP ${p.status}).`,
	'model.httpError': (p: P) =>
		`A model file could not be downloaded (${p.file}, HTTP ${p.status}). Try again later; the download continues where it stopped. If it keeps failing, tell your IT department.`,
	'model.network': () =>
		'The network connection was interrupted. Check the connection and try again: a model download continues where it stopped.',
	'model.quota': () =>
		'There is not enough disk space for the model. Free up disk space, or delete models you do not need on this page or documents on the Storage page, then try again; the download continues where it stopped.',
	'model.notCached': () =>
		'This model has not been downloaded to this computer yet. Download it on the Models page while connected to the network.',
	'model.invalidFiles': (p: P) =>
		`The downloaded model files are incomplete or damaged (${p.file}). Delete the model’s download on the Models page and download it again.`,
	'model.insecureContext': () =>
		'Enclave must be opened through a secure address (https://) to store and run models. Please tell your IT department.',
	'model.outOfMemory': () =>
		'The graphics card ran out of memory. Close other browser tabs or programs that use the graphics card (video calls, image viewers, games), or choose a smaller model on the Models page.',
	'model.deviceLost': () =>
		'The graphics card stopped responding, usually because its memory ran out. Reload the page and try again; close other programs that use the graphics card, or choose a smaller model.',
	'model.noShaderF16': () =>
		'This graphics card cannot run the 16-bit (q4f16) version of the model. Choose the q4f32 version of the same model on the Models page: it gives the same answers and needs a little more memory.',
	'model.noWebGPU': () =>
		'This browser cannot use the graphics card (WebGPU is not available). Use a current Chrome or Edge, check the System check page, or use the hospital server if one is offered.',
	'model.invalidLibrary': () =>
		'The model library (the program part of the model) could not be started: the file is damaged or does not fit this version of Enclave. Delete the model’s download on the Models page and download it again; if that does not help, tell your IT department.',
	'engine.server': (p: P) =>
		`The hospital model server reported an error (HTTP ${p.status}). Try again in a moment; if it keeps failing, tell your IT department.`,
	'engine.timeout': (p: P) =>
		`The model did not answer within ${p.seconds} seconds. The server may be busy: try again later, or with a shorter document.`,
	'engine.notLoaded': () => 'The model is not loaded any more. Load it again on the Models page.',
	'engine.unknown': (p: P) =>
		`The model failed unexpectedly. Reload the page and try again; if it happens again, tell your IT department${p.name ? ` (${p.name})` : ''}.`
};

const de: typeof en = {
	'catalog.invalid': (p: P) =>
		`Die Modellliste dieser Installation ist beschädigt, daher kann kein Modell angeboten werden. Bitte informieren Sie Ihre IT-Abteilung (Detail: ${p.reason}).`,
	'catalog.unavailable': (p: P) =>
		`Die Modellliste konnte nicht geladen werden. Laden Sie die Seite neu; falls das erneut passiert, informieren Sie Ihre IT-Abteilung (HTTP ${p.status}).`,
	'model.httpError': (p: P) =>
		`Eine Modelldatei konnte nicht heruntergeladen werden (${p.file}, HTTP ${p.status}). Versuchen Sie es später erneut; der Download wird dort fortgesetzt, wo er unterbrochen wurde. Falls es weiterhin fehlschlägt, informieren Sie Ihre IT-Abteilung.`,
	'model.network': () =>
		'Die Netzwerkverbindung wurde unterbrochen. Prüfen Sie die Verbindung und versuchen Sie es erneut: Ein Modell-Download wird dort fortgesetzt, wo er unterbrochen wurde.',
	'model.quota': () =>
		'Der Speicherplatz reicht für das Modell nicht aus. Geben Sie Speicherplatz frei oder löschen Sie nicht benötigte Modelle auf dieser Seite oder Dokumente auf der Seite „Speicher“ und versuchen Sie es dann erneut; der Download setzt dort fort, wo er stehen blieb.',
	'model.notCached': () =>
		'Dieses Modell wurde noch nicht auf diesen Computer heruntergeladen. Laden Sie es bei bestehender Netzwerkverbindung auf der Seite „Modelle“ herunter.',
	'model.invalidFiles': (p: P) =>
		`Die heruntergeladenen Modelldateien sind unvollständig oder beschädigt (${p.file}). Löschen Sie den Download des Modells auf der Seite „Modelle“ und laden Sie es erneut herunter.`,
	'model.insecureContext': () =>
		'Enclave muss über eine sichere Adresse (https://) geöffnet werden, um Modelle zu speichern und auszuführen. Bitte informieren Sie Ihre IT-Abteilung.',
	'model.outOfMemory': () =>
		'Der Grafikspeicher reicht nicht aus. Schließen Sie andere Browser-Tabs oder Programme, die die Grafikkarte nutzen (Videokonferenzen, Bildbetrachter, Spiele), oder wählen Sie auf der Seite „Modelle“ ein kleineres Modell.',
	'model.deviceLost': () =>
		'Die Grafikkarte reagiert nicht mehr, meist weil ihr Speicher nicht ausreichte. Laden Sie die Seite neu und versuchen Sie es erneut; schließen Sie andere Programme, die die Grafikkarte nutzen, oder wählen Sie ein kleineres Modell.',
	'model.noShaderF16': () =>
		'Diese Grafikkarte kann die 16-Bit-Variante (q4f16) des Modells nicht ausführen. Wählen Sie auf der Seite „Modelle“ die q4f32-Variante desselben Modells: Sie liefert die gleichen Antworten und braucht etwas mehr Speicher.',
	'model.noWebGPU': () =>
		'Dieser Browser kann die Grafikkarte nicht nutzen (WebGPU ist nicht verfügbar). Verwenden Sie ein aktuelles Chrome oder Edge, sehen Sie auf der Seite „Systemprüfung“ nach oder nutzen Sie den Klinikserver, falls einer angeboten wird.',
	'model.invalidLibrary': () =>
		'Die Modellbibliothek (der Programmteil des Modells) konnte nicht gestartet werden: Die Datei ist beschädigt oder passt nicht zu dieser Enclave-Version. Löschen Sie den Download des Modells auf der Seite „Modelle“ und laden Sie es erneut herunter; hilft das nicht, informieren Sie Ihre IT-Abteilung.',
	'engine.server': (p: P) =>
		`Der Modellserver der Klinik hat einen Fehler gemeldet (HTTP ${p.status}). Versuchen Sie es gleich noch einmal; falls es weiterhin fehlschlägt, informieren Sie Ihre IT-Abteilung.`,
	'engine.timeout': (p: P) =>
		`Das Modell hat nicht innerhalb von ${p.seconds} Sekunden geantwortet. Der Server ist möglicherweise ausgelastet: Versuchen Sie es später erneut oder mit einem kürzeren Dokument.`,
	'engine.notLoaded': () =>
		'Das Modell ist nicht mehr geladen. Laden Sie es auf der Seite „Modelle“ erneut.',
	'engine.unknown': (p: P) =>
		`Das Modell ist unerwartet fehlgeschlagen. Laden Sie die Seite neu und versuchen Sie es erneut; falls es wieder passiert, informieren Sie Ihre IT-Abteilung${p.name ? ` (${p.name})` : ''}.`
};

export type EngineMessageCode = keyof typeof en;

export const engineMessages = { en, de };
