import { error, redirect } from '@sveltejs/kit';
import { translate, type MessageKey } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import { getCaseByNo, departmentOfCase } from '$lib/server/repositories/case-repository';
import { getException } from '$lib/server/repositories/notice-repository';
import { listDepartments } from '$lib/server/repositories/org-repository';
import { failFromError, formText, parseId, serviceContext } from '$lib/server/request';
import {
	defaultReplyDue,
	issueNotice,
	NOTICE_LIMITS,
	REPLY_WORKING_DAYS
} from '$lib/server/services/notice-service';
import { evidenceLines } from '$lib/supervision/notices';
import type { Actions, PageServerLoad } from './$types';

const LABELS: Record<string, MessageKey> = {
	exception: 'notice.exception',
	case: 'notice.case',
	department: 'notice.department',
	subject: 'notice.subject',
	content: 'notice.content',
	replyDue: 'notice.replyDue'
};

/** The issue form, prefilled from the exception (`?exception=`) or the case (`?case=`). */
export const load: PageServerLoad = (event) => {
	const { db } = getApp();
	const locale = event.locals.locale;
	const ctx = serviceContext(event);
	const exceptionParam = event.url.searchParams.get('exception');
	const caseParam = (event.url.searchParams.get('case') ?? '').trim();
	const departments = listDepartments(db).map((d) => ({ code: d.code, name: d.name }));
	const values = {
		exception: '',
		case: '',
		department: '',
		subject: '',
		content: '',
		replyDue: defaultReplyDue(ctx)
	};
	let about: { exception?: { id: number; type: string }; caseNo?: string } = {};
	if (exceptionParam !== null) {
		const x = getException(db, parseId(exceptionParam));
		if (!x)
			error(404, { message: translate(locale, 'error.EXCEPTION_NOT_FOUND'), code: 'NOT_FOUND' });
		const type = translate(locale, `exc.type.${x.type}` as MessageKey);
		const evidence = evidenceLines(x.evidence)
			.map((e) => (e.key ? `${e.key}：${e.value}` : e.value))
			.join('；');
		about = { exception: { id: x.id, type: x.type }, caseNo: x.case_no ?? undefined };
		Object.assign(values, {
			exception: String(x.id),
			case: x.case_no ?? '',
			department: x.department_code ?? '',
			subject: translate(locale, 'notice.defaultSubject', { type }),
			content: translate(locale, 'notice.defaultContent', {
				type,
				department: x.department_name ?? '',
				evidence
			})
		});
	} else if (caseParam) {
		const c = getCaseByNo(db, caseParam);
		if (!c) error(404, { message: translate(locale, 'error.CASE_NOT_FOUND'), code: 'NOT_FOUND' });
		about = { caseNo: c.case_no };
		Object.assign(values, {
			case: c.case_no,
			department: departmentOfCase(db, c.id)?.code ?? '',
			subject: translate(locale, 'notice.defaultSubjectCase', { caseNo: c.case_no }),
			content: translate(locale, 'notice.defaultContentCase', { caseNo: c.case_no })
		});
	}
	return {
		departments,
		values,
		about,
		limits: NOTICE_LIMITS,
		replyDays: REPLY_WORKING_DAYS
	};
};

export const actions: Actions = {
	default: async (event) => {
		const values = formText(
			await event.request.formData(),
			'exception',
			'case',
			'department',
			'subject',
			'content',
			'replyDue'
		);
		let noticeNo: string;
		try {
			noticeNo = issueNotice(serviceContext(event), {
				...(values.exception ? { exceptionId: parseId(values.exception) } : {}),
				caseNo: values.case,
				departmentCode: values.department,
				subject: values.subject,
				content: values.content,
				replyDue: values.replyDue
			}).noticeNo;
		} catch (err) {
			return failFromError(event, err, LABELS, values);
		}
		redirect(303, `/supervision/notices/${noticeNo}?issued=1`);
	}
};
