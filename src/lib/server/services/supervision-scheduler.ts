/**
 * The supervision scheduler: in-process, on a timer, and once at start so a restart catches up.
 * Each sweep re-judges every open case for the day (warnings turn yellow or red as days pass with
 * no event at all) and verifies the audit chain from where the last sweep left it (all of it once
 * a day). A sweep is idempotent — warnings are a projection, exceptions are keyed — so a sweep
 * run twice, or by two processes, records nothing twice. Where it got to is kept in
 * `scheduler_runs`.
 */
import { chinaDate } from '../../domain/dates';
import type { HolidayTable } from '../../domain/working-days';
import type { CaseState } from '../../engine/types';
import type { RecordedProjection } from '../../domain/gbt39046/index';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import { auditHead, verifyAuditChain, type VerifyResult } from '../repositories/audit-repository';
import { holidayTable } from './calendar-service';
import { markChainBroken } from './chain-verifier';
import * as sv from '../repositories/supervision-repository';
import {
	departmentIds,
	raiseException,
	superviseCase,
	superviseRecorded
} from './supervision-service';

export interface SweepResult {
	cases: number;
	red: number;
	yellow: number;
	auditChecked: number;
	auditOk: boolean;
	/** Cases that could not be judged (their state unreadable); logged, and skipped. */
	failed: string[];
	/** Closed cases given their closing figures this sweep (closed before they were kept). */
	figured: number;
}

const BATCH = 500;

/** Re-judges every open case as of `at` and verifies the audit chain, all at once (tests, tools). */
export function sweepSupervision(
	db: Db,
	at: Date,
	log: (line: string) => void = console.warn
): SweepResult {
	const steps = sweepSteps(db, at, log);
	for (;;) {
		const next = steps.next();
		if (next.done) return next.value;
	}
}

/**
 * The same sweep, giving the event loop back between batches of cases, so requests are served
 * while a large county is swept (the scheduler runs this one).
 */
export async function sweepSupervisionInTurns(
	db: Db,
	at: Date,
	log: (line: string) => void = console.warn,
	options: SweepOptions = {}
): Promise<SweepResult> {
	const steps = sweepSteps(db, at, log, options);
	for (;;) {
		const next = steps.next();
		if (next.done) return next.value;
		await new Promise((resolve) => setImmediate(resolve));
	}
}

export interface SweepOptions {
	/**
	 * The whole chain is verified elsewhere (the server's worker thread, `chain-verifier.ts`): the
	 * sweep verifies only the records since the last verified one, never the whole log on the
	 * main thread.
	 */
	wholeChainElsewhere?: boolean;
}

/** The sweep as steps: one batch of cases (one transaction) per step. */
function* sweepSteps(
	db: Db,
	at: Date,
	log: (line: string) => void,
	options: SweepOptions = {}
): Generator<void, SweepResult, void> {
	const table = holidayTable(db);
	const departments = departmentIds(db);
	const open = sv.openCaseIds(db);
	const result: SweepResult = {
		cases: 0,
		red: 0,
		yellow: 0,
		auditChecked: 0,
		auditOk: true,
		failed: [],
		figured: 0
	};
	for (let i = 0; i < open.length; i += BATCH) {
		db.transaction(() => {
			for (const id of open.slice(i, i + BATCH)) {
				const c = sv.openCaseForSweep(db, id);
				if (!c) continue;
				let level: 'none' | 'yellow' | 'red';
				try {
					// Each case in its own savepoint: one unreadable case does not stop the sweep.
					level = db.transaction(() => judge(db, c, at, table, departments))();
				} catch (e) {
					result.failed.push(c.case_no);
					if (!reported.has(c.case_no)) {
						reported.add(c.case_no);
						log(`[sunlit] 电子监察巡检跳过办件 ${c.case_no}：${(e as Error).message}`);
					}
					continue;
				}
				result.cases++;
				if (level === 'red') result.red++;
				if (level === 'yellow') result.yellow++;
			}
		}).immediate();
		yield;
	}
	// Cases closed before supervision kept closing figures (a database from before migration 8):
	// judged once, a batch per sweep, so performance evaluation counts them too.
	const unfigured = sv.unfiguredClosedCases(db, figuredAfter, BATCH);
	// A cursor, so cases that cannot be judged do not hold back the ones after them.
	figuredAfter = unfigured.length < BATCH ? 0 : unfigured[unfigured.length - 1]!.id;
	if (unfigured.length) {
		db.transaction(() => {
			for (const c of unfigured)
				try {
					db.transaction(() => judge(db, c, at, table, departments))();
					result.figured++;
				} catch (e) {
					if (!reported.has(c.case_no)) {
						reported.add(c.case_no);
						log(`[sunlit] 电子监察巡检跳过办件 ${c.case_no}：${(e as Error).message}`);
					}
				}
		}).immediate();
		yield;
	}
	const audit = verifyAudit(db, at, options.wholeChainElsewhere === true);
	result.auditChecked = audit.checked;
	result.auditOk = audit.ok;
	db.transaction(() => sv.saveRun(db, 'supervision-sweep', at, result)).immediate();
	return result;
}

