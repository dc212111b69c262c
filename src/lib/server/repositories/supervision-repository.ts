import { cachedStatement, type Db } from '../db/connection';

/** 电子监察's tables (migration 008): warnings, exceptions, the scheduler's runs, and the reads of cases it makes. */

export type Level = 'none' | 'yellow' | 'red';

export interface WarningKeyRow {
	scope: 'promised' | 'statutory' | 'step';
	task: string;
	level: 'yellow' | 'red';
}

export interface WarningRow {
	case_id: number;
	scope: 'promised' | 'statutory' | 'step';
	task: string;
	node: string | null;
	department_id: number | null;
	level: 'yellow' | 'red';
	due: string;
	limit_days: number;
	used_days: number;
	on_day: string;
	raised_at: string;
}

export function warningsOf(db: Db, caseId: number): WarningKeyRow[] {
	return cachedStatement(db, 'SELECT scope, task, level FROM case_warnings WHERE case_id = ?').all(
		caseId
	) as WarningKeyRow[];
}

/** A warning at the same level as before: only its figures move. */
export function refreshWarning(
	db: Db,
	w: Pick<WarningRow, 'case_id' | 'scope' | 'task' | 'due' | 'limit_days' | 'used_days' | 'on_day'>
): void {
	cachedStatement(
		db,
		`UPDATE case_warnings SET used_days = @used_days, on_day = @on_day, due = @due,
			limit_days = @limit_days
		 WHERE case_id = @case_id AND scope = @scope AND task = @task`
	).run(w);
}

/** A new warning, or one whose level changed. */
export function putWarning(db: Db, w: WarningRow): void {
	cachedStatement(
		db,
		`INSERT INTO case_warnings
		 (case_id, scope, task, node, department_id, level, due, limit_days, used_days, on_day, raised_at)
		 VALUES (@case_id, @scope, @task, @node, @department_id, @level, @due, @limit_days, @used_days,
			@on_day, @raised_at)
		 ON CONFLICT (case_id, scope, task) DO UPDATE SET level = excluded.level,
		   due = excluded.due, limit_days = excluded.limit_days, used_days = excluded.used_days,
		   on_day = excluded.on_day, raised_at = excluded.raised_at`
	).run(w);
}

export function deleteWarning(db: Db, caseId: number, scope: string, task: string): void {
	cachedStatement(db, 'DELETE FROM case_warnings WHERE case_id = ? AND scope = ? AND task = ?').run(
		caseId,
		scope,
		task
	);
}

/** The warnings of a case for the console, the most severe first. */
export function caseWarningRows(db: Db, caseId: number): WarningRow[] {
	return cachedStatement(
		db,
		'SELECT * FROM case_warnings WHERE case_id = ? ORDER BY level DESC, due'
	).all(caseId) as WarningRow[];
}

/** A case's warning level and closing figures; written only when one of them changes. */
export function writeCaseFigures(
	db: Db,
	id: number,
	f: { level: Level; days: number | null; onTime: number | null; supplements: number }
): void {
	cachedStatement(
		db,
		`UPDATE cases SET warning_level = @level, working_days = @days, on_time = @onTime,
			supplements = @supplements
		 WHERE id = @id AND (warning_level IS NOT @level OR working_days IS NOT @days
			OR on_time IS NOT @onTime OR supplements IS NOT @supplements)`
	).run({ id, ...f });
}

/** The name of a case's open step (its task projection). */
export function openTaskName(db: Db, caseId: number, task: string): string | undefined {
	const row = cachedStatement(
		db,
		'SELECT name FROM case_tasks WHERE case_id = ? AND task_id = ?'
	).get(caseId, task) as { name: string } | undefined;
	return row?.name;
}

// ── exceptions ───────────────────────────────────────────────────────────────

export interface NewExceptionRow {
	key: string;
	type: string;
	severity: string;
	case_id: number | null;
	department_id: number | null;
	evidence: string;
	raised_at: string;
}

/** The new exception's id, or null when one with the same key exists (nothing written). */
export function insertException(db: Db, e: NewExceptionRow): number | null {
	const r = cachedStatement(
		db,
		`INSERT OR IGNORE INTO supervision_exceptions
		 (key, type, severity, case_id, department_id, evidence, status, raised_at)
		 VALUES (@key, @type, @severity, @case_id, @department_id, @evidence, 'open', @raised_at)`
	).run(e);
	return r.changes === 0 ? null : Number(r.lastInsertRowid);
}

export interface CaseExceptionRow {
	id: number;
	type: string;
	severity: string;
	status: 'open' | 'notified' | 'closed';
	evidence: string;
	raised_at: string;
}

export function caseExceptionRows(db: Db, caseId: number): CaseExceptionRow[] {
	return cachedStatement(
		db,
		`SELECT id, type, severity, status, evidence, raised_at FROM supervision_exceptions
		 WHERE case_id = ? ORDER BY id`
	).all(caseId) as CaseExceptionRow[];
}

