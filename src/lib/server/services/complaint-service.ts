/**
 * 投诉举报 (办事互动): anyone files a complaint or a report about a published item, a case or a
 * department, by name or anonymously; it gets a tracking number (投诉编号) and a query code (only
 * its hash is kept, as for cases) and must be answered within 15 working days of filing on the
 * working-day calendar. The supervision console lists and answers it; the public reads the answer
 * with number and query code. Filing and answering are audited and reported to the feed
 * (办事互动) in the transaction that makes them.
 */
import { timingSafeEqual } from 'node:crypto';
import { chinaDate } from '../../domain/dates';
import { AppError } from '../../domain/errors';
import { addWorkingDays, workingDaysBetween, type HolidayTable } from '../../domain/working-days';
import type { Db } from '../db/connection';
import { getCaseByNo } from '../repositories/case-repository';
import * as catalogue from '../repositories/catalogue-repository';
import {
	complaintViewByNo,
	countComplaintsNumbered,
	insertComplaint,
	listComplaintViews,
	setComplaintReply,
	type ComplaintKind,
	type ComplaintStatus,
	type ComplaintSubject,
	type ComplaintView
} from '../repositories/complaint-repository';
import { appendFeed } from '../repositories/feed-repository';
import {
	enabledDepartmentByCode,
	getDepartment,
	getRegion,
	supervisionDepartment
} from '../repositories/org-repository';
import { holidayTable } from './calendar-service';
import { audit, inTransaction, type ServiceContext } from './context';
import { newQueryCode, queryHash } from './runner-service';

export type { ComplaintKind, ComplaintStatus, ComplaintSubject };

export const COMPLAINT_KINDS: readonly ComplaintKind[] = ['complaint', 'report'];
export const COMPLAINT_SUBJECTS: readonly ComplaintSubject[] = ['department', 'item', 'case'];
export const COMPLAINT_KIND_NAMES: Readonly<Record<ComplaintKind, string>> = {
	complaint: '投诉',
	report: '举报'
};

/** Working days the answer is due in, counted from the day of filing (China date). */
export const REPLY_WORKING_DAYS = 15;
export const COMPLAINT_TITLE_MAX = 100;
export const COMPLAINT_CONTENT_MIN = 10;
export const COMPLAINT_CONTENT_MAX = 2000;
export const COMPLAINT_NAME_MAX = 50;
export const COMPLAINT_CONTACT_MAX = 100;
export const COMPLAINT_REPLY_MAX = 2000;

/** What the form sends; every text as typed. */
export interface ComplaintInput {
	kind: string;
	subject: string;
	itemCode?: string;
	departmentCode?: string;
	caseNo?: string;
	title: string;
	content: string;
	anonymous: boolean;
	name?: string;
	contact?: string;
}

export interface ComplaintProblem {
	/** The input at fault (kind, subject, itemCode, departmentCode, caseNo, title, content, name, contact). */
	field: string;
	code: string;
	params: Record<string, string | number>;
}

/** A complaint that cannot be filed: every problem, each naming its field. Nothing is stored. */
export class ComplaintInvalidError extends AppError {
	constructor(readonly problems: ComplaintProblem[]) {
		super('COMPLAINT_INVALID', problems[0]?.field, { count: problems.length });
	}
}

const PHONE = /^(?:\+?86[- ]?)?(?:1\d{10}|0\d{2,3}-?\d{7,8}(?:-\d{1,6})?|\d{7,8})$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A phone number (mobile, fixed line with area code, local) or an e-mail address. */
export function isContact(s: string): boolean {
	return PHONE.test(s.replace(/\s+/g, '')) || EMAIL.test(s);
}

const length = (s: string) => [...s].length;

interface Target {
	itemCode: string | null;
	caseId: number | null;
	caseNo: string | null;
	departmentId: number;
	departmentCode: string;
	departmentName: string;
}

