import type { ExtractedDocument } from './document';
import { IntakeError } from './intake-errors';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** How much of the start of a file the binary and UTF-16 sniffing look at. */
const SNIFF_CHARS = 8192;
/** Share of control characters above which a "text" file is taken to be binary. */
const MAX_CONTROL_SHARE = 0.05;

/**
 * Windows-1252 bytes 0x80–0x9F. Decoded by hand because Node's TextDecoder treats
 * windows-1252 as Latin-1 since 20.18.3 (nodejs/node#60888), and tests must see what browsers see.
 */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/** Line endings to \n and Unicode to NFC (macOS files may carry decomposed umlauts). */
export function normalizeText(text: string): string {
	return text.replace(/\r\n?/g, '\n').normalize('NFC');
}

export function decodeWindows1252(bytes: Uint8Array): string {
	const parts: string[] = [];
	const chunk = 8192;
	for (let at = 0; at < bytes.length; at += chunk) {
		const units = Array.from(bytes.subarray(at, at + chunk), (b) =>
			b >= 0x80 && b < 0xa0 ? WINDOWS_1252_HIGH.charCodeAt(b - 0x80) : b
		);
		parts.push(String.fromCharCode(...units));
	}
	return parts.join('');
}

/** UTF-16 without a BOM shows as a NUL in every other byte for Latin text. */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
	const n = Math.min(bytes.length, SNIFF_CHARS) & ~1;
	if (n < 4) return undefined;
	let evenZeros = 0;
	let oddZeros = 0;
	for (let i = 0; i < n; i += 2) {
		if (bytes[i] === 0) evenZeros++;
		if (bytes[i + 1] === 0) oddZeros++;
	}
	const pairs = n / 2;
	if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.02) return 'utf-16le';
	if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.02) return 'utf-16be';
	return undefined;
}

/**
 * Decodes a text file: BOM first, then UTF-16 sniffing, then strict UTF-8, and Windows-1252
 * (which covers Latin-1, the usual legacy encoding of German letters) when UTF-8 is invalid.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
	const [b0, b1, b2] = bytes;
	if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) {
		// A BOM is a strong signal: keep UTF-8 and let stray bad bytes become U+FFFD.
		return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
	}
	if (b0 === 0xff && b1 === 0xfe) {
		return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
	}
	if (b0 === 0xfe && b1 === 0xff) {
		return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
	}
	const utf16 = sniffUtf16(bytes);
	if (utf16) return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16 };
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
	} catch {
		return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
	}
}

/** NULs or many control characters (other than tab, newlines, form feed) mean not a text file. */
export function looksBinary(text: string): boolean {
	const sample = text.slice(0, SNIFF_CHARS);
	if (sample.length === 0) return false;
	let control = 0;
	for (let i = 0; i < sample.length; i++) {
		const c = sample.charCodeAt(i);
		if (c === 0) return true;
		const isC0 = c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0b && c !== 0x0c && c !== 0x0d;
		if (isC0 || (c >= 0x7f && c < 0xa0)) control++;
	}
	return control / sample.length > MAX_CONTROL_SHARE;
}

export function extractText(bytes: Uint8Array, name: string): ExtractedDocument {
	const { text, encoding } = decodeText(bytes);
	if (looksBinary(text)) throw new IntakeError('intake.binary', { name });
	return { text: normalizeText(text), type: 'txt', pages: [], encoding };
}
