import { error } from '@sveltejs/kit';
import { AppError } from '$lib/domain/errors';
import { getApp } from '$lib/server/app';
import { serviceContext } from '$lib/server/request';
import { caseSupervision } from '$lib/server/services/supervision-views';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { frozenRoot } = getApp();
	try {
		return {
			view: caseSupervision(serviceContext(event), frozenRoot, event.params.caseNo)
		};
	} catch (e) {
		if (e instanceof AppError && e.code === 'CASE_NOT_FOUND') error(404, '没有这个办件');
		throw e;
	}
};
