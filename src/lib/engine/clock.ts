/**
 * The statutory clock of a case (法定 / 承诺 办结时限) in working days. Counting starts the day
 * of 受理 (the day itself does not count: due = addWorkingDays(origin, days)); 补正 and 特别程序
 * stop it; 延期 lengthens it. Functions here mutate the engine's working copy of the state only.
 *
 * due = addWorkingDays(origin, limit + Σ extensions + Σ working days of the pauses since origin)
 *
 * where origin is the acceptance day, or — under the 'restart' supplement rule (行政许可: the
 * time limit counts again from the day the complete materials arrive) — the day the last
 * supplement pause ended. A pause from day S to day E stops the clock for
 * workingDaysBetween(S, E) working days (the days after S up to and including E). A task's own
 * due date moves by the working days paused while it was open.
 */
import type { CaseState, EngineContext, Pause, SpecialKind } from './types';

/** Recompute the case's statutory and promised due dates (after acceptance, pauses, extensions). */
export function recomputeDues(s: CaseState, ctx: EngineContext): void {
	const { clock } = s;
	if (clock.origin === null) return;
	const origin = clock.origin;
	let paused = 0;
	for (const p of clock.pauses)
		if (p.end !== null && p.pausedDays !== null && p.start >= origin) paused += p.pausedDays;
	const extended = clock.extensions.reduce((sum, e) => sum + e.days, 0);
	clock.statutoryDue = ctx.calendar.addWorkingDays(origin, clock.statutoryDays + extended + paused);
	clock.promisedDue = ctx.calendar.addWorkingDays(origin, clock.promisedDays + extended + paused);
}

/** The pause that is running, if any (at most one at a time). */
export function openPause(s: CaseState): Pause | null {
	return s.clock.pauses.find((p) => p.end === null) ?? null;
}

export function startPause(
	s: CaseState,
	ctx: EngineContext,
	kind: Pause['kind'],
	details: { reason: string; basis: string; specialKind: SpecialKind | null }
): Pause {
	const pause: Pause = {
		kind,
		start: ctx.today,
		end: null,
		startedAt: ctx.now,
		endedAt: null,
		reason: details.reason,
		basis: details.basis,
		specialKind: details.specialKind,
		result: null,
		pausedDays: null,
		restart: false
	};
	s.clock.pauses.push(pause);
	return pause;
}

/**
 * End the running pause today: record its working days, move the due dates of the tasks open
 * during it, and under the 'restart' rule start the case's count again from today.
 */
export function endPause(
	s: CaseState,
	ctx: EngineContext,
	pause: Pause,
	result: string | null
): void {
	pause.end = ctx.today;
	pause.endedAt = ctx.now;
	pause.result = result;
	pause.pausedDays = ctx.calendar.workingDaysBetween(pause.start, ctx.today);
	for (const task of s.tasks) {
		if (task.status !== 'open' && task.status !== 'claimed') continue;
		const from = task.openedOn > pause.start ? task.openedOn : pause.start;
		task.pausedDays += ctx.calendar.workingDaysBetween(from, ctx.today);
		task.due = ctx.calendar.addWorkingDays(task.openedOn, task.limitDays + task.pausedDays);
	}
	if (pause.kind === 'supplement' && s.clock.supplementRule === 'restart' && s.clock.origin) {
		pause.restart = true;
		s.clock.origin = ctx.today;
	}
	recomputeDues(s, ctx);
}
