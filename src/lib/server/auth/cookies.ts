import type { RequestEvent } from '@sveltejs/kit';

export const SESSION_COOKIE = 'sunlit_session';
export const LANG_COOKIE = 'sunlit_lang';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * Secure everywhere but loopback, so the cookie never travels over plain HTTP in production.
 * `SUNLIT_COOKIE_SECURE=false` allows a plain-HTTP intranet install (discouraged; see docs).
 */
export function secureCookies(event: RequestEvent): boolean {
	const setting = process.env.SUNLIT_COOKIE_SECURE;
	if (setting === 'false') return false;
	if (setting === 'true') return true;
	return event.url.protocol === 'https:' || !LOOPBACK.has(event.url.hostname);
}

export function setSessionCookie(event: RequestEvent, token: string, expiresAt: number): void {
	event.cookies.set(SESSION_COOKIE, token, {
		httpOnly: true,
		sameSite: 'lax',
		secure: secureCookies(event),
		expires: new Date(expiresAt),
		path: '/'
	});
}

export function clearSessionCookie(event: RequestEvent): void {
	event.cookies.delete(SESSION_COOKIE, {
		httpOnly: true,
		sameSite: 'lax',
		secure: secureCookies(event),
		path: '/'
	});
}
