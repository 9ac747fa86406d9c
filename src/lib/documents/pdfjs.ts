/**
 * Loads pdf.js on first use, so it stays out of the first-load bundle. In the browser its
 * worker runs as a module worker that Vite bundles from the `new URL(…, import.meta.url)`
 * below; one worker serves every document. Node (tests, benchmark) swaps in the legacy build,
 * which parses on the main thread, via setPdfJsLoader.
 */
export type PdfJs = typeof import('pdfjs-dist');

async function loadBrowserPdfJs(): Promise<PdfJs> {
	const pdfjs = await import('pdfjs-dist');
	if (typeof Worker !== 'undefined' && !pdfjs.GlobalWorkerOptions.workerPort) {
		pdfjs.GlobalWorkerOptions.workerPort = new Worker(
			new URL('pdfjs-dist/build/pdf.worker.min.mjs', import.meta.url),
			{ type: 'module' }
		);
	}
	return pdfjs;
}

let loader: () => Promise<PdfJs> = loadBrowserPdfJs;
let loaded: Promise<PdfJs> | undefined;

export function loadPdfJs(): Promise<PdfJs> {
	loaded ??= loader().catch((err: unknown) => {
		// Let the next call try again, e.g. after a failed chunk download.
		loaded = undefined;
		throw err;
	});
	return loaded;
}

/** For Node: `setPdfJsLoader(() => import('pdfjs-dist/legacy/build/pdf.mjs'))`. */
export function setPdfJsLoader(load: () => Promise<PdfJs>): void {
	loader = load;
	loaded = undefined;
}
