/**
 * 绩效评估, the pure part: periods in China dates and their UTC bounds, and the figures of a group
 * of cases from the tallies the database returns. The queries live in
 * `server/repositories/performance-repository.ts`, run by `server/services/performance-service.ts`;
 * everything here is arithmetic, tested on its own.
 *
 * Definitions (one row is a department or an item; the totals are the same over all rows):
 *
 * - 收件数 received: cases submitted (申请时间) in the period, whatever became of them and however they
 *   came in (run by the engine, registered offline, pushed by a department system).
 * - 办结数 closed: cases with status `closed` whose closing time (办结时间) falls in the period.
 * - 不予受理 refused: cases with status `refused` closed in the period. Withdrawn cases (撤回) are
 *   counted apart and enter no rate.
 * - decided = closed + refused: what the department decided in the period.
 * - 按期办结率 on-time rate: of the cases closed in the period that had a promised date
 *   (`on_time` not null), the share closed by it. Null when there were none.
 * - 平均/中位办理时间 mean and median working days: over the cases closed in the period with their
 *   working days (acceptance to closing) recorded. The mean has one decimal; the median is the
 *   middle value, or the mean of the two middle values.
 * - 补正率 supplement rate: closed cases with at least one 补正 request / closed.
 * - 不予受理率 refusal rate: refused / decided.
 * - 满意度 satisfaction: the mean level (1–5) of the public evaluations of the cases decided in
 *   the period, with their number; 满意率 the share of those at level 4 or 5.
 * - 投诉数 complaints: complaints and reports filed in the period about the department (by its
 *   department) or the item (by its item code). A department's total includes complaints about
 *   the department itself, which belong to none of its items.
 */
import { addDays } from '../domain/working-days';

/** One group's counts as the queries deliver them; `days` maps working days → closed cases. */
export interface Tally {
	received: number;
	closed: number;
	refused: number;
	withdrawn: number;
	onTime: number;
	timed: number;
	supplemented: number;
	evaluationSum: number;
	evaluations: number;
	satisfied: number;
	complaints: number;
	days: Map<number, number>;
}

export interface PerformanceFigures {
	received: number;
	closed: number;
	refused: number;
	withdrawn: number;
	onTime: number;
	/** Closed in the period with a promised date. */
	timed: number;
	onTimeRate: number | null;
	meanDays: number | null;
	medianDays: number | null;
	/** Closed in the period with at least one 补正. */
	supplemented: number;
	supplementRate: number | null;
	refusalRate: number | null;
	/** Mean evaluation level 1–5, two decimals; null without evaluations. */
	satisfaction: number | null;
	evaluations: number;
	/** Share of evaluations at level 4 (满意) or 5 (非常满意). */
	satisfiedRate: number | null;
	complaints: number;
}

export const emptyTally = (): Tally => ({
	received: 0,
	closed: 0,
	refused: 0,
	withdrawn: 0,
	onTime: 0,
	timed: 0,
	supplemented: 0,
	evaluationSum: 0,
	evaluations: 0,
	satisfied: 0,
	complaints: 0,
	days: new Map()
});

/** Adds `from` into `into` (histograms merged), for totals. */
export function mergeTally(into: Tally, from: Tally): Tally {
	into.received += from.received;
	into.closed += from.closed;
	into.refused += from.refused;
	into.withdrawn += from.withdrawn;
	into.onTime += from.onTime;
	into.timed += from.timed;
	into.supplemented += from.supplemented;
	into.evaluationSum += from.evaluationSum;
	into.evaluations += from.evaluations;
	into.satisfied += from.satisfied;
	into.complaints += from.complaints;
	for (const [d, n] of from.days) into.days.set(d, (into.days.get(d) ?? 0) + n);
	return into;
}

/** The median of values given as value → count; null when empty. */
export function medianOfHistogram(hist: ReadonlyMap<number, number>): number | null {
	const entries = [...hist].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
	const total = entries.reduce((s, [, n]) => s + n, 0);
	if (total === 0) return null;
	// The values at 0-based ranks lo and hi (equal for an odd count).
	const lo = Math.floor((total - 1) / 2);
	const hi = Math.floor(total / 2);
	let seen = 0;
	let a: number | null = null;
	for (const [value, n] of entries) {
		if (a === null && lo < seen + n) a = value;
		if (hi < seen + n) return (a! + value) / 2;
		seen += n;
	}
	throw new Error('unreachable: ranks lie within the histogram');
}

/** The mean of value → count, one decimal; null when empty. */
export function meanOfHistogram(hist: ReadonlyMap<number, number>): number | null {
	let sum = 0;
	let count = 0;
	for (const [value, n] of hist) {
		sum += value * n;
		count += n;
	}
	return count ? Math.round((sum / count) * 10) / 10 : null;
}

const ratio = (n: number, of: number): number | null => (of > 0 ? n / of : null);

