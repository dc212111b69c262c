import { fail, redirect } from '@sveltejs/kit';
import { homeFor } from '$lib/domain/roles';
import { translate } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import { SESSION_COOKIE, setSessionCookie } from '$lib/server/auth/cookies';
import { invalidateSession, sessionIdFromToken } from '$lib/server/auth/session';
import { serviceContext } from '$lib/server/request';
import { login } from '$lib/server/services/auth-service';
import type { Actions, PageServerLoad } from './$types';

/** Only same-site paths are followed after login. */
function safeNext(next: string | null): string | null {
	return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')
		? next
		: null;
}

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user)
		redirect(303, safeNext(url.searchParams.get('next')) ?? homeFor(locals.user.roles));
	return { next: safeNext(url.searchParams.get('next')) };
};

export const actions: Actions = {
	default: async (event) => {
		const data = await event.request.formData();
		const username = String(data.get('username') ?? '').trim();
		const password = String(data.get('password') ?? '');
		const locale = event.locals.locale;
		if (!username || !password)
			return fail(400, { username, message: translate(locale, 'login.required') });
		const app = getApp();
		const result = await login(
			serviceContext(event),
			{ username, password, userAgent: event.request.headers.get('user-agent') },
			app.sessionPolicy,
			app.loginLimits
		);
		if (!result.ok) {
			if (result.code === 'LOGIN_THROTTLED')
				return fail(429, {
					username,
					message: translate(locale, 'login.throttled', { seconds: result.retryAfterSeconds })
				});
			return fail(400, { username, message: translate(locale, 'login.invalid') });
		}
		const previous = event.cookies.get(SESSION_COOKIE);
		if (previous) invalidateSession(app.db, sessionIdFromToken(previous));
		setSessionCookie(event, result.token, result.expiresAt);
		redirect(303, safeNext(event.url.searchParams.get('next')) ?? homeFor(result.user.roles));
	}
};
