/**
 * 绩效评估: per department or per item, for a period of China dates, the figures defined in
 * `supervision/performance.ts` (received, closed, refused, on-time rate, mean and median working
 * days, 补正 rate, refusal rate, satisfaction, complaints), with totals.
 *
 * Speed (the benchmark runs this over a million cases): the period becomes two UTC instants and
 * every query (in `repositories/performance-repository.ts`) is a range on an index of migration 008 — `cases_department_submitted` for what was
 * received (counted from the index alone when grouping by department), `cases_department_closed`
 * for what was decided, `complaints_department` for complaints — walked once per department
 * (`department_id IN (…)`), so a month reads about a month of rows whatever the table's size.
 * Decided cases are returned already grouped by (group, status, working days, on time, 补正 or
 * not, evaluation level): a few hundred rows a month, from which the pure code takes counts, the
 * mean and the median (a histogram of working days).
 */
import {
	emptyTally,
	figuresOf,
	mergeTally,
	monthPeriod,
	periodBounds,
	type PerformanceFigures,
	type Tally
} from '../../supervision/performance';
import { AppError } from '../../domain/errors';
import type { Db } from '../db/connection';
import {
	complaintCounts,
	complaintsPerPeriod,
	complaintsWithoutDepartment,
	complaintsWithoutDepartmentPerPeriod,
	decidedGroups,
	decidedPerPeriod,
	departmentsWithEntries,
	latestItemName,
	receivedCounts,
	receivedPerPeriod,
	type DecidedGroup,
	type DepartmentRef
} from '../repositories/performance-repository';

export type PerformanceBy = 'department' | 'item';

export interface PerformanceQuery {
	/** China dates, inclusive. */
	from: string;
	to: string;
	by: PerformanceBy;
	/** A department code: only its cases (and, by item, only its items). */
	department?: string;
}

export interface PerformanceRow extends PerformanceFigures {
	/** The department's code, or the item code. */
	code: string;
	name: string;
	department: { code: string; name: string };
}

export interface PerformanceReport {
	from: string;
	to: string;
	by: PerformanceBy;
	department: { code: string; name: string } | null;
	rows: PerformanceRow[];
	totals: PerformanceFigures;
}

/** The names of items by code: the name of each entry's latest version. */
function itemNames(db: Db, codes: readonly string[]): Map<string, string> {
	return new Map(codes.map((code) => [code, latestItemName(db, code) ?? code]));
}

/** Every department, and those counted: all of them, or the one asked for (`only`). */
function scopeOf(
	db: Db,
	department: string | undefined
): { all: DepartmentRef[]; scope: DepartmentRef[]; only: DepartmentRef | null } {
	const all = departmentsWithEntries(db);
	if (!department) return { all, scope: all, only: null };
	const only = all.find((d) => d.code === department);
	if (!only) throw new AppError('PERF_DEPARTMENT_UNKNOWN', 'department', { code: department });
	return { all, scope: [only], only };
}

/** Adds a group of decided cases to a tally. */
function addDecided(t: Tally, r: Omit<DecidedGroup, 'k' | 'd'>): void {
	if (r.status === 'closed') {
		t.closed += r.n;
		if (r.ot !== null) {
			t.timed += r.n;
			if (r.ot) t.onTime += r.n;
		}
		if (r.sup) t.supplemented += r.n;
		if (r.wd !== null) t.days.set(r.wd, (t.days.get(r.wd) ?? 0) + r.n);
	} else if (r.status === 'refused') t.refused += r.n;
	else if (r.status === 'withdrawn') t.withdrawn += r.n;
	if (r.level !== null && r.status !== 'withdrawn') {
		t.evaluations += r.n;
		t.evaluationSum += r.level * r.n;
		if (r.level >= 4) t.satisfied += r.n;
	}
}

