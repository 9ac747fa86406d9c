/** Saves a file the app made. Callers pass neutral names: document names can carry patient names. */
export function downloadBlob(blob: Blob, fileName: string) {
	const a = document.createElement('a');
	a.href = URL.createObjectURL(blob);
	a.download = fileName;
	a.click();
	setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
