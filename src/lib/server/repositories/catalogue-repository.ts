import type { CatalogueContent, Category } from '../../domain/catalogue/types';
import type { VersionKind, VersionStatus } from '../../domain/catalogue/review';
import { cachedStatement, type Db } from '../db/connection';

export interface EntryRow {
	id: number;
	code: string;
	department_id: number;
	category: Category;
	seq: number;
	created_at: string;
	created_by: number | null;
	published_version: number | null;
	published_at: string | null;
	retired_at: string | null;
	retire_reason: string | null;
	basis_changed_on: string | null;
	basis_change_cause: string | null;
	redeclare_due: string | null;
}

export interface VersionRow {
	id: number;
	entry_id: number;
	version: number;
	kind: VersionKind;
	status: VersionStatus;
	content: string;
	content_hash: string;
	retire_reason: string | null;
	created_at: string;
	created_by: number | null;
	updated_at: string;
	updated_by: number | null;
	submitted_at: string | null;
	submitted_by: number | null;
	review_due: string | null;
	decided_at: string | null;
	decided_by: number | null;
	published_at: string | null;
	/** The flowchart and form revisions the version was approved with (see design_revisions). */
	flow_revision: number | null;
	form_revision: number | null;
}

export interface CommentRow {
	id: number;
	version_id: number;
	round: number;
	field: string;
	body: string;
	created_at: string;
	created_by: number | null;
	author: string | null;
}

export function nextSeq(db: Db, departmentId: number, category: Category): number {
	const row = db
		.prepare('SELECT MAX(seq) AS s FROM catalogue_entries WHERE department_id = ? AND category = ?')
		.get(departmentId, category) as { s: number | null };
	return (row.s ?? 0) + 1;
}

export function insertEntry(
	db: Db,
	e: Omit<
		EntryRow,
		| 'id'
		| 'published_version'
		| 'published_at'
		| 'retired_at'
		| 'retire_reason'
		| 'basis_changed_on'
		| 'basis_change_cause'
		| 'redeclare_due'
	>
): number {
	return Number(
		db
			.prepare(
				`INSERT INTO catalogue_entries (code, department_id, category, seq, created_at, created_by)
				 VALUES (@code, @department_id, @category, @seq, @created_at, @created_by)`
			)
			.run(e).lastInsertRowid
	);
}

export function getEntry(db: Db, id: number): EntryRow | undefined {
	return db.prepare('SELECT * FROM catalogue_entries WHERE id = ?').get(id) as EntryRow | undefined;
}

export function getEntryByCode(db: Db, code: string): EntryRow | undefined {
	return cachedStatement(db, 'SELECT * FROM catalogue_entries WHERE code = ?').get(code) as
		EntryRow | undefined;
}

export function setEntryPublished(db: Db, id: number, version: number, at: string): void {
	db.prepare(
		'UPDATE catalogue_entries SET published_version = ?, published_at = ? WHERE id = ?'
	).run(version, at, id);
}

export function setEntryRetired(db: Db, id: number, at: string, reason: string): void {
	db.prepare('UPDATE catalogue_entries SET retired_at = ?, retire_reason = ? WHERE id = ?').run(
		at,
		reason,
		id
	);
}

export function setBasisChange(
	db: Db,
	id: number,
	on: string | null,
	cause: string | null,
	due: string | null
): void {
	db.prepare(
		'UPDATE catalogue_entries SET basis_changed_on = ?, basis_change_cause = ?, redeclare_due = ? WHERE id = ?'
	).run(on, cause, due, id);
}

