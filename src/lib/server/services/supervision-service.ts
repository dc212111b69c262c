/**
 * 电子监察 on the server: the warnings and exceptions of each case, kept in the database.
 *
 * - `superviseCase` runs inside every case transition's transaction (and for every open case in
 *   the scheduler's sweep): it rewrites the case's warnings (`case_warnings`, `cases.warning_level`)
 *   from the pure `caseWarnings`, reports each warning that appears or turns red (feed 电子监察 +
 *   audit), and raises the exceptions a case's state shows (overdue, repeated 补正 or 退回, a
 *   second-person control point completed by the same person). Running it twice for the same day
 *   changes nothing: warnings are a projection and exceptions are keyed.
 * - `raiseException` is the one way an exception is recorded (idempotent by key).
 * - `supervisionOverview` is the console's live figures per department.
 */
import { chinaDate } from '../../domain/dates';
import { workingDaysBetween, type HolidayTable } from '../../domain/working-days';
import type { RuntimeDefinition } from '../../compiler/types';
import type { RecordedEvent, RecordedProjection } from '../../domain/gbt39046/index';
import type { CaseState } from '../../engine/types';
import { EXCEPTION_TYPE_NAMES, type ExceptionType } from '../../supervision/notices';
import {
	caseWarnings,
	WARNING_RULES,
	WARNING_TYPES,
	worstLevel,
	type Warning
} from '../../supervision/warnings';
import type { Db } from '../db/connection';
import type { CaseRow } from '../repositories/case-repository';
import { getDepartment, listDepartments } from '../repositories/org-repository';
import * as sv from '../repositories/supervision-repository';
import { appendAudit } from '../repositories/audit-repository';
import { appendFeed } from '../repositories/feed-repository';
import { holidayTable } from './calendar-service';

export interface SupervisionSettings {
	/** Share of a time limit after which a warning turns yellow (SUNLIT_WARNING_SHARE, 0.8). */
	yellowShare: number;
	/** 补正 requests a case may have before it is an exception (SUNLIT_MAX_SUPPLEMENTS, 1). */
	maxSupplements: number;
	/** Steps sent back (业务动作 退回) before it is an exception (SUNLIT_MAX_RETURNS, 1). */
	maxReturns: number;
	/** Hours after which a pushed record counts as late (SUNLIT_LATE_PUSH_HOURS, 24). */
	latePushHours: number;
}

function numberFrom(v: string | undefined, fallback: number, ok: (n: number) => boolean): number {
	const n = v === undefined || v.trim() === '' ? NaN : Number(v);
	return Number.isFinite(n) && ok(n) ? n : fallback;
}

export function supervisionSettings(env: NodeJS.ProcessEnv = process.env): SupervisionSettings {
	return {
		yellowShare: numberFrom(env.SUNLIT_WARNING_SHARE, 0.8, (n) => n > 0 && n <= 1),
		maxSupplements: numberFrom(env.SUNLIT_MAX_SUPPLEMENTS, 1, (n) => Number.isInteger(n) && n >= 0),
		maxReturns: numberFrom(env.SUNLIT_MAX_RETURNS, 1, (n) => Number.isInteger(n) && n >= 0),
		latePushHours: numberFrom(env.SUNLIT_LATE_PUSH_HOURS, 24, (n) => n > 0)
	};
}

let settings: SupervisionSettings = supervisionSettings();

/** Replaces the settings (the app does it at start from its environment; tests too). */
export function configureSupervision(s: SupervisionSettings): void {
	settings = s;
}

export function currentSupervisionSettings(): SupervisionSettings {
	return settings;
}

// ── exceptions ───────────────────────────────────────────────────────────────

export type { ExceptionType };

export type Severity = 'low' | 'medium' | 'high';

/** 监察规则编号 of each exception type (reported upstream in 电子监察 records). */
export const RULE_OF_EXCEPTION: Record<ExceptionType, string> = {
	overdue: 'JC-01',
	repeated_supplement: 'JC-02',
	discretion_range: 'JC-03',
	same_person: 'JC-04',
	offline_incomplete: 'JC-05',
	audit_chain: 'JC-06',
	late_push: 'JC-07'
};

