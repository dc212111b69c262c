/**
 * 督办 (supervision_notices) and the reads of 异常 (supervision_exceptions) that handling them needs:
 * lists with filters, one row with its department, case and people's names.
 */
import type {
	ExceptionSeverity,
	ExceptionStatus,
	ExceptionType,
	Fault,
	NoticeStatus
} from '../../supervision/notices';
import { noticePrefix } from '../../supervision/notices';
import type { Db } from '../db/connection';

export interface ExceptionRow {
	id: number;
	key: string;
	type: ExceptionType;
	severity: ExceptionSeverity;
	case_id: number | null;
	department_id: number | null;
	evidence: string;
	status: ExceptionStatus;
	raised_at: string;
	closed_at: string | null;
}

/** An exception with its case number and department (code, name) for showing and prefilling. */
export interface ExceptionView extends ExceptionRow {
	case_no: string | null;
	department_code: string | null;
	department_name: string | null;
	/** The latest notice issued about it, if any. */
	notice_no: string | null;
}

export interface ExceptionFilter {
	type?: string;
	status?: string;
	departmentId?: number;
	limit?: number;
}

const EXCEPTION_VIEW = `SELECT x.*, c.case_no, d.code AS department_code, d.name AS department_name,
		(SELECT n.notice_no FROM supervision_notices n WHERE n.exception_id = x.id
			ORDER BY n.id DESC LIMIT 1) AS notice_no
	FROM supervision_exceptions x LEFT JOIN cases c ON c.id = x.case_id
	LEFT JOIN departments d ON d.id = x.department_id`;

/** Newest first (open before handled ones of the same moment), filtered. */
export function listExceptions(db: Db, f: ExceptionFilter = {}): ExceptionView[] {
	const where: string[] = [];
	const params: Record<string, unknown> = { limit: f.limit ?? 500 };
	if (f.type) {
		where.push('x.type = @type');
		params.type = f.type;
	}
	if (f.status) {
		where.push('x.status = @status');
		params.status = f.status;
	}
	if (f.departmentId) {
		where.push('x.department_id = @departmentId');
		params.departmentId = f.departmentId;
	}
	return db
		.prepare(
			`${EXCEPTION_VIEW} ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
			 ORDER BY x.raised_at DESC, x.id DESC LIMIT @limit`
		)
		.all(params) as ExceptionView[];
}

export function getException(db: Db, id: number): ExceptionView | undefined {
	return db.prepare(`${EXCEPTION_VIEW} WHERE x.id = ?`).get(id) as ExceptionView | undefined;
}

/** Moves an exception on (open → notified → closed); false when it was not in `from`. */
export function setExceptionStatus(
	db: Db,
	id: number,
	from: ExceptionStatus,
	to: ExceptionStatus,
	closedAt: string | null
): boolean {
	return (
		db
			.prepare(
				'UPDATE supervision_exceptions SET status = ?, closed_at = ? WHERE id = ? AND status = ?'
			)
			.run(to, closedAt, id, from).changes === 1
	);
}

export interface NoticeRow {
	id: number;
	notice_no: string;
	exception_id: number | null;
	case_id: number | null;
	department_id: number;
	subject: string;
	content: string;
	reply_due: string;
	issued_by: number | null;
	issued_at: string;
	reply: string | null;
	replied_by: number | null;
	replied_at: string | null;
	finding: string | null;
	fault: Fault | null;
	fault_detail: string | null;
	closed_by: number | null;
	closed_at: string | null;
	status: NoticeStatus;
}

/** A notice with the names it is shown with. */
export interface NoticeView extends NoticeRow {
	case_no: string | null;
	department_code: string;
	department_name: string;
	exception_type: ExceptionType | null;
	issuer_name: string | null;
	/** The issuer's department: the issuing unit printed on the notice. */
	issuer_department: string | null;
	replier_name: string | null;
	closer_name: string | null;
}

const NOTICE_VIEW = `SELECT n.*, c.case_no, d.code AS department_code, d.name AS department_name,
		x.type AS exception_type, iu.display_name AS issuer_name, idp.name AS issuer_department,
		ru.display_name AS replier_name, cu.display_name AS closer_name
	FROM supervision_notices n JOIN departments d ON d.id = n.department_id
	LEFT JOIN cases c ON c.id = n.case_id
	LEFT JOIN supervision_exceptions x ON x.id = n.exception_id
	LEFT JOIN users iu ON iu.id = n.issued_by LEFT JOIN departments idp ON idp.id = iu.department_id
	LEFT JOIN users ru ON ru.id = n.replied_by
	LEFT JOIN users cu ON cu.id = n.closed_by`;

