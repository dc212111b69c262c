import {
	isRedirect,
	json,
	redirect,
	type Handle,
	type HandleServerError,
	type RequestEvent,
	type ServerInit
} from '@sveltejs/kit';
import { isLocale, translate, type Locale } from '$lib/i18n';
import { getApp, startApp } from '$lib/server/app';
import { actionName, decideAccess, DEPARTMENT_TOKEN, FEED_TOKEN } from '$lib/server/auth/access';
import { bearerToken } from '$lib/server/auth/api-token';
import {
	clearSessionCookie,
	LANG_COOKIE,
	SESSION_COOKIE,
	setSessionCookie
} from '$lib/server/auth/cookies';
import { validateSessionToken } from '$lib/server/auth/session';
import { resolveApiToken } from '$lib/server/services/api-token-service';
import { FEED_TOKEN_PREFIX, resolveFeedToken } from '$lib/server/services/feed-service';
import { audit, inTransaction } from '$lib/server/services/context';
import { countDenied } from '$lib/server/services/denial-tally';
import { serviceContext } from '$lib/server/request';
import { isCrossOrigin, preflight, withCors } from '$lib/server/http/cors';
import { crossSiteFormPost, errorPage, isApiPath, unreadableForm } from '$lib/server/http/forms';
import { withSecurityHeaders } from '$lib/server/http/headers';

export const init: ServerInit = async () => {
	await startApp();
};

function localeOf(event: RequestEvent): Locale {
	const fromCookie = event.cookies.get(LANG_COOKIE);
	if (isLocale(fromCookie)) return fromCookie;
	return 'zh';
}

/**
 * Every answer, whoever made it, leaves with the security headers (CSP, frame-ancestors, nosniff,
 * referrer policy, HSTS over HTTPS) and, on the API and the catalogue downloads, CORS.
 */
export const handle: Handle = async ({ event, resolve }) => {
	event.locals.locale = localeOf(event);
	let response: Response;
	try {
		response = await answer({ event, resolve });
	} catch (err) {
		if (isRedirect(err))
			response = new Response(null, { status: err.status, headers: { location: err.location } });
		else {
			// SvelteKit would answer with the static error page, without these headers.
			console.error('[sunlit] unexpected error', event.url.pathname, err);
			response = errorPage(event, 500, translate(event.locals.locale, 'error.UNKNOWN'));
		}
	}
	return withCors(event, withSecurityHeaders(response, event.url));
};

/** A POST naming an action that is no action of any page: `default` itself, `constructor`, `__proto__`, … */
function reservedActionName(url: URL): boolean {
	const key = [...url.searchParams.keys()].find((k) => k.startsWith('/'));
	if (key === undefined) return false;
	const name = key.slice(1);
	return name === 'default' || name in Object.prototype;
}

