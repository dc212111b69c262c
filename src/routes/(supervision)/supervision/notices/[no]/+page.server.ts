import { error } from '@sveltejs/kit';
import { chinaDate } from '$lib/domain/dates';
import { translate, type MessageKey } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import { failFromError, formText, serviceContext } from '$lib/server/request';
import { closeNotice, NOTICE_LIMITS, noticeDetail } from '$lib/server/services/notice-service';
import type { Fault } from '$lib/supervision/notices';
import type { Actions, PageServerLoad } from './$types';

const LABELS: Record<string, MessageKey> = {
	finding: 'notice.finding',
	fault: 'notice.fault',
	faultDetail: 'notice.faultDetail'
};

/** One notice for the supervisor: the 督办通知书, the reply, and once replied the close form. */
export const load: PageServerLoad = ({ params, locals, url }) => {
	const { db, clock } = getApp();
	const notice = noticeDetail(db, params.no, chinaDate(clock.now()));
	if (!notice)
		error(404, { message: translate(locals.locale, 'notice.notFound'), code: 'NOT_FOUND' });
	return { notice, issued: url.searchParams.has('issued'), limits: NOTICE_LIMITS };
};

export const actions: Actions = {
	close: async (event) => {
		const values = formText(await event.request.formData(), 'finding', 'fault', 'faultDetail');
		try {
			closeNotice(serviceContext(event), event.params.no, {
				finding: values.finding,
				fault: values.fault as Fault,
				faultDetail: values.faultDetail
			});
		} catch (err) {
			return failFromError(event, err, LABELS, values);
		}
		return { closed: true };
	}
};