/** The department, item or case complained about, or a problem naming the field. */
function targetOf(db: Db, input: ComplaintInput, problems: ComplaintProblem[]): Target | null {
	const need = (field: string, v: string | undefined) => {
		const s = (v ?? '').trim();
		if (!s) problems.push({ field, code: 'FIELD_REQUIRED', params: {} });
		return s;
	};
	if (input.subject === 'department') {
		const code = need('departmentCode', input.departmentCode);
		if (!code) return null;
		const d = enabledDepartmentByCode(db, code);
		if (!d) {
			problems.push({ field: 'departmentCode', code: 'COMPLAINT_DEPARTMENT_UNKNOWN', params: {} });
			return null;
		}
		return {
			itemCode: null,
			caseId: null,
			caseNo: null,
			departmentId: d.id,
			departmentCode: d.code,
			departmentName: d.name
		};
	}
	if (input.subject === 'item') {
		const code = need('itemCode', input.itemCode);
		if (!code) return null;
		const e = catalogue.getPublishedByCode(db, code);
		if (!e) {
			problems.push({ field: 'itemCode', code: 'COMPLAINT_ITEM_UNKNOWN', params: { code } });
			return null;
		}
		return {
			itemCode: e.code,
			caseId: null,
			caseNo: null,
			departmentId: e.department_id,
			departmentCode: e.department_code,
			departmentName: e.department_name
		};
	}
	if (input.subject === 'case') {
		const no = need('caseNo', input.caseNo);
		if (!no) return null;
		// A case without a department (none answers for it) cannot be complained about either.
		const c = getCaseByNo(db, no);
		const d = c?.department_id == null ? undefined : getDepartment(db, c.department_id);
		if (!c || !d) {
			problems.push({ field: 'caseNo', code: 'COMPLAINT_CASE_UNKNOWN', params: { caseNo: no } });
			return null;
		}
		return {
			itemCode: c.item_code,
			caseId: c.id,
			caseNo: c.case_no,
			departmentId: d.id,
			departmentCode: d.code,
			departmentName: d.name
		};
	}
	problems.push({ field: 'subject', code: 'FIELD_CHOICE', params: {} });
	return null;
}

/** Every problem of a complaint, and what it is about when that part is right. */
export function checkComplaint(
	db: Db,
	input: ComplaintInput
): { problems: ComplaintProblem[]; target: Target | null } {
	const problems: ComplaintProblem[] = [];
	if (!COMPLAINT_KINDS.includes(input.kind as ComplaintKind))
		problems.push({ field: 'kind', code: 'FIELD_CHOICE', params: {} });
	const target = targetOf(db, input, problems);
	const text = (field: string, v: string | undefined, max: number, min = 1) => {
		const s = (v ?? '').trim();
		if (!s) problems.push({ field, code: 'FIELD_REQUIRED', params: {} });
		else if (length(s) < min) problems.push({ field, code: 'FIELD_TOO_SHORT', params: { min } });
		else if (length(s) > max) problems.push({ field, code: 'FIELD_TOO_LONG', params: { max } });
	};
	text('title', input.title, COMPLAINT_TITLE_MAX);
	text('content', input.content, COMPLAINT_CONTENT_MAX, COMPLAINT_CONTENT_MIN);
	if (!input.anonymous) {
		text('name', input.name, COMPLAINT_NAME_MAX);
		const contact = (input.contact ?? '').trim();
		text('contact', contact, COMPLAINT_CONTACT_MAX);
		if (contact && length(contact) <= COMPLAINT_CONTACT_MAX && !isContact(contact))
			problems.push({ field: 'contact', code: 'CONTACT_INVALID', params: {} });
	}
	return { problems, target };
}

/** The department that answers complaints (承办单位): the supervision department, if there is one. */
function handlingUnit(db: Db): string {
	return supervisionDepartment(db)?.name ?? getRegion(db)?.name ?? '';
}

/** The reply date: REPLY_WORKING_DAYS working days after the China date of filing. */
export function replyDueFor(filedOn: string, table: HolidayTable): string {
	return addWorkingDays(filedOn, REPLY_WORKING_DAYS, table).date;
}

export interface FiledComplaint {
	complaintNo: string;
	/** Shown once; only its hash is kept. */
	queryCode: string;
	kind: ComplaintKind;
	title: string;
	target: string;
	createdAt: string;
	replyDue: string;
}

/**
 * Files a complaint or report. Throws ComplaintInvalidError listing every problem (nothing is
 * stored); the name and contact of an anonymous complainant are not kept.
 */
