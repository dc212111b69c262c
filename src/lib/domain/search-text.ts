/**
 * Full-text search for Chinese without a word segmenter: Han text is indexed as overlapping
 * two-character pieces (食品经营 → 食品 品经 经营), other scripts as lower-cased words. A query of
 * two or more Han characters becomes the phrase of its pieces, which matches exactly where the
 * query occurs as a substring; so 许可, 经营许可 and 营许 all find 食品经营许可. A single Han
 * character is looked up in a separate column holding each distinct character of the text once.
 */

/** The column of the index that holds single characters (see `charsText`). */
export const CHARS_COLUMN = 'chars';

const RUN = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu;
const HAN = /^\p{Script=Han}+$/u;

function pieces(run: string): string[] {
	const chars = [...run];
	if (chars.length === 1) return chars;
	const out: string[] = [];
	for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
	return out;
}

/** The text as the index stores it: space-separated pieces. */
export function indexText(text: string): string {
	const out: string[] = [];
	for (const m of text.matchAll(RUN)) {
		const run = m[0];
		if (HAN.test(run)) out.push(...pieces(run));
		else out.push(run.toLowerCase());
	}
	return out.join(' ');
}

/** Every distinct Han character of the text, space-separated, for single-character queries. */
export function charsText(text: string): string {
	const seen = new Set<string>();
	for (const m of text.matchAll(/\p{Script=Han}/gu)) seen.add(m[0]);
	return [...seen].join(' ');
}

export interface SearchQuery {
	/** An FTS5 MATCH expression (all terms required), or null when there is nothing to look up. */
	match: string | null;
	/** Every term, for highlighting. */
	terms: string[];
}

/** Parses what a visitor typed; terms separated by spaces must all occur. */
export function parseQuery(input: string): SearchQuery {
	const terms = input
		.trim()
		.split(/\s+/u)
		.map((t) => t.trim())
		.filter(Boolean)
		.slice(0, 8);
	const phrases: string[] = [];
	for (const term of terms) {
		for (const m of term.matchAll(RUN)) {
			const run = m[0];
			if (HAN.test(run)) {
				if ([...run].length === 1) phrases.push(`${CHARS_COLUMN} : "${run}"`);
				else phrases.push(`"${pieces(run).join(' ')}"`);
			} else phrases.push(`"${run.toLowerCase()}"*`);
		}
	}
	return { match: phrases.length ? phrases.join(' AND ') : null, terms };
}

export interface Segment {
	text: string;
	hit: boolean;
}

/** Splits text into plain and matching segments (case-insensitive) for highlighting. */
export function highlight(text: string, terms: readonly string[]): Segment[] {
	const needles = [...new Set(terms.map((t) => t.toLowerCase()).filter(Boolean))];
	if (!needles.length) return [{ text, hit: false }];
	const lower = text.toLowerCase();
	const marks = new Array<boolean>(text.length).fill(false);
	for (const n of needles) {
		let at = lower.indexOf(n);
		while (at >= 0) {
			for (let i = at; i < at + n.length; i++) marks[i] = true;
			at = lower.indexOf(n, at + n.length);
		}
	}
	const out: Segment[] = [];
	for (let i = 0; i < text.length; i++) {
		const last = out[out.length - 1];
		if (last && last.hit === marks[i]) last.text += text[i];
		else out.push({ text: text[i]!, hit: marks[i]! });
	}
	return out;
}

/** A window of about `width` characters around the first hit, with ellipses where cut. */
export function snippet(text: string, terms: readonly string[], width = 80): Segment[] | null {
	const lower = text.toLowerCase();
	const first = Math.min(...terms.map((t) => lower.indexOf(t.toLowerCase())).filter((i) => i >= 0));
	if (!Number.isFinite(first)) return null;
	const start = Math.max(0, first - Math.floor(width / 3));
	const end = Math.min(text.length, start + width);
	const body = (start > 0 ? '…' : '') + text.slice(start, end) + (end < text.length ? '…' : '');
	return highlight(body, terms);
}
