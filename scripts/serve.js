// Serves the production build as an intranet web server would (see the nginx example in the
// README): static files, the SPA fallback, cache rules and security headers. No dependencies.
import { createReadStream, existsSync, statSync } from 'node:fs';
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
