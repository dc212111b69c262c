import { chinaDate } from '$lib/domain/dates';
import { getApp } from '$lib/server/app';
import { listNotices } from '$lib/server/repositories/notice-repository';
import { NOTICE_STATUSES, replyOverdue } from '$lib/supervision/notices';
import type { PageServerLoad } from './$types';

/** 督办: every notice, newest first, by status; replies past their date stand out. */
export const load: PageServerLoad = ({ url }) => {
	const { db, clock } = getApp();
	const status = url.searchParams.get('status') ?? '';
	// ?department=<code>: the overview's "open notices" figure of one department links here.
	const department = url.searchParams.get('department') ?? '';
	const dep = department
		? (db.prepare('SELECT id, code FROM departments WHERE code = ?').get(department) as
				{ id: number; code: string } | undefined)
		: undefined;
	const filter = {
		status: (NOTICE_STATUSES as readonly string[]).includes(status) ? status : '',
		department: dep?.code ?? ''
	};
	const today = chinaDate(clock.now());
	return {
		filter,
		statuses: NOTICE_STATUSES,
		notices: listNotices(db, {
			status: filter.status || undefined,
			...(dep ? { departmentIds: [dep.id] } : {})
		}).map((n) => ({
			no: n.notice_no,
			subject: n.subject,
			department: n.department_name,
			caseNo: n.case_no,
			issuedAt: n.issued_at,
			replyDue: n.reply_due,
			status: n.status,
			overdue: replyOverdue(n, today)
		}))
	};
};
