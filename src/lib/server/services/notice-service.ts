/**
 * 异常处理 / 督办: a supervisor issues a supervision notice (督办通知) to a department — from an
 * exception, from a case or on its own — with a date by which it must reply; an officer of that
 * department replies once; the supervisor closes it with a finding, including whether 过错责任
 * (fault) was found. Issuing marks the exception notified, closing marks it closed. Every change
 * is audited and reported to the feed (电子监察 dataset) in its own transaction.
 */
import { chinaDate } from '../../domain/dates';
import { AppError } from '../../domain/errors';
import { addWorkingDays, isValidIsoDate } from '../../domain/working-days';
import {
	EXCEPTION_TYPE_NAMES,
	FAULTS,
	noticeNo as formatNoticeNo,
	replyOverdue,
	type Fault
} from '../../supervision/notices';
import type { Db } from '../db/connection';
import { listAudit } from '../repositories/audit-repository';
import { appendFeed } from '../repositories/feed-repository';
import * as cases from '../repositories/case-repository';
import * as notices from '../repositories/notice-repository';
import { enabledDepartmentByCode } from '../repositories/org-repository';
import { audit, inTransaction, type ServiceContext } from './context';
import { holidayTable } from './calendar-service';
import { RULE_OF_EXCEPTION } from './supervision-service';

export const NOTICE_LIMITS = {
	subject: 100,
	content: 2000,
	reply: 2000,
	finding: 2000,
	faultDetail: 1000
} as const;

/** Working days a department has to reply, counted from the day of issue (the form's default). */
export const REPLY_WORKING_DAYS = 5;

export interface IssueNoticeInput {
	exceptionId?: number;
	caseNo?: string;
	/** The department the notice goes to; '' takes the exception's. */
	departmentCode: string;
	subject: string;
	content: string;
	/** China date (YYYY-MM-DD), not before today. */
	replyDue: string;
}

export interface CloseNoticeInput {
	finding: string;
	fault: Fault;
	/** Required when fault is 'found'. */
	faultDetail?: string;
}

function requireSupervisor(ctx: ServiceContext) {
	if (!ctx.actor.roles.includes('supervisor')) throw new AppError('NOTICE_SUPERVISOR_ONLY');
}

/** Trimmed text, required and at most `max` characters. */
function text(field: string, value: string | undefined, max: number): string {
	const v = (value ?? '').trim();
	if (!v) throw new AppError('FIELD_REQUIRED', field);
	if (v.length > max) throw new AppError('FIELD_TOO_LONG', field, { max });
	return v;
}

/** The default reply date: five working days after `today` on the calendar in force. */
export function defaultReplyDue(ctx: ServiceContext): string {
	return addWorkingDays(chinaDate(ctx.clock.now()), REPLY_WORKING_DAYS, holidayTable(ctx.db)).date;
}