export function figuresOf(t: Tally): PerformanceFigures {
	return {
		received: t.received,
		closed: t.closed,
		refused: t.refused,
		withdrawn: t.withdrawn,
		onTime: t.onTime,
		timed: t.timed,
		onTimeRate: ratio(t.onTime, t.timed),
		meanDays: meanOfHistogram(t.days),
		medianDays: medianOfHistogram(t.days),
		supplemented: t.supplemented,
		supplementRate: ratio(t.supplemented, t.closed),
		refusalRate: ratio(t.refused, t.closed + t.refused),
		satisfaction: t.evaluations ? Math.round((t.evaluationSum / t.evaluations) * 100) / 100 : null,
		evaluations: t.evaluations,
		satisfiedRate: ratio(t.satisfied, t.evaluations),
		complaints: t.complaints
	};
}

/** A rate as a percentage with one decimal (`87.5%`), '—' for none. */
export function percent(rate: number | null): string {
	return rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

// ── periods ──────────────────────────────────────────────────────────────────

export const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
export const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Whether `s` is a real calendar date YYYY-MM-DD. */
export function isDate(s: string): boolean {
	if (!DATE_RE.test(s)) return false;
	const d = new Date(`${s}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The first and last China date of a month `YYYY-MM`. */
export function monthPeriod(month: string): { from: string; to: string } {
	if (!MONTH_RE.test(month)) throw new Error(`Invalid month ${month}: expected YYYY-MM`);
	const [y, m] = month.split('-').map(Number) as [number, number];
	const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
	return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** The month `n` months after `month` (before it when negative). */
export function shiftMonth(month: string, n: number): string {
	const [y, m] = month.split('-').map(Number) as [number, number];
	const i = y * 12 + (m - 1) + n;
	return `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** The `n` months ending with `month`, oldest first. */
export function monthsEnding(month: string, n: number): string[] {
	return Array.from({ length: n }, (_, i) => shiftMonth(month, i - n + 1));
}

/**
 * The UTC instants bounding China dates `from`..`to` inclusive, as ISO strings comparable with the
 * stored `toISOString()` times: `start <= t < end`. Midnight in Beijing is 16:00 UTC the day before.
 */
export function periodBounds(from: string, to: string): { start: string; end: string } {
	return {
		start: `${addDays(from, -1)}T16:00:00.000Z`,
		end: `${to}T16:00:00.000Z`
	};
}

/** The longest period accepted (a little over five years), so one query stays bounded. */
export const MAX_PERIOD_DAYS = 1900;

export type PeriodError = {
	field: 'month' | 'from' | 'to';
	code: 'PERF_DATE_INVALID' | 'PERF_MONTH_INVALID' | 'PERF_PERIOD_REVERSED' | 'PERF_PERIOD_LONG';
};

/**
 * The period a request asks for: `from`/`to` (China dates, inclusive) when either is given, else
 * `month` (YYYY-MM), else the month of `today`. Returns the first problem found instead.
 */
export function resolvePeriod(
	q: { month?: string | null; from?: string | null; to?: string | null },
	today: string
): { from: string; to: string; month: string | null } | { error: PeriodError } {
	const from = q.from?.trim() ?? '';
	const to = q.to?.trim() ?? '';
	if (from || to) {
		if (!isDate(from)) return { error: { field: 'from', code: 'PERF_DATE_INVALID' } };
		if (!isDate(to)) return { error: { field: 'to', code: 'PERF_DATE_INVALID' } };
		if (to < from) return { error: { field: 'to', code: 'PERF_PERIOD_REVERSED' } };
		if (daysBetween(from, to) > MAX_PERIOD_DAYS)
			return { error: { field: 'to', code: 'PERF_PERIOD_LONG' } };
		const m = from.slice(0, 7);
		const whole = monthPeriod(m);
		return { from, to, month: whole.from === from && whole.to === to ? m : null };
	}
	const month = q.month?.trim() || today.slice(0, 7);
	if (!MONTH_RE.test(month)) return { error: { field: 'month', code: 'PERF_MONTH_INVALID' } };
	return { ...monthPeriod(month), month };
}

function daysBetween(a: string, b: string): number {
	return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** What the page, the download and the report read from the address, as typed. */
export interface PerformanceParams {
	month: string;
	from: string;
	to: string;
	by: string;
	department: string;
}

export type PerformanceRequest =
	| {
			ok: true;
			values: PerformanceParams;
			from: string;
			to: string;
			month: string | null;
			by: 'department' | 'item';
			department: string | undefined;
	  }
	| {
			ok: false;
			values: PerformanceParams;
			field: 'month' | 'from' | 'to' | 'by';
			code: PeriodError['code'] | 'PERF_BY_INVALID';
	  };

/** Reads `month`, `from`, `to`, `by` and `department` from a query string; `today` is a China date. */
export function readPerformanceRequest(q: URLSearchParams, today: string): PerformanceRequest {
	const values: PerformanceParams = {
		month: q.get('month') ?? '',
		from: q.get('from') ?? '',
		to: q.get('to') ?? '',
		by: q.get('by') ?? 'department',
		department: q.get('department') ?? ''
	};
	if (values.by !== 'department' && values.by !== 'item')
		return { ok: false, values, field: 'by', code: 'PERF_BY_INVALID' };
	const period = resolvePeriod(values, today);
	if ('error' in period) return { ok: false, values, ...period.error };
	if (!values.month && !values.from) values.month = period.month ?? '';
	return {
		ok: true,
		values,
		...period,
		by: values.by,
		department: values.department.trim() || undefined
	};
}
