import { redirect } from '@sveltejs/kit';
import { clearSessionCookie } from '$lib/server/auth/cookies';
import { failFromError, formText, serviceContext } from '$lib/server/request';
import { changeOwnPassword } from '$lib/server/services/auth-service';
import { getApp } from '$lib/server/app';
import { listPosts } from '$lib/server/repositories/org-repository';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	const ids = new Set(locals.user!.postIds);
	return { posts: listPosts(getApp().db).filter((p) => ids.has(p.id)) };
};

export const actions: Actions = {
	password: async (event) => {
		const text = formText(await event.request.formData(), 'current', 'next', 'confirm');
		try {
			await changeOwnPassword(serviceContext(event), text);
		} catch (err) {
			return failFromError(
				event,
				err,
				{ current: 'account.current', next: 'account.next', confirm: 'account.confirm' },
				{},
				'password'
			);
		}
		clearSessionCookie(event);
		redirect(303, '/login?changed=1');
	}
};
