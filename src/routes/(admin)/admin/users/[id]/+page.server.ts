import { error } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { listDepartments, listPosts } from '$lib/server/repositories/org-repository';
import { getUser } from '$lib/server/repositories/user-repository';
import { failFromError, formInts, formText, parseId, serviceContext } from '$lib/server/request';
import { resetPassword, setUserEnabled, updateUser } from '$lib/server/services/org-service';
import { translate } from '$lib/i18n';
import { USER_FIELD_LABELS } from '../labels';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, locals }) => {
	const { db } = getApp();
	const user = getUser(db, parseId(params.id));
	if (!user) error(404, translate(locals.locale, 'error.USER_NOT_FOUND'));
	return { target: user, departments: listDepartments(db), posts: listPosts(db) };
};

export const actions: Actions = {
	update: async (event) => {
		const data = await event.request.formData();
		const text = formText(data, 'displayName', 'departmentId');
		const roles = data.getAll('roles').map(String);
		const postIds = formInts(data, 'postIds');
		try {
			updateUser(serviceContext(event), parseId(event.params.id), {
				displayName: text.displayName,
				departmentId: Number(text.departmentId) || null,
				roles,
				postIds
			});
		} catch (err) {
			return failFromError(event, err, USER_FIELD_LABELS, { ...text, roles, postIds }, 'update');
		}
		return { form: 'update', done: translate(event.locals.locale, 'users.saved') };
	},
	disable: (event) => {
		try {
			setUserEnabled(serviceContext(event), parseId(event.params.id), false);
		} catch (err) {
			return failFromError(event, err, USER_FIELD_LABELS, {}, 'status');
		}
		return { form: 'status', done: translate(event.locals.locale, 'users.disabledNote') };
	},
	enable: (event) => {
		try {
			setUserEnabled(serviceContext(event), parseId(event.params.id), true);
		} catch (err) {
			return failFromError(event, err, USER_FIELD_LABELS, {}, 'status');
		}
		return { form: 'status', done: translate(event.locals.locale, 'users.enabledNote') };
	},
	password: async (event) => {
		const { password } = formText(await event.request.formData(), 'password');
		try {
			await resetPassword(serviceContext(event), parseId(event.params.id), password);
		} catch (err) {
			return failFromError(event, err, USER_FIELD_LABELS, {}, 'password');
		}
		return { form: 'password', done: translate(event.locals.locale, 'users.passwordReset') };
	}
};
