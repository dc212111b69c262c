/**
 * A redirect target a visitor may choose (`/lang`'s `redirect`): a path of this site only. Absolute
 * URLs, scheme-relative `//host`, backslashes (`/\host`, which browsers read as `//host`), their
 * percent-encoded forms (`/%5Chost`, `/%2F%2Fhost`) and control characters all become `/`.
 */
export function sameSitePath(raw: unknown): string {
	if (typeof raw !== 'string' || raw.length > 2000) return '/';
	if (!raw.startsWith('/') || raw.startsWith('//')) return '/';
	// eslint-disable-next-line no-control-regex
	const unsafe = (s: string) => s.includes('\\') || /[\u0000-\u001f\u007f]/.test(s);
	if (unsafe(raw)) return '/';
	const path = raw.split(/[?#]/, 1)[0]!;
	let decoded: string;
	try {
		decoded = decodeURIComponent(path);
	} catch {
		return '/';
	}
	if (unsafe(decoded) || decoded.startsWith('//')) return '/';
	const base = 'http://sunlit.invalid';
	const url = new URL(raw, base);
	if (url.origin !== base) return '/';
	return url.pathname + url.search + url.hash;
}
