import {
	deleteAllPatientData,
	patientRecordCount,
	requestPersistenceAgain,
	storageInfo,
	type StorageInfo
} from '$lib/storage/storage.repo';

/** Figures for the Storage page; refreshed on demand, since the browser has no change events for them. */
export class StorageStatus {
	info = $state<StorageInfo | null>(null);
	records = $state<number | null>(null);

	async refresh() {
		const [info, records] = await Promise.all([storageInfo(), patientRecordCount()]);
		this.info = info;
		this.records = records;
	}

	async askPersistence(): Promise<boolean> {
		const granted = await requestPersistenceAgain();
		await this.refresh();
		return granted;
	}

	async deleteAll() {
		await deleteAllPatientData();
		await this.refresh();
	}
}
