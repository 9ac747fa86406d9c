export type ToastKind = 'info' | 'success' | 'error';

export interface Toast {
	id: number;
	kind: ToastKind;
	message: string;
	detail?: string;
}

/** Short notices in a corner; errors stay until dismissed. */
class Toasts {
	#items = $state<Toast[]>([]);
	#next = 1;

	get items(): readonly Toast[] {
		return this.#items;
	}

	show(kind: ToastKind, message: string, detail?: string): number {
		const id = this.#next++;
		this.#items.push({ id, kind, message, ...(detail ? { detail } : {}) });
		if (kind !== 'error') setTimeout(() => this.dismiss(id), 5000);
		return id;
	}

	dismiss(id: number) {
		this.#items = this.#items.filter((t) => t.id !== id);
	}

	reset() {
		this.#items = [];
	}
}

export const toasts = new Toasts();