// ── the overview ─────────────────────────────────────────────────────────────

export interface DepartmentCount {
	department_id: number | null;
	level: string | null;
	n: number;
}

/** Open cases per department and warning level (the partial index `cases_open_department`). */
export function openCaseCounts(db: Db): DepartmentCount[] {
	return cachedStatement(
		db,
		`SELECT department_id, warning_level AS level, COUNT(*) AS n FROM cases
		 WHERE closed_at IS NULL GROUP BY department_id, warning_level`
	).all() as DepartmentCount[];
}

/** Warnings per department (of the step, or of the case) and level. */
export function warningCounts(db: Db): DepartmentCount[] {
	return cachedStatement(
		db,
		`SELECT department_id, level, COUNT(*) AS n FROM case_warnings GROUP BY department_id, level`
	).all() as DepartmentCount[];
}

/** Exceptions not closed, per department (null: none, e.g. an audit chain failure). */
export function openExceptionCounts(db: Db): DepartmentCount[] {
	return cachedStatement(
		db,
		`SELECT department_id, NULL AS level, COUNT(*) AS n FROM supervision_exceptions
		 WHERE status <> 'closed' GROUP BY department_id`
	).all() as DepartmentCount[];
}

/** 督办 notices not closed, per department. */
export function openNoticeCounts(db: Db): DepartmentCount[] {
	return cachedStatement(
		db,
		`SELECT department_id, NULL AS level, COUNT(*) AS n FROM supervision_notices
		 WHERE status <> 'closed' GROUP BY department_id`
	).all() as DepartmentCount[];
}

// ── drill-down ───────────────────────────────────────────────────────────────

export interface OpenCaseRow {
	case_no: string;
	item_code: string;
	applicant_name: string;
	status: string;
	origin: 'engine' | 'offline' | 'pushed';
	warning_level: Level;
	submitted_at: string;
	promised_due: string | null;
}

/** A department's open cases (all, or at one warning level), the most urgent first. */
export function departmentOpenCases(
	db: Db,
	departmentId: number,
	level: Level | null,
	limit: number
): OpenCaseRow[] {
	return cachedStatement(
		db,
		`SELECT case_no, item_code, applicant_name, status, origin, warning_level, submitted_at,
			promised_due
		 FROM cases
		 WHERE department_id = @department AND closed_at IS NULL
			AND (@level IS NULL OR warning_level = @level)
		 ORDER BY CASE warning_level WHEN 'red' THEN 0 WHEN 'yellow' THEN 1 ELSE 2 END,
			promised_due IS NULL, promised_due, id
		 LIMIT @limit`
	).all({ department: departmentId, level, limit }) as OpenCaseRow[];
}

// ── the scheduler ────────────────────────────────────────────────────────────

export interface SweptCaseRow {
	id: number;
	case_no: string;
	department_id: number | null;
	origin: string;
	state: string;
}

export function openCaseIds(db: Db): number[] {
	return db
		.prepare('SELECT id FROM cases WHERE closed_at IS NULL ORDER BY id')
		.pluck()
		.all() as number[];
}

/** A case still open, as the sweep judges it (undefined once it closed meanwhile). */
export function openCaseForSweep(db: Db, id: number): SweptCaseRow | undefined {
	return cachedStatement(
		db,
		`SELECT id, case_no, department_id, origin, state FROM cases
		 WHERE id = ? AND closed_at IS NULL`
	).get(id) as SweptCaseRow | undefined;
}

/** Closed cases without closing figures (closed before migration 8), after `afterId`. */
export function unfiguredClosedCases(db: Db, afterId: number, limit: number): SweptCaseRow[] {
	return cachedStatement(
		db,
		`SELECT id, case_no, department_id, origin, state FROM cases
		 WHERE closed_at IS NOT NULL AND working_days IS NULL AND accepted_at IS NOT NULL AND id > ?
		 ORDER BY id LIMIT ?`
	).all(afterId, limit) as SweptCaseRow[];
}

export interface RunRow {
	job: string;
	last_run_at: string;
	last_result: string | null;
}

export function lastRun(db: Db, job: string): RunRow | undefined {
	return cachedStatement(db, 'SELECT * FROM scheduler_runs WHERE job = ?').get(job) as
		RunRow | undefined;
}

export function saveRun(db: Db, job: string, at: Date, result: unknown): void {
	cachedStatement(
		db,
		`INSERT INTO scheduler_runs (job, last_run_at, last_result) VALUES (?, ?, ?)
		 ON CONFLICT (job) DO UPDATE SET last_run_at = excluded.last_run_at,
		   last_result = excluded.last_result`
	).run(job, at.toISOString(), JSON.stringify(result));
}