/** Issues a notice (supervisor); answers its number, `DB` + China date + sequence of the day. */
export function issueNotice(ctx: ServiceContext, input: IssueNoticeInput): { noticeNo: string } {
	requireSupervisor(ctx);
	const now = ctx.clock.now();
	const at = now.toISOString();
	const today = chinaDate(now);
	return inTransaction(ctx, () => {
		const exception =
			input.exceptionId === undefined ? undefined : notices.getException(ctx.db, input.exceptionId);
		if (input.exceptionId !== undefined && !exception)
			throw new AppError('EXCEPTION_NOT_FOUND', 'exception');
		if (exception && exception.status !== 'open')
			throw new AppError('EXCEPTION_NOT_OPEN', 'exception', { status: exception.status });
		const caseNo = (input.caseNo ?? '').trim() || exception?.case_no || '';
		const caseRow = caseNo ? cases.getCaseByNo(ctx.db, caseNo) : undefined;
		if (caseNo && !caseRow) throw new AppError('CASE_NOT_FOUND', 'case');
		const departmentCode = input.departmentCode.trim() || exception?.department_code || '';
		if (!departmentCode) throw new AppError('FIELD_REQUIRED', 'department');
		const department = enabledDepartmentByCode(ctx.db, departmentCode);
		if (!department) throw new AppError('NOTICE_DEPARTMENT_UNKNOWN', 'department');
		const subject = text('subject', input.subject, NOTICE_LIMITS.subject);
		const content = text('content', input.content, NOTICE_LIMITS.content);
		const replyDue = (input.replyDue ?? '').trim();
		if (!replyDue) throw new AppError('FIELD_REQUIRED', 'replyDue');
		if (!/^\d{4}-\d{2}-\d{2}$/.test(replyDue) || !isValidIsoDate(replyDue))
			throw new AppError('DATE_INVALID', 'replyDue');
		if (replyDue < today) throw new AppError('REPLY_DUE_PAST', 'replyDue', { today });

		const no = formatNoticeNo(today, notices.nextNoticeSequence(ctx.db, today));
		notices.insertNotice(ctx.db, {
			notice_no: no,
			exception_id: exception?.id ?? null,
			case_id: caseRow?.id ?? null,
			department_id: department.id,
			subject,
			content,
			reply_due: replyDue,
			issued_by: ctx.actor.id,
			issued_at: at
		});
		if (exception) notices.setExceptionStatus(ctx.db, exception.id, 'open', 'notified', null);
		audit(ctx, {
			action: 'notice.issued',
			objectType: 'notice',
			objectId: no,
			payload: {
				department: department.code,
				caseNo: caseRow?.case_no ?? null,
				exceptionId: exception?.id ?? null,
				exceptionType: exception?.type ?? null,
				subject,
				content,
				replyDue
			}
		});
		appendFeed(ctx.db, {
			kind: 'notice_issued',
			dataset: '电子监察',
			caseNo: caseRow?.case_no ?? null,
			departmentCode: department.code,
			at,
			record: {
				监察编号: no,
				督办内容: `${subject}：${content}`,
				督办发出时间: at,
				...(exception
					? {
							监察规则编号: RULE_OF_EXCEPTION[exception.type],
							监察预警类型: EXCEPTION_TYPE_NAMES[exception.type]
						}
					: {}),
				状态产生时间: at,
				责任部门: department.name,
				...(caseRow ? { 办件编号: caseRow.case_no } : {})
			}
		});
		return { noticeNo: no };
	});
}

function noticeOrThrow(ctx: ServiceContext, noticeNo: string) {
	const n = notices.getNotice(ctx.db, noticeNo);
	if (!n) throw new AppError('NOTICE_NOT_FOUND');
	return n;
}

/** Whether the actor answers for the notice's department (own department or a post there). */
export function answersFor(ctx: ServiceContext, departmentId: number): boolean {
	return (
		ctx.actor.id !== null &&
		notices.departmentIdsOfUser(ctx.db, ctx.actor.id).includes(departmentId)
	);
}

/** The department's reply, once, by an officer of that department. */
export function replyNotice(ctx: ServiceContext, noticeNo: string, reply: string): void {
	const at = ctx.clock.now().toISOString();
	inTransaction(ctx, () => {
		const n = noticeOrThrow(ctx, noticeNo);
		if (!answersFor(ctx, n.department_id))
			throw new AppError('NOTICE_NOT_YOUR_DEPARTMENT', undefined, {
				department: n.department_name
			});
		if (n.status !== 'issued') throw new AppError('NOTICE_ALREADY_REPLIED');
		const body = text('reply', reply, NOTICE_LIMITS.reply);
		if (
			!notices.replyToNotice(ctx.db, n.id, {
				reply: body,
				replied_by: ctx.actor.id,
				replied_at: at
			})
		)
			throw new AppError('NOTICE_ALREADY_REPLIED');
		audit(ctx, {
			action: 'notice.replied',
			objectType: 'notice',
			objectId: n.notice_no,
			payload: {
				department: n.department_code,
				reply: body,
				late: n.reply_due < chinaDate(new Date(at))
			}
		});
	});
}

