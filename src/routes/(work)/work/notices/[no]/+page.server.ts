import { error } from '@sveltejs/kit';
import { chinaDate } from '$lib/domain/dates';
import { translate, type MessageKey } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import { failFromError, formText, serviceContext } from '$lib/server/request';
import {
	answersFor,
	NOTICE_LIMITS,
	noticeDetail,
	replyNotice
} from '$lib/server/services/notice-service';
import type { Actions, PageServerLoad } from './$types';

const LABELS: Record<string, MessageKey> = { reply: 'worknotice.replyLabel' };

/** A notice to the officer's department, with the reply form while it awaits one. */
export const load: PageServerLoad = (event) => {
	const { db, clock } = getApp();
	const notice = noticeDetail(db, event.params.no, chinaDate(clock.now()));
	// Another department's notice is not shown (as if it did not exist).
	if (!notice || !answersFor(serviceContext(event), notice.department.id))
		error(404, { message: translate(event.locals.locale, 'notice.notFound'), code: 'NOT_FOUND' });
	return { notice, limits: NOTICE_LIMITS };
};

export const actions: Actions = {
	reply: async (event) => {
		const values = formText(await event.request.formData(), 'reply');
		try {
			replyNotice(serviceContext(event), event.params.no, values.reply);
		} catch (err) {
			return failFromError(event, err, LABELS, values);
		}
		return { replied: true };
	}
};
