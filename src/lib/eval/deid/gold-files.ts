/**
 * Gold-standard files a user picks in the app: INCEpTION CAS JSON, JSON Lines, or BRAT pairs
 * (`x.txt` + `x.ann`). Pure, so that the browser reads picked files the way the CLI reads a folder.
 */
import { EnclaveError } from '$lib/errors';
import {
	parseBrat,
	parseCasJson,
	parseJsonl,
	type CasOptions,
	type GoldDocument
} from './ground-truth';

export interface PickedFile {
	name: string;
	bytes: Uint8Array;
}

const extOf = (name: string) => /\.[^.]+$/.exec(name.toLowerCase())?.[0] ?? '';
const stem = (name: string) => name.slice(0, name.length - extOf(name).length);
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

export function parseGoldFiles(
	files: readonly PickedFile[],
	options: CasOptions = {}
): GoldDocument[] {
	const byName = new Map(files.map((f) => [f.name, f]));
	const documents: GoldDocument[] = [];
	for (const file of [...files].sort((a, b) => a.name.localeCompare(b.name))) {
		const ext = extOf(file.name);
		if (ext === '.jsonl' || ext === '.ndjson')
			documents.push(...parseJsonl(file.name, decode(file.bytes), options));
		else if (ext === '.json') documents.push(parseCasJson(file.name, decode(file.bytes), options));
		else if (ext === '.ann') {
			const txt = byName.get(`${stem(file.name)}.txt`);
			if (!txt)
				throw new EnclaveError('evalDeid.missingText', {
					file: file.name,
					expected: `${stem(file.name)}.txt`
				});
			documents.push(
				parseBrat(stem(file.name), txt.bytes, decode(file.bytes), {
					...options,
					annFile: file.name
				})
			);
		} else if (ext !== '.txt')
			throw new EnclaveError('evalDeid.unsupportedFormat', { file: file.name });
	}
	if (documents.length === 0)
		throw new EnclaveError('evalDeid.noDocuments', { folder: files.map((f) => f.name).join(', ') });
	return documents;
}
