import type { RequestEvent } from '@sveltejs/kit';
import { isApiPath } from './forms';

/**
 * Cross-origin use of the API (docs/integration.md): every /api/ route and the hall's catalogue
 * downloads answer any origin with `Access-Control-Allow-Origin: *` — never with credentials, and
 * a cross-origin API request is never signed in with the browser's session (hooks.server.ts): a
 * browser app on another site reads the public API and calls the token API with its own token.
 * Preflight (OPTIONS) is answered here, before the access table (which would ask for a login).
 */

/** The hall's public downloads that are read like the API. */
const PUBLIC_DOWNLOADS = new Set(['/(hall)/catalogue.csv', '/(hall)/catalogue.xlsx']);

export function isCorsRoute(event: RequestEvent): boolean {
	if (event.route.id === null) return false;
	return isApiPath(event.url.pathname) || PUBLIC_DOWNLOADS.has(event.route.id);
}

const EXPOSED = 'ETag, Location, Retry-After, Content-Disposition, WWW-Authenticate';

/** The 204 to a preflight (or any OPTIONS) on a cross-origin route. */
export function preflight(event: RequestEvent): Response | null {
	if (event.request.method !== 'OPTIONS' || !isCorsRoute(event)) return null;
	return new Response(null, {
		status: 204,
		headers: {
			'access-control-allow-origin': '*',
			'access-control-allow-methods': 'GET, HEAD, POST, OPTIONS',
			'access-control-allow-headers':
				'Authorization, Content-Type, If-None-Match, Accept, Accept-Language',
			'access-control-max-age': '600',
			allow: 'GET, HEAD, POST, OPTIONS'
		}
	});
}

/** Adds the CORS headers to an answer of a cross-origin route. */
export function withCors(event: RequestEvent, response: Response): Response {
	if (!isCorsRoute(event)) return response;
	response.headers.set('access-control-allow-origin', '*');
	response.headers.set('access-control-expose-headers', EXPOSED);
	return response;
}

/** True when the request names another origin than this server's (a browser on another site). */
export function isCrossOrigin(event: RequestEvent): boolean {
	const origin = event.request.headers.get('origin');
	return origin !== null && origin !== event.url.origin;
}
