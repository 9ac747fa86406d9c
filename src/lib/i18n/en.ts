type P = Record<string, string | number>;

const en = {
	app: {
		name: 'Enclave',
		tagline: 'Clinical text tools that run on this computer',
		skipToContent: 'Skip to content',
		privacy: 'Patient data stays on this computer.',
		updateAvailable: 'A new version is available.',
		reload: 'Reload',
		offlineReady: 'Enclave now works without a network connection.',
		offline: 'Offline',
		language: 'Language',
		close: 'Close',
		dismiss: 'Dismiss',
		cancel: 'Cancel',
		delete: 'Delete',
		copy: 'Copy',
		copied: 'Copied',
		loading: 'Loading…',
		notFound: 'This page does not exist.',
		unexpected: 'Something went wrong.',
		backHome: 'Back to documents'
	},
	nav: {
		documents: 'Documents',
		ask: 'Ask',
		models: 'Models',
		system: 'System check',
		storage: 'Storage'
	},
	intake: {
		title: 'Add documents',
		pasteLabel: 'Paste a report',
		pastePlaceholder: 'Paste the text of a report here…',
		pasteName: 'Name (optional)',
		pasteDefaultName: (p: P) => `Pasted text ${p.when}`,
		savePaste: 'Save text',
		dropHint: 'Drop files anywhere on this page, or',
		pick: 'choose files',
		formats: (p: P) => `Text (.txt), PDF and Word (.docx), up to ${p.limitMb} MB each.`,
		dropOverlay: 'Drop files to import them',
		queued: 'Waiting',
		reading: 'Reading',
		saved: 'Imported',
		failed: 'Not imported',
		needsPassword: 'Password needed',
		password: 'Password',
		passwordLabel: (p: P) => `Password for ${p.name}`,
		openPdf: 'Open',
		skip: 'Skip',
		clearFinished: 'Clear list',
		summary: (p: P) => `${p.done} imported, ${p.failed} not imported, ${p.pending} in progress`,
		more: (p: P) => `and ${p.n} more files`,
		pages: (p: P) => `page ${p.done} of ${p.total}`
	},
	docs: {
		title: 'Documents',
		empty: 'No documents yet. Paste a report or drop files to start.',
		count: (p: P) => (p.n === 1 ? '1 document' : `${p.n} documents`),
		shown: (p: P) => `${p.shown} of ${p.total} shown`,
		search: 'Search names and text',
		searchingText: 'Searching text…',
		sortBy: 'Sort by',
		sortDate: 'Date imported',
		sortName: 'Name',
		sortSize: 'Size',
		ascending: 'Ascending',
		descending: 'Descending',
		selectAll: 'Select all shown',
		selected: (p: P) => `${p.n} selected`,
		deleteSelected: 'Delete selected',
		confirmDelete: (p: P) =>
			p.n === 1
				? 'Delete this document and all results made from it? This cannot be undone.'
				: `Delete ${p.n} documents and all results made from them? This cannot be undone.`,
		deleted: (p: P) => (p.n === 1 ? 'Document deleted.' : `${p.n} documents deleted.`),
		noMatch: 'No document matches the search.',
		name: 'Name',
		type: 'Type',
		size: 'Size',
		pages: 'Pages',
		pageCount: (p: P) => (p.n === 1 ? '1 page' : `${p.n} pages`),
		characters: 'Characters',
		imported: 'Imported',
		encoding: 'Encoding',
		page: (p: P) => `Page ${p.n}`,
		ask: 'Ask about this document',
		answers: 'Questions asked',
		status: {
			running: 'unfinished',
			done: 'done',
			failed: 'failed',
			cancelled: 'stopped',
			incomplete: 'cut off at the length limit'
		},
		notFound: 'This document is not here (it may have been deleted).',
		back: 'All documents'
	},
	ask: {
		title: 'Ask about a document',
		intro: 'Pick a document and ask a question. The answer is written by the model you loaded.',
		document: 'Document',
		chooseDocument: 'Choose a document…',
		question: 'Question',
		questionPlaceholder: 'e.g. What are the discharge diagnoses?',
		send: 'Ask',
		stop: 'Stop',
		answer: 'Answer',
		stopped: 'Stopped. The answer so far is kept.',
		truncated: 'The answer reached the length limit and may be incomplete.',
		noEngine: 'No model is ready. Load one on the Models page first.',
		goModels: 'Go to Models',
		usage: (p: P) =>
			`${p.prompt} prompt tokens · ${p.completion} answer tokens · first token after ${p.ttft} · ${p.decode} tokens/s`,
		tooLong: (p: P) =>
			`This document is about ${p.tokens} tokens long; the model reads at most ${p.max}. Only the beginning is used.`,
		systemPrompt:
			'You are a careful clinical documentation assistant. Answer only from the document the user gives you. If the document does not contain the answer, say so. Answer in the language of the question.'
	},
	models: {
		title: 'Models',
		intro:
			'A model is downloaded once into this browser and then runs on this computer’s graphics card, also without a network.',
		onDevice: 'Runs on this computer',
		onServer: 'Runs on the hospital server',
		serverNote: 'Text is sent to the hospital’s own server for this model, not to the internet.',
		vram: (p: P) => `needs about ${p.gb} GB of graphics memory`,
		context: (p: P) => `reads up to ${p.tokens} tokens`,
		cached: 'Downloaded',
		partly: (p: P) => `Partly downloaded (${p.percent}%)`,
		notCached: 'Not downloaded',
		download: 'Download',
		resume: 'Resume download',
		retry: 'Try again',
		pause: 'Pause',
		load: 'Load',
		unload: 'Unload',
		deleteCache: 'Delete download',
		confirmDeleteCache: (p: P) => `Delete the downloaded files of ${p.label}?`,
		active: 'Loaded',
		recommended: 'Recommended for this computer',
		notSupported: 'Not supported here',
		downloading: (p: P) => `Downloading: ${p.loaded} of ${p.total}`,
		eta: (p: P) => `about ${p.time} left`,
		compiling: 'Preparing the model on the graphics card…',
		ready: 'Ready',
		catalogError: 'The model list could not be read.'
	},
	system: {
		title: 'System check',
		intro: 'Whether this browser and graphics card can run the models.',
		checking: 'Checking…',
		webgpu: 'WebGPU',
		available: 'available',
		missing: 'not available',
		adapter: 'Graphics adapter',
		f16: '16-bit shaders (shader-f16)',
		yes: 'yes',
		no: 'no',
		maxBuffer: 'Largest buffer',
		maxBinding: 'Largest storage binding',
		modelFit: 'Models on this computer',
		fitYes: 'should run',
		fitMaybe: 'may run',
		fitNo: 'will not run',
		noWebgpuHelp: [
			'Use a current Chrome or Edge (version 113 or later) on Windows, macOS or ChromeOS; on Linux, start Chrome with WebGPU enabled (chrome://flags/#enable-unsafe-webgpu) or ask IT.',
			'If the graphics card is weak or shared, choose a small model on the Models page.',
			'If the hospital runs its own model server, an administrator can enable it; it then appears on the Models page as "Runs on the hospital server".'
		],
		badgeReady: 'GPU ready',
		badgeNoF16: 'GPU (no f16)',
		badgeNone: 'No WebGPU',
		reasons: {
			noWebGPU: 'This browser offers no WebGPU.',
			noShaderF16: 'The graphics card lacks 16-bit shaders; use the q4f32 variant.',
			bufferTooSmall: 'The graphics card’s largest buffer is too small for this model.',
			largeModel:
				'The browser cannot tell how much graphics memory is free; this model needs a lot.'
		}
	},
	storage: {
		title: 'Storage',
		intro:
			'Documents, results and models are stored in this browser on this computer only. Nothing is uploaded.',
		usage: 'Used',
		quota: 'Available to Enclave',
		unknown: 'unknown',
		persistent: 'Protected from automatic clean-up',
		persistentYes: 'Yes: the browser will not delete Enclave’s data to free space.',
		persistentNo:
			'No: if the disk runs low, the browser may delete Enclave’s data (documents and downloaded models) without asking. Export important results, or ask IT to allow this site to store data persistently (installing Enclave as an app usually helps).',
		askPersist: 'Ask the browser again',
		persistGranted: 'The browser now protects Enclave’s data.',
		persistRefused: 'The browser refused. See the explanation above.',
		documents: 'Documents',
		records: (p: P) => `${p.n} records with patient data`,
		deleteAll: 'Delete all patient data',
		deleteAllConfirm:
			'Delete all documents, results and jobs from this computer? Downloaded models and settings stay. This cannot be undone.',
		typeToConfirm: (p: P) => `Type ${p.word} to confirm`,
		confirmWord: 'DELETE',
		deletedAll: 'All patient data was deleted.'
	},
	errors: {
		generic: 'Something went wrong. Please try again.',
		genericAction: 'If it happens again, reload the page. Your stored documents are safe.',
		storageFailed: 'The browser could not store the data.',
		quota:
			'The disk space for this browser is full. Delete documents or models on the Storage page.'
	}
};

export type Messages = typeof en;
export default en;
