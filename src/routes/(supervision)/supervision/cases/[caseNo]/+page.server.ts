import { error } from '@sveltejs/kit';
import { AppError } from '$lib/domain/errors';
import { getApp } from '$lib/server/app';
import { apiCaller } from '$lib/server/auth/api-token';
import { getCaseByNo } from '$lib/server/repositories/case-repository';
import { serviceContext } from '$lib/server/request';
import { visibleCase } from '$lib/server/services/case-access-service';
import { caseSupervision } from '$lib/server/services/supervision-views';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { db, frozenRoot } = getApp();
	const ctx = serviceContext(event);
	// The same record-level rule as every reader of a case (supervisors see the county).
	const row = visibleCase(
		ctx,
		apiCaller(event),
		getCaseByNo(db, event.params.caseNo),
		'supervision.case'
	);
	if (!row) error(404, '没有这个办件');
	try {
		return {
			view: caseSupervision(ctx, frozenRoot, row.case_no)
		};
	} catch (e) {
		if (e instanceof AppError && e.code === 'CASE_NOT_FOUND') error(404, '没有这个办件');
		throw e;
	}
};
