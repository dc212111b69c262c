import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import type { PageServerLoad } from './$types';

/**
 * Where the server hook sends a signed-in user who asked for a page their roles do not grant. The
 * refusal was already written to the audit chain by the hook; here it is only shown, inside the
 * normal shell (header, navigation, sign-out) and with status 403.
 */
export const load: PageServerLoad = ({ locals, url }) => {
	const from = url.searchParams.get('from') ?? '';
	const shown = from.startsWith('/') && !from.startsWith('//') ? from : '';
	error(403, {
		message: translate(locals.locale, 'forbidden.message'),
		code: 'FORBIDDEN',
		path: shown
	});
};
