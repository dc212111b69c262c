import { cachedStatement, type Db } from '../db/connection';

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
	| 'complaint_replied'
	| 'audit_checkpoint';

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
	const r = cachedStatement(
		db,
		`INSERT INTO feed_events (kind, dataset, case_no, department_code, at, record)
		 VALUES (?, ?, ?, ?, ?, ?)`
	).run(e.kind, e.dataset, e.caseNo, e.departmentCode, e.at, JSON.stringify(e.record));
	return Number(r.lastInsertRowid);
}

/** Events after `after`, in order, at most `limit`. */
export function readFeed(db: Db, after: number, limit: number): FeedRow[] {
	return cachedStatement(db, 'SELECT * FROM feed_events WHERE seq > ? ORDER BY seq LIMIT ?').all(
		after,
		limit
	) as FeedRow[];
}

/** The newest sequence number (0 when the feed is empty). */
export function lastFeedSeq(db: Db): number {
	return (db.prepare('SELECT COALESCE(MAX(seq), 0) AS n FROM feed_events').get() as { n: number })
		.n;
}

/** What every feed record of a case needs: its department and item, read in the event's transaction. */
export interface CaseFeedHeaderRow {
	case_no: string;
	item_code: string;
	applicant_name: string;
	department_code: string | null;
	department_name: string | null;
	item_name: string | null;
}

export function caseFeedHeader(db: Db, caseId: number): CaseFeedHeaderRow | undefined {
	return cachedStatement(
		db,
		`SELECT c.case_no, c.item_code, c.applicant_name, d.code AS department_code, d.name AS department_name,
			(SELECT json_extract(v.content, '$.name') FROM catalogue_versions v WHERE v.entry_id = e.id
			 ORDER BY v.version = e.published_version DESC, v.version DESC LIMIT 1) AS item_name
		 FROM cases c JOIN catalogue_entries e ON e.id = c.entry_id
		 LEFT JOIN departments d ON d.id = COALESCE(c.department_id, e.department_id)
		 WHERE c.id = ?`
	).get(caseId) as CaseFeedHeaderRow | undefined;
}

// ── feed tokens (who may read the feed) ──────────────────────────────────────

export interface FeedTokenRow {
	id: number;
	name: string;
	token_hash: string;
	created_by: number | null;
	created_at: string;
	last_used_at: string | null;
	revoked_at: string | null;
}

export function insertFeedToken(
	db: Db,
	t: Pick<FeedTokenRow, 'name' | 'token_hash' | 'created_by' | 'created_at'>
): number {
	return Number(
		db
			.prepare(
				`INSERT INTO feed_tokens (name, token_hash, created_by, created_at)
				 VALUES (@name, @token_hash, @created_by, @created_at)`
			)
			.run(t).lastInsertRowid
	);
}

export function listFeedTokens(
	db: Db
): (Omit<FeedTokenRow, 'token_hash'> & { created_by_name: string | null })[] {
	return db
		.prepare(
			`SELECT t.id, t.name, t.created_by, t.created_at, t.last_used_at, t.revoked_at,
				u.username AS created_by_name
			 FROM feed_tokens t LEFT JOIN users u ON u.id = t.created_by
			 ORDER BY t.revoked_at IS NOT NULL, t.created_at DESC, t.id DESC`
		)
		.all() as (Omit<FeedTokenRow, 'token_hash'> & { created_by_name: string | null })[];
}

export function getFeedToken(db: Db, id: number): FeedTokenRow | undefined {
	return db.prepare('SELECT * FROM feed_tokens WHERE id = ?').get(id) as FeedTokenRow | undefined;
}

export function findFeedTokenByName(db: Db, name: string): FeedTokenRow | undefined {
	return db.prepare('SELECT * FROM feed_tokens WHERE name = ?').get(name) as
		FeedTokenRow | undefined;
}

export function getFeedTokenByHash(db: Db, hash: string): FeedTokenRow | undefined {
	return cachedStatement(db, 'SELECT * FROM feed_tokens WHERE token_hash = ?').get(hash) as
		FeedTokenRow | undefined;
}

export function revokeFeedToken(db: Db, id: number, at: string): boolean {
	return (
		db
			.prepare('UPDATE feed_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
			.run(at, id).changes === 1
	);
}

/** Written at most once a minute per token (every read would otherwise be a write). */
export function touchFeedToken(db: Db, id: number, at: string, notBefore: string): void {
	cachedStatement(
		db,
		'UPDATE feed_tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)'
	).run(at, id, notBefore);
}

// ── push to the configured upstream ──────────────────────────────────────────

export interface FeedPushRow {
	last_seq: number;
	failures: number;
	next_attempt_at: string | null;
	last_error: string | null;
	updated_at: string | null;
}

/** The push state (nothing pushed yet while there is no row). */
export function getFeedPush(db: Db): FeedPushRow {
	return (
		(db
			.prepare(
				'SELECT last_seq, failures, next_attempt_at, last_error, updated_at FROM feed_push WHERE id = 1'
			)
			.get() as FeedPushRow | undefined) ?? {
			last_seq: 0,
			failures: 0,
			next_attempt_at: null,
			last_error: null,
			updated_at: null
		}
	);
}

export function saveFeedPush(db: Db, s: FeedPushRow): void {
	db.prepare('INSERT OR IGNORE INTO feed_push (id) VALUES (1)').run();
	db.prepare(
		`UPDATE feed_push SET last_seq = @last_seq, failures = @failures,
			next_attempt_at = @next_attempt_at, last_error = @last_error, updated_at = @updated_at
		 WHERE id = 1`
	).run(s);
}
