/**
 * The reads behind 绩效评估 (performance-service): for a period given as two UTC instants
 * (`start <= t < end`, ISO strings as stored), counts of cases received, decided and complained
 * about, per department or per item, for a set of departments.
 *
 * Every period query is a range on an index of migration 008, walked once per department
 * (`department_id IN (…)`): `cases_department_submitted` for what was received (counted from the
 * index alone when grouping by department), `cases_department_closed` for what was decided,
 * `complaints_department` for complaints. The department ids are written into the SQL (numbers
 * only), so those statements are prepared per call rather than cached.
 */
import { cachedStatement, type Db } from '../db/connection';

export interface DepartmentRef {
	id: number;
	code: string;
	name: string;
	kind: string;
	/** Catalogue entries it answers for (any state). */
	entries: number;
}

/** Every department (disabled ones too: their past cases still count), by code. */
export function departmentsWithEntries(db: Db): DepartmentRef[] {
	return cachedStatement(
		db,
		`SELECT d.id, d.code, d.name, d.kind,
		        (SELECT COUNT(*) FROM catalogue_entries e WHERE e.department_id = d.id) AS entries
		 FROM departments d ORDER BY d.code`
	).all() as DepartmentRef[];
}

/** The name in an item's latest catalogue version (null when it has none). */
export function latestItemName(db: Db, code: string): string | null {
	const r = cachedStatement(
		db,
		`SELECT json_extract(v.content, '$.name') AS name FROM catalogue_entries e
		 JOIN catalogue_versions v ON v.entry_id = e.id
		 WHERE e.code = ? ORDER BY v.version DESC LIMIT 1`
	).get(code) as { name: string | null } | undefined;
	return r?.name ?? null;
}

/** The rows' group: the department, or the item (with its department). */
export type PerformanceKey = 'department' | 'item';

/** A count in a group: `k` is the department id or the item code, `d` the department id. */
export interface GroupCount {
	k: string | number;
	d: number;
	n: number;
}

/** Cases decided in the period, grouped down to what the figures need. */
export interface DecidedGroup {
	k: string | number;
	d: number;
	status: string;
	/** Working days from acceptance to closing (null: not recorded). */
	wd: number | null;
	/** 1 closed by the promised date, 0 late, null without one. */
	ot: number | null;
	/** 1 with at least one 补正. */
	sup: number;
	/** The evaluation's level, null when not evaluated. */
	level: number | null;
	n: number;
}

/** The SQL list of department ids (numbers only); `NULL` for none, which matches nothing. */
const inList = (ids: readonly number[]) => ids.map(Number).join(',') || 'NULL';

/** Cases submitted in the period, per group. */
export function receivedCounts(
	db: Db,
	departmentIds: readonly number[],
	by: PerformanceKey,
	start: string,
	end: string
): GroupCount[] {
	const byItem = by === 'item';
	return db
		.prepare(
			`SELECT ${byItem ? 'item_code' : 'department_id'} AS k, department_id AS d, COUNT(*) AS n
			 FROM cases
			 WHERE department_id IN (${inList(departmentIds)}) AND submitted_at >= ? AND submitted_at < ?
			 GROUP BY ${byItem ? 'item_code, department_id' : 'department_id'}`
		)
		.all(start, end) as GroupCount[];
}

/** Cases closed (办结, 不予受理 or withdrawn) in the period, with their evaluations, grouped. */
export function decidedGroups(
	db: Db,
	departmentIds: readonly number[],
	by: PerformanceKey,
	start: string,
	end: string
): DecidedGroup[] {
	return db
		.prepare(
			`SELECT ${by === 'item' ? 'c.item_code' : 'c.department_id'} AS k, c.department_id AS d, c.status,
			        c.working_days AS wd, c.on_time AS ot, c.supplements > 0 AS sup, e.level, COUNT(*) AS n
			 FROM cases c LEFT JOIN evaluations e ON e.case_id = c.id
			 WHERE c.department_id IN (${inList(departmentIds)}) AND c.closed_at IS NOT NULL
			   AND c.closed_at >= ? AND c.closed_at < ?
			 GROUP BY k, d, c.status, wd, ot, sup, e.level`
		)
		.all(start, end) as DecidedGroup[];
}

/**
 * Complaints filed in the period about these departments, per group; by item, those about a
 * department itself (no item) come as `k` null.
 */
export function complaintCounts(
	db: Db,
	departmentIds: readonly number[],
	by: PerformanceKey,
	start: string,
	end: string
): (Omit<GroupCount, 'k'> & { k: string | number | null })[] {
	const byItem = by === 'item';
	return db
		.prepare(
			`SELECT ${byItem ? 'item_code' : 'department_id'} AS k, department_id AS d, COUNT(*) AS n
			 FROM complaints
			 WHERE department_id IN (${inList(departmentIds)}) AND created_at >= ? AND created_at < ?
			 GROUP BY ${byItem ? 'item_code, department_id' : 'department_id'}`
		)
		.all(start, end) as (Omit<GroupCount, 'k'> & { k: string | number | null })[];
}

