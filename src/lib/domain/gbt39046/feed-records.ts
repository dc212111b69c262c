/**
 * 实时报送: the feed records of a case transition, in GB/T 39046 field names, built from what the
 * transition left behind (the stepped state and its audit notes, or the recorded events). Pure: the
 * caller reads the case's header and appends the drafts to the feed in the same transaction.
 *
 * What is reported (docs/feed.md):
 * - `case_received` (事项受理) when a case is accepted — not when it is submitted: until 受理 the
 *   case is not yet the body's (the statutory clock starts at acceptance, the applicant may still
 *   withdraw). The 办事申请 elements ride along on this record. A case refused at intake (不予受理)
 *   or withdrawn before acceptance is reported only by its `case_closed`.
 * - `step_completed` (事项办理) for each finished step, each 补正 request (补正告知, 退回) and the
 *   arrival of the materials (补正材料接收), the start and end of each 特别程序 and each 延期
 *   (特别程序 种类 延长审批). Claiming and releasing a step are not reported.
 * - `case_closed` (事项办结) when the case ends: 办结, 不予受理 or 撤回.
 * Every record carries 办件编号 and 事项编码. The applicant's ID number is never reported.
 */
import type { AuditNote, CaseState, Pause } from '../../engine/types';
import { engineAcceptance, engineClosure, engineSpecial, engineStep } from './mapper';
import { SOURCE_OF_CHANNEL } from './mapper';
import type { RecordedEvent } from './record';
import type { 业务动作 } from './types';

export type CaseFeedKind = 'case_received' | 'step_completed' | 'case_closed';
export type CaseFeedDataset = '事项受理' | '事项办理' | '事项办结';

/** A feed record before it has a sequence number. */
export interface FeedDraft {
	kind: CaseFeedKind;
	dataset: CaseFeedDataset;
	record: Record<string, unknown>;
}

/** What every record of a case needs besides the transition. */
export interface FeedCaseHeader {
	caseNo: string;
	itemCode: string;
	itemName: string;
	/** The implementing department's name (受理单位). */
	department: string;
	applicantName: string;
}

const head = (h: FeedCaseHeader) => ({ 办件编号: h.caseNo, 事项编码: h.itemCode });

const received = (r: Record<string, unknown>): FeedDraft => ({
	kind: 'case_received',
	dataset: '事项受理',
	record: r
});
const step = (r: Record<string, unknown>): FeedDraft => ({
	kind: 'step_completed',
	dataset: '事项办理',
	record: r
});
const closed = (r: Record<string, unknown>): FeedDraft => ({
	kind: 'case_closed',
	dataset: '事项办结',
	record: r
});

function actorName(by: unknown): string {
	if (by && typeof by === 'object' && 'kind' in by) {
		const b = by as { kind: string; name?: string };
		return b.kind === 'user' ? (b.name ?? '') : '申请人';
	}
	return '';
}

const SPECIAL_STEP = '特别程序';

/**
 * The records of one event of an engine-run case. `state`: the case after the event; `notes`: the
 * event's audit notes in order; `at`: the event's instant (the engine's `now`).
 */