const answer: Handle = async ({ event, resolve }) => {
	const app = getApp();
	event.locals.user = null;
	event.locals.session = null;
	event.locals.apiToken = null;
	event.locals.feedToken = null;
	const isApi = isApiPath(event.url.pathname);

	// Preflight of a cross-origin API call: answered before the access table (no login asked).
	const options = preflight(event);
	if (options) return options;
	// SvelteKit's CSRF check, for pages only (svelte.config.js): outside systems post to the API.
	const crossSite = crossSiteFormPost(event);
	if (crossSite) return crossSite;

	// A department's system calls the API with its token; such a request is that department only.
	const bearer = isApi ? bearerToken(event.request) : null;
	// An upstream hall reads the feed with its feed token (another prefix: never a department).
	const feed = bearer?.startsWith(FEED_TOKEN_PREFIX)
		? resolveFeedToken(app.db, bearer, app.clock.now())
		: undefined;
	if (feed) event.locals.feedToken = { tokenId: feed.id, name: feed.name };
	else if (bearer !== null) {
		const row = bearer ? resolveApiToken(app.db, bearer, app.clock.now()) : undefined;
		if (!row) {
			auditDenied(
				event,
				{
					method: event.request.method,
					path: event.url.pathname,
					token: 'invalid'
				},
				false
			);
			return json(
				{
					error: {
						code: 'TOKEN_INVALID',
						message: translate(event.locals.locale, 'integration.error.TOKEN_INVALID')
					}
				},
				{ status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token"' } }
			);
		}
		event.locals.apiToken = {
			tokenId: row.id,
			name: row.name,
			departmentId: row.department_id,
			departmentCode: row.department_code,
			departmentName: row.department_name
		};
	}

	// A browser on another site calling the API never acts with the session it holds here.
	const token =
		event.locals.apiToken || event.locals.feedToken || (isApi && isCrossOrigin(event))
			? undefined
			: event.cookies.get(SESSION_COOKIE);
	if (token) {
		const valid = validateSessionToken(app.db, token, app.clock.now(), app.sessionPolicy);
		if (valid) {
			event.locals.user = valid.user;
			event.locals.session = valid.session;
			if (valid.refreshed) setSessionCookie(event, token, valid.session.expires_at);
		} else {
			clearSessionCookie(event);
		}
	}

	const method = event.request.method === 'HEAD' ? 'GET' : event.request.method;
	// Form actions belong to pages; an API POST names none.
	const action = method === 'POST' && !isApi ? actionName(event.url) : null;
	// A POST naming the reserved action `?/default` makes SvelteKit throw (a 500), and names such
	// as `?/constructor` or `?/__proto__` reach what every object inherits: no page of Sunlit posts
	// there, so they are simply actions that do not exist.
	if (method === 'POST' && !isApi && reservedActionName(event.url))
		return json(
			{ error: { code: 'NOT_FOUND', message: translate(event.locals.locale, 'notFound.title') } },
			{ status: 404 }
		);
	const decision = decideAccess({
		routeId: event.route.id,
		method,
		action,
		user: event.locals.apiToken
			? { roles: [DEPARTMENT_TOKEN] }
			: event.locals.feedToken
				? { roles: [FEED_TOKEN] }
				: event.locals.user
	});
	if (decision !== 'allow') {
		const user = event.locals.user;
		// Anonymous page views that are sent to the login page are ordinary navigation; every
		// other refusal is a security fact and goes on the audit chain.
		if (user || event.locals.apiToken || event.locals.feedToken || method !== 'GET') {
			auditDenied(
				event,
				{ method, path: event.url.pathname, action, signedIn: !!user },
				!!(user || event.locals.apiToken || event.locals.feedToken)
			);
		}
		const message = translate(
			event.locals.locale,
			decision === 'login' ? 'error.NOT_SIGNED_IN' : 'forbidden.message'
		);
		if (isApi || method !== 'GET') {
			return json(
				{ error: { code: decision === 'login' ? 'AUTH_REQUIRED' : 'FORBIDDEN', message } },
				{ status: decision === 'login' ? 401 : 403 }
			);
		}
		const here = encodeURIComponent(event.url.pathname + event.url.search);
		if (decision === 'login') redirect(303, `/login?next=${here}`);
		// Shown inside the normal shell (an error thrown here would get the bare static page).
		redirect(303, `/forbidden?from=${here}`);
	}

	// A form post whose body is no readable form: a 4xx with a message, before the action runs.
	const unreadable = await unreadableForm(event);
	if (unreadable) return unreadable;

	return resolve(event, {
		transformPageChunk: ({ html }) =>
			html.replace('%lang%', event.locals.locale === 'zh' ? 'zh-CN' : 'en')
	});
};

/**
 * Errors no code of Sunlit answered: a 404, a request SvelteKit itself refused (4xx, e.g. a form
 * action posted as JSON: 415) — said as such, not as a failure to retry — or a real fault (5xx,
 * logged).
 */
export const handleError: HandleServerError = ({ error: err, event, status }) => {
	if (status >= 500) console.error('[sunlit] unexpected error', event.url.pathname, err);
	return {
		message: translate(
			event.locals.locale ?? 'zh',
			status === 404 ? 'notFound.title' : status < 500 ? 'error.BAD_REQUEST' : 'error.UNKNOWN'
		),
		code: status === 404 ? 'NOT_FOUND' : status < 500 ? 'BAD_REQUEST' : 'UNEXPECTED'
	};
};

/**
 * A refused request, on the audit chain (a security fact): one record each when someone known was
 * refused (a signed-in user, a valid token); refused anonymous requests and bad tokens are only
 * counted, one audit record per address and hour (see `services/denial-tally.ts`).
 */
function auditDenied(
	event: RequestEvent,
	payload: {
		method: string;
		path: string;
		action?: string | null;
		token?: string;
		signedIn?: boolean;
	},
	known: boolean
): void {
	const ctx = serviceContext(event);
	if (!known) {
		countDenied(ctx.db, ctx.clock.now(), ctx.ip, { ...payload, token: !!payload.token });
		return;
	}
	inTransaction(ctx, () =>
		audit(ctx, { action: 'access.denied', objectType: 'route', objectId: event.route.id, payload })
	);
}