/** Complaints filed in the period naming no department (about an item of none known). */
export function complaintsWithoutDepartment(db: Db, start: string, end: string): number {
	const r = cachedStatement(
		db,
		`SELECT COUNT(*) AS n FROM complaints
		 WHERE department_id IS NULL AND created_at >= ? AND created_at < ?`
	).get(start, end) as { n: number };
	return r.n;
}

// ── several periods at once (the trend) ─────────────────────────────────────

/** A period as UTC instants, `start <= t < end`. */
export interface PeriodBounds {
	start: string;
	end: string;
}

/**
 * The periods as a table `p(i, s, e)`: `i` the period's index in the list given (bound as JSON),
 * `s` and `e` its bounds. Statements over it `CROSS JOIN` the cases to it so the periods stay the
 * outer loop: SQLite then walks the index range of each period in turn, as one query per period
 * would, and compares the same strings (the planner cannot size `json_each` and, left free, may
 * scan the index for every period instead).
 */
const PERIODS = `WITH p(i, s, e) AS (SELECT key, value ->> '$[0]', value ->> '$[1]' FROM json_each(?))`;

const periodsJson = (periods: readonly PeriodBounds[]) =>
	JSON.stringify(periods.map((p) => [p.start, p.end]));

/** The SQL of the statements below, for their query plans. */
export const periodsSql = {
	received: (departmentIds: readonly number[]) =>
		`${PERIODS} SELECT p.i AS i, COUNT(*) AS n FROM p CROSS JOIN cases c
		 WHERE c.department_id IN (${inList(departmentIds)})
		   AND c.submitted_at >= p.s AND c.submitted_at < p.e
		 GROUP BY p.i`,
	decided: (departmentIds: readonly number[]) =>
		`${PERIODS} SELECT p.i AS i, c.status, c.working_days AS wd, c.on_time AS ot,
		        c.supplements > 0 AS sup, e.level, COUNT(*) AS n
		 FROM p CROSS JOIN cases c LEFT JOIN evaluations e ON e.case_id = c.id
		 WHERE c.department_id IN (${inList(departmentIds)}) AND c.closed_at IS NOT NULL
		   AND c.closed_at >= p.s AND c.closed_at < p.e
		 GROUP BY p.i, c.status, wd, ot, sup, e.level`,
	complaints: (departmentIds: readonly number[]) =>
		`${PERIODS} SELECT p.i AS i, COUNT(*) AS n FROM p CROSS JOIN complaints c
		 WHERE c.department_id IN (${inList(departmentIds)})
		   AND c.created_at >= p.s AND c.created_at < p.e
		 GROUP BY p.i`,
	complaintsWithoutDepartment: `${PERIODS} SELECT p.i AS i, COUNT(*) AS n
		 FROM p CROSS JOIN complaints c
		 WHERE c.department_id IS NULL AND c.created_at >= p.s AND c.created_at < p.e
		 GROUP BY p.i`
};

/** A count in period `i` (index in the list given); periods without any are left out. */
export interface PeriodCount {
	i: number;
	n: number;
}

/** Cases decided in period `i`, grouped as in {@link DecidedGroup} but over all departments given. */
export interface PeriodDecidedGroup extends Omit<DecidedGroup, 'k' | 'd'> {
	i: number;
}

/** Cases submitted in each period, over these departments. */
export function receivedPerPeriod(
	db: Db,
	departmentIds: readonly number[],
	periods: readonly PeriodBounds[]
): PeriodCount[] {
	return db.prepare(periodsSql.received(departmentIds)).all(periodsJson(periods)) as PeriodCount[];
}

/** Cases closed (办结, 不予受理 or withdrawn) in each period, with their evaluations, grouped. */
export function decidedPerPeriod(
	db: Db,
	departmentIds: readonly number[],
	periods: readonly PeriodBounds[]
): PeriodDecidedGroup[] {
	return db
		.prepare(periodsSql.decided(departmentIds))
		.all(periodsJson(periods)) as PeriodDecidedGroup[];
}

/** Complaints filed in each period about these departments. */
export function complaintsPerPeriod(
	db: Db,
	departmentIds: readonly number[],
	periods: readonly PeriodBounds[]
): PeriodCount[] {
	return db
		.prepare(periodsSql.complaints(departmentIds))
		.all(periodsJson(periods)) as PeriodCount[];
}

/** Complaints filed in each period naming no department. */
export function complaintsWithoutDepartmentPerPeriod(
	db: Db,
	periods: readonly PeriodBounds[]
): PeriodCount[] {
	return cachedStatement(db, periodsSql.complaintsWithoutDepartment).all(
		periodsJson(periods)
	) as PeriodCount[];
}
