import { fail } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import { lockedFor, recordFailure } from '$lib/server/auth/throttle';
import { complaintForApplicant } from '$lib/server/services/complaint-service';
import type { Actions } from './$types';

/**
 * 投诉举报查询: the complaint for its number and query code (a POST, so the code stays out of
 * addresses and logs), under the same guard as case tracking: failures lock the address and the
 * number for a while, and a wrong number or code gives one message that does not say which.
 */
export const actions: Actions = {
	default: async (event) => {
		const { locals } = event;
		const data = await event.request.formData();
		const complaintNo = String(data.get('complaintNo') ?? '').trim();
		const queryCode = String(data.get('queryCode') ?? '').trim();
		const values = { complaintNo, queryCode };
		if (!complaintNo)
			return fail(400, {
				values,
				field: 'complaintNo',
				message: translate(locals.locale, 'complaint.noRequired')
			});
		if (!queryCode)
			return fail(400, {
				values,
				field: 'queryCode',
				message: translate(locals.locale, 'complaint.queryCodeRequired')
			});
		const { db, clock } = getApp();
		const keys = [`complaint-ip:${event.getClientAddress()}`, `complaint-no:${complaintNo}`];
		const now = clock.now();
		const wait = lockedFor(db, keys, now.getTime());
		if (wait > 0)
			return fail(429, {
				values,
				field: 'queryCode',
				message: translate(locals.locale, 'complaint.tooMany', {
					seconds: Math.ceil(wait / 1000)
				})
			});
		const complaint = complaintForApplicant(db, complaintNo, queryCode, now);
		if (!complaint) {
			recordFailure(db, keys, now.getTime());
			return fail(404, {
				values,
				field: 'complaintNo',
				message: translate(locals.locale, 'complaint.notFound')
			});
		}
		return { values: { complaintNo, queryCode: '' }, complaint };
	}
};
