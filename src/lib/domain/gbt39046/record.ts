/**
 * Cases recorded rather than run (线下办件登记, 部门系统报送): the checks beyond the schema (times
 * in order), the events a (re-)push adds to what is recorded, and the case's projection folded
 * from its recorded events. Pure: times come in, nothing is read from the clock.
 */
import { canonicalJson } from '../canonical-json';
import type { CaseRecordPayload, 事项办理, 事项办结, 事项受理, 办事申请 } from './types';

/** One problem of a record, at a dotted path (`事项办理.0.环节结束时间`), with a stable code. */
export interface RecordProblem {
	field: string;
	code: string;
	params: Record<string, string | number>;
}

/** A recorded event's body (the `case_events.event` JSON of an offline or pushed case). */
export type RecordedEvent =
	| { type: 'recorded.received'; 事项编码: string; 办事申请: 办事申请; 事项受理: 事项受理 }
	| { type: 'recorded.step'; index: number; 事项办理: 事项办理 }
	| { type: 'recorded.closed'; 事项办结: 事项办结 };

/** What a recorded case is now: the latest record of each step, in order. */
export interface RecordedProjection {
	format: 'sunlit.recorded';
	formatVersion: 1;
	事项编码: string;
	办事申请: 办事申请;
	事项受理: 事项受理;
	事项办理: 事项办理[];
	事项办结: 事项办结 | null;
}

const ms = (iso: string | undefined) => (iso === undefined ? NaN : Date.parse(iso));

/**
 * Times that are not real instants, or out of order: 申请 ≤ 受理 ≤ each step's start ≤ its end;
 * steps in order of their start; 办结 after 受理 and every step's end; only the last step may be
 * open (no end), and none once closed. `now` (ISO): nothing may lie more than five minutes ahead.
 */
export function recordProblems(p: CaseRecordPayload, now: string): RecordProblem[] {
	const out: RecordProblem[] = [];
	const limit = ms(now) + 5 * 60_000;
	const check = (field: string, iso: string | undefined): number => {
		if (iso === undefined) return NaN;
		const t = ms(iso);
		if (Number.isNaN(t)) out.push({ field, code: 'DATE_TIME', params: {} });
		else if (t > limit) out.push({ field, code: 'TIME_IN_FUTURE', params: {} });
		return t;
	};
	const order = (field: string, t: number, after: string, u: number) => {
		if (!Number.isNaN(t) && !Number.isNaN(u) && t < u)
			out.push({ field, code: 'TIME_ORDER', params: { after } });
	};
	const applied = check('办事申请.申请时间', p.办事申请.申请时间);
	const accepted = check('事项受理.受理时间', p.事项受理.受理时间);
	order('事项受理.受理时间', accepted, '办事申请.申请时间', applied);
	const steps = p.事项办理 ?? [];
	let prevStart = NaN;
	let lastEnd = NaN;
	steps.forEach((s, i) => {
		const at = `事项办理.${i}`;
		const start = check(`${at}.环节开始时间`, s.环节开始时间);
		const end = check(`${at}.环节结束时间`, s.环节结束时间);
		order(`${at}.环节开始时间`, start, '事项受理.受理时间', accepted);
		if (i > 0) order(`${at}.环节开始时间`, start, `事项办理.${i - 1}.环节开始时间`, prevStart);
		order(`${at}.环节结束时间`, end, `${at}.环节开始时间`, start);
		if (s.环节办理状态 === '已办' && s.环节结束时间 === undefined)
			out.push({ field: `${at}.环节结束时间`, code: 'REQUIRED_WHEN_DONE', params: {} });
		if (s.环节办理状态 === '待办' && s.环节结束时间 !== undefined)
			out.push({ field: `${at}.环节办理状态`, code: 'STEP_STATE_MISMATCH', params: {} });
		if (s.环节结束时间 === undefined && (i < steps.length - 1 || p.事项办结))
			out.push({ field: `${at}.环节结束时间`, code: 'STEP_STILL_OPEN', params: {} });
		if (!Number.isNaN(start)) prevStart = start;
		if (!Number.isNaN(end) && !(end < lastEnd)) lastEnd = end;
	});
	if (p.事项办结) {
		const closed = check('事项办结.办结时间', p.事项办结.办结时间);
		order('事项办结.办结时间', closed, '事项受理.受理时间', accepted);
		steps.forEach((s, i) => {
			if (s.环节结束时间 !== undefined)
				order('事项办结.办结时间', closed, `事项办理.${i}.环节结束时间`, ms(s.环节结束时间));
		});
	}
	return out;
}

