/**
 * Text as people see it: what is left of a name once the characters nobody can see are removed,
 * and file names made safe to store and show. Pure (no Node, no DOM).
 *
 * Invisible here: control characters (Unicode Cc), format characters (Cf: zero-width spaces and
 * joiners, bidirectional marks, embeddings, overrides and isolates, the BOM, soft hyphens…), line
 * and paragraph separators, private-use characters, and the Hangul and braille blanks that
 * render as nothing; plus ordinary white space.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\u115f\u1160\u3164\uffa0\u2800\s]/gu;

/** Characters that must never be inside a name: controls and the bidirectional overrides. */
const FORBIDDEN = /[\p{Cc}\u202a-\u202e\u2066-\u2069\u061c\u200e\u200f]/u;

/** `s` without its invisible characters and white space: empty when nothing in it can be seen. */
export const visiblePart = (s: string): string => s.replace(INVISIBLE, '');

/**
 * Why a person's or organisation's name cannot be taken, or null: 'INVISIBLE' when nothing of it
 * can be seen, 'CONTROL_CHARS' when it holds control characters or text-direction overrides
 * (which make a name read differently from what is stored).
 */
export function nameProblem(name: string): 'INVISIBLE' | 'CONTROL_CHARS' | null {
	if (!name.trim()) return null; // empty: the caller's "required" says so
	if (!visiblePart(name)) return 'INVISIBLE';
	if (FORBIDDEN.test(name)) return 'CONTROL_CHARS';
	return null;
}

/** Longest file name kept, in characters (the extension is kept when a name is shortened). */
export const FILE_NAME_MAX = 100;

/**
 * A file name safe to store, show and send in a header: only the last path part (a client may
 * send `C:\\fakepath\\x.pdf` or `../../x`), NFC, no invisible or control characters (so no
 * right-to-left override makes `gpj.exe` read `exe.jpg`), none of `<>:"/\\|?*`, no leading dots or
 * trailing dots and spaces, at most FILE_NAME_MAX characters; `fallback` when nothing is left.
 */
export function safeFileName(raw: string, fallback = 'file'): string {
	const last = raw.split(/[/\\]/).pop() ?? '';
	let name = last
		.normalize('NFC')
		.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}]/gu, '')
		.replace(/[<>:"|?*]/g, '_')
		.replace(/\s+/g, ' ')
		.replace(/^[\s.]+|[\s.]+$/g, '');
	const chars = [...name];
	if (chars.length > FILE_NAME_MAX) {
		const dot = name.lastIndexOf('.');
		const ext = dot > 0 ? [...name.slice(dot)] : [];
		const keepExt = ext.length > 0 && ext.length <= 10 ? ext : [];
		name = chars.slice(0, FILE_NAME_MAX - keepExt.length).join('') + keepExt.join('');
	}
	return visiblePart(name) ? name : fallback;
}
