import { Workbox } from 'workbox-window';

/** Registers the service worker and tells the UI when a new version waits. */
class AppUpdate {
	#waiting = $state(false);
	#wb: Workbox | undefined;
	#reloadWhenControlled = false;

	get waiting() {
		return this.#waiting;
	}

	/** `onOfflineReady` runs once, when the first install has cached the whole app. */
	register(url: string, onOfflineReady?: () => void) {
		if (!('serviceWorker' in navigator) || this.#wb) return;
		const wb = new Workbox(url, { type: 'module' });
		wb.addEventListener('waiting', () => (this.#waiting = true));
		wb.addEventListener('installed', (event) => {
			if (!event.isUpdate) onOfflineReady?.();
		});
		// The new worker took over after "Reload": load the page from it.
		wb.addEventListener('controlling', () => {
			if (this.#reloadWhenControlled) window.location.reload();
		});
		this.#wb = wb;
		wb.register().catch((err: unknown) => {
			console.warn('Service worker registration failed', err instanceof Error ? err.name : '');
		});
	}

	applyUpdate() {
		this.#reloadWhenControlled = true;
		this.#wb?.messageSkipWaiting();
	}
}

export const appUpdate = new AppUpdate();
