import { getApp } from '$lib/server/app';
import { listPosts } from '$lib/server/repositories/org-repository';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	const ids = new Set(locals.user!.postIds);
	return { posts: listPosts(getApp().db).filter((p) => ids.has(p.id)) };
};
