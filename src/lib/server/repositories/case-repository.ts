import { cachedStatement, type Db } from '../db/connection';

export interface CaseRow {
	id: number;
	case_no: string;
	query_hash: string;
	entry_id: number;
	item_code: string;
	item_version: number;
	content_hash: string;
	channel: 'online' | 'window' | 'offline';
	applicant_name: string;
	applicant_id: string;
	status: string;
	state: string;
	version: number;
	submitted_at: string;
	accepted_at: string | null;
	statutory_due: string | null;
	promised_due: string | null;
	closed_at: string | null;
	outcome: string | null;
	updated_at: string;
	/** 'engine': run by the built-in runner; 'offline' (线下办件登记) and 'pushed' (部门系统报送): recorded. */
	origin: CaseOrigin;
	/** The department that recorded or pushed the case (null for engine-run cases). */
	source_department_id: number | null;
	/** A pushed case's id in the department's own system (unique per department). */
	source_ref: string | null;
	/** The department answerable for the case (the catalogue entry's), set on insert. */
	department_id: number | null;
	/** The worst warning the case has now (电子监察). */
	warning_level: 'none' | 'yellow' | 'red';
	/** Once closed: working days from acceptance, and whether it kept its promised date. */
	working_days: number | null;
	on_time: number | null;
	/** 补正 requests so far. */
	supplements: number;
}

export type CaseOrigin = 'engine' | 'offline' | 'pushed';

export type NewCase = Omit<
	CaseRow,
	| 'id'
	| 'origin'
	| 'source_department_id'
	| 'source_ref'
	| 'department_id'
	| 'warning_level'
	| 'working_days'
	| 'on_time'
	| 'supplements'
> &
	Partial<Pick<CaseRow, 'origin' | 'source_department_id' | 'source_ref'>>;

export interface CaseTaskRow {
	case_id: number;
	task_id: string;
	node: string;
	name: string;
	department: string;
	post: string;
	status: string;
	claimed_by: string | null;
	opened_at: string;
	due: string | null;
}

/** The next case number of the region for the day (1, 2, …), counted in the caller's transaction. */
export function nextCaseSequence(db: Db, region: string, day: string): number {
	const row = cachedStatement(
		db,
		`INSERT INTO case_counters (region, day, last) VALUES (?, ?, 1)
			 ON CONFLICT (region, day) DO UPDATE SET last = last + 1 RETURNING last`
	).get(region, day) as { last: number };
	return row.last;
}

export function insertCase(db: Db, c: NewCase): number {
	return Number(
		cachedStatement(
			db,
			`INSERT INTO cases (case_no, query_hash, entry_id, item_code, item_version, content_hash, channel,
					applicant_name, applicant_id, status, state, version, submitted_at, accepted_at, statutory_due,
					promised_due, closed_at, outcome, updated_at, origin, source_department_id, source_ref)
				 VALUES (@case_no, @query_hash, @entry_id, @item_code, @item_version, @content_hash, @channel,
					@applicant_name, @applicant_id, @status, @state, @version, @submitted_at, @accepted_at, @statutory_due,
					@promised_due, @closed_at, @outcome, @updated_at, @origin, @source_department_id, @source_ref)`
		).run({ origin: 'engine', source_department_id: null, source_ref: null, ...c }).lastInsertRowid
	);
}

export function getCaseByNo(db: Db, caseNo: string): CaseRow | undefined {
	return cachedStatement(db, 'SELECT * FROM cases WHERE case_no = ?').get(caseNo) as
		CaseRow | undefined;
}

/**
 * What an event reads of its case: the state and its version, the definition it runs on, the
 * columns `updateCase` compares and those supervision uses. Every column is turned into a
 * property of the row object, so the others (applicant, hashes, origin, …) are not read.
 */
export type CaseForEvent = Pick<
	CaseRow,
	| 'id'
	| 'case_no'
	| 'item_code'
	| 'item_version'
	| 'state'
	| 'version'
	| 'department_id'
	| 'warning_level'
	| 'working_days'
	| 'on_time'
	| 'supplements'
	| (typeof CHANGING)[number]
>;

