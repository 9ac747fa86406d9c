/** What intake produces and storage keeps: the text plus, for PDFs, where every piece sits on the page. */

export type DocumentType = 'txt' | 'pdf' | 'docx' | 'paste';

/** One text run as pdf.js reports it, in PDF user-space units (origin bottom-left). */
export interface TextItem {
	/** Offset of this item's text within the document's full `text`. */
	start: number;
	end: number;
	x: number;
	y: number;
	width: number;
	height: number;
	/** Degrees, counter-clockwise, when the run is not horizontal (turned text). */
	angle?: number;
}

export interface PageInfo {
	number: number;
	/** Offset range of this page within the document's full `text`. */
	start: number;
	end: number;
	width: number;
	height: number;
	items: TextItem[];
}

export interface ExtractedDocument {
	text: string;
	type: DocumentType;
	/** Empty for formats without pages. */
	pages: PageInfo[];
	/** e.g. the detected encoding of a text file */
	encoding?: string;
	/** The PDF as imported: a redacted PDF is rendered from it. */
	original?: Uint8Array;
	/** Pages of a text PDF that carry (almost) no text, e.g. a scanned page inside it. */
	textlessPages?: number[];
}

export const PAGE_BREAK = '\f';
