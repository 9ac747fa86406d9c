import type { DocumentType, ExtractedDocument } from './document';
import { extractDocx } from './docx-intake';
import { IntakeError } from './intake-errors';
import { extractPdf } from './pdf-intake';
import { extractText } from './text-intake';

export type IntakeType = Exclude<DocumentType, 'paste'>;

/** Bigger files are refused before reading: 50 MB is far beyond any letter or report. */
export const DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024;

const MB = 1024 * 1024;
const TEXT_EXTENSIONS = ['txt', 'text'];
const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const PDF_MAGIC = '%PDF-';
/** pdf.js, like Acrobat, accepts junk before the header within the first KB. */
const PDF_MAGIC_WINDOW = 1024;

/** The part of a browser File that intake needs (tests pass plain objects). */
export interface IntakeFile {
	name: string;
	size: number;
	type: string;
	arrayBuffer(): Promise<ArrayBuffer>;
}

export interface IntakeOptions {
	password?: string;
	maxBytes?: number;
	onProgress?: (donePages: number, totalPages: number) => void;
}

function extensionOf(name: string): string {
	const dot = name.lastIndexOf('.');
	return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

function hasPdfMagic(bytes: Uint8Array): boolean {
	const head = String.fromCharCode(...bytes.subarray(0, PDF_MAGIC_WINDOW));
	return head.includes(PDF_MAGIC);
}

/**
 * Which reader a file goes to. Content wins over the name for PDFs (a PDF saved as .txt is
 * still read as PDF); a .docx that is not a zip is left to the docx reader to report.
 */
export function detectType(name: string, mime: string, firstBytes: Uint8Array): IntakeType {
	const ext = extensionOf(name);
	if (hasPdfMagic(firstBytes) || ext === 'pdf' || mime === 'application/pdf') return 'pdf';
	if (ext === 'docx' || mime === DOCX_MIME) return 'docx';
	if (TEXT_EXTENSIONS.includes(ext) || mime === 'text/plain') return 'txt';
	throw new IntakeError('intake.unsupported', { name, ext: ext ? `.${ext}` : '' });
}

export function validateFile(
	file: { name: string; size: number },
	limits: { maxBytes?: number } = {}
): void {
	const maxBytes = limits.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
	if (file.size === 0) throw new IntakeError('intake.empty', { name: file.name });
	if (file.size > maxBytes) {
		throw new IntakeError('intake.tooLarge', {
			name: file.name,
			sizeMb: Math.round((file.size / MB) * 10) / 10,
			limitMb: Math.round((maxBytes / MB) * 10) / 10
		});
	}
}

/** Reads a picked or dropped file into text; every failure is an IntakeError. */
export async function extractFile(
	file: IntakeFile,
	opts: IntakeOptions = {}
): Promise<ExtractedDocument> {
	validateFile(file, { maxBytes: opts.maxBytes });
	const bytes = new Uint8Array(await file.arrayBuffer());
	// The size reported by the picker can differ from what was read (file changed on disk).
	validateFile({ name: file.name, size: bytes.length }, { maxBytes: opts.maxBytes });
	const type = detectType(file.name, file.type, bytes.subarray(0, PDF_MAGIC_WINDOW));
	const doc =
		type === 'pdf'
			? await extractPdf(bytes, file.name, opts)
			: type === 'docx'
				? await extractDocx(bytes, file.name)
				: extractText(bytes, file.name);
	if (doc.text.trim() === '') throw new IntakeError('intake.noText', { name: file.name });
	return type === 'pdf' ? { ...doc, original: bytes } : doc;
}
