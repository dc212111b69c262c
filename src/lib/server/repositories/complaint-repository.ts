/**
 * 投诉举报 (the `complaints` table, migration 008): numbering, filing, the supervision answer,
 * and the reads of a complaint with the names it is shown with. Counting complaints for the
 * figures is done where the figures are (performance-repository, statistics-repository).
 */
import { cachedStatement, type Db } from '../db/connection';

export type ComplaintKind = 'complaint' | 'report';
export type ComplaintSubject = 'item' | 'case' | 'department';
export type ComplaintStatus = 'open' | 'replied';

/** A stored complaint. */
export interface ComplaintRow {
	id: number;
	complaint_no: string;
	query_hash: string;
	kind: ComplaintKind;
	subject: ComplaintSubject;
	item_code: string | null;
	case_id: number | null;
	department_id: number | null;
	anonymous: number;
	title: string;
	name: string | null;
	contact: string | null;
	content: string;
	created_at: string;
	/** China date. */
	reply_due: string;
	reply: string | null;
	replied_by: number | null;
	replied_at: string | null;
	status: ComplaintStatus;
}

/** A complaint with the department complained about, its case's number and who answered it. */
export interface ComplaintView extends ComplaintRow {
	department_name: string | null;
	case_no: string | null;
	replied_by_name: string | null;
}

const VIEW = `
	SELECT c.*, d.name AS department_name, k.case_no AS case_no, u.display_name AS replied_by_name
	FROM complaints c
	LEFT JOIN departments d ON d.id = c.department_id
	LEFT JOIN cases k ON k.id = c.case_id
	LEFT JOIN users u ON u.id = c.replied_by`;

/**
 * Complaints whose number starts with `prefix` (`TS` + region + day): the day's last sequence,
 * read in the filing transaction so the next number is one more.
 */
export function countComplaintsNumbered(db: Db, prefix: string): number {
	const row = cachedStatement(
		db,
		'SELECT COUNT(*) AS n FROM complaints WHERE complaint_no LIKE ?'
	).get(`${prefix}%`) as { n: number };
	return row.n;
}

export type NewComplaint = Pick<
	ComplaintRow,
	| 'complaint_no'
	| 'query_hash'
	| 'kind'
	| 'subject'
	| 'item_code'
	| 'case_id'
	| 'department_id'
	| 'anonymous'
	| 'title'
	| 'name'
	| 'contact'
	| 'content'
	| 'created_at'
	| 'reply_due'
>;

export function insertComplaint(db: Db, c: NewComplaint): void {
	cachedStatement(
		db,
		`INSERT INTO complaints (complaint_no, query_hash, kind, subject, item_code, case_id,
			department_id, anonymous, title, name, contact, content, created_at, reply_due)
		 VALUES (@complaint_no, @query_hash, @kind, @subject, @item_code, @case_id, @department_id,
			@anonymous, @title, @name, @contact, @content, @created_at, @reply_due)`
	).run(c);
}

/** Complaints newest first, all or of one status. */
export function listComplaintViews(db: Db, status: ComplaintStatus | null): ComplaintView[] {
	return (
		status
			? cachedStatement(db, `${VIEW} WHERE c.status = ? ORDER BY c.id DESC`).all(status)
			: cachedStatement(db, `${VIEW} ORDER BY c.id DESC`).all()
	) as ComplaintView[];
}

export function complaintViewByNo(db: Db, complaintNo: string): ComplaintView | undefined {
	return cachedStatement(db, `${VIEW} WHERE c.complaint_no = ?`).get(complaintNo) as
		ComplaintView | undefined;
}

/** Records the supervision answer; false unless the complaint was still open. */
export function setComplaintReply(
	db: Db,
	id: number,
	r: { reply: string; replied_by: number | null; replied_at: string }
): boolean {
	return (
		cachedStatement(
			db,
			`UPDATE complaints SET reply = @reply, replied_by = @replied_by, replied_at = @replied_at,
				status = 'replied'
			 WHERE id = @id AND status = 'open'`
		).run({ ...r, id }).changes === 1
	);
}
