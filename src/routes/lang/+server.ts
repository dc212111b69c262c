import { isLocale } from '$lib/i18n';
import { LANG_COOKIE } from '$lib/server/auth/cookies';
import { sameSitePath } from '$lib/server/http/redirect';
import type { RequestHandler } from './$types';

/** Sets the interface language and goes back where the user was (same-site paths only). */
export const POST: RequestHandler = async ({ request, cookies }) => {
	const data = await request.formData();
	const lang = data.get('lang');
	if (isLocale(lang))
		cookies.set(LANG_COOKIE, lang, {
			path: '/',
			httpOnly: false,
			sameSite: 'lax',
			secure: false,
			maxAge: 365 * 86400
		});
	const location = sameSitePath(data.get('redirect'));
	return new Response(null, { status: 303, headers: { location } });
};