export function fileComplaint(ctx: ServiceContext, input: ComplaintInput): FiledComplaint {
	const { problems, target } = checkComplaint(ctx.db, input);
	if (problems.length || !target) throw new ComplaintInvalidError(problems);
	const region = getRegion(ctx.db);
	if (!region) throw new AppError('REGION_MISSING');
	const kind = input.kind as ComplaintKind;
	const title = input.title.trim();
	const content = input.content.trim();
	const name = input.anonymous ? null : (input.name ?? '').trim();
	const contact = input.anonymous ? null : (input.contact ?? '').trim();
	const now = ctx.clock.now();
	const at = now.toISOString();
	const day = chinaDate(now);
	const replyDue = replyDueFor(day, holidayTable(ctx.db));
	const queryCode = newQueryCode();
	const complaintNo = inTransaction(ctx, () => {
		const prefix = `TS${region.code}${day.replaceAll('-', '')}`;
		const n = countComplaintsNumbered(ctx.db, prefix);
		const no = `${prefix}${String(n + 1).padStart(4, '0')}`;
		insertComplaint(ctx.db, {
			complaint_no: no,
			query_hash: queryHash(queryCode),
			kind,
			subject: input.subject as ComplaintSubject,
			item_code: target.itemCode,
			case_id: target.caseId,
			department_id: target.departmentId,
			anonymous: input.anonymous ? 1 : 0,
			title,
			name,
			contact,
			content,
			created_at: at,
			reply_due: replyDue
		});
		audit(ctx, {
			action: 'complaint.file',
			objectType: 'complaint',
			objectId: no,
			payload: {
				kind,
				subject: input.subject,
				itemCode: target.itemCode,
				caseNo: target.caseNo,
				department: target.departmentCode,
				anonymous: input.anonymous,
				title,
				replyDue
			}
		});
		appendFeed(ctx.db, {
			kind: 'complaint',
			dataset: '办事互动',
			caseNo: target.caseNo,
			departmentCode: target.departmentCode,
			at,
			record: {
				投诉编号: no,
				投诉类型: COMPLAINT_KIND_NAMES[kind],
				投诉标题: title,
				投诉人: name ?? '匿名',
				被投诉单位: target.departmentName,
				...(target.itemCode ? { 事项编码: target.itemCode } : {}),
				...(target.caseNo ? { 办件编号: target.caseNo } : {}),
				投诉内容: content,
				承办单位: handlingUnit(ctx.db),
				承诺时限: replyDue,
				投诉时间: at
			}
		});
		return no;
	});
	return {
		complaintNo,
		queryCode,
		kind,
		title,
		target: target.departmentName,
		createdAt: at,
		replyDue
	};
}

// ── reading ──────────────────────────────────────────────────────────────────

/** How the answer stands against its date, in working days on the calendar. */
export interface ReplyTiming {
	/** Working days left until the date (0: due today), null once answered or when past it. */
	remaining: number | null;
	/** Past the date (today, or when answered, later than it). */
	late: boolean;
	/** Working days past the date (超期天数); 0 when not late. */
	overdueDays: number;
}

export function replyTiming(
	due: string,
	today: string,
	repliedOn: string | null,
	table: HolidayTable
): ReplyTiming {
	const end = repliedOn ?? today;
	if (end > due)
		return {
			remaining: null,
			late: true,
			overdueDays: Math.max(0, workingDaysBetween(due, end, table).days)
		};
	return {
		remaining: repliedOn ? null : workingDaysBetween(today, due, table).days,
		late: false,
		overdueDays: 0
	};
}

export interface ComplaintSummary extends ReplyTiming {
	complaintNo: string;
	kind: ComplaintKind;
	subject: ComplaintSubject;
	title: string;
	/** The department complained about (被投诉单位). */
	department: string;
	itemCode: string | null;
	caseNo: string | null;
	anonymous: boolean;
	createdAt: string;
	replyDue: string;
	status: ComplaintStatus;
	repliedAt: string | null;
}

export interface ComplaintDetail extends ComplaintSummary {
	name: string | null;
	contact: string | null;
	content: string;
	reply: string | null;
	repliedBy: string | null;
}

/** What the complainant sees: no contact details (they are not needed to read the answer). */
export type PublicComplaint = Omit<ComplaintDetail, 'contact' | 'repliedBy' | 'name'>;