export function insertVersion(
	db: Db,
	v: Omit<
		VersionRow,
		| 'id'
		| 'submitted_at'
		| 'submitted_by'
		| 'review_due'
		| 'decided_at'
		| 'decided_by'
		| 'published_at'
		| 'flow_revision'
		| 'form_revision'
	>
): number {
	return Number(
		db
			.prepare(
				`INSERT INTO catalogue_versions (entry_id, version, kind, status, content, content_hash, retire_reason, created_at, created_by, updated_at, updated_by)
				 VALUES (@entry_id, @version, @kind, @status, @content, @content_hash, @retire_reason, @created_at, @created_by, @updated_at, @updated_by)`
			)
			.run(v).lastInsertRowid
	);
}

export function getVersion(db: Db, entryId: number, version: number): VersionRow | undefined {
	return db
		.prepare('SELECT * FROM catalogue_versions WHERE entry_id = ? AND version = ?')
		.get(entryId, version) as VersionRow | undefined;
}

export function getOpenVersion(db: Db, entryId: number): VersionRow | undefined {
	return db
		.prepare(
			"SELECT * FROM catalogue_versions WHERE entry_id = ? AND status IN ('draft', 'submitted', 'returned')"
		)
		.get(entryId) as VersionRow | undefined;
}

export function latestVersion(db: Db, entryId: number): VersionRow | undefined {
	return db
		.prepare('SELECT * FROM catalogue_versions WHERE entry_id = ? ORDER BY version DESC LIMIT 1')
		.get(entryId) as VersionRow | undefined;
}

export function listVersions(db: Db, entryId: number): VersionRow[] {
	return db
		.prepare('SELECT * FROM catalogue_versions WHERE entry_id = ? ORDER BY version DESC')
		.all(entryId) as VersionRow[];
}

export function updateVersionContent(
	db: Db,
	id: number,
	content: string,
	hash: string,
	at: string,
	by: number | null
): void {
	db.prepare(
		'UPDATE catalogue_versions SET content = ?, content_hash = ?, updated_at = ?, updated_by = ? WHERE id = ?'
	).run(content, hash, at, by, id);
}

export function setVersionStatus(
	db: Db,
	id: number,
	status: VersionStatus,
	fields: Partial<
		Pick<
			VersionRow,
			'submitted_at' | 'submitted_by' | 'review_due' | 'decided_at' | 'decided_by' | 'published_at'
		>
	> = {}
): void {
	const sets = ['status = @status', ...Object.keys(fields).map((k) => `${k} = @${k}`)];
	db.prepare(`UPDATE catalogue_versions SET ${sets.join(', ')} WHERE id = @id`).run({
		id,
		status,
		...fields
	});
}

export function insertComment(db: Db, c: Omit<CommentRow, 'id' | 'author'>): void {
	db.prepare(
		'INSERT INTO catalogue_comments (version_id, round, field, body, created_at, created_by) VALUES (@version_id, @round, @field, @body, @created_at, @created_by)'
	).run(c);
}

export function listComments(db: Db, versionId: number): CommentRow[] {
	return db
		.prepare(
			`SELECT c.*, u.display_name AS author FROM catalogue_comments c LEFT JOIN users u ON u.id = c.created_by
			 WHERE c.version_id = ? ORDER BY c.round DESC, c.id`
		)
		.all(versionId) as CommentRow[];
}

export function lastCommentRound(db: Db, versionId: number): number {
	return (
		(
			db
				.prepare('SELECT MAX(round) AS r FROM catalogue_comments WHERE version_id = ?')
				.get(versionId) as { r: number | null }
		).r ?? 0
	);
}

// ── lists for the studio ─────────────────────────────────────────────────────

export interface StudioRow {
	id: number;
	code: string;
	category: Category;
	department_id: number;
	department_name: string;
	published_version: number | null;
	retired_at: string | null;
	redeclare_due: string | null;
	name: string;
	open_version: number | null;
	open_status: VersionStatus | null;
	open_kind: VersionKind | null;
	review_due: string | null;
	submitted_at: string | null;
	updated_at: string;
}

