import { getApp } from '$lib/server/app';
import { listDepartments } from '$lib/server/repositories/org-repository';
import { listExceptions } from '$lib/server/repositories/notice-repository';
import {
	EXCEPTION_STATUSES,
	EXCEPTION_TYPES,
	evidenceLines,
	isExceptionType
} from '$lib/supervision/notices';
import type { PageServerLoad } from './$types';

/** 异常处理: every exception supervision found, filtered by type, status and department. */
export const load: PageServerLoad = ({ url }) => {
	const { db } = getApp();
	const type = url.searchParams.get('type') ?? '';
	const status = url.searchParams.get('status') ?? '';
	const department = url.searchParams.get('department') ?? '';
	const departments = listDepartments(db, { includeDisabled: true });
	const dep = departments.find((d) => d.code === department);
	const filter = {
		type: isExceptionType(type) ? type : '',
		status: (EXCEPTION_STATUSES as readonly string[]).includes(status) ? status : '',
		department: dep ? dep.code : ''
	};
	const rows = listExceptions(db, {
		type: filter.type || undefined,
		status: filter.status || undefined,
		departmentId: dep?.id
	});
	return {
		filter,
		types: EXCEPTION_TYPES,
		statuses: EXCEPTION_STATUSES,
		departments: departments.map((d) => ({ code: d.code, name: d.name })),
		exceptions: rows.map((x) => ({
			id: x.id,
			type: x.type,
			severity: x.severity,
			status: x.status,
			caseNo: x.case_no,
			department: x.department_name,
			evidence: evidenceLines(x.evidence),
			raisedAt: x.raised_at,
			closedAt: x.closed_at,
			noticeNo: x.notice_no
		}))
	};
};
