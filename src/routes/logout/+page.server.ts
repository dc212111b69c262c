import { redirect } from '@sveltejs/kit';
import { clearSessionCookie } from '$lib/server/auth/cookies';
import { serviceContext } from '$lib/server/request';
import { logout } from '$lib/server/services/auth-service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({});

export const actions: Actions = {
	default: (event) => {
		if (event.locals.session) logout(serviceContext(event), event.locals.session.id);
		clearSessionCookie(event);
		redirect(303, '/login');
	}
};