function detail(r: ComplaintView, today: string, table: HolidayTable): ComplaintDetail {
	return {
		complaintNo: r.complaint_no,
		kind: r.kind,
		subject: r.subject,
		title: r.title,
		department: r.department_name ?? '',
		itemCode: r.item_code,
		caseNo: r.case_no,
		anonymous: r.anonymous === 1,
		createdAt: r.created_at,
		replyDue: r.reply_due,
		status: r.status,
		repliedAt: r.replied_at,
		...replyTiming(
			r.reply_due,
			today,
			r.replied_at ? chinaDate(new Date(r.replied_at)) : null,
			table
		),
		name: r.name,
		contact: r.contact,
		content: r.content,
		reply: r.reply,
		repliedBy: r.replied_by_name
	};
}

/** Complaints newest first, optionally of one status, with their reply timing as of `now`. */
export function listComplaints(
	db: Db,
	now: Date,
	filter: { status?: ComplaintStatus | null } = {}
): ComplaintSummary[] {
	const table = holidayTable(db);
	const today = chinaDate(now);
	return listComplaintViews(db, filter.status ?? null).map((r) => {
		// eslint-disable-next-line @typescript-eslint/no-unused-vars
		const { name, contact, content, reply, repliedBy, ...summary } = detail(r, today, table);
		return summary;
	});
}

/** One complaint in full (for the supervision console), or undefined. */
export function complaintDetail(db: Db, no: string, now: Date): ComplaintDetail | undefined {
	const r = complaintViewByNo(db, no.trim());
	return r ? detail(r, chinaDate(now), holidayTable(db)) : undefined;
}

/** The complaint for its number and query code (compared in constant time), or undefined. */
export function complaintForApplicant(
	db: Db,
	no: string,
	queryCode: string,
	now: Date
): PublicComplaint | undefined {
	const r = complaintViewByNo(db, no.trim());
	const given = Buffer.from(queryHash(queryCode));
	const stored = Buffer.from(r?.query_hash ?? '0'.repeat(64));
	const same = given.length === stored.length && timingSafeEqual(given, stored);
	if (!r || !same) return undefined;
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	const { name, contact, repliedBy, ...shown } = detail(r, chinaDate(now), holidayTable(db));
	return shown;
}

// ── answering ────────────────────────────────────────────────────────────────

/**
 * The supervision answer (反馈信息): sets the complaint replied, audited and reported with the
 * working days it came late. Refused with COMPLAINT_NOT_FOUND, COMPLAINT_REPLIED (answered
 * already), FIELD_REQUIRED / FIELD_TOO_LONG (reply).
 */
export function replyComplaint(ctx: ServiceContext, no: string, reply: string): ComplaintDetail {
	const text = reply.trim();
	const now = ctx.clock.now();
	const at = now.toISOString();
	const table = holidayTable(ctx.db);
	return inTransaction(ctx, () => {
		const r = complaintViewByNo(ctx.db, no.trim());
		if (!r) throw new AppError('COMPLAINT_NOT_FOUND', 'complaintNo');
		if (r.status === 'replied')
			throw new AppError('COMPLAINT_REPLIED', 'reply', { complaintNo: r.complaint_no });
		if (!text) throw new AppError('FIELD_REQUIRED', 'reply');
		if (length(text) > COMPLAINT_REPLY_MAX)
			throw new AppError('FIELD_TOO_LONG', 'reply', { max: COMPLAINT_REPLY_MAX });
		const timing = replyTiming(r.reply_due, chinaDate(now), chinaDate(now), table);
		setComplaintReply(ctx.db, r.id, { reply: text, replied_by: ctx.actor.id, replied_at: at });
		audit(ctx, {
			action: 'complaint.reply',
			objectType: 'complaint',
			objectId: r.complaint_no,
			payload: { reply: text, overdueDays: timing.overdueDays }
		});
		const department =
			r.department_id === null ? undefined : getDepartment(ctx.db, r.department_id);
		appendFeed(ctx.db, {
			kind: 'complaint_replied',
			dataset: '办事互动',
			caseNo: r.case_no,
			departmentCode: department?.code ?? null,
			at,
			record: {
				投诉编号: r.complaint_no,
				投诉标题: r.title,
				被投诉单位: r.department_name ?? '',
				承办单位: handlingUnit(ctx.db),
				反馈信息: text,
				反馈时间: at,
				承诺时限: r.reply_due,
				超期天数: timing.overdueDays
			}
		});
		return detail(
			{ ...r, reply: text, replied_at: at, status: 'replied', replied_by_name: null },
			chinaDate(now),
			table
		);
	});
}
