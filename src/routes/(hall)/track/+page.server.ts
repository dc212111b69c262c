import { fail } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import { lockedFor, recordFailure } from '$lib/server/auth/throttle';
import { ANONYMOUS_ACTOR } from '$lib/server/services/context';
import { findCaseForApplicant, trackingView } from '$lib/server/services/runner-service';
import type { Actions } from './$types';

/**
 * 外网反馈: the applicant looks up a case with its number and query code. A POST, so the query
 * code stays out of addresses, logs and history; a wrong number or code gives one message that
 * does not say which was wrong.
 */
export const actions: Actions = {
	default: async ({ request, locals, getClientAddress }) => {
		const data = await request.formData();
		const caseNo = String(data.get('caseNo') ?? '').trim();
		const queryCode = String(data.get('queryCode') ?? '').trim();
		const values = { caseNo, queryCode };
		if (!caseNo)
			return fail(400, {
				values,
				field: 'caseNo',
				message: translate(locals.locale, 'track.caseNoRequired')
			});
		if (!queryCode)
			return fail(400, {
				values,
				field: 'queryCode',
				message: translate(locals.locale, 'track.queryCodeRequired')
			});
		const { db, clock, frozenRoot } = getApp();
		// Query codes must not be guessable by trying: failures lock the address and the case number.
		const keys = [`track-ip:${getClientAddress()}`, `track-case:${caseNo}`];
		const now = clock.now().getTime();
		const wait = lockedFor(db, keys, now);
		if (wait > 0)
			return fail(429, {
				values,
				field: 'queryCode',
				message: translate(locals.locale, 'track.tooMany', { seconds: Math.ceil(wait / 1000) })
			});
		const row = findCaseForApplicant(db, caseNo, queryCode);
		if (!row) {
			recordFailure(db, keys, now);
			return fail(404, {
				values,
				field: 'caseNo',
				message: translate(locals.locale, 'track.notFound')
			});
		}
		const ctx = { db, clock, actor: ANONYMOUS_ACTOR, ip: getClientAddress() };
		return { values: { caseNo, queryCode: '' }, view: trackingView(ctx, frozenRoot, row) };
	}
};