/** 监察预警类型 in the words supervisors use (one list, shared with the console). */
export const EXCEPTION_NAMES: Record<ExceptionType, string> = EXCEPTION_TYPE_NAMES;

export interface NewException {
	key: string;
	type: ExceptionType;
	severity: Severity;
	caseId: number | null;
	caseNo: string | null;
	departmentId: number | null;
	evidence: Record<string, unknown>;
	/** 监察结果描述: one sentence for the feed and the audit. */
	summary: string;
}

interface DepartmentRef {
	id: number;
	code: string;
	name: string;
}

function departmentById(db: Db, id: number | null): DepartmentRef | undefined {
	return id === null ? undefined : getDepartment(db, id);
}

const SYSTEM = { actorId: null, actorName: 'system', role: null, ip: null };

/**
 * Records an exception unless one with the same key exists (then nothing happens and false is
 * returned). Call inside the transaction of the change that shows it.
 */
export function raiseException(db: Db, e: NewException, at: Date): boolean {
	const iso = at.toISOString();
	const id = sv.insertException(db, {
		key: e.key,
		type: e.type,
		severity: e.severity,
		case_id: e.caseId,
		department_id: e.departmentId,
		evidence: JSON.stringify(e.evidence),
		raised_at: iso
	});
	if (id === null) return false;
	const department = departmentById(db, e.departmentId);
	appendAudit(
		db,
		{
			...SYSTEM,
			action: 'supervision.exception',
			objectType: e.caseNo ? 'case' : 'supervision',
			objectId: e.caseNo ?? String(id),
			payload: { exception: id, type: e.type, severity: e.severity, evidence: e.evidence }
		},
		at
	);
	appendFeed(db, {
		kind: 'exception_raised',
		dataset: '电子监察',
		caseNo: e.caseNo,
		departmentCode: department?.code ?? null,
		at: iso,
		record: {
			监察编号: `YC${String(id).padStart(8, '0')}`,
			监察规则编号: RULE_OF_EXCEPTION[e.type],
			监察预警类型: EXCEPTION_NAMES[e.type],
			状态产生时间: iso,
			监察结果描述: e.summary,
			责任部门: department?.name ?? null,
			办件编号: e.caseNo
		}
	});
	return true;
}

// ── warnings of one case ─────────────────────────────────────────────────────

export interface SupervisedCase {
	id: number;
	case_no: string;
	department_id: number | null;
}

const SCOPE_NAMES: Record<Warning['scope'], string> = {
	promised: '承诺办结时限',
	statutory: '法定办结时限',
	step: '环节时限'
};

/** Department ids by code, read once per sweep or transition. */
export function departmentIds(db: Db): Map<string, number> {
	return new Map(listDepartments(db, { includeDisabled: true }).map((d) => [d.code, d.id]));
}

export interface SuperviseOptions {
	/**
	 * Gives the working-day calendar when it is first needed (a sweep's, or the event's own);
	 * without it the calendar is read from the database, once.
	 */
	calendar?: () => HolidayTable;
	/**
	 * The case's figures as stored, read in this transaction and not written since: when they
	 * are what the state gives, the row is left alone (the update would change nothing).
	 */
	stored?: Pick<CaseRow, 'warning_level' | 'working_days' | 'on_time' | 'supplements'>;
	/** Department ids by code (read from the database when not given). */
	departments?: Map<string, number>;
	/** The frozen definition the case runs on: penalties are judged against its benchmark. */
	definition?: RuntimeDefinition;
}

/**
 * Rewrites the warnings of a case as of `at` and raises the exceptions its state shows. Returns
 * the case's worst level. Call inside the transaction that wrote the state.
 */
