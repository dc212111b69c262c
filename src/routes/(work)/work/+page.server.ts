import { getApp } from '$lib/server/app';
import {
	countAwaitingReply,
	departmentIdsOfUser
} from '$lib/server/repositories/notice-repository';
import { listPosts } from '$lib/server/repositories/org-repository';
import { serviceContext } from '$lib/server/request';
import { workQueue } from '$lib/server/services/runner-service';
import type { PageServerLoad } from './$types';

/** The officer's queue: open work at their posts, with due dates coloured near and over. */
export const load: PageServerLoad = (event) => {
	const ids = new Set(event.locals.user!.postIds);
	return {
		posts: listPosts(getApp().db).filter((p) => ids.has(p.id)),
		queue: workQueue(serviceContext(event)),
		noticesAwaiting: countAwaitingReply(
			getApp().db,
			departmentIdsOfUser(getApp().db, event.locals.user!.id)
		)
	};
};
