import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// A single-page app served as static files: every unknown path falls back to index.html.
		adapter: adapter({ fallback: '200.html', precompress: false, strict: true }),
		// Registered by workbox-window so that the app can announce waiting updates.
		serviceWorker: { register: false },
		// Absolute asset paths: the fallback page is served at any depth (/documents/<id> too).
		paths: { relative: false },
		version: { pollInterval: 0 },
		output: { bundleStrategy: 'split' }
	},
	compilerOptions: { runes: true }
};

export default config;