export function engineFeedDrafts(
	h: FeedCaseHeader,
	state: CaseState,
	notes: readonly AuditNote[],
	at: string
): FeedDraft[] {
	const out: FeedDraft[] = [];
	// 补正 requests made by this event (a step's request, or the chart's 补正 node reached): each
	// request is stamped with the event's instant, and a case's events never share one.
	const requests = state.supplements.filter((r) => r.requestedAt === at);
	let requestsDone = false;
	const flushRequests = () => {
		if (requestsDone) return;
		requestsDone = true;
		for (const r of requests)
			out.push(
				step({
					...head(h),
					环节名称: '补正告知',
					业务动作: '退回',
					环节处理人: actorName(r.requestedBy),
					...(r.reason ? { 环节处理意见: r.reason } : {}),
					环节开始时间: at,
					环节结束时间: at,
					环节办理状态: '已办',
					补正材料: r.materials,
					...(r.applicantDue ? { 补正期限: r.applicantDue } : {})
				})
			);
	};
	const specialEndedNow = (): Pause | undefined =>
		state.clock.pauses.filter((p) => p.kind === 'special' && p.endedAt === at).at(-1);
	for (const n of notes) {
		const p = n.payload;
		switch (n.action) {
			case 'case.accepted':
				out.push(
					received({
						...head(h),
						事项名称: h.itemName,
						办件类型: state.caseType === 'immediate' ? '即办件' : '承诺件',
						申请者名称: h.applicantName,
						申报来源: SOURCE_OF_CHANNEL[state.channel],
						申请时间: state.submittedAt,
						...engineAcceptance(h.department, state),
						来源: 'engine'
					})
				);
				flushRequests();
				break;
			case 'task.completed': {
				const task = state.tasks.find((t) => t.id === p.task);
				if (task)
					out.push(
						step({
							...head(h),
							...engineStep(task, String(p.step ?? task.node), p.action as 业务动作)
						})
					);
				flushRequests();
				break;
			}
			case 'case.supplement_requested':
				flushRequests();
				break;
			case 'case.supplement_received': {
				const got = state.supplements.filter((r) => r.receivedAt === at);
				out.push(
					step({
						...head(h),
						环节名称: '补正材料接收',
						业务动作: '其他',
						环节处理人: '申请人',
						环节开始时间: got[0]?.requestedAt ?? at,
						环节结束时间: at,
						环节办理状态: '已办',
						补正材料: p.materials ?? []
					})
				);
				flushRequests();
				break;
			}
			case 'case.special_started': {
				const pause = state.clock.pauses.find((x) => x.kind === 'special' && x.endedAt === null);
				if (pause)
					out.push(
						step({
							...head(h),
							环节名称: SPECIAL_STEP,
							业务动作: '其他',
							环节处理人: actorName(p.by),
							环节开始时间: pause.startedAt,
							环节办理状态: '待办',
							特别程序: engineSpecial(pause)
						})
					);
				break;
			}
			case 'case.special_ended': {
				const pause = specialEndedNow();
				if (pause)
					out.push(
						step({
							...head(h),
							环节名称: SPECIAL_STEP,
							业务动作: '其他',
							环节处理人: actorName(p.by),
							...(pause.result ? { 环节处理意见: pause.result } : {}),
							环节开始时间: pause.startedAt,
							环节结束时间: at,
							环节办理状态: '已办',
							特别程序: engineSpecial(pause)
						})
					);
				break;
			}
			case 'case.extended':
				out.push(
					step({
						...head(h),
						环节名称: '延期',
						业务动作: '其他',
						环节处理人: actorName(p.by),
						环节处理意见: String(p.reason ?? ''),
						环节开始时间: at,
						环节结束时间: at,
						环节办理状态: '已办',
						特别程序: {
							种类: '延长审批',
							开始时间: at,
							启动理由或依据: `${String(p.reason ?? '')}（批准人：${String(p.approvedBy ?? '')}）`,
							结束时间: at,
							结果: `延长 ${Number(p.days)} 个工作日`
						},
						...(p.promisedDue ? { 承诺办结时间: p.promisedDue } : {})
					})
				);
				break;
			default:
				// The close (办结, 不予受理, 撤回) is the one note of dataset 事项办结.
				if (n.dataset === '事项办结' && state.closure) {
					flushRequests();
					out.push(closed({ ...head(h), ...engineClosure(state.closure) }));
				}
		}
	}
	flushRequests();
	return out;
}

/**
 * The records of events added to a recorded case (线下办件登记, 部门系统报送). A step is reported
 * once it is finished (已办): a step pushed while still open is reported when a later push finishes
 * it.
 */
export function recordedFeedDrafts(
	h: FeedCaseHeader,
	origin: 'offline' | 'pushed',
	sourceRef: string | null,
	events: readonly RecordedEvent[]
): FeedDraft[] {
	const out: FeedDraft[] = [];
	for (const e of events) {
		if (e.type === 'recorded.received') {
			const a = { ...e.办事申请 };
			delete a.申请者证件号码;
			out.push(
				received({
					...head(h),
					事项名称: h.itemName,
					...a,
					...e.事项受理,
					受理单位: e.事项受理.受理单位 ?? h.department,
					来源: origin,
					...(sourceRef ? { 部门办件编号: sourceRef } : {})
				})
			);
		} else if (e.type === 'recorded.step') {
			if (e.事项办理.环节结束时间 !== undefined)
				out.push(step({ ...head(h), ...e.事项办理, 环节办理状态: '已办' }));
		} else out.push(closed({ ...head(h), ...e.事项办结 }));
	}
	return out;
}
