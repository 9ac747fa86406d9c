import { EnclaveError } from '$lib/errors';
import { createVault, passphraseStrength, rewrapVault, unlockVault } from '$lib/storage/crypto';
import { setKey } from '$lib/storage/sealed';
import { getSetting, setSetting } from '$lib/storage/settings.repo';
import { patientRecordCount } from '$lib/storage/storage.repo';
import {
	deleteWorkspace,
	getVaultRecord,
	logVaultEvent,
	replaceVaultRecord,
	saveNewVault,
	sealingPending,
	sealPlainRecords
} from '$lib/storage/vault.repo';
import { reportError } from './report-error';

export { MIN_PASSPHRASE_LENGTH, passphraseStrength } from '$lib/storage/crypto';

export type VaultStatus = 'loading' | 'new' | 'locked' | 'unlocked';
export type LockReason = 'manual' | 'idle' | 'otherTab';

export const DEFAULT_AUTO_LOCK_MINUTES = 15;
export const AUTO_LOCK_RANGE = { min: 1, max: 480 };
const AUTO_LOCK_SETTING = 'autoLockMinutes';
const CHANNEL = 'enclave-vault';
const IDLE_CHECK_MS = 10_000;
/** Activity is shared with the other tabs at most this often, so that a busy tab keeps them open. */
const SHARE_ACTIVITY_MS = 10_000;
const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'];

/** Between tabs: never a key or a passphrase, only what happened. */
type VaultMessage =
	| { type: 'lock' }
	| { type: 'activity' }
	| { type: 'created' }
	| { type: 'deleted' }
	| { type: 'autoLock'; minutes: number };

/**
 * The encrypted workspace of this tab: whether it is set up, locked or unlocked, and the one place
 * the key is set or dropped. Each tab asks for the passphrase itself; locking one locks all.
 */
class Vault {
	#status = $state<VaultStatus>('loading');
	#lockReason = $state<LockReason | null>(null);
	#autoLockMinutes = $state(DEFAULT_AUTO_LOCK_MINUTES);
	#plainRecords = $state(0);
	#lastActivity = Date.now();
	#lastShared = 0;
	#channel: BroadcastChannel | null = null;
	#lockListeners = new Set<() => void>();
	#unlockListeners = new Set<() => void>();

	get status(): VaultStatus {
		return this.#status;
	}

	get lockReason(): LockReason | null {
		return this.#lockReason;
	}

	get autoLockMinutes(): number {
		return this.#autoLockMinutes;
	}

	/** Records stored before encryption existed; they are sealed when the vault is set up. */
	get plainRecords(): number {
		return this.#plainRecords;
	}

