import { sveltekit } from '@sveltejs/kit/vite';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
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

export default defineConfig({
	plugins: [sveltekit(), modelConfig()],
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