export function getCaseForEvent(db: Db, caseNo: string): CaseForEvent | undefined {
	return cachedStatement(
		db,
		`SELECT id, case_no, item_code, item_version, state, version, department_id, warning_level,
			working_days, on_time, supplements, status, accepted_at, statutory_due, promised_due,
			closed_at, outcome
		 FROM cases WHERE case_no = ?`
	).get(caseNo) as CaseForEvent | undefined;
}

/** A pushed case by the department's own id for it. */
export function getCaseBySourceRef(
	db: Db,
	departmentId: number,
	sourceRef: string
): CaseRow | undefined {
	return db
		.prepare('SELECT * FROM cases WHERE source_department_id = ? AND source_ref = ?')
		.get(departmentId, sourceRef) as CaseRow | undefined;
}

/** The department (id, code, name) whose catalogue item the case belongs to. */
export function departmentOfCase(
	db: Db,
	caseId: number
): { id: number; code: string; name: string } | undefined {
	return db
		.prepare(
			`SELECT d.id, d.code, d.name FROM cases c JOIN catalogue_entries e ON e.id = c.entry_id
			 JOIN departments d ON d.id = e.department_id WHERE c.id = ?`
		)
		.get(caseId) as { id: number; code: string; name: string } | undefined;
}

/** Saves a recorded (offline or pushed) case's projection at `version`; false when someone saved first. */
export function updateRecordedCase(
	db: Db,
	id: number,
	version: number,
	c: Pick<CaseRow, 'status' | 'state' | 'closed_at' | 'outcome' | 'updated_at'>
): boolean {
	return (
		db
			.prepare(
				`UPDATE cases SET status = @status, state = @state, version = version + 1, closed_at = @closed_at,
					outcome = @outcome, updated_at = @updated_at
				 WHERE id = @id AND version = @version`
			)
			.run({ ...c, id, version }).changes === 1
	);
}

/** The columns of a stepped case that `updateCase` writes. */
export type CaseUpdate = Pick<
	CaseRow,
	| 'status'
	| 'state'
	| 'accepted_at'
	| 'statutory_due'
	| 'promised_due'
	| 'closed_at'
	| 'outcome'
	| 'updated_at'
>;

/** The columns `updateCase` writes only when their value changes (see there). */
const CHANGING = [
	'status',
	'accepted_at',
	'statutory_due',
	'promised_due',
	'closed_at',
	'outcome'
] as const;

/**
 * Saves a stepped case if it is still at `version`; false when someone saved first. `before` is
 * the row as read in the same transaction. Only the state, version and time are always written;
 * every other column only when it changes: SQLite rewrites an index (and re-tests a partial
 * index's condition) for each column named in the SET list, even one set to its old value, so an
 * event that leaves status, dues and closing alone touches no index page of `cases`.
 */
export function updateCase(
	db: Db,
	before: Pick<CaseRow, 'id' | 'version' | (typeof CHANGING)[number]>,
	c: CaseUpdate
): boolean {
	const sets = ['state = @state', 'version = version + 1', 'updated_at = @updated_at'];
	for (const column of CHANGING)
		if (c[column] !== before[column]) sets.push(`${column} = @${column}`);
	return (
		cachedStatement(
			db,
			`UPDATE cases SET ${sets.join(', ')} WHERE id = @id AND version = @version`
		).run({ ...c, id: before.id, version: before.version }).changes === 1
	);
}

/**
 * Brings a case's open work to `tasks`: rows that did not change are left alone, changed ones
 * updated, new ones inserted and those no longer open deleted.
 */
export function replaceTasks(db: Db, caseId: number, tasks: readonly CaseTaskRow[]): void {
	const old = new Map(
		(
			cachedStatement(db, 'SELECT * FROM case_tasks WHERE case_id = ?').all(caseId) as CaseTaskRow[]
		).map((t) => [t.task_id, t])
	);
	for (const t of tasks) {
		const o = old.get(t.task_id);
		old.delete(t.task_id);
		if (!o)
			cachedStatement(
				db,
				`INSERT INTO case_tasks (case_id, task_id, node, name, department, post, status, claimed_by, opened_at, due)
				 VALUES (@case_id, @task_id, @node, @name, @department, @post, @status, @claimed_by, @opened_at, @due)`
			).run(t);
		else if (TASK_COLUMNS.some((k) => o[k] !== t[k]))
			cachedStatement(
				db,
				`UPDATE case_tasks SET node = @node, name = @name, department = @department, post = @post,
					status = @status, claimed_by = @claimed_by, opened_at = @opened_at, due = @due
				 WHERE case_id = @case_id AND task_id = @task_id`
			).run(t);
	}
	for (const taskId of old.keys())
		cachedStatement(db, 'DELETE FROM case_tasks WHERE case_id = ? AND task_id = ?').run(
			caseId,
			taskId
		);
}

