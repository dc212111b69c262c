import type { Db } from '../db/connection';

/** The kinds of key process events reported upstream (实时报送). */
export type FeedKind =
	| 'case_received'
	| 'step_completed'
	| 'case_closed'
	| 'warning_raised'
	| 'exception_raised'
	| 'notice_issued'
	| 'notice_closed'
	| 'evaluation'
	| 'complaint'
	| 'complaint_replied';

/** The GB/T 39046-2020 dataset a feed record follows. */
export type FeedDataset =
	'事项受理' | '事项办理' | '事项办结' | '服务评价' | '办事互动' | '电子监察';

export interface FeedEntry {
	kind: FeedKind;
	dataset: FeedDataset;
	caseNo: string | null;
	departmentCode: string | null;
	at: string;
	/** The record in the dataset's field names (Chinese keys, as in the standard). */
	record: Record<string, unknown>;
}

export interface FeedRow {
	seq: number;
	kind: FeedKind;
	dataset: FeedDataset;
	case_no: string | null;
	department_code: string | null;
	at: string;
	record: string;
}

/** Appends one event; call it inside the transaction that made the change it reports. */
export function appendFeed(db: Db, e: FeedEntry): number {
	const r = db
		.prepare(
			`INSERT INTO feed_events (kind, dataset, case_no, department_code, at, record)
			 VALUES (?, ?, ?, ?, ?, ?)`
		)
		.run(e.kind, e.dataset, e.caseNo, e.departmentCode, e.at, JSON.stringify(e.record));
	return Number(r.lastInsertRowid);
}

/** Events after `after`, in order, at most `limit`. */
export function readFeed(db: Db, after: number, limit: number): FeedRow[] {
	return db
		.prepare('SELECT * FROM feed_events WHERE seq > ? ORDER BY seq LIMIT ?')
		.all(after, limit) as FeedRow[];
}
