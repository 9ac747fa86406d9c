import { Workbox } from 'workbox-window';

/** Registers the service worker and tells the UI when a new version waits. */
class AppUpdate {
	#waiting = $state(false);
	#offlineReady = $state(false);
	#wb: Workbox | undefined;

	get waiting() {
		return this.#waiting;
	}

	get offlineReady() {
		return this.#offlineReady;
	}

	register(url: string) {
		if (!('serviceWorker' in navigator) || this.#wb) return;
		const wb = new Workbox(url, { type: 'module' });
		wb.addEventListener('waiting', () => (this.#waiting = true));
		wb.addEventListener('installed', (event) => {
			if (!event.isUpdate) this.#offlineReady = true;
		});
		// The new worker took over after "Reload": load the page from it.
		wb.addEventListener('controlling', (event) => {
			if (event.isUpdate) window.location.reload();
		});
		this.#wb = wb;
		wb.register().catch((err: unknown) => {
			console.warn('Service worker registration failed', err instanceof Error ? err.name : '');
		});
	}

	applyUpdate() {
		this.#wb?.messageSkipWaiting();
	}
}

export const appUpdate = new AppUpdate();
