import { redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import {
	countUsersByDepartment,
	listDepartments,
	listPosts
} from '$lib/server/repositories/org-repository';
import { failFromError, formText, serviceContext } from '$lib/server/request';
import { createDepartment } from '$lib/server/services/org-service';
import { DEPARTMENT_LABELS } from './labels';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	const { db } = getApp();
	const posts = listPosts(db);
	const users = countUsersByDepartment(db);
	return {
		departments: listDepartments(db, { includeDisabled: true }).map((d) => ({
			...d,
			posts: posts.filter((p) => p.department_id === d.id).length,
			users: users.get(d.id) ?? 0
		}))
	};
};

export const actions: Actions = {
	create: async (event) => {
		const text = formText(await event.request.formData(), 'code', 'name', 'kind');
		let id: number;
		try {
			id = createDepartment(serviceContext(event), text);
		} catch (err) {
			return failFromError(event, err, DEPARTMENT_LABELS, text, 'create');
		}
		redirect(303, `/admin/departments/${id}?created=1`);
	}
};
