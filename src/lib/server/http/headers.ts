/**
 * Headers every answer carries (hooks.server.ts adds them after the page or endpoint answered).
 *
 * SvelteKit sends the Content-Security-Policy of pages it renders (`kit.csp` in svelte.config.js,
 * with hashes or nonces for its own inline script). Anything else that is HTML — the static error
 * page, a refusal made by the hook — gets FALLBACK_CSP (no script). Every answer gets
 * X-Frame-Options DENY (frame-ancestors for files, JSON and old browsers), nosniff and a
 * same-origin referrer policy; HSTS when the site is served over HTTPS. Files (PDF, images) get
 * no CSP of their own: Chromium's PDF viewer does not open under a sandboxing policy.
 */

/** For HTML that SvelteKit did not render: no script at all. */
export const FALLBACK_CSP =
	"default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** HSTS for a site served over HTTPS: one year. */
export const HSTS = 'max-age=31536000';

/** Adds the security headers to `response` (in place when its headers can be changed). */
export function withSecurityHeaders(response: Response, url: URL): Response {
	let res = response;
	try {
		res.headers.set('x-content-type-options', 'nosniff');
	} catch {
		// Immutable headers (a fetched response passed through): copy it.
		res = new Response(response.body, response);
		res.headers.set('x-content-type-options', 'nosniff');
	}
	const h = res.headers;
	h.set('referrer-policy', 'same-origin');
	h.set('x-frame-options', 'DENY');
	if (url.protocol === 'https:') h.set('strict-transport-security', HSTS);
	const csp = h.get('content-security-policy');
	const type = (h.get('content-type') ?? '').toLowerCase();
	if (type.startsWith('text/html')) {
		if (!csp) h.set('content-security-policy', FALLBACK_CSP);
		else if (!csp.includes('frame-ancestors'))
			h.set('content-security-policy', `${csp}; frame-ancestors 'none'`);
	}
	return res;
}