export function superviseCase(
	db: Db,
	c: SupervisedCase,
	state: CaseState,
	at: Date,
	opts: SuperviseOptions = {}
): 'none' | 'yellow' | 'red' {
	const today = chinaDate(at);
	let table: HolidayTable | undefined;
	const calendar = opts.calendar ?? (() => holidayTable(db));
	const between = (from: string, to: string) =>
		workingDaysBetween(from, to, (table ??= calendar())).days;
	const warnings = caseWarnings(state, today, between, { yellowShare: settings.yellowShare });
	let ids = opts.departments;
	const stepDepartment = (w: Warning) => {
		if (w.scope !== 'step') return c.department_id;
		const task = state.tasks.find((t) => t.id === w.task);
		ids ??= departmentIds(db);
		return (task && ids.get(task.post.department)) ?? c.department_id;
	};
	const level = persistWarnings(db, c, warnings, stepDepartment, at);
	const f = closingFigures(state, between);
	const stored = opts.stored;
	const unchanged =
		stored !== undefined &&
		stored.warning_level === level &&
		stored.working_days === f.days &&
		stored.on_time === f.onTime &&
		stored.supplements === f.supplements;
	if (!unchanged) writeFigures(db, c.id, level, f);
	stateExceptions(db, c, state, at);
	if (opts.definition?.discretion.length) discretionExceptions(db, c, state, opts.definition, at);
	return level;
}

function writeFigures(
	db: Db,
	id: number,
	level: 'none' | 'yellow' | 'red',
	f: ReturnType<typeof closingFigures>
): void {
	sv.writeCaseFigures(db, id, { level, ...f });
}

/**
 * Brings the case's stored warnings to `warnings`: new ones and those turning red are reported
 * (feed + audit), red ones raise an overdue exception, gone ones are deleted. Returns the worst.
 */
function persistWarnings(
	db: Db,
	c: SupervisedCase,
	warnings: readonly Warning[],
	departmentOf: (w: Warning) => number | null,
	at: Date
): 'none' | 'yellow' | 'red' {
	const before = new Map(sv.warningsOf(db, c.id).map((w) => [`${w.scope}|${w.task}`, w.level]));
	const iso = at.toISOString();
	const seen = new Set<string>();
	for (const w of warnings) {
		const key = `${w.scope}|${w.task ?? ''}`;
		seen.add(key);
		const was = before.get(key);
		const department = departmentOf(w);
		const row = {
			case_id: c.id,
			scope: w.scope,
			task: w.task ?? '',
			due: w.due,
			limit_days: w.limit,
			used_days: w.used,
			on_day: w.on
		};
		if (was === w.level) {
			sv.refreshWarning(db, row);
			continue;
		}
		sv.putWarning(db, {
			...row,
			node: w.node,
			department_id: department,
			level: w.level,
			raised_at: iso
		});
		reportWarning(db, c, w, department, iso, at);
		if (w.level === 'red')
			raiseException(
				db,
				{
					key: `overdue:${c.id}:${w.scope}:${w.task ?? ''}`,
					type: 'overdue',
					severity: w.scope === 'statutory' ? 'high' : 'medium',
					caseId: c.id,
					caseNo: c.case_no,
					departmentId: department,
					evidence: {
						时限: SCOPE_NAMES[w.scope],
						环节: w.task ? stepName(db, c.id, w.task, w.node) : null,
						期限: w.due,
						时限工作日: w.limit,
						已用工作日: w.used,
						判定日: w.on
					},
					summary: `${c.case_no} 超过${SCOPE_NAMES[w.scope]}（${w.due}）`
				},
				at
			);
	}
	for (const key of before.keys())
		if (!seen.has(key)) {
			const [scope, task] = key.split('|');
			sv.deleteWarning(db, c.id, scope!, task!);
		}
	return worstLevel(warnings) ?? 'none';
}

/** The name of a case's open step (from its task projection), else the node id. */
function stepName(db: Db, caseId: number, task: string, node: string | null): string | null {
	return sv.openTaskName(db, caseId, task) ?? node;
}

