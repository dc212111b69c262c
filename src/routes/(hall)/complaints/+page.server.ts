import { fail } from '@sveltejs/kit';
import { hasMessage, translate, type Locale, type MessageKey } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import { waitMinutes } from '$lib/server/public-limits';
import { listDepartments } from '$lib/server/repositories/org-repository';
import { serviceContext } from '$lib/server/request';
import {
	COMPLAINT_CONTENT_MAX,
	COMPLAINT_CONTENT_MIN,
	COMPLAINT_TITLE_MAX,
	ComplaintInvalidError,
	fileComplaint,
	REPLY_WORKING_DAYS,
	type ComplaintProblem
} from '$lib/server/services/complaint-service';
import { allPublished } from '$lib/server/services/public-catalogue';
import type { Actions, PageServerLoad } from './$types';

/** 投诉举报: the form, with the departments and the published items to choose from. */
export const load: PageServerLoad = () => {
	const { db } = getApp();
	return {
		departments: listDepartments(db).map((d) => ({ code: d.code, name: d.name })),
		items: allPublished(db).map((e) => ({
			code: e.code,
			name: e.name,
			department: e.department.name
		})),
		limits: {
			titleMax: COMPLAINT_TITLE_MAX,
			contentMin: COMPLAINT_CONTENT_MIN,
			contentMax: COMPLAINT_CONTENT_MAX,
			replyDays: REPLY_WORKING_DAYS
		}
	};
};

/** One message per field, naming it. */
function problemMessages(locale: Locale, problems: ComplaintProblem[]) {
	const errors: Record<string, string> = {};
	for (const p of problems) {
		if (errors[p.field]) continue;
		const field = translate(locale, `complaint.field.${p.field}` as MessageKey);
		const key = `error.${p.code}`;
		errors[p.field] = hasMessage(key) ? translate(locale, key, { field, ...p.params }) : p.code;
	}
	return errors;
}

export const actions: Actions = {
	/** Files the complaint; refused, every field at fault is named and everything typed comes back. */
	default: async (event) => {
		const data = await event.request.formData();
		const text = (k: string) => {
			const v = data.get(k);
			return typeof v === 'string' ? v : '';
		};
		const values = {
			kind: text('kind'),
			subject: text('subject'),
			departmentCode: text('departmentCode'),
			itemCode: text('itemCode'),
			caseNo: text('caseNo'),
			title: text('title'),
			content: text('content'),
			anonymous: data.get('anonymous') === 'on',
			name: text('name'),
			contact: text('contact')
		};
		const { limits } = getApp();
		const ip = event.getClientAddress();
		const wait = await limits.wait('complaints', ip);
		if (wait > 0)
			return fail(429, {
				values,
				errors: {},
				count: 0,
				message: translate(event.locals.locale, 'complaint.rateLimited', {
					limit: limits.limitOf('complaints'),
					minutes: waitMinutes(wait)
				})
			});
		try {
			const filed = fileComplaint(serviceContext(event), values);
			await limits.taken('complaints', ip);
			return { filed };
		} catch (err) {
			if (!(err instanceof ComplaintInvalidError)) throw err;
			const errors = problemMessages(event.locals.locale, err.problems);
			return fail(400, { values, errors, count: Object.keys(errors).length, message: null });
		}
	}
};
