// Serves the production build as an intranet web server would (see the nginx example in the
// README): static files, the SPA fallback, cache rules and security headers. No dependencies.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

/** @type {Record<string, string>} */
const TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.webmanifest': 'application/manifest+json',
	'.wasm': 'application/wasm',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.ico': 'image/x-icon',
	'.txt': 'text/plain; charset=utf-8',
	'.map': 'application/json'
};

export const SECURITY_HEADERS = {
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'no-referrer',
	'X-Frame-Options': 'DENY',
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Permissions-Policy': 'camera=(), microphone=(), geolocation=()'
};

/** Hosts that a model host's downloads are known to redirect to. */
const REDIRECTS = {
	'https://huggingface.co': ['https://*.huggingface.co', 'https://*.hf.co']
};

/**
 * The Content Security Policy: only the app's own scripts (SvelteKit's inline start-up script is
 * pinned by hash in the page's own meta policy) and connections to the app and the hosts the
 * model catalog names.
 * @param {string} catalogFile
 */
export function contentSecurityPolicy(catalogFile) {
	const origins = new Set();
	try {
		const catalog = JSON.parse(readFileSync(catalogFile, 'utf8'));
		for (const entry of [...(catalog.models ?? []), ...(catalog.servers ?? [])]) {
			for (const url of [entry.baseUrl, entry.modelLib]) {
				if (typeof url !== 'string' || !/^https?:/.test(url)) continue;
				const origin = new URL(url).origin;
				origins.add(origin);
				for (const extra of REDIRECTS[/** @type {keyof typeof REDIRECTS} */ (origin)] ?? [])
					origins.add(extra);
			}
		}
	} catch {
		// No readable catalog: the app can reach only its own origin.
	}
	return [
		"default-src 'self'",
		"script-src 'self' 'wasm-unsafe-eval' 'unsafe-inline'",
		"style-src 'self' 'unsafe-inline'",
		"img-src 'self' data: blob:",
		`connect-src ${["'self'", ...origins].join(' ')}`,
		"worker-src 'self'",
		"object-src 'none'",
		"base-uri 'none'",
		"form-action 'self'",
		"frame-ancestors 'none'"
	].join('; ');
}

/** @param {string} urlPath */
function cacheControl(urlPath) {
	if (urlPath.startsWith('/_app/immutable/')) return 'public, max-age=31536000, immutable';
	// The service worker, the pages and the model catalog must be revalidated every time.
	return 'no-cache';
}

/**
 * @param {{ root?: string, port?: number, host?: string, configDir?: string }} [options]
 * `configDir` serves /model-config/ from another folder, as an administrator's edited copy would.
 */
export function startStaticServer({
	root = 'build',
	port = 4173,
	host = '127.0.0.1',
	configDir
} = {}) {
	const base = resolve(root);
	const fallback = join(base, '200.html');
	const csp = contentSecurityPolicy(
		join(configDir ? resolve(configDir) : join(base, 'model-config'), 'models.json')
	);
	const server = createServer((req, res) => {
		const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
		const fromConfig = configDir && urlPath.startsWith('/model-config/');
		const dir = fromConfig ? resolve(configDir) : base;
		const rel = fromConfig ? urlPath.slice('/model-config'.length) : urlPath;
		const candidates = [rel, `${rel}.html`, join(rel, 'index.html')].map((p) =>
			join(dir, normalize(p))
		);
		let file = candidates.find((p) => p.startsWith(dir) && existsSync(p) && statSync(p).isFile());
		// Unknown paths get the app shell (client-side routes); unknown files get a 404.
		if (!file) file = extname(urlPath) ? undefined : fallback;
		if (!file) {
			res.writeHead(404, { 'content-type': 'text/plain', ...SECURITY_HEADERS });
			res.end('Not found');
			return;
		}
		res.writeHead(200, {
			'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
			'cache-control': cacheControl(urlPath),
			'content-security-policy': csp,
			...SECURITY_HEADERS
		});
		if (req.method === 'HEAD') return res.end();
		createReadStream(file).pipe(res);
	});
	return new Promise((resolvePromise) => {
		server.listen(port, host, () => resolvePromise(server));
	});
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const port = Number(process.env.PORT ?? 4173);
	const host = process.env.HOST ?? '127.0.0.1';
	await startStaticServer({ port, host });
	console.log(`Enclave is served on http://localhost:${port}`);
}