function reportWarning(
	db: Db,
	c: SupervisedCase,
	w: Warning,
	departmentId: number | null,
	iso: string,
	at: Date
): void {
	const department = departmentById(db, departmentId);
	appendAudit(
		db,
		{
			...SYSTEM,
			action: 'supervision.warning',
			objectType: 'case',
			objectId: c.case_no,
			payload: { level: w.level, scope: w.scope, task: w.task, due: w.due, used: w.used }
		},
		at
	);
	appendFeed(db, {
		kind: 'warning_raised',
		dataset: '电子监察',
		caseNo: c.case_no,
		departmentCode: department?.code ?? null,
		at: iso,
		record: {
			监察编号: `YJ-${c.case_no}-${w.scope}${w.task ? `-${w.task}` : ''}-${w.level}`,
			监察规则编号: WARNING_RULES[w.scope],
			监察预警类型: WARNING_TYPES[w.level],
			状态产生时间: iso,
			监察结果描述: `${SCOPE_NAMES[w.scope]}${w.limit} 个工作日，已用 ${w.used} 个，期限 ${w.due}`,
			责任部门: department?.name ?? null,
			办件编号: c.case_no
		}
	});
}

/** Exceptions read off a case's state: repeated 补正 / 退回, a second person who was the first. */
function stateExceptions(db: Db, c: SupervisedCase, state: CaseState, at: Date): void {
	const supplements = state.supplements.length;
	const returns = state.timeline.filter((e) => e.action === '退回').length;
	if (supplements > settings.maxSupplements || returns > settings.maxReturns)
		raiseException(
			db,
			{
				key: `repeated_supplement:${c.id}`,
				type: 'repeated_supplement',
				severity: 'medium',
				caseId: c.id,
				caseNo: c.case_no,
				departmentId: c.department_id,
				evidence: {
					补正次数: supplements,
					退回次数: returns,
					补正上限: settings.maxSupplements,
					退回上限: settings.maxReturns,
					补正告知时间: state.supplements.map((s) => s.requestedAt)
				},
				summary: `${c.case_no} 补正 ${supplements} 次、退回 ${returns} 次，超过规定次数`
			},
			at
		);
	for (const t of state.tasks)
		if (t.secondPerson && t.handledBy && t.previousHandlers.includes(t.handledBy.id))
			raiseException(
				db,
				{
					key: `same_person:${c.id}:${t.id}`,
					type: 'same_person',
					severity: 'high',
					caseId: c.id,
					caseNo: c.case_no,
					departmentId: c.department_id,
					evidence: { 环节: t.node, 办理人: t.handledBy.name, 完成时间: t.doneAt },
					summary: `${c.case_no} 的制约环节由前一环节的办理人 ${t.handledBy.name} 完成`
				},
				at
			);
}

/**
 * What a finished case adds to performance figures: working days from acceptance to closing, and
 * whether it closed by its promised date (null when it had none, or never got one); with the
 * number of 补正 requests so far.
 */
export function closingFigures(
	state: CaseState,
	between: (from: string, to: string) => number
): { days: number | null; onTime: number | null; supplements: number } {
	const closed = state.closure;
	const acceptedOn = state.clock.acceptedOn;
	return {
		days: closed && acceptedOn ? Math.max(0, between(acceptedOn, closed.on)) : null,
		onTime:
			closed && state.clock.promisedDue ? (closed.on <= state.clock.promisedDue ? 1 : 0) : null,
		supplements: state.supplements.length
	};
}

/**
 * 自由裁量: each penalty decided at a step, against the benchmark row it names — a different unit
 * or an amount outside [min, max] is an exception (the decision stands; supervision looks at it).
 */
