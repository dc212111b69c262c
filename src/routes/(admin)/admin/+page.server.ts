import { getApp } from '$lib/server/app';
import { getRegion, listDepartments, listPosts } from '$lib/server/repositories/org-repository';
import { demoUsersWithDefaultPasswords, listUsers } from '$lib/server/repositories/user-repository';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	const { db } = getApp();
	return {
		region: getRegion(db)?.name ?? '',
		stats: {
			departments: listDepartments(db).length,
			posts: listPosts(db).length,
			users: listUsers(db).length
		},
		demoUsers: demoUsersWithDefaultPasswords(db)
	};
};
