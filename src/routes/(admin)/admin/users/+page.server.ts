import { redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { listDepartments, listPosts } from '$lib/server/repositories/org-repository';
import { listUsers } from '$lib/server/repositories/user-repository';
import { failFromError, formInts, formText, serviceContext } from '$lib/server/request';
import { createUser } from '$lib/server/services/org-service';
import { USER_FIELD_LABELS } from './labels';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	const { db } = getApp();
	return {
		users: listUsers(db),
		departments: listDepartments(db),
		posts: listPosts(db)
	};
};

export const actions: Actions = {
	create: async (event) => {
		const data = await event.request.formData();
		const text = formText(data, 'username', 'displayName', 'departmentId', 'password');
		const roles = data.getAll('roles').map(String);
		const postIds = formInts(data, 'postIds');
		const departmentId = Number(text.departmentId) || null;
		let id: number;
		try {
			id = await createUser(serviceContext(event), { ...text, departmentId, roles, postIds });
		} catch (err) {
			const { password: _password, ...kept } = text;
			return failFromError(event, err, USER_FIELD_LABELS, { ...kept, roles, postIds }, 'create');
		}
		redirect(303, `/admin/users/${id}?created=1`);
	}
};