function discretionExceptions(
	db: Db,
	c: SupervisedCase,
	state: CaseState,
	def: RuntimeDefinition,
	at: Date
): void {
	for (const t of state.tasks) {
		const p = t.penalty;
		if (!p || t.status !== 'done') continue;
		const row = def.discretion[p.circumstance];
		if (row && row.unit === p.unit && p.amount >= row.min && p.amount <= row.max) continue;
		raiseException(
			db,
			{
				key: `discretion_range:${c.id}:${t.id}`,
				type: 'discretion_range',
				severity: 'high',
				caseId: c.id,
				caseNo: c.case_no,
				departmentId: c.department_id,
				evidence: {
					环节: def.nodes[t.node]?.name ?? t.node,
					办理人: t.handledBy?.name ?? null,
					违法情节: row?.circumstance ?? null,
					处罚种类: row?.penaltyKind ?? null,
					裁量基准: row ? `${row.min}–${row.max} ${row.unit}` : null,
					决定: `${p.amount} ${p.unit}`
				},
				summary: `${c.case_no} 的处罚决定 ${p.amount} ${p.unit} 超出裁量基准${row ? `（${row.min}–${row.max} ${row.unit}）` : ''}`
			},
			at
		);
	}
}

// ── the console's overview ───────────────────────────────────────────────────

export interface DepartmentOverview {
	code: string;
	name: string;
	/** Cases not yet finished (submitted, in progress, waiting for 补正, suspended). */
	inProgress: number;
	/** Cases whose worst warning is yellow / red. */
	yellowCases: number;
	redCases: number;
	/** Warnings (case and step limits) at the department's own steps. */
	yellowWarnings: number;
	redWarnings: number;
	openExceptions: number;
	openNotices: number;
}

export interface Overview {
	departments: DepartmentOverview[];
	totals: Omit<DepartmentOverview, 'code' | 'name'>;
}

/** Per department: open cases by warning level, warnings at its steps, open exceptions and notices. */
export function supervisionOverview(db: Db): Overview {
	const rows = new Map<number, DepartmentOverview>();
	for (const d of listDepartments(db, { includeDisabled: true }))
		rows.set(d.id, {
			code: d.code,
			name: d.name,
			inProgress: 0,
			yellowCases: 0,
			redCases: 0,
			yellowWarnings: 0,
			redWarnings: 0,
			openExceptions: 0,
			openNotices: 0
		});
	const totals = {
		inProgress: 0,
		yellowCases: 0,
		redCases: 0,
		yellowWarnings: 0,
		redWarnings: 0,
		openExceptions: 0,
		openNotices: 0
	};
	type Figure = keyof typeof totals;
	/** Adds a count to its department and to the totals (which also keep those of no department). */
	const add = (departmentId: number | null, figure: Figure, n: number) => {
		totals[figure] += n;
		const o = departmentId === null ? undefined : rows.get(departmentId);
		if (o) o[figure] += n;
	};
	for (const r of sv.openCaseCounts(db)) {
		add(r.department_id, 'inProgress', r.n);
		if (r.level === 'yellow') add(r.department_id, 'yellowCases', r.n);
		if (r.level === 'red') add(r.department_id, 'redCases', r.n);
	}
	for (const r of sv.warningCounts(db))
		add(r.department_id, r.level === 'red' ? 'redWarnings' : 'yellowWarnings', r.n);
	for (const r of sv.openExceptionCounts(db)) add(r.department_id, 'openExceptions', r.n);
	for (const r of sv.openNoticeCounts(db)) add(r.department_id, 'openNotices', r.n);
	return { departments: [...rows.values()], totals };
}

// ── recorded cases (线下办件登记, 部门系统报送) ─────────────────────────────────

export interface RecordedFacts {
	origin: 'offline' | 'pushed';
	projection: RecordedProjection;
	/** The times of the events this write added (ISO), for lateness; empty in the scheduler. */
	added: { what: string; at: string }[];
}

/** The facts an offline registration should carry that the record schema leaves optional. */
export function missingFacts(p: RecordedProjection): string[] {
	const out: string[] = [];
	if (!p.事项受理.受理文书编号) out.push('事项受理.受理文书编号');
	if (p.办事申请.办件类型 === '承诺件' && !p.事项受理.承诺办结时间)
		out.push('事项受理.承诺办结时间');
	if (p.事项办理.length === 0) out.push('事项办理');
	p.事项办理.forEach((s, i) => {
		if (!s.环节处理意见) out.push(`事项办理.${i}.环节处理意见`);
	});
	const close = p.事项办结;
	if (close?.办结结果 === '准予' && !close.结果证照名称 && !close.结果证照编号)
		out.push('事项办结.结果证照名称');
	if (close && close.办结结果 !== '准予' && !close.结果说明) out.push('事项办结.结果说明');
	return out;
}

