/**
 * De-identification gold standards from disk, for the CLI and the corpus tests: a UIMA CAS JSON
 * file, a JSON Lines file, a BRAT `.txt` (or `.ann`) with its partner, or a folder of any of these
 * (subfolders included, as INCEpTION exports nest them). The parsing is the app's
 * (`$lib/eval/deid/ground-truth`); this file only finds and reads the files.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join, relative } from 'node:path';
import { EnclaveError } from '$lib/errors';
import {
	parseBrat,
	parseCasJson,
	parseJsonl,
	type CasOptions,
	type GoldDocument
} from '$lib/eval/deid/ground-truth';

export type CorpusFormat = 'cas' | 'jsonl' | 'brat';

/** What a file is, by its extension, else by its content. */
export function detectFormat(file: string, content: string): CorpusFormat | undefined {
	const ext = extname(file).toLowerCase();
	if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
	if (ext === '.ann' || ext === '.txt') return 'brat';
	if (content.includes('"%FEATURE_STRUCTURES"')) return 'cas';
	// One document a line: the first line alone is a JSON object with a text.
	const first =
		content
			.replace(/^\uFEFF/, '')
			.trimStart()
			.split('\n', 1)[0] ?? '';
	try {
		const record: unknown = JSON.parse(first);
		if (typeof record === 'object' && record !== null && 'text' in record) return 'jsonl';
	} catch {
		// Not a complete object on one line: a pretty-printed JSON file.
	}
	return ext === '.json' ? 'cas' : undefined;
}

async function exists(file: string): Promise<boolean> {
	return stat(file).then(
		(s) => s.isFile(),
		() => false
	);
}

async function loadBrat(file: string, options: CasOptions): Promise<GoldDocument> {
	const base = file.slice(0, -extname(file).length);
	const txt = `${base}.txt`;
	const ann = `${base}.ann`;
	if (!(await exists(txt)))
		throw new EnclaveError('evalDeid.missingText', {
			file: basename(ann),
			expected: basename(txt)
		});
	// Without an .ann file a text has no annotations (BRAT writes none for an untouched text).
	const annotations = (await exists(ann)) ? await readFile(ann, 'utf8') : '';
	return parseBrat(basename(base), await readFile(txt), annotations, {
		...options,
		annFile: basename(ann)
	});
}

async function loadFile(file: string, options: CasOptions): Promise<GoldDocument[]> {
	const content = await readFile(file, 'utf8');
	const format = detectFormat(file, content);
	const name = basename(file);
	if (format === 'brat') return [await loadBrat(file, options)];
	if (format === 'jsonl') return parseJsonl(name, content, options);
	if (format === 'cas') return [parseCasJson(name, content, options)];
	if (content.trim() === '') throw new EnclaveError('evalDeid.emptyFile', { file: name });
	throw new EnclaveError('evalDeid.unsupportedFormat', { file: name });
}

/** Files under a folder, sorted, hidden ones left out. */
async function walk(folder: string): Promise<string[]> {
	const entries = await readdir(folder, { withFileTypes: true });
	const files: string[] = [];
	for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
		if (entry.name.startsWith('.')) continue;
		const path = join(folder, entry.name);
		if (entry.isDirectory()) files.push(...(await walk(path)));
		else if (entry.isFile()) files.push(path);
	}
	return files;
}

/**
 * In a folder: `.json` files as CAS, `.jsonl` as JSON Lines, and each `.ann` with its `.txt`
 * (a `.txt` without an `.ann` is taken for a note, not a document). Other files are skipped.
 */
async function loadFolder(folder: string, options: CasOptions): Promise<GoldDocument[]> {
	const files = await walk(folder);
	const documents: GoldDocument[] = [];
	for (const file of files) {
		const ext = extname(file).toLowerCase();
		if (ext === '.ann') documents.push(await loadBrat(file, options));
		else if (ext === '.json' || ext === '.jsonl' || ext === '.ndjson')
			documents.push(...(await loadFile(file, options)));
	}
	if (documents.length === 0)
		throw new EnclaveError('evalDeid.noDocuments', {
			folder: relative(process.cwd(), folder) || folder
		});
	return documents;
}

/** Every gold document under `path` (a file or a folder). */
export async function loadDeidCorpus(
	path: string,
	options: CasOptions = {}
): Promise<GoldDocument[]> {
	const info = await stat(path);
	return info.isDirectory() ? loadFolder(path, options) : loadFile(path, options);
}