export function performance(db: Db, q: PerformanceQuery): PerformanceReport {
	const { all, scope, only } = scopeOf(db, q.department);
	const { start, end } = periodBounds(q.from, q.to);
	const ids = scope.map((d) => d.id);
	const byItem = q.by === 'item';
	// The group key of a row: department id, or item code (with its department).
	const groups = new Map<string | number, { tally: Tally; departmentId: number }>();
	const group = (k: string | number, departmentId: number) => {
		let g = groups.get(k);
		if (!g) groups.set(k, (g = { tally: emptyTally(), departmentId }));
		return g.tally;
	};
	const totals = emptyTally();

	// Received: submitted in the period. By department this is a count over the index alone.
	for (const r of receivedCounts(db, ids, q.by, start, end)) group(r.k, r.d).received += r.n;

	// Decided: closed in the period, grouped down to what the figures need.
	for (const r of decidedGroups(db, ids, q.by, start, end)) addDecided(group(r.k, r.d), r);

	// Complaints filed in the period: by the department they name, or by the item.
	for (const r of complaintCounts(db, ids, q.by, start, end)) {
		// A complaint about a department (no item) counts in the totals only, by item.
		if (r.k === null) totals.complaints += r.n;
		else group(r.k, r.d).complaints += r.n;
	}
	if (!only) {
		// Complaints naming no department (about an item of none known): the totals still count them.
		totals.complaints += complaintsWithoutDepartment(db, start, end);
	}

	const byId = new Map(all.map((d) => [d.id, d]));
	const rows: PerformanceRow[] = [];
	if (byItem) {
		const codes = [...groups.keys()].map(String).sort();
		const names = itemNames(db, codes);
		const deptOrder = new Map(all.map((d, i) => [d.id, i]));
		codes.sort(
			(a, b) =>
				deptOrder.get(groups.get(a)!.departmentId)! - deptOrder.get(groups.get(b)!.departmentId)! ||
				a.localeCompare(b)
		);
		for (const code of codes) {
			const g = groups.get(code)!;
			const d = byId.get(g.departmentId)!;
			rows.push({
				code,
				name: names.get(code) ?? code,
				department: { code: d.code, name: d.name },
				...figuresOf(g.tally)
			});
		}
	} else {
		// Every department that answers for items, and any other that has figures.
		for (const d of scope) {
			const g = groups.get(d.id);
			if (!g && !d.entries && !only) continue;
			rows.push({
				code: d.code,
				name: d.name,
				department: { code: d.code, name: d.name },
				...figuresOf(g?.tally ?? emptyTally())
			});
		}
	}
	for (const g of groups.values()) mergeTally(totals, g.tally);
	return {
		from: q.from,
		to: q.to,
		by: q.by,
		department: only ? { code: only.code, name: only.name } : null,
		rows,
		totals: figuresOf(totals)
	};
}

export interface TrendPoint extends PerformanceFigures {
	month: string;
}

/**
 * The totals of each month (YYYY-MM, oldest first), for the trend chart: for each month, the
 * totals `performance()` gives for that month by department (the same departments, bounds and
 * counts), from one query per measure over all the months instead of a report per month. Each
 * month's rows are still read through its own index range (see `periodsSql`), so the cost is that
 * of reading the months' cases, now without twelve reports' worth of statements around it.
 */
export function performanceTrend(
	db: Db,
	months: readonly string[],
	department?: string
): TrendPoint[] {
	if (!months.length) return [];
	const { scope, only } = scopeOf(db, department);
	const ids = scope.map((d) => d.id);
	const periods = months.map((month) => {
		const { from, to } = monthPeriod(month);
		return periodBounds(from, to);
	});
	const tallies = months.map(() => emptyTally());
	for (const r of receivedPerPeriod(db, ids, periods)) tallies[r.i]!.received += r.n;
	for (const r of decidedPerPeriod(db, ids, periods)) addDecided(tallies[r.i]!, r);
	for (const r of complaintsPerPeriod(db, ids, periods)) tallies[r.i]!.complaints += r.n;
	if (!only)
		for (const r of complaintsWithoutDepartmentPerPeriod(db, periods))
			tallies[r.i]!.complaints += r.n;
	return months.map((month, i) => ({ month, ...figuresOf(tallies[i]!) }));
}