/** Cases a sweep could not judge, logged once each per process. */
const reported = new Set<string>();

/** Where the next sweep goes on giving closed cases their figures (0: from the start). */
let figuredAfter = 0;

function judge(
	db: Db,
	c: sv.SweptCaseRow,
	at: Date,
	table: HolidayTable,
	departments: Map<string, number>
): 'none' | 'yellow' | 'red' {
	return c.origin === 'engine'
		? superviseCase(db, c, JSON.parse(c.state) as CaseState, at, {
				calendar: () => table,
				departments
			})
		: superviseRecorded(
				db,
				c,
				{
					origin: c.origin as 'offline' | 'pushed',
					projection: JSON.parse(c.state) as RecordedProjection,
					added: []
				},
				at,
				{ calendar: () => table }
			);
}

/**
 * Verifies the records added since the last verified one (linked to the hash kept for it, so a
 * rewrite of that record shows too), and the whole chain once per China day. A break, or a log
 * shorter than what was verified before (truncation), raises an `audit_chain` exception.
 */
function verifyAudit(
	db: Db,
	at: Date,
	wholeChainElsewhere: boolean
): { ok: boolean; checked: number } {
	const today = chinaDate(at);
	const full = sv.lastRun(db, 'audit-verify-full');
	const incremental = sv.lastRun(db, 'audit-verify');
	const trusted = incremental?.last_result
		? (JSON.parse(incremental.last_result) as { seq: number; hash: string })
		: undefined;
	const head = auditHead(db);
	let r: VerifyResult;
	// Not verified whole yet by the worker: nothing to go on from, so nothing to verify now.
	if (wholeChainElsewhere && !trusted) return { ok: true, checked: 0 };
	const wholeChain =
		!wholeChainElsewhere && (!full || chinaDate(new Date(full.last_run_at)) !== today || !trusted);
	if (trusted && head.seq < trusted.seq)
		r = {
			ok: false,
			checked: 0,
			headHash: head.hash,
			firstBreak: { seq: head.seq + 1, kind: 'missing' }
		};
	else r = verifyAuditChain(db, wholeChain ? undefined : trusted);
	db.transaction(() => {
		if (!r.ok && r.firstBreak) {
			// No checkpoint is published over it from now on.
			markChainBroken(db, r.firstBreak);
			raiseException(
				db,
				{
					key: `audit_chain:${r.firstBreak.seq}:${r.firstBreak.kind}`,
					type: 'audit_chain',
					severity: 'high',
					caseId: null,
					caseNo: null,
					departmentId: null,
					evidence: {
						断点序号: r.firstBreak.seq,
						类型: r.firstBreak.kind,
						...('expected' in r.firstBreak
							? { 应为: r.firstBreak.expected, 实为: r.firstBreak.found }
							: {}),
						已验证记录数: r.checked,
						已验证至: trusted?.seq ?? 0
					},
					summary: `审计链在第 ${r.firstBreak.seq} 条记录处校验失败`
				},
				at
			);
			return;
		}
		const now = auditHead(db);
		// The records appended by this transaction's exception (if any) are verified next time.
		sv.saveRun(db, 'audit-verify', at, { seq: head.seq, hash: r.ok ? r.headHash : now.hash });
		if (wholeChain) sv.saveRun(db, 'audit-verify-full', at, { checked: r.checked });
	}).immediate();
	return { ok: r.ok, checked: r.checked };
}

export interface SchedulerHandle {
	stop(): void;
	/** Runs a sweep now (and resolves when it is done). */
	runNow(): Promise<SweepResult>;
}

/**
 * Starts the sweep: once right away (after start-up work), then every `intervalMs`
 * (SUNLIT_SUPERVISION_INTERVAL_MS, default ten minutes). Errors are logged, never thrown.
 */
export function startSupervisionScheduler(
	db: Db,
	clock: Clock,
	intervalMs: number,
	log: (line: string) => void,
	onSweep: (r: SweepResult) => void = () => {},
	options: SweepOptions = {}
): SchedulerHandle {
	let running = false;
	const run = async (): Promise<SweepResult> => {
		running = true;
		try {
			const r = await sweepSupervisionInTurns(db, clock.now(), log, options);
			onSweep(r);
			return r;
		} finally {
			running = false;
		}
	};
	const tick = () => {
		if (running) return;
		run().catch((e: unknown) => log(`[sunlit] 电子监察巡检失败：${(e as Error).message}`));
	};
	const first = setTimeout(tick, 0);
	const timer = setInterval(tick, intervalMs);
	first.unref();
	timer.unref();
	return {
		stop() {
			clearTimeout(first);
			clearInterval(timer);
		},
		runNow: run
	};
}