/** The supervisor's finding once the department has replied; closes the exception too. */
export function closeNotice(ctx: ServiceContext, noticeNo: string, input: CloseNoticeInput): void {
	requireSupervisor(ctx);
	const at = ctx.clock.now().toISOString();
	inTransaction(ctx, () => {
		const n = noticeOrThrow(ctx, noticeNo);
		if (n.status === 'closed') throw new AppError('NOTICE_CLOSED');
		if (n.status !== 'replied') throw new AppError('NOTICE_NOT_REPLIED');
		const finding = text('finding', input.finding, NOTICE_LIMITS.finding);
		if (!(FAULTS as readonly string[]).includes(input.fault))
			throw new AppError('FAULT_INVALID', 'fault');
		const detail = (input.faultDetail ?? '').trim();
		if (input.fault === 'found' && !detail)
			throw new AppError('FAULT_DETAIL_REQUIRED', 'faultDetail');
		if (detail.length > NOTICE_LIMITS.faultDetail)
			throw new AppError('FIELD_TOO_LONG', 'faultDetail', { max: NOTICE_LIMITS.faultDetail });
		const faultDetail = input.fault === 'found' ? detail : null;
		if (
			!notices.closeNoticeRow(ctx.db, n.id, {
				finding,
				fault: input.fault,
				fault_detail: faultDetail,
				closed_by: ctx.actor.id,
				closed_at: at
			})
		)
			throw new AppError('NOTICE_CLOSED');
		if (n.exception_id !== null)
			notices.setExceptionStatus(ctx.db, n.exception_id, 'notified', 'closed', at);
		audit(ctx, {
			action: 'notice.closed',
			objectType: 'notice',
			objectId: n.notice_no,
			payload: {
				department: n.department_code,
				exceptionId: n.exception_id,
				finding,
				fault: input.fault,
				faultDetail
			}
		});
		appendFeed(ctx.db, {
			kind: 'notice_closed',
			dataset: '电子监察',
			caseNo: n.case_no,
			departmentCode: n.department_code,
			at,
			record: {
				监察编号: n.notice_no,
				督办内容: `${n.subject}：${n.content}`,
				督办发出时间: n.issued_at,
				...(n.exception_type
					? {
							监察规则编号: RULE_OF_EXCEPTION[n.exception_type],
							监察预警类型: EXCEPTION_TYPE_NAMES[n.exception_type]
						}
					: {}),
				状态产生时间: at,
				监察结果描述: finding,
				责任部门: n.department_name,
				...(n.case_no ? { 办件编号: n.case_no } : {})
			}
		});
	});
}

/** What a notice's page shows: the notice, its reply and finding, and its audit history. */
export function noticeDetail(db: Db, noticeNo: string, today: string) {
	const n = notices.getNotice(db, noticeNo);
	if (!n) return undefined;
	const history = listAudit(db, { objectType: 'notice', objectId: n.notice_no, limit: 50 })
		.reverse()
		.map((a) => ({ seq: a.seq, at: a.at, action: a.action, actor: a.actor_name }));
	return {
		no: n.notice_no,
		status: n.status,
		subject: n.subject,
		content: n.content,
		department: { id: n.department_id, code: n.department_code, name: n.department_name },
		caseNo: n.case_no,
		exception: n.exception_id === null ? null : { id: n.exception_id, type: n.exception_type },
		replyDue: n.reply_due,
		overdue: replyOverdue(n, today),
		issuedAt: n.issued_at,
		issuer: n.issuer_name,
		issuingUnit: n.issuer_department,
		reply: n.reply,
		repliedAt: n.replied_at,
		replier: n.replier_name,
		finding: n.finding,
		fault: n.fault,
		faultDetail: n.fault_detail,
		closedAt: n.closed_at,
		closer: n.closer_name,
		history
	};
}

export type NoticeDetail = NonNullable<ReturnType<typeof noticeDetail>>;
