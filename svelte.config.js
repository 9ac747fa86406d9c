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
		// The page's own part of the Content Security Policy: only our scripts (SvelteKit's inline
		// start-up script by its hash) and WebAssembly. Where the app may connect depends on the
		// model catalog, so connect-src and frame-ancestors come from the web server (README).
		csp: {
			mode: 'hash',
			directives: {
				'script-src': ['self', 'wasm-unsafe-eval'],
				'object-src': ['none'],
				'base-uri': ['none']
			}
		},
		output: { bundleStrategy: 'split' }
	},
	compilerOptions: { runes: true }
};

export default config;
