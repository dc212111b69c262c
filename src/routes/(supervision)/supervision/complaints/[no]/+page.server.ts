import { error, fail } from '@sveltejs/kit';
import { AppError } from '$lib/domain/errors';
import { hasMessage, translate } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import { serviceContext } from '$lib/server/request';
import {
	complaintDetail,
	COMPLAINT_REPLY_MAX,
	replyComplaint
} from '$lib/server/services/complaint-service';
import type { Actions, PageServerLoad } from './$types';

/** One complaint in full, with the answer form while it is open. */
export const load: PageServerLoad = ({ params }) => {
	const { db, clock } = getApp();
	const complaint = complaintDetail(db, params.no, clock.now());
	if (!complaint) error(404, translate('zh', 'error.COMPLAINT_NOT_FOUND'));
	return { complaint, replyMax: COMPLAINT_REPLY_MAX };
};

export const actions: Actions = {
	/** 反馈信息: the supervisor's answer, audited and reported; refused, the text stays. */
	reply: async (event) => {
		const data = await event.request.formData();
		const reply = String(data.get('reply') ?? '');
		try {
			replyComplaint(serviceContext(event), event.params.no, reply);
		} catch (err) {
			if (!(err instanceof AppError)) throw err;
			const locale = event.locals.locale;
			const key = `error.${err.code}`;
			const message = hasMessage(key)
				? translate(locale, key, { field: translate(locale, 'svc.replyField'), ...err.params })
				: err.code;
			return fail(err.code === 'COMPLAINT_REPLIED' ? 409 : 400, {
				message,
				values: { reply }
			});
		}
		return { replied: true };
	}
};