/**
 * The warnings, closing figures and exceptions of a case recorded offline or pushed by a
 * department's system: measured against its promised date (承诺办结时间) when it has one.
 */
export function superviseRecorded(
	db: Db,
	c: SupervisedCase,
	facts: RecordedFacts,
	at: Date,
	opts: SuperviseOptions = {}
): 'none' | 'yellow' | 'red' {
	const p = facts.projection;
	const today = chinaDate(at);
	let table: HolidayTable | undefined;
	const calendar = opts.calendar ?? (() => holidayTable(db));
	const between = (from: string, to: string) =>
		workingDaysBetween(from, to, (table ??= calendar())).days;
	const acceptedOn = chinaDate(new Date(p.事项受理.受理时间));
	const due = p.事项受理.承诺办结时间 ?? null;
	const closedOn = p.事项办结 ? chinaDate(new Date(p.事项办结.办结时间)) : null;
	const warnings: Warning[] = [];
	if (!closedOn && due) {
		const limit = Math.max(0, between(acceptedOn, due));
		const used = Math.max(0, limit - between(today, due));
		const level =
			today > due ? 'red' : limit > 0 && used >= settings.yellowShare * limit ? 'yellow' : null;
		if (level)
			warnings.push({
				scope: 'promised',
				level,
				task: null,
				node: null,
				due,
				limit,
				used,
				on: today
			});
	}
	const level = persistWarnings(db, c, warnings, () => c.department_id, at);
	writeFigures(db, c.id, level, {
		days: closedOn ? Math.max(0, between(acceptedOn, closedOn)) : null,
		onTime: closedOn && due ? (closedOn <= due ? 1 : 0) : null,
		supplements: 0
	});
	if (facts.origin === 'offline' && closedOn) {
		const missing = missingFacts(p);
		if (missing.length)
			raiseException(
				db,
				{
					key: `offline_incomplete:${c.id}`,
					type: 'offline_incomplete',
					severity: 'low',
					caseId: c.id,
					caseNo: c.case_no,
					departmentId: c.department_id,
					evidence: { 缺少要素: missing },
					summary: `线下办件 ${c.case_no} 缺少 ${missing.length} 项要素`
				},
				at
			);
	}
	if (facts.origin === 'pushed') {
		const limitMs = settings.latePushHours * 3600_000;
		const late = facts.added
			.map((e) => ({ ...e, hours: (at.getTime() - Date.parse(e.at)) / 3600_000 }))
			.filter((e) => e.hours * 3600_000 > limitMs);
		if (late.length)
			raiseException(
				db,
				{
					key: `late_push:${c.id}:${at.toISOString()}`,
					type: 'late_push',
					severity: 'low',
					caseId: c.id,
					caseNo: c.case_no,
					departmentId: c.department_id,
					evidence: {
						报送时间: at.toISOString(),
						报送时限小时: settings.latePushHours,
						迟延: late.map((e) => ({ 数据: e.what, 业务时间: e.at, 迟延小时: Math.round(e.hours) }))
					},
					summary: `${c.case_no} 的 ${late.length} 项关键流程数据晚于 ${settings.latePushHours} 小时报送`
				},
				at
			);
	}
	return level;
}

/** The times each recorded event happened (what lateness is measured from). */
export function recordedEventTimes(
	events: readonly RecordedEvent[]
): { what: string; at: string }[] {
	return events.map((e) =>
		e.type === 'recorded.received'
			? { what: '事项受理', at: e.事项受理.受理时间 }
			: e.type === 'recorded.step'
				? {
						what: `事项办理：${e.事项办理.环节名称}`,
						at: e.事项办理.环节结束时间 ?? e.事项办理.环节开始时间
					}
				: { what: '事项办结', at: e.事项办结.办结时间 }
	);
}
