import { chinaDate } from '$lib/domain/dates';
import { getApp } from '$lib/server/app';
import { departmentIdsOfUser, listNotices } from '$lib/server/repositories/notice-repository';
import { replyOverdue } from '$lib/supervision/notices';
import type { PageServerLoad } from './$types';

/** 督办答复: the notices sent to the officer's department(s), awaiting reply first. */
export const load: PageServerLoad = ({ locals }) => {
	const { db, clock } = getApp();
	const today = chinaDate(clock.now());
	const rows = listNotices(db, { departmentIds: departmentIdsOfUser(db, locals.user!.id) });
	const order = { issued: 0, replied: 1, closed: 2 } as const;
	return {
		notices: rows
			.map((n) => ({
				no: n.notice_no,
				subject: n.subject,
				department: n.department_name,
				caseNo: n.case_no,
				issuedAt: n.issued_at,
				replyDue: n.reply_due,
				status: n.status,
				overdue: replyOverdue(n, today)
			}))
			.sort((a, b) => order[a.status] - order[b.status])
	};
};