const TASK_COLUMNS = [
	'node',
	'name',
	'department',
	'post',
	'status',
	'claimed_by',
	'opened_at',
	'due'
] as const satisfies readonly (keyof CaseTaskRow)[];

export function insertEvent(
	db: Db,
	e: { case_id: number; seq: number; type: string; actor: string; at: string; event: string }
): void {
	cachedStatement(
		db,
		'INSERT INTO case_events (case_id, seq, type, actor, at, event) VALUES (@case_id, @seq, @type, @actor, @at, @event)'
	).run(e);
}

export function listEvents(
	db: Db,
	caseId: number
): { seq: number; type: string; actor: string; at: string; event: string }[] {
	return cachedStatement(
		db,
		'SELECT seq, type, actor, at, event FROM case_events WHERE case_id = ? ORDER BY seq'
	).all(caseId) as { seq: number; type: string; actor: string; at: string; event: string }[];
}

/** Open work at any of the posts, oldest due first. */
export function tasksAtPosts(
	db: Db,
	posts: readonly { department: string; post: string }[]
): (CaseTaskRow & { case_no: string; item_code: string; applicant_name: string })[] {
	if (posts.length === 0) return [];
	const where = posts.map(() => '(t.department = ? AND t.post = ?)').join(' OR ');
	return db
		.prepare(
			`SELECT t.*, c.case_no, c.item_code, c.applicant_name FROM case_tasks t JOIN cases c ON c.id = t.case_id
			 WHERE (${where}) ORDER BY t.due IS NULL, t.due, t.opened_at`
		)
		.all(...posts.flatMap((p) => [p.department, p.post])) as (CaseTaskRow & {
		case_no: string;
		item_code: string;
		applicant_name: string;
	})[];
}

export interface NotificationRow {
	id: number;
	key: string;
	case_id: number;
	kind: string;
	params: string;
	created_at: string;
	delivered_at: string | null;
	channel: string | null;
}

/** Queues a notification; a key seen before is ignored (at most once). */
export function insertNotification(
	db: Db,
	n: Pick<NotificationRow, 'key' | 'case_id' | 'kind' | 'params' | 'created_at'>
): void {
	cachedStatement(
		db,
		`INSERT INTO notifications (key, case_id, kind, params, created_at) VALUES (@key, @case_id, @kind, @params, @created_at)
		 ON CONFLICT (key) DO NOTHING`
	).run(n);
}

export function pendingNotifications(
	db: Db,
	limit = 100
): (NotificationRow & { case_no: string })[] {
	return cachedStatement(
		db,
		`SELECT n.*, c.case_no FROM notifications n JOIN cases c ON c.id = n.case_id
			 WHERE n.delivered_at IS NULL ORDER BY n.id LIMIT ?`
	).all(limit) as (NotificationRow & { case_no: string })[];
}

/** Claims a notification for delivery: true for exactly one caller. */
export function markDelivered(db: Db, id: number, at: string, channel: string): boolean {
	return (
		cachedStatement(
			db,
			'UPDATE notifications SET delivered_at = ?, channel = ? WHERE id = ? AND delivered_at IS NULL'
		).run(at, channel, id).changes === 1
	);
}

export function notificationsOf(db: Db, caseId: number): NotificationRow[] {
	return cachedStatement(db, 'SELECT * FROM notifications WHERE case_id = ? ORDER BY id').all(
		caseId
	) as NotificationRow[];
}

/** Each user's posts as codes (department code, post code). */
export function postCodesOf(db: Db, userId: number): { department: string; post: string }[] {
	return cachedStatement(
		db,
		`SELECT d.code AS department, p.code AS post FROM user_posts up
			 JOIN posts p ON p.id = up.post_id JOIN departments d ON d.id = p.department_id
			 WHERE up.user_id = ? AND p.disabled_at IS NULL AND d.disabled_at IS NULL ORDER BY d.code, p.code`
	).all(userId) as { department: string; post: string }[];
}
