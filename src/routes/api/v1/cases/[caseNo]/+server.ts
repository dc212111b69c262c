import { json } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { apiError } from '$lib/server/api';
import { getApp } from '$lib/server/app';
import { lockedFor, recordFailure } from '$lib/server/auth/throttle';
import { ANONYMOUS_ACTOR } from '$lib/server/services/context';
import { findCaseForApplicant, trackingView } from '$lib/server/services/runner-service';
import type { RequestHandler } from './$types';

/**
 * GET /api/v1/cases/{caseNo}: 外网反馈 for systems — the case's status, steps and result, with its
 * query code in the `X-Query-Code` header (preferred: kept out of addresses and logs) or `?code=`.
 * The same lookup and the same throttle as /track (failures count for both): a wrong number or
 * code is one 404 that does not say which was wrong; after five, 429 with `Retry-After`.
 */
export const GET: RequestHandler = ({ params, url, request, locals, getClientAddress }) => {
	const caseNo = params.caseNo.trim();
	const queryCode = (
		request.headers.get('x-query-code') ??
		url.searchParams.get('code') ??
		''
	).trim();
	if (!queryCode)
		return apiError(
			400,
			'QUERY_CODE_REQUIRED',
			translate(locals.locale, 'track.queryCodeRequired'),
			{
				field: 'code'
			}
		);
	const { db, clock, frozenRoot } = getApp();
	const keys = [`track-ip:${getClientAddress()}`, `track-case:${caseNo}`];
	const now = clock.now().getTime();
	const wait = lockedFor(db, keys, now);
	if (wait > 0) {
		const seconds = Math.ceil(wait / 1000);
		const res = apiError(
			429,
			'TOO_MANY_ATTEMPTS',
			translate(locals.locale, 'track.tooMany', { seconds })
		);
		res.headers.set('retry-after', String(seconds));
		return res;
	}
	const row = findCaseForApplicant(db, caseNo, queryCode);
	if (!row) {
		recordFailure(db, keys, now);
		return apiError(404, 'CASE_NOT_FOUND', translate(locals.locale, 'track.notFound'));
	}
	const ctx = { db, clock, actor: ANONYMOUS_ACTOR, ip: getClientAddress() };
	return json(trackingView(ctx, frozenRoot, row), {
		headers: { 'cache-control': 'no-store' }
	});
};
