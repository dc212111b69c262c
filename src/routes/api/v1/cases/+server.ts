import { json } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { apiError, readJsonObject, type FieldProblem } from '$lib/server/api';
import { getApp } from '$lib/server/app';
import { waitMinutes } from '$lib/server/public-limits';
import { serviceContext } from '$lib/server/request';
import { applicationProblems, intakeItem, submitIntake } from '$lib/server/services/intake-service';
import { ApplicationInvalidError } from '$lib/server/services/runner-service';
import { uploadsDirOf } from '$lib/server/uploads/store';
import { AppError } from '$lib/domain/errors';
import type { RequestHandler } from './$types';

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const obj = (v: unknown) =>
	v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/**
 * POST /api/v1/cases: 外网受理 for systems, anonymous like the hall's application page and checked
 * by the same `submitIntake` (applicant fields, the frozen form schema, stored uploads). 201
 * `{ caseNo, queryCode, receiptUrl }`; 422 `{ error, errors: [{ field, code, message }] }`; 429
 * RATE_LIMITED with `Retry-After` once the address has handed in its applications for the hour.
 */
export const POST: RequestHandler = async (event) => {
	const body = await readJsonObject(event);
	if (body instanceof Response) return body;
	const app = getApp();
	const code = str(body.item).trim();
	const applicant = obj(body.applicant);
	// File answers may come separately, by field id, as POST /api/v1/uploads answered them.
	const answers = { ...obj(body.answers), ...obj(body.uploads) };
	const zh = (k: Parameters<typeof translate>[1], p = {}) => translate(event.locals.locale, k, p);
	const ip = event.getClientAddress();
	const wait = await app.limits.applicationWait(ip);
	if (wait > 0) {
		const res = apiError(
			429,
			'RATE_LIMITED',
			zh('intake.error.RATE_LIMITED_API', {
				limit: app.limits.settings.applicationsPerHour,
				minutes: waitMinutes(wait)
			})
		);
		res.headers.set('retry-after', String(Math.ceil(wait / 1000)));
		return res;
	}
	try {
		const receipt = submitIntake(serviceContext(event), app.frozenRoot, uploadsDirOf(app.dbPath), {
			code,
			data: answers,
			applicant: { name: str(applicant.name), idNumber: str(applicant.idNumber) }
		});
		await app.limits.applicationTaken(ip);
		return json(
			{
				caseNo: receipt.caseNo,
				queryCode: receipt.queryCode,
				receiptUrl: `/items/${encodeURIComponent(code)}/receipt/${receipt.caseNo}`,
				trackUrl: '/track'
			},
			{ status: 201 }
		);
	} catch (e) {
		if (e instanceof ApplicationInvalidError) {
			const errors: FieldProblem[] = applicationProblems(
				intakeItem(app.db, code)?.form ?? null,
				e.errors,
				event.locals.locale
			);
			return apiError(
				422,
				'APPLICATION_INVALID',
				zh('integration.error.APPLICATION_INVALID', { count: errors.length }),
				{ errors }
			);
		}
		if (e instanceof AppError && (e.code === 'ITEM_NOT_ONLINE' || e.code === 'ITEM_NOT_RUNNABLE')) {
			const message = zh(`intake.error.${e.code}`);
			return apiError(422, e.code, message, {
				field: 'item',
				errors: [{ field: 'item', code: e.code, message }]
			});
		}
		throw e;
	}
};