export interface NoticeFilter {
	status?: string;
	/** Only notices to these departments (an officer's); undefined for all. */
	departmentIds?: readonly number[];
	limit?: number;
}

/** Newest first, filtered. */
export function listNotices(db: Db, f: NoticeFilter = {}): NoticeView[] {
	const where: string[] = [];
	const params: unknown[] = [];
	if (f.status) {
		where.push('n.status = ?');
		params.push(f.status);
	}
	if (f.departmentIds) {
		if (f.departmentIds.length === 0) return [];
		where.push(`n.department_id IN (${f.departmentIds.map(() => '?').join(', ')})`);
		params.push(...f.departmentIds);
	}
	return db
		.prepare(
			`${NOTICE_VIEW} ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
			 ORDER BY n.issued_at DESC, n.id DESC LIMIT ?`
		)
		.all(...params, f.limit ?? 500) as NoticeView[];
}

export function getNotice(db: Db, noticeNo: string): NoticeView | undefined {
	return db.prepare(`${NOTICE_VIEW} WHERE n.notice_no = ?`).get(noticeNo) as NoticeView | undefined;
}

/** Notices to these departments still waiting for their reply. */
export function countAwaitingReply(db: Db, departmentIds: readonly number[]): number {
	if (departmentIds.length === 0) return 0;
	const row = db
		.prepare(
			`SELECT COUNT(*) AS n FROM supervision_notices WHERE status = 'issued'
			 AND department_id IN (${departmentIds.map(() => '?').join(', ')})`
		)
		.get(...departmentIds) as { n: number };
	return row.n;
}

/**
 * The next notice number's sequence for a China day (1, 2, …): one more than the day's highest,
 * read in the caller's transaction, so numbers have no gaps (a rolled-back issue leaves none).
 */
export function nextNoticeSequence(db: Db, day: string): number {
	const prefix = noticePrefix(day);
	const row = db
		.prepare(
			`SELECT MAX(CAST(substr(notice_no, ?) AS INTEGER)) AS last FROM supervision_notices
			 WHERE notice_no LIKE ?`
		)
		.get(prefix.length + 1, `${prefix}%`) as { last: number | null };
	return (row.last ?? 0) + 1;
}

export function insertNotice(
	db: Db,
	n: Pick<
		NoticeRow,
		| 'notice_no'
		| 'exception_id'
		| 'case_id'
		| 'department_id'
		| 'subject'
		| 'content'
		| 'reply_due'
		| 'issued_by'
		| 'issued_at'
	>
): number {
	return Number(
		db
			.prepare(
				`INSERT INTO supervision_notices (notice_no, exception_id, case_id, department_id, subject,
					content, reply_due, issued_by, issued_at)
				 VALUES (@notice_no, @exception_id, @case_id, @department_id, @subject, @content, @reply_due,
					@issued_by, @issued_at)`
			)
			.run(n).lastInsertRowid
	);
}

/** Records the department's reply; false unless the notice was still awaiting one. */
export function replyToNotice(
	db: Db,
	id: number,
	r: { reply: string; replied_by: number | null; replied_at: string }
): boolean {
	return (
		db
			.prepare(
				`UPDATE supervision_notices SET reply = @reply, replied_by = @replied_by,
					replied_at = @replied_at, status = 'replied' WHERE id = @id AND status = 'issued'`
			)
			.run({ ...r, id }).changes === 1
	);
}

/** Records the finding; false unless the notice had been replied to and was still open. */
export function closeNoticeRow(
	db: Db,
	id: number,
	c: {
		finding: string;
		fault: Fault;
		fault_detail: string | null;
		closed_by: number | null;
		closed_at: string;
	}
): boolean {
	return (
		db
			.prepare(
				`UPDATE supervision_notices SET finding = @finding, fault = @fault,
					fault_detail = @fault_detail, closed_by = @closed_by, closed_at = @closed_at,
					status = 'closed' WHERE id = @id AND status = 'replied'`
			)
			.run({ ...c, id }).changes === 1
	);
}

/**
 * The departments a user answers for: their own department and those of their posts (enabled
 * departments and posts only).
 */
export function departmentIdsOfUser(db: Db, userId: number): number[] {
	return (
		db
			.prepare(
				`SELECT u.department_id AS id FROM users u JOIN departments d ON d.id = u.department_id
				 WHERE u.id = ? AND d.disabled_at IS NULL
				 UNION
				 SELECT p.department_id FROM user_posts up JOIN posts p ON p.id = up.post_id
				 JOIN departments d ON d.id = p.department_id
				 WHERE up.user_id = ? AND p.disabled_at IS NULL AND d.disabled_at IS NULL
				 ORDER BY 1`
			)
			.all(userId, userId) as { id: number }[]
	).map((r) => r.id);
}
