/**
 * The text of an uploaded XML file, decoded as XML 1.0 (appendix F) says: a byte order mark
 * decides (UTF-8, UTF-16 LE/BE); else UTF-16 without a mark is recognised by `<?`; else the
 * encoding named in the XML declaration (`GBK`, `GB18030`, `GB2312`, `Big5`, `ISO-8859-1`, …, as
 * far as the WHATWG encodings Node's ICU knows); else UTF-8. Bytes that are not valid in that
 * encoding, an encoding we cannot decode, or a file that is not UTF-8 and declares nothing are
 * refused with a message saying so — never decoded into garbled names.
 */
import type { BpmnProblem } from './problems';
import { problem } from './problems';

export type Decoded = { ok: true; text: string } | { ok: false; problem: BpmnProblem };

/** The encoding the file's first bytes imply, before any declaration: `''` if none. */
function sniff(bytes: Uint8Array): { encoding: string; skip: number } {
	const [a, b, c, d] = bytes;
	if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', skip: 3 };
	if (a === 0xff && b === 0xfe && c === 0 && d === 0) return { encoding: 'utf-32le', skip: 4 };
	if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return { encoding: 'utf-32be', skip: 4 };
	if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', skip: 2 };
	if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', skip: 2 };
	if (a === 0x3c && b === 0 && c === 0x3f && d === 0) return { encoding: 'utf-16le', skip: 0 };
	if (a === 0 && b === 0x3c && c === 0 && d === 0x3f) return { encoding: 'utf-16be', skip: 0 };
	return { encoding: '', skip: 0 };
}

/** The `encoding` of the XML declaration (read as ASCII), or ''. */
function declared(bytes: Uint8Array): string {
	const head = String.fromCharCode(...bytes.subarray(0, 256));
	const match = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z][A-Za-z0-9._:-]*)["']/.exec(head);
	return match?.[1] ?? '';
}

function decoder(encoding: string): TextDecoder | undefined {
	try {
		return new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
	} catch {
		return undefined;
	}
}

/**
 * `text` with its declaration saying UTF-8: it is decoded now, and the parser (saxen) would
 * otherwise warn that it cannot read the declared encoding.
 */
function asDecoded(text: string): string {
	return text.replace(/^(\s*<\?xml\s[^>]*?encoding\s*=\s*)(["'])[^"']*\2/, '$1$2UTF-8$2');
}

/** The file's text, or why it cannot be read. */
export function decodeXml(bytes: Uint8Array): Decoded {
	const mark = sniff(bytes);
	const named = declared(bytes);
	const encoding = mark.encoding || named || 'utf-8';
	const shown = mark.encoding ? encoding.toUpperCase() : named || 'UTF-8';
	const refuse = (p: BpmnProblem): Decoded => ({ ok: false, problem: p });
	if (encoding.startsWith('utf-32')) {
		return refuse(problem('ENCODING_UNSUPPORTED', 'error', '', '', { encoding: shown }));
	}
	const read = decoder(encoding);
	if (!read) return refuse(problem('ENCODING_UNSUPPORTED', 'error', '', '', { encoding: shown }));
	try {
		return { ok: true, text: asDecoded(read.decode(bytes.subarray(mark.skip))) };
	} catch {
		if (!mark.encoding && !named) return refuse(problem('ENCODING_UNDECLARED', 'error', ''));
		return refuse(problem('ENCODING_INVALID', 'error', '', '', { encoding: shown }));
	}
}
