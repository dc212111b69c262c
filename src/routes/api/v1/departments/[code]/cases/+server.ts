import { json } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { apiError, readJsonObject } from '$lib/server/api';
import { apiCaller } from '$lib/server/auth/api-token';
import { recordProblemMessage } from '$lib/server/record-problems';
import { serviceContext } from '$lib/server/request';
import {
	RecordConflictError,
	recordCase,
	RecordInvalidError
} from '$lib/server/services/recorded-case-service';
import type { RequestHandler } from './$types';

/**
 * POST /api/v1/departments/{code}/cases: 实时报送 — a department's own system pushes a case's key
 * process data (GB/T 39046 办事申请, 事项受理, 事项办理[], 事项办结), with that department's token
 * only. Created (201, with case number and query code) or, for a known 部门办件编号, what is new is
 * added (200; nothing new: 200 with added 0). 422 names every field at fault; 409 when the push
 * would change what is recorded.
 */
export const POST: RequestHandler = async (event) => {
	const caller = apiCaller(event);
	const locale = event.locals.locale;
	if (caller.kind !== 'token' || caller.token.departmentCode !== event.params.code)
		return apiError(403, 'FORBIDDEN', translate(locale, 'integration.error.PUSH_DEPARTMENT'));
	const body = await readJsonObject(event);
	if (body instanceof Response) return body;
	try {
		const r = recordCase(serviceContext(event), {
			origin: 'pushed',
			department: {
				id: caller.token.departmentId,
				code: caller.token.departmentCode,
				name: caller.token.departmentName
			},
			payload: body
		});
		return json(
			{
				caseNo: r.caseNo,
				...(r.queryCode ? { queryCode: r.queryCode } : {}),
				created: r.created,
				added: r.added,
				status: r.status
			},
			{ status: r.created ? 201 : 200 }
		);
	} catch (e) {
		if (e instanceof RecordInvalidError) {
			const errors = e.problems.map((p) => ({
				field: p.field,
				code: p.code,
				message: recordProblemMessage(locale, p)
			}));
			return apiError(
				422,
				'RECORD_INVALID',
				translate(locale, 'integration.error.RECORD_INVALID', { count: errors.length }),
				{ errors }
			);
		}
		if (e instanceof RecordConflictError)
			return apiError(
				409,
				'PUSH_CONFLICT',
				translate(locale, 'integration.record.PUSH_CONFLICT', {
					field: e.problem.field
				}),
				{ field: e.problem.field }
			);
		throw e;
	}
};
