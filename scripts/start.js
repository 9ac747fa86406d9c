// `npm start`: build if the build is missing or older than the sources, then serve it.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(dir) {
	let newest = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		const t = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
		if (t > newest) newest = t;
	}
	return newest;
}

const marker = 'build/200.html';
const sources = ['src', 'static', 'model-config'].map(newestMtime);
const configs = ['package.json', 'svelte.config.js', 'vite.config.ts'].map(
	(f) => statSync(f).mtimeMs
);
const stale = !existsSync(marker) || Math.max(...sources, ...configs) > statSync(marker).mtimeMs;
if (stale) execSync('npm run build', { stdio: 'inherit' });

await import('./serve.js').then(async ({ startStaticServer }) => {
	const port = Number(process.env.PORT ?? 4173);
	await startStaticServer({ port, host: process.env.HOST ?? 'localhost' });
	console.log(`Enclave is served on http://localhost:${port}`);
});
