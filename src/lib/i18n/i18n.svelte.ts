import { documentMessages } from '$lib/documents/messages';
import { ocrMessages } from '$lib/documents/ocr-messages';
import { engineMessages } from '$lib/engine/messages';
import { evalDeidMessages } from '$lib/eval/deid/messages';
import { evalMessages } from '$lib/eval/messages';
import { isQuotaError, storageMessages } from '$lib/storage/messages';
import { deidMessages } from '$lib/tasks/deid/messages';
import { deidPdfMessages } from '$lib/tasks/deid/pdf/messages';
import { extractMessages } from '$lib/tasks/extract/messages';
import { lettersMessages } from '$lib/tasks/letters/messages';
import { EnclaveError } from '$lib/errors';
import de from './de';
import en, { type Messages } from './en';

export type Locale = 'en' | 'de';
export const locales: Locale[] = ['en', 'de'];

type ErrorTexts = Record<string, (p: Record<string, string | number>) => string>;

/** Every module's error messages, by code; each module keeps its own en and de texts. */
const errorModules: Record<Locale, ErrorTexts>[] = [
	documentMessages,
	ocrMessages,
	engineMessages,
	evalMessages,
	evalDeidMessages,
	storageMessages,
	extractMessages,
	deidMessages,
	deidPdfMessages,
	lettersMessages
];

const errorsFor = (locale: Locale): ErrorTexts =>
	Object.assign({}, ...errorModules.map((m) => m[locale])) as ErrorTexts;

const catalogs: Record<Locale, { ui: Messages; errors: ErrorTexts }> = {
	en: { ui: en, errors: errorsFor('en') },
	de: { ui: de, errors: errorsFor('de') }
};

// The UI language is not patient data, and it must be known before IndexedDB opens.
const STORAGE_KEY = 'enclave.locale';

function initialLocale(): Locale {
	const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
	if (saved === 'en' || saved === 'de') return saved;
	return globalThis.navigator?.language?.toLowerCase().startsWith('de') ? 'de' : 'en';
}

class I18n {
	#locale = $state<Locale>(initialLocale());

	get locale(): Locale {
		return this.#locale;
	}

	set locale(value: Locale) {
		this.#locale = value;
		globalThis.localStorage?.setItem(STORAGE_KEY, value);
		if (typeof document !== 'undefined') document.documentElement.lang = value;
	}

	/** The messages of the current language. */
	get t(): Messages {
		return catalogs[this.#locale].ui;
	}

	/** A message a clinician understands, for any error; never the raw text of an unknown one. */
	describe(err: unknown): string {
		const { ui, errors } = catalogs[this.#locale];
		if (err instanceof EnclaveError) {
			const text = errors[err.code];
			if (text) return text(err.params);
		}
		if (isQuotaError(err)) return ui.errors.quota;
		return ui.errors.generic;
	}

	formatBytes(bytes: number): string {
		const units = ['B', 'KB', 'MB', 'GB', 'TB'];
		let value = bytes;
		let unit = 0;
		while (value >= 1000 && unit < units.length - 1) {
			value /= 1000;
			unit++;
		}
		const digits = unit === 0 || value >= 100 ? 0 : 1;
		return `${value.toLocaleString(this.#locale, { maximumFractionDigits: digits })} ${units[unit]}`;
	}

	formatDate(ms: number): string {
		return new Date(ms).toLocaleString(this.#locale, { dateStyle: 'medium', timeStyle: 'short' });
	}

	formatNumber(n: number, digits = 0): string {
		return n.toLocaleString(this.#locale, { maximumFractionDigits: digits });
	}

	formatDuration(seconds: number): string {
		if (seconds < 1) return `${this.formatNumber(seconds * 1000)} ms`;
		if (seconds < 90) return `${this.formatNumber(seconds, 1)} s`;
		const minutes = Math.round(seconds / 60);
		if (minutes < 90) return `${minutes} min`;
		return `${this.formatNumber(minutes / 60, 1)} h`;
	}
}

export const i18n = new I18n();