/** The step as kept: its state made explicit. */
export function normalStep(s: 事项办理): 事项办理 {
	return { ...s, 环节办理状态: s.环节结束时间 === undefined ? '待办' : '已办' };
}

/** The projection of a recorded case from its events, in order. */
export function foldRecorded(events: readonly RecordedEvent[]): RecordedProjection {
	const first = events[0];
	if (!first || first.type !== 'recorded.received')
		throw new Error('A recorded case starts with its received event.');
	const state: RecordedProjection = {
		format: 'sunlit.recorded',
		formatVersion: 1,
		事项编码: first.事项编码,
		办事申请: first.办事申请,
		事项受理: first.事项受理,
		事项办理: [],
		事项办结: null
	};
	for (const e of events.slice(1)) {
		if (e.type === 'recorded.step') state.事项办理[e.index] = e.事项办理;
		else if (e.type === 'recorded.closed') state.事项办结 = e.事项办结;
	}
	return state;
}

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

/** The first event of a new recorded case. */
export function receivedEvent(p: CaseRecordPayload, department: string): RecordedEvent {
	return {
		type: 'recorded.received',
		事项编码: p.事项编码,
		办事申请: p.办事申请,
		事项受理: { ...p.事项受理, 受理单位: department }
	};
}

/** The events of a payload after its received event (steps in order, then the close). */
export function laterEvents(p: CaseRecordPayload, from = 0): RecordedEvent[] {
	const out: RecordedEvent[] = (p.事项办理 ?? [])
		.slice(from)
		.map((s, i) => ({ type: 'recorded.step', index: from + i, 事项办理: normalStep(s) }));
	if (p.事项办结) out.push({ type: 'recorded.closed', 事项办结: p.事项办结 });
	return out;
}

/**
 * What a re-push adds to a recorded case: new steps, an open step now finished, the close. What
 * is recorded cannot change: a different 办事申请 / 事项受理 / finished step / close, or fewer
 * steps, is a conflict at that field (recorded events are never rewritten).
 */
export function reconcile(
	recorded: RecordedProjection,
	p: CaseRecordPayload,
	department: string
): { events: RecordedEvent[] } | { conflict: RecordProblem } {
	const conflict = (field: string) => ({ conflict: { field, code: 'PUSH_CONFLICT', params: {} } });
	if (p.事项编码 !== recorded.事项编码) return conflict('事项编码');
	if (!same(p.办事申请, recorded.办事申请)) return conflict('办事申请');
	if (!same({ ...p.事项受理, 受理单位: department }, recorded.事项受理))
		return conflict('事项受理');
	const steps = (p.事项办理 ?? []).map(normalStep);
	if (steps.length < recorded.事项办理.length) return conflict('事项办理');
	const events: RecordedEvent[] = [];
	for (let i = 0; i < recorded.事项办理.length; i++) {
		const was = recorded.事项办理[i]!;
		const now = steps[i]!;
		if (same(was, now)) continue;
		const finishing =
			was.环节办理状态 === '待办' &&
			now.环节办理状态 === '已办' &&
			was.环节名称 === now.环节名称 &&
			was.环节处理人 === now.环节处理人 &&
			was.环节开始时间 === now.环节开始时间;
		if (!finishing) return conflict(`事项办理.${i}`);
		events.push({ type: 'recorded.step', index: i, 事项办理: now });
	}
	if (recorded.事项办结 && steps.length > recorded.事项办理.length)
		return conflict(`事项办理.${recorded.事项办理.length}`);
	steps
		.slice(recorded.事项办理.length)
		.forEach((s, k) =>
			events.push({ type: 'recorded.step', index: recorded.事项办理.length + k, 事项办理: s })
		);
	if (recorded.事项办结) {
		if (!p.事项办结 || !same(p.事项办结, recorded.事项办结)) return conflict('事项办结');
	} else if (p.事项办结) events.push({ type: 'recorded.closed', 事项办结: p.事项办结 });
	return { events };
}