	/** Reads the vault's state and watches activity and the other tabs; returns the clean-up. */
	start(): () => void {
		if (typeof BroadcastChannel !== 'undefined') {
			this.#channel = new BroadcastChannel(CHANNEL);
			this.#channel.onmessage = (e: MessageEvent<VaultMessage>) => this.#receive(e.data);
		}
		for (const type of ACTIVITY_EVENTS) {
			window.addEventListener(type, this.#onActivity, { passive: true, capture: true });
		}
		document.addEventListener('visibilitychange', this.#onVisibility);
		const timer = setInterval(this.#checkIdle, IDLE_CHECK_MS);
		void this.#load().catch(reportError);
		return () => {
			clearInterval(timer);
			for (const type of ACTIVITY_EVENTS) {
				window.removeEventListener(type, this.#onActivity, { capture: true });
			}
			document.removeEventListener('visibilitychange', this.#onVisibility);
			this.#channel?.close();
			this.#channel = null;
		};
	}

	async #load() {
		const [record, minutes] = await Promise.all([
			getVaultRecord(),
			getSetting(AUTO_LOCK_SETTING, DEFAULT_AUTO_LOCK_MINUTES)
		]);
		this.#autoLockMinutes = minutes;
		this.#plainRecords = record ? 0 : await patientRecordCount();
		if (this.#status !== 'unlocked') this.#status = record ? 'locked' : 'new';
	}

	/** First use: a new key under this passphrase; what was stored before is sealed with it. */
	async create(passphrase: string) {
		if (!passphraseStrength(passphrase).acceptable) throw new EnclaveError('vault.weakPassphrase');
		const { record, key } = await createVault(passphrase);
		try {
			await saveNewVault(record);
		} catch (err) {
			await this.#load();
			throw err;
		}
		this.#post({ type: 'created' });
		await this.#open(key);
	}

	/** A wrong passphrase throws `vault.wrongPassphrase` and writes nothing. */
	async unlock(passphrase: string) {
		const record = await getVaultRecord();
		if (!record) {
			await this.#load();
			return;
		}
		const key = await unlockVault(record, passphrase);
		await this.#open(key);
		await logVaultEvent('unlock', {});
	}

	async #open(key: CryptoKey) {
		setKey(key);
		try {
			// Sealing what was stored before encryption; an interrupted run goes on here.
			if (await sealingPending()) await sealPlainRecords();
		} catch (err) {
			setKey(null);
			this.#status = 'locked';
			throw err;
		}
		this.#plainRecords = 0;
		this.#status = 'unlocked';
		this.#lockReason = null;
		this.#lastActivity = Date.now();
		for (const listener of this.#unlockListeners) listener();
	}

	/** Drops the key; the screen shows the lock, and running jobs stop until the unlock. */
	lock(reason: LockReason = 'manual') {
		if (this.#status !== 'unlocked') return;
		setKey(null);
		this.#status = 'locked';
		this.#lockReason = reason;
		for (const listener of this.#lockListeners) listener();
		if (reason === 'otherTab') return;
		this.#post({ type: 'lock' });
		void logVaultEvent('lock', { reason }).catch(reportError);
	}

	/** Rewraps the same key under the new passphrase: quick, and the data stays as it is. */
	async changePassphrase(current: string, next: string) {
		if (!passphraseStrength(next).acceptable) throw new EnclaveError('vault.weakPassphrase');
		const record = await getVaultRecord();
		if (!record) throw new EnclaveError('vault.locked');
		await replaceVaultRecord(record, await rewrapVault(record, current, next));
	}

	/** The only way out of a forgotten passphrase: all patient data goes, and set-up starts over. */
	async deleteWorkspace() {
		this.#drop();
		await deleteWorkspace();
		this.#post({ type: 'deleted' });
		this.#status = 'loading';
		await this.#load();
	}

	async setAutoLockMinutes(minutes: number) {
		const value = Math.round(Math.min(Math.max(minutes, AUTO_LOCK_RANGE.min), AUTO_LOCK_RANGE.max));
		await setSetting(AUTO_LOCK_SETTING, value);
		this.#autoLockMinutes = value;
		this.#post({ type: 'autoLock', minutes: value });
	}

	/** Called after every lock (in this tab, by idle time or from another tab). */
	onLock(listener: () => void): () => void {
		this.#lockListeners.add(listener);
		return () => this.#lockListeners.delete(listener);
	}

	onUnlock(listener: () => void): () => void {
		this.#unlockListeners.add(listener);
		return () => this.#unlockListeners.delete(listener);
	}

	#drop() {
		const wasOpen = this.#status === 'unlocked';
		setKey(null);
		if (wasOpen) for (const listener of this.#lockListeners) listener();
	}

	#receive(message: VaultMessage) {
		switch (message.type) {
			case 'lock':
				this.lock('otherTab');
				break;
			case 'activity':
				this.#lastActivity = Date.now();
				break;
			case 'autoLock':
				this.#autoLockMinutes = message.minutes;
				break;
			case 'created':
				if (this.#status === 'new') void this.#load().catch(reportError);
				break;
			case 'deleted':
				this.#drop();
				this.#status = 'loading';
				void this.#load().catch(reportError);
				break;
		}
	}

	#post(message: VaultMessage) {
		this.#channel?.postMessage(message);
	}

	#onActivity = () => {
		const now = Date.now();
		this.#lastActivity = now;
		if (this.#status === 'unlocked' && now - this.#lastShared > SHARE_ACTIVITY_MS) {
			this.#lastShared = now;
			this.#post({ type: 'activity' });
		}
	};

	// Back to a tab after a long break: lock first if the time is up, then count it as activity.
	#onVisibility = () => {
		this.#checkIdle();
		if (document.visibilityState === 'visible') this.#onActivity();
	};

	#checkIdle = () => {
		if (this.#status !== 'unlocked') return;
		if (Date.now() - this.#lastActivity >= this.#autoLockMinutes * 60_000) this.lock('idle');
	};
}

export const vault = new Vault();