const STUDIO_SELECT = `
	SELECT e.id, e.code, e.category, e.department_id, d.name AS department_name, e.published_version,
		e.retired_at, e.redeclare_due,
		json_extract(COALESCE(o.content, p.content), '$.name') AS name,
		o.version AS open_version, o.status AS open_status, o.kind AS open_kind, o.review_due, o.submitted_at,
		COALESCE(o.updated_at, p.updated_at) AS updated_at
	FROM catalogue_entries e
	JOIN departments d ON d.id = e.department_id
	LEFT JOIN catalogue_versions o ON o.entry_id = e.id AND o.status IN ('draft', 'submitted', 'returned')
	LEFT JOIN catalogue_versions p ON p.entry_id = e.id AND p.version = e.published_version`;

/** A department's entries, those needing work first. */
export function listDepartmentEntries(db: Db, departmentId: number): StudioRow[] {
	return db
		.prepare(
			`${STUDIO_SELECT} WHERE e.department_id = ?
			 ORDER BY (o.status IS NULL), COALESCE(e.redeclare_due, '9999'), e.code`
		)
		.all(departmentId) as StudioRow[];
}

/** Every entry not retired, in any department, with its current name: for duplicate-name warnings. */
export function listCurrentEntries(db: Db): StudioRow[] {
	return db
		.prepare(`${STUDIO_SELECT} WHERE e.retired_at IS NULL ORDER BY e.code`)
		.all() as StudioRow[];
}

/** Submitted versions waiting for the legal office, the earliest due first. */
export function listReviewQueue(db: Db): StudioRow[] {
	return db
		.prepare(`${STUDIO_SELECT} WHERE o.status = 'submitted' ORDER BY o.review_due, o.submitted_at`)
		.all() as StudioRow[];
}

/** Entries whose re-declaration after a change of basis is still outstanding. */
export function listRedeclarations(db: Db): StudioRow[] {
	return db
		.prepare(
			`${STUDIO_SELECT} WHERE e.redeclare_due IS NOT NULL AND e.retired_at IS NULL ORDER BY e.redeclare_due`
		)
		.all() as StudioRow[];
}

// ── published catalogue and its search index ────────────────────────────────

export interface PublishedRow {
	id: number;
	code: string;
	category: Category;
	department_id: number;
	department_code: string;
	department_name: string;
	version: number;
	published_at: string;
	content: string;
}

const PUBLISHED_SELECT = `
	SELECT e.id, e.code, e.category, e.department_id, d.code AS department_code, d.name AS department_name,
		v.version, v.published_at, v.content
	FROM catalogue_entries e
	JOIN departments d ON d.id = e.department_id
	JOIN catalogue_versions v ON v.entry_id = e.id AND v.version = e.published_version
	WHERE e.retired_at IS NULL`;

export function getPublishedByCode(db: Db, code: string): PublishedRow | undefined {
	return db.prepare(`${PUBLISHED_SELECT} AND e.code = ?`).get(code) as PublishedRow | undefined;
}

export interface PublishedFilter {
	departmentId?: number | null;
	category?: Category | null;
	/** FTS5 MATCH expression over the search index (see src/lib/domain/search-text.ts). */
	match?: string | null;
	limit: number;
	offset: number;
}

/**
 * Published entries matching the filter, best match first when searching, and the total count.
 * The page is chosen on ids alone (the index holds exactly the published, unretired entries), and
 * only its rows are then read with their content, so broad queries stay cheap.
 */
