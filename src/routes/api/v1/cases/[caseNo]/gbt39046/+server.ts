import { json } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { apiError, messageOf } from '$lib/server/api';
import { getApp } from '$lib/server/app';
import { apiCaller } from '$lib/server/auth/api-token';
import { caseConcernsDepartment, getCaseByNo } from '$lib/server/repositories/case-repository';
import { getDepartment } from '$lib/server/repositories/org-repository';
import { serviceContext } from '$lib/server/request';
import { caseRecords } from '$lib/server/services/recorded-case-service';
import type { RequestHandler } from './$types';

/**
 * GET /api/v1/cases/{caseNo}/gbt39046: the case as GB/T 39046 records (办事申请, 事项受理,
 * 事项办理[], 特别程序[], 事项办结), engine-run and recorded cases alike. For supervisors, officers
 * of the case's department (or with work of the case at their department's posts), and that
 * department's tokens.
 */
export const GET: RequestHandler = (event) => {
	const { db, frozenRoot } = getApp();
	const row = getCaseByNo(db, event.params.caseNo.trim());
	if (!row) return apiError(404, 'CASE_NOT_FOUND', messageOf(event, 'CASE_NOT_FOUND'));
	const caller = apiCaller(event);
	const department =
		caller.kind === 'token'
			? caller.token.departmentCode
			: caller.kind === 'user' && caller.user.departmentId !== null
				? getDepartment(db, caller.user.departmentId)?.code
				: undefined;
	const supervisor = caller.kind === 'user' && caller.user.roles.includes('supervisor');
	if (!supervisor && !(department && caseConcernsDepartment(db, row.id, department)))
		return apiError(
			403,
			'FORBIDDEN',
			translate(event.locals.locale, 'integration.error.OTHER_DEPARTMENT')
		);
	return json(caseRecords(serviceContext(event), frozenRoot, row), {
		headers: { 'cache-control': 'no-store' }
	});
};
