/**
 * A Sunlit case as GB/T 39046 records (办事申请, 事项受理, 事项办理[], 特别程序[], 事项办结), for
 * engine-run cases (from the engine's CaseState) and recorded ones (from their projection) alike.
 * Pure: the caller reads the row, the events and the definition's step names.
 */
import type { CaseState, Channel, Pause, Task, TimelineEntry } from '../../engine/types';
import type { RecordedProjection } from './record';
import type {
	Gbt39046Case,
	业务动作,
	事项办理,
	事项办结,
	事项受理,
	办结结果,
	特别程序,
	环节办理状态,
	申报来源
} from './types';

export const SOURCE_OF_CHANNEL: Record<Channel, 申报来源> = {
	online: '网上',
	window: '窗口',
	offline: '线下'
};
export const CHANNEL_OF_SOURCE: Record<申报来源, Channel> = {
	网上: 'online',
	窗口: 'window',
	线下: 'offline'
};

const RESULT_OF_OUTCOME: Record<string, 办结结果> = {
	approve: '准予',
	reject: '不予',
	other: '其他',
	refused: '不予受理',
	withdrawn: '撤回'
};
export const OUTCOME_OF_RESULT: Record<string, 'approve' | 'reject' | 'other'> = {
	准予: 'approve',
	不予: 'reject',
	其他: 'other'
};

const SPECIAL_NAMES: Record<string, string> = {
	hearing: '听证',
	testing: '检验检测',
	inspection: '现场勘查',
	appraisal: '专家评审',
	consultation: '征求第三方意见',
	other: '其他'
};

/** What the mapper needs of any case besides its state. */
export interface CaseHeader {
	caseNo: string;
	itemCode: string;
	itemName: string;
	department: string;
	applicantName: string;
	applicantId: string;
}

/** 事项受理 of an engine-run case once accepted (受理单位: the implementing department's name). */
export function engineAcceptance(
	department: string,
	state: CaseState
): (事项受理 & { 受理单位: string }) | null {
	if (!state.acceptance) return null;
	return {
		受理单位: department,
		受理人员: state.acceptance.by.kind === 'user' ? state.acceptance.by.name : '申请人',
		受理时间: state.acceptance.at,
		...(state.clock.promisedDue ? { 承诺办结时间: state.clock.promisedDue } : {})
	};
}

/** 事项办理 of one task; `action`: its 业务动作 once done (the timeline's), `name`: the step's name. */
export function engineStep(
	t: Task,
	name: string,
	action: 业务动作
): 事项办理 & { 环节办理状态: 环节办理状态 } {
	const done = t.status === 'done';
	return {
		环节名称: name,
		业务动作: done ? action : '其他',
		环节处理人: t.handledBy?.name ?? t.claimedBy?.name ?? '',
		...(t.opinion ? { 环节处理意见: t.opinion } : {}),
		环节开始时间: t.openedAt,
		...(done && t.doneAt ? { 环节结束时间: t.doneAt } : {}),
		环节办理状态: done ? '已办' : '待办'
	};
}

/** 特别程序 of a special pause (听证, 检验检测, …). */
export function engineSpecial(p: Pause): 特别程序 {
	return {
		种类: SPECIAL_NAMES[p.specialKind ?? 'other'] ?? '其他',
		开始时间: p.startedAt,
		启动理由或依据: [p.reason, p.basis].filter(Boolean).join('；'),
		结束时间: p.endedAt,
		结果: p.result
	};
}

/** 事项办结 of a closed, refused or withdrawn engine-run case. */
export function engineClosure(closure: NonNullable<CaseState['closure']>): 事项办结 {
	return {
		办结时间: closure.at,
		办结结果: RESULT_OF_OUTCOME[closure.outcome] ?? '其他',
		...(closure.reason ? { 结果说明: closure.reason } : {})
	};
}

/** An engine-run case. `stepNames`: the definition's node names by node id. */
export function engineCaseRecords(
	h: CaseHeader,
	state: CaseState,
	stepNames: Readonly<Record<string, string>>
): Gbt39046Case {
	const actionOf = (name: string, at: string | null) =>
		state.timeline.find((e) => e.step === name && e.at === at)?.action ?? '通过';
	const tasks = state.tasks
		.filter((t) => t.status !== 'cancelled')
		.slice()
		.sort((a, b) => (a.openedAt < b.openedAt ? -1 : a.openedAt > b.openedAt ? 1 : 0));
	const closure = state.closure;
	return {
		标准: 'GB/T 39046-2020',
		来源: 'engine',
		办事申请: {
			办件编号: h.caseNo,
			事项编码: h.itemCode,
			事项名称: h.itemName,
			办件类型: state.caseType === 'immediate' ? '即办件' : '承诺件',
			申请者名称: h.applicantName,
			...(h.applicantId ? { 申请者证件号码: h.applicantId } : {}),
			申报来源: SOURCE_OF_CHANNEL[state.channel],
			申请时间: state.submittedAt
		},
		事项受理: engineAcceptance(h.department, state),
		事项办理: tasks.map((t) => {
			const name = stepNames[t.node] ?? t.node;
			return engineStep(t, name, actionOf(name, t.doneAt));
		}),
		特别程序: state.clock.pauses.filter((p) => p.kind === 'special').map(engineSpecial),
		事项办结: closure ? engineClosure(closure) : null
	};
}

/** A case recorded offline or pushed by a department system. */
export function recordedCaseRecords(
	h: CaseHeader,
	origin: 'offline' | 'pushed',
	r: RecordedProjection,
	sourceRef: string | null
): Gbt39046Case {
	return {
		标准: 'GB/T 39046-2020',
		来源: origin,
		办事申请: {
			办件编号: h.caseNo,
			事项编码: h.itemCode,
			事项名称: h.itemName,
			...(sourceRef ? { 部门办件编号: sourceRef } : {}),
			...r.办事申请
		},
		事项受理: { ...r.事项受理, 受理单位: r.事项受理.受理单位 ?? h.department },
		事项办理: r.事项办理.map((s) => ({
			...s,
			环节办理状态: s.环节结束时间 === undefined ? '待办' : '已办'
		})),
		特别程序: [],
		事项办结: r.事项办结
	};
}

/** The public progress of a recorded case (no names, no opinions), as the tracking page shows it. */
export function recordedTimeline(r: RecordedProjection): TimelineEntry[] {
	const out: TimelineEntry[] = [
		{ seq: 0, step: '申请', action: '其他', at: r.办事申请.申请时间 },
		{ seq: 1, step: '受理', action: '通过', at: r.事项受理.受理时间 }
	];
	r.事项办理.forEach((s, i) =>
		out.push({
			seq: i + 2,
			step: s.环节名称,
			action: s.业务动作,
			at: s.环节结束时间 ?? s.环节开始时间
		})
	);
	if (r.事项办结)
		out.push({ seq: out.length, step: '办结', action: '其他', at: r.事项办结.办结时间 });
	return out;
}
