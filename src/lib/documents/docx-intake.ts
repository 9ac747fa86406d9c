import type { ExtractedDocument } from './document';
import { IntakeError } from './intake-errors';
import { normalizeText } from './text-intake';

/** OLE compound file: what Word writes for password-protected .docx (and for old .doc). */
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * Raw text of a Word .docx, paragraphs separated by a blank line. mammoth is imported on
 * first use; its browser bundle is used everywhere because the package entry needs Node
 * polyfills under Vite, and tests should run the same code as the browser.
 */
export async function extractDocx(bytes: Uint8Array, name: string): Promise<ExtractedDocument> {
	if (OLE_MAGIC.every((b, i) => bytes[i] === b)) {
		throw new IntakeError('intake.docxProtected', { name });
	}
	const { default: mammoth } = await import('mammoth/mammoth.browser.js');
	let raw: string;
	try {
		({ value: raw } = await mammoth.extractRawText({ arrayBuffer: bytes.slice().buffer }));
	} catch (err) {
		throw new IntakeError('intake.docxCorrupt', { name }, { cause: err });
	}
	// mammoth ends every paragraph with a blank line, the last one included.
	return { text: normalizeText(raw).replace(/\n+$/, ''), type: 'docx', pages: [] };
}