export function searchPublished(
	db: Db,
	f: PublishedFilter
): { rows: PublishedRow[]; total: number } {
	const where: string[] = [];
	const params: Record<string, unknown> = {};
	let from: string;
	if (f.match) {
		from = 'catalogue_search JOIN catalogue_entries e ON e.id = catalogue_search.rowid';
		where.push('catalogue_search MATCH @match');
		params.match = f.match;
	} else {
		from = 'catalogue_entries e';
		where.push('e.published_version IS NOT NULL', 'e.retired_at IS NULL');
	}
	if (f.departmentId) {
		where.push('e.department_id = @department');
		params.department = f.departmentId;
	}
	if (f.category) {
		where.push('e.category = @category');
		params.category = f.category;
	}
	const cond = where.length ? `WHERE ${where.join(' AND ')}` : '';
	const order = f.match
		? 'ORDER BY bm25(catalogue_search, 10.0, 3.0, 2.0, 1.0, 1.0), e.code'
		: 'ORDER BY e.department_id, e.category, e.code';
	const ids = (
		db
			.prepare(`SELECT e.id FROM ${from} ${cond} ${order} LIMIT @limit OFFSET @offset`)
			.all({ ...params, limit: f.limit, offset: f.offset }) as { id: number }[]
	).map((r) => r.id);
	const total = (
		db.prepare(`SELECT COUNT(*) AS n FROM ${from} ${cond}`).get(params) as { n: number }
	).n;
	if (ids.length === 0) return { rows: [], total };
	const found = db
		.prepare(`${PUBLISHED_SELECT} AND e.id IN (${ids.map(() => '?').join(',')})`)
		.all(...ids) as PublishedRow[];
	const byId = new Map(found.map((r) => [r.id, r]));
	return { rows: ids.map((id) => byId.get(id)).filter((r): r is PublishedRow => !!r), total };
}

/** Counts of published entries per department and per category, for the hall's browsing. */
export function publishedCounts(db: Db): {
	departments: { id: number; code: string; name: string; n: number }[];
	categories: { category: Category; n: number }[];
} {
	return {
		departments: db
			.prepare(
				`SELECT d.id, d.code, d.name, COUNT(e.id) AS n FROM departments d
				 JOIN catalogue_entries e ON e.department_id = d.id AND e.published_version IS NOT NULL AND e.retired_at IS NULL
				 GROUP BY d.id ORDER BY d.id`
			)
			.all() as { id: number; code: string; name: string; n: number }[],
		categories: db
			.prepare(
				`SELECT category, COUNT(*) AS n FROM catalogue_entries WHERE published_version IS NOT NULL AND retired_at IS NULL GROUP BY category`
			)
			.all() as { category: Category; n: number }[]
	};
}

export interface SearchDocument {
	name: string;
	basis: string;
	materials: string;
	other: string;
}

/** What the index stores: the document's texts as search pieces, and its distinct characters. */
export interface IndexedDocument extends SearchDocument {
	chars: string;
}

/** Puts the published text of an entry into the search index (replacing what was there). */
export function indexEntry(
	db: Db,
	entryId: number,
	plain: SearchDocument,
	indexed: IndexedDocument
): void {
	removeFromIndex(db, entryId);
	db.prepare(
		'INSERT INTO catalogue_search (rowid, name, basis, materials, other, chars) VALUES (?, ?, ?, ?, ?, ?)'
	).run(entryId, indexed.name, indexed.basis, indexed.materials, indexed.other, indexed.chars);
	db.prepare(
		'INSERT INTO catalogue_search_text (entry_id, name, basis, materials, other) VALUES (?, ?, ?, ?, ?)'
	).run(entryId, plain.name, plain.basis, plain.materials, plain.other);
}

export function removeFromIndex(db: Db, entryId: number): void {
	db.prepare('DELETE FROM catalogue_search WHERE rowid = ?').run(entryId);
	db.prepare('DELETE FROM catalogue_search_text WHERE entry_id = ?').run(entryId);
}

export function parseContent(row: { content: string }): CatalogueContent {
	return JSON.parse(row.content) as CatalogueContent;
}

/** Ids of entries with a published version in force (not retired), by item code. */
export function listPublishedEntryIds(db: Db): number[] {
	return (
		db
			.prepare(
				'SELECT id FROM catalogue_entries WHERE published_version IS NOT NULL AND retired_at IS NULL ORDER BY code'
			)
			.all() as { id: number }[]
	).map((r) => r.id);
}
