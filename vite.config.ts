import { sveltekit } from '@sveltejs/kit/vite';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

const MODEL_CONFIG_DIR = 'model-config';

/**
 * `model-config/` sits at the top level so that administrators find it; it is served at
 * /model-config/ in dev and copied into the build as it is (not bundled), so it can be edited
 * on the intranet server after deployment.
 */
function modelConfig(): Plugin {
	const files = () => readdirSync(MODEL_CONFIG_DIR).filter((f) => extname(f) === '.json');
	return {
		name: 'enclave-model-config',
		configureServer(server) {
			server.middlewares.use((req, res, next) => {
				const name = req.url?.startsWith(`/${MODEL_CONFIG_DIR}/`)
					? req.url.slice(MODEL_CONFIG_DIR.length + 2).split('?')[0]
					: undefined;
				if (!name || !files().includes(name)) return next();
				res.setHeader('content-type', 'application/json');
				res.end(readFileSync(join(MODEL_CONFIG_DIR, name)));
			});
		},
		generateBundle(options) {
			// Only the client build: the server build of a static app is thrown away.
			if (!options.dir?.includes('client')) return;
			for (const name of files()) {
				this.emitFile({
					type: 'asset',
					fileName: `${MODEL_CONFIG_DIR}/${name}`,
					source: readFileSync(join(MODEL_CONFIG_DIR, name))
				});
			}
		}
	};
}

/** A file the app serves from an installed package, at `url`. */
interface VendoredFile {
	url: string;
	file: string;
}

/**
 * What OCR and page drawing load at run time, served by the app itself and never from a CDN:
 * tesseract.js's worker, its wasm core in the LSTM-only variants tesseract.js 7 chooses from
 * (relaxed SIMD, SIMD, plain; see its getCore.js), the German and English language data
 * (4.0.0_best_int, the small integer models), and pdf.js's standard fonts, wasm image decoders
 * (JPEG 2000, JBIG2, colour management) and colour profiles.
 */
function vendoredFiles(): VendoredFile[] {
	const require = createRequire(import.meta.url);
	const root = (pkg: string) => dirname(require.resolve(`${pkg}/package.json`));
	const folder = (url: string, dir: string, keep: (name: string) => boolean = () => true) =>
		readdirSync(dir)
			.filter(keep)
			.sort()
			.map((name) => ({ url: `${url}/${name}`, file: join(dir, name) }));
	const tesseract = root('tesseract.js');
	const core = root('tesseract.js-core');
	const pdfjs = root('pdfjs-dist');
	return [
		{ url: '/ocr/worker.min.js', file: join(tesseract, 'dist/worker.min.js') },
		{
			url: '/ocr/worker.min.js.LICENSE.txt',
			file: join(tesseract, 'dist/worker.min.js.LICENSE.txt')
		},
		...['relaxedsimd-lstm', 'simd-lstm', 'lstm'].map((variant) => ({
			url: `/ocr/core/tesseract-core-${variant}.wasm.js`,
			file: join(core, `tesseract-core-${variant}.wasm.js`)
		})),
		{ url: '/ocr/core/LICENSE', file: join(core, 'LICENSE') },
		...['deu', 'eng'].map((lang) => ({
			url: `/ocr/lang/${lang}.traineddata.gz`,
			file: join(root(`@tesseract.js-data/${lang}`), '4.0.0_best_int', `${lang}.traineddata.gz`)
		})),
		...folder('/pdfjs/standard_fonts', join(pdfjs, 'standard_fonts')),
		...folder(
			'/pdfjs/wasm',
			join(pdfjs, 'wasm'),
			(n) => n.endsWith('.wasm') || n.startsWith('LICENSE')
		),
		...folder('/pdfjs/iccs', join(pdfjs, 'iccs'))
	];
}

const VENDORED_TYPES: Record<string, string> = {
	'.js': 'text/javascript; charset=utf-8',
	'.wasm': 'application/wasm',
	'.ttf': 'font/ttf',
	'.icc': 'application/vnd.iccprofile',
	// Served as the bytes they are: tesseract.js unzips the language data itself.
	'.gz': 'application/octet-stream'
};

/**
 * Serves the vendored files in dev, copies them into the build, and hands their URLs with a
 * content hash to the service worker (`__ENCLAVE_VENDORED__`), which precaches them so OCR and
 * redaction work offline; the hash means a new app version downloads them again only when a
 * package update changed them.
 */
function vendored(): Plugin {
	const files = vendoredFiles();
	const byUrl = new Map(files.map((f) => [f.url, f]));
	return {
		name: 'enclave-vendored',
		config() {
			const manifest = files.map(({ url, file }) => ({
				url,
				revision: createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16)
			}));
			return { define: { __ENCLAVE_VENDORED__: JSON.stringify(manifest) } };
		},
		configureServer(server) {
			server.middlewares.use((req, res, next) => {
				const entry = byUrl.get(req.url?.split('?')[0] ?? '');
				if (!entry) return next();
				res.setHeader(
					'content-type',
					VENDORED_TYPES[extname(entry.file)] ?? 'application/octet-stream'
				);
				res.end(readFileSync(entry.file));
			});
		},
		generateBundle(options) {
			if (!options.dir?.includes('client')) return;
			for (const { url, file } of files) {
				this.emitFile({ type: 'asset', fileName: url.slice(1), source: readFileSync(file) });
			}
		}
	};
}

export default defineConfig({
	plugins: [sveltekit(), modelConfig(), vendored()],
	server: { port: 5173 },
	preview: { port: 4173, strictPort: true },
	worker: { format: 'es' },
	build: { target: 'es2022', chunkSizeWarningLimit: 8000 },
	test: {
		include: ['src/**/*.spec.ts', 'scripts/**/*.spec.ts', 'e2e/fixtures/**/*.spec.ts'],
		environment: 'node',
		setupFiles: ['src/test-setup.ts']
	}
});
