import { json, type RequestEvent } from '@sveltejs/kit';
import { translate, type MessageKey } from '$lib/i18n';

/**
 * Form posts to pages (form actions, and /lang) checked before any page code runs:
 *
 * - CSRF: a POST/PUT/PATCH/DELETE with a form content type whose `Origin` is not this server's is
 *   refused, exactly as SvelteKit's own `csrf.checkOrigin` did. That built-in check is switched off
 *   in svelte.config.js because it also covered the API, where outside systems post multipart
 *   uploads without an `Origin`; /api/ is exempt here (cross-site API calls never act with a
 *   session, see hooks.server.ts).
 * - The body: anything but `application/x-www-form-urlencoded` or `multipart/form-data` (a JSON
 *   or `text/plain` body) is a 415, a body that cannot be parsed a 400, each with a Chinese
 *   message — not the 500 an action's `request.formData()` would otherwise raise. The parsed form
 *   is kept, so the action reads it without parsing it again.
 */

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];
/** What SvelteKit counts as form content types (what a cross-site HTML form can send). */
const CSRF_TYPES = [...FORM_TYPES, 'text/plain', 'application/x-sveltekit-formdata'];
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function contentType(request: Request): string {
	return (request.headers.get('content-type') ?? '').split(';', 1)[0]!.trim().toLowerCase();
}

/** True for paths whose handlers are the API (outside systems; no CSRF origin check). */
export function isApiPath(pathname: string): boolean {
	return pathname === '/api' || pathname.startsWith('/api/');
}

/** A short page with `message` (a sentence of the i18n catalogue), for answers made before any page. */
export function errorPage(event: RequestEvent, status: number, message: string): Response {
	const lang = event.locals.locale === 'zh' ? 'zh-CN' : 'en';
	const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${status} · 阳光运行</title></head><body><main><h1>${status}</h1><p>${message}</p><p><a href="/">阳光运行</a></p></main></body></html>`;
	return new Response(html, { status, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

/** The refusal, as JSON for scripts (`use:enhance`, API clients) and as a short page otherwise. */
function refuse(event: RequestEvent, status: number, code: string, key: MessageKey): Response {
	const message = translate(event.locals.locale, key);
	const accept = event.request.headers.get('accept') ?? '';
	if (accept.includes('application/json') || event.request.headers.has('x-sveltekit-action'))
		return json({ type: 'error', error: { code, message } }, { status });
	return errorPage(event, status, message);
}

/** A cross-site form post to a page (not the API): the 403 SvelteKit's CSRF check gave. */
export function crossSiteFormPost(event: RequestEvent): Response | null {
	const { request, url } = event;
	if (!UNSAFE.has(request.method) || isApiPath(url.pathname)) return null;
	if (!CSRF_TYPES.includes(contentType(request))) return null;
	if (request.headers.get('origin') === url.origin) return null;
	return refuse(event, 403, 'CROSS_SITE', 'http.error.CROSS_SITE');
}

function statusOf(err: unknown): number | undefined {
	const status = (err as { status?: unknown } | null)?.status;
	if (typeof status === 'number') return status;
	const cause = (err as { cause?: unknown } | null)?.cause;
	return cause && cause !== err ? statusOf(cause) : undefined;
}

/**
 * For a POST to a page or /lang: a refusal when the body is not a readable form, else null with
 * the parsed form kept on the request (`request.formData()` answers it again).
 */
export async function unreadableForm(event: RequestEvent): Promise<Response | null> {
	const { request, url } = event;
	// No route: the 404 says it all.
	if (request.method !== 'POST' || isApiPath(url.pathname) || event.route.id === null) return null;
	if (!FORM_TYPES.includes(contentType(request)))
		return refuse(event, 415, 'BAD_REQUEST', 'http.error.FORM_TYPE');
	let data: FormData;
	try {
		data = await request.formData();
	} catch (err) {
		// adapter-node stops a body over BODY_SIZE_LIMIT with a 413 error.
		if (statusOf(err) === 413)
			return refuse(event, 413, 'PAYLOAD_TOO_LARGE', 'http.error.FORM_TOO_LARGE');
		return refuse(event, 400, 'BAD_REQUEST', 'http.error.FORM_UNREADABLE');
	}
	Object.defineProperty(request, 'formData', { value: () => Promise.resolve(data) });
	return null;
}
