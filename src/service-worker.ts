/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
import { base, build, files, prerendered, version } from '$service-worker';
import { clientsClaim } from 'workbox-core';
import {
	cleanupOutdatedCaches,
	createHandlerBoundToURL,
	precacheAndRoute
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkFirst } from 'workbox-strategies';

declare const self: ServiceWorkerGlobalScope;
/** OCR engine and language data, pdf.js fonts and decoders, with content hashes (vite.config.ts). */
declare const __ENCLAVE_VENDORED__: { url: string; revision: string }[];

// The app shell only: code, styles, wasm, icons, the prerendered pages, and the engine files
// that OCR and PDF redaction load, so both work offline from the first visit. Patient data
// lives in IndexedDB and model weights in web-llm's own caches; neither passes through here.
const CONFIG_PREFIX = `${base}/model-config/`;
const shell = [...build, ...files.filter((f) => !f.startsWith(CONFIG_PREFIX)), ...prerendered];

precacheAndRoute([
	...shell.map((url) => ({
		url,
		// Hashed build files are immutable; the rest change with the app version.
		revision: url.includes('/immutable/') ? null : version
	})),
	...__ENCLAVE_VENDORED__.map(({ url, revision }) => ({ url: `${base}${url}`, revision }))
]);
cleanupOutdatedCaches();
// The first install takes over the open page at once, so it works offline from the first visit.
clientsClaim();

// With SSR off every page is the same shell; the client router takes it from there.
registerRoute(new NavigationRoute(createHandlerBoundToURL(`${base}/`)));

// The model catalog is edited by administrators on the server: fresh when online, last copy offline.
registerRoute(
	({ url }) => url.origin === self.location.origin && url.pathname.startsWith(CONFIG_PREFIX),
	new NetworkFirst({ cacheName: 'enclave-config', networkTimeoutSeconds: 5 })
);

self.addEventListener('message', (event) => {
	if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
