/**
 * 自动预警 (electronic supervision's automatic warnings), as a pure function of a case's state
 * and a day: no database, no clock. Yellow when a step or the case has used a configurable share
 * of its time limit (default 80 %), red when it is overdue.
 *
 * - The case is measured against its promised limit (承诺办结时限, with approved extensions) and
 *   flagged red as well when it passes the statutory one (法定办结时限).
 * - Each open step is measured against its own limit (`task.limitDays` working days from the day
 *   it opened, moved by the days the clock stood still while it was open).
 * - While the clock stands still (补正 or 特别程序) the warnings are those of the day it stopped:
 *   nothing turns yellow or red while the case waits for the applicant or a hearing.
 * - A finished case (办结, 不予受理, withdrawn) and a case not yet accepted have none.
 *
 * "Used" is counted back from the due date (remaining = working days after `day` up to the due
 * date), so pauses and extensions, already part of the due dates the engine keeps, count right.
 */
import type { CaseState } from '../engine/types';
import { FINAL_STATUSES } from '../engine/types';

export type WarningLevel = 'yellow' | 'red';

export interface Warning {
	/** What is late: the whole case (promised or statutory limit) or one step. */
	scope: 'promised' | 'statutory' | 'step';
	level: WarningLevel;
	/** The step's task id and node (scope 'step'), else null. */
	task: string | null;
	node: string | null;
	due: string;
	/** Working days of the limit, and how many of them are used as of the day judged. */
	limit: number;
	used: number;
	/** The day judged: `today`, or the day the clock stopped while it stands still. */
	on: string;
}

export interface WarningOptions {
	/** The share of a limit after which a warning turns yellow (0 < share ≤ 1). */
	yellowShare: number;
}

export const DEFAULT_WARNING_OPTIONS: WarningOptions = { yellowShare: 0.8 };

/**
 * How a warning is reported upstream (实时报送, dataset 电子监察 of GB/T 39046): 监察规则编号 names the
 * rule that fired, one per time limit watched (as exceptions have JC-01…), and 监察预警类型 is the
 * card — 黄牌 (the limit nearly used) or 红牌 (overdue). One set of values for the feed, the spec
 * (docs/openapi.yaml FeedRecordWarning) and docs/feed.md.
 */
export const WARNING_RULES: Readonly<Record<Warning['scope'], string>> = {
	promised: 'YJ-01',
	statutory: 'YJ-02',
	step: 'YJ-03'
};
export const WARNING_TYPES: Readonly<Record<WarningLevel, '黄牌' | '红牌'>> = {
	yellow: '黄牌',
	red: '红牌'
};

/** Working days after `from` up to and including `to` (negative when `to` is earlier). */
export type WorkingDaysBetween = (from: string, to: string) => number;

function judge(
	limit: number,
	due: string,
	on: string,
	between: WorkingDaysBetween,
	share: number
): { level: WarningLevel; used: number } | null {
	const remaining = between(on, due);
	const used = Math.max(0, limit - remaining);
	if (on > due) return { level: 'red', used };
	if (limit > 0 && used >= share * limit) return { level: 'yellow', used };
	return null;
}

/** The warnings of a case on `today` (a China date, YYYY-MM-DD). */
export function caseWarnings(
	state: CaseState,
	today: string,
	between: WorkingDaysBetween,
	options: WarningOptions = DEFAULT_WARNING_OPTIONS
): Warning[] {
	if (FINAL_STATUSES.includes(state.status) || state.status === 'submitted') return [];
	const { clock } = state;
	const running = clock.pauses.find((p) => p.end === null);
	const on = running && running.start < today ? running.start : today;
	const share = options.yellowShare;
	const out: Warning[] = [];
	if (clock.promisedDue) {
		const extended = clock.extensions.reduce((sum, e) => sum + e.days, 0);
		const limit = clock.promisedDays + extended;
		const j = judge(limit, clock.promisedDue, on, between, share);
		if (j)
			out.push({
				scope: 'promised',
				task: null,
				node: null,
				due: clock.promisedDue,
				limit,
				on,
				...j
			});
	}
	if (clock.statutoryDue && on > clock.statutoryDue) {
		const extended = clock.extensions.reduce((sum, e) => sum + e.days, 0);
		const limit = clock.statutoryDays + extended;
		out.push({
			scope: 'statutory',
			level: 'red',
			task: null,
			node: null,
			due: clock.statutoryDue,
			limit,
			used: Math.max(0, limit - between(on, clock.statutoryDue)),
			on
		});
	}
	for (const t of state.tasks) {
		if (t.status !== 'open' && t.status !== 'claimed') continue;
		const j = judge(t.limitDays, t.due, on, between, share);
		if (j)
			out.push({
				scope: 'step',
				task: t.id,
				node: t.node,
				due: t.due,
				limit: t.limitDays,
				on,
				...j
			});
	}
	return out;
}

/** The most severe level among warnings, or null when there are none. */
export function worstLevel(warnings: readonly Warning[]): WarningLevel | null {
	if (warnings.some((w) => w.level === 'red')) return 'red';
	return warnings.length ? 'yellow' : null;
}
