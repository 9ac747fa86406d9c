/**
 * Page rendering and OCR in Node (tests, benchmark, CLI): pdf.js's legacy build, which parses
 * on the main thread, @napi-rs/canvas, the canvas pdf.js itself uses in Node, and tesseract.js
 * with the language data from node_modules. Never imported by the app.
 */
import { createCanvas, type Canvas } from '@napi-rs/canvas';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { OCR_LANGS, setOcrAssets } from './ocr';
import { setPdfJsLoader } from './pdfjs';
import { setRenderEnvironment, type CanvasBackend, type Context2D } from './pdf-render';

const napiBackend: CanvasBackend = {
	create(width, height) {
		const canvas = createCanvas(width, height);
		return { canvas, context: canvas.getContext('2d') as unknown as Context2D };
	},
	async encode(canvas, type, quality) {
		const napi = canvas as Canvas;
		const bytes =
			type === 'image/png'
				? await napi.encode('png')
				: await napi.encode('jpeg', Math.round((quality ?? 0.92) * 100));
		return new Uint8Array(bytes);
	}
};

/** Switches pdf.js and page rendering to Node. */
export function useNodeRendering(): void {
	const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
	setPdfJsLoader(() => import('pdfjs-dist/legacy/build/pdf.mjs'));
	setRenderEnvironment({
		canvas: napiBackend,
		assets: {
			standardFontDataUrl: join(pdfjsRoot, 'standard_fonts') + '/',
			wasmUrl: join(pdfjsRoot, 'wasm') + '/',
			iccUrl: join(pdfjsRoot, 'iccs') + '/'
		}
	});
}

/** Points OCR at the installed language data (tesseract.js wants all of it in one folder). */
export function useNodeOcr(): void {
	const require = createRequire(import.meta.url);
	const dir = mkdtempSync(join(tmpdir(), 'enclave-ocr-'));
	for (const lang of OCR_LANGS) {
		const data = join(
			dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`)),
			'4.0.0_best_int'
		);
		copyFileSync(join(data, `${lang}.traineddata.gz`), join(dir, `${lang}.traineddata.gz`));
	}
	setOcrAssets({ langPath: dir });
}
