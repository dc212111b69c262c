import { json } from '@sveltejs/kit';
import { apiError, messageOf } from '$lib/server/api';
import { getApp } from '$lib/server/app';
import { apiCaller } from '$lib/server/auth/api-token';
import { getCaseByNo } from '$lib/server/repositories/case-repository';
import { serviceContext } from '$lib/server/request';
import { visibleCase } from '$lib/server/services/case-access-service';
import { caseRecords } from '$lib/server/services/recorded-case-service';
import type { RequestHandler } from './$types';

/**
 * GET /api/v1/cases/{caseNo}/gbt39046: the case as GB/T 39046 records (办事申请, 事项受理,
 * 事项办理[], 特别程序[], 事项办结), engine-run and recorded cases alike. For supervisors, officers
 * and tokens of a department taking part in the case (the record-level rule of
 * case-access-service.ts); to anyone else the case is not found (404, audited).
 */
export const GET: RequestHandler = (event) => {
	const { db, frozenRoot } = getApp();
	const ctx = serviceContext(event);
	const row = visibleCase(
		ctx,
		apiCaller(event),
		getCaseByNo(db, event.params.caseNo.trim()),
		'api.case.gbt39046'
	);
	if (!row) return apiError(404, 'CASE_NOT_FOUND', messageOf(event, 'CASE_NOT_FOUND'));
	return json(caseRecords(ctx, frozenRoot, row), {
		headers: { 'cache-control': 'no-store' }
	});
};
