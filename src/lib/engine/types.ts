/**
 * The case engine's data: the state of one case (办件), the events that move it, the context the
 * caller supplies (time, ids, working-day calendar), and what a step hands back (effects for the
 * applicant, notes for the audit chain, or a refusal with a stable error code).
 *
 * `CaseState` is plain JSON: it survives `JSON.parse(JSON.stringify(state))` exactly. Every field
 * is always present; an absent value is `null` (never `undefined` or a missing key), dates are
 * 'YYYY-MM-DD' strings (China calendar dates), instants ISO strings.
 */
import type { EndOutcome } from '../domain/flow/types';

export const CASE_FORMAT = 'sunlit.case';
export const CASE_FORMAT_VERSION = 1;

/** 申报来源: how the application came in. */
export type Channel = 'online' | 'window' | 'offline';

/**
 * - `submitted`: awaiting 受理 at the start node;
 * - `in_progress`: accepted, tasks being handled;
 * - `supplement`: awaiting the applicant's materials (补正), clock paused;
 * - `suspended`: a special procedure (特别程序) is running, clock paused;
 * - `closed` (办结), `refused` (不予受理), `withdrawn` (撤回): final, nothing more happens.
 */
export type CaseStatus =
	'submitted' | 'in_progress' | 'supplement' | 'suspended' | 'closed' | 'refused' | 'withdrawn';

export const FINAL_STATUSES: readonly CaseStatus[] = ['closed', 'refused', 'withdrawn'];

/** A post as the engine compares them: department code and post code. */
export interface PostRef {
	department: string;
	post: string;
}

/** A member of staff acting on the case, with every post they hold. */
export interface UserActor {
	id: string;
	name: string;
	posts: PostRef[];
}
/** The applicant (申请人), identified by the runner (case number + query code, or a session). */
export interface ApplicantActor {
	applicant: true;
}
export type Actor = UserActor | ApplicantActor;

/** Who did something, as recorded in the state. */
export type ActorRef = { kind: 'user'; id: string; name: string } | { kind: 'applicant' };

/** The split activation a parallel branch token belongs to, innermost last on a token. */
export interface BranchFrame {
	/** Id of the split activation (one per time a token passes the split). */
	activation: string;
	split: string;
	/** The split's branch edge this token took. */
	edge: string;
}

/** A token: where the case is waiting. Tokens wait only at the start, task and supplement nodes. */
export interface Token {
	id: string;
	node: string;
	/** Enclosing parallel branches, outermost first; empty outside joint processing. */
	frames: BranchFrame[];
	/** The nodes passed on the way here since the token last waited (first: where it left, last: `node`). */
	route: string[];
	/** User ids who handled the previous step on this path (a join unites its branches'). */
	handledBy: string[];
}

export type TaskStatus = 'open' | 'claimed' | 'done' | 'cancelled';

export interface Task {
	id: string;
	/**
	 * 'step': a task node of the chart. 'supplement_review': after materials arrive at a supplement
	 * node that a decision by outcome follows, its post reviews them and chooses the outcome.
	 */
	kind: 'step' | 'supplement_review';
	node: string;
	token: string;
	status: TaskStatus;
	/** The node's post: only a user holding it may claim, complete or ask for supplements. */
	post: PostRef;
	claimedBy: { id: string; name: string } | null;
	handledBy: { id: string; name: string } | null;
	/** The outcome label chosen when completing (for the decision that follows), or null. */
	outcome: string | null;
	/** 承办意见. */
	opinion: string | null;
	attachments: Attachment[];
	openedAt: string;
	openedOn: string;
	limitDays: number;
	/** Working days the case clock stood still while this task was open. */
	pausedDays: number;
	/** addWorkingDays(openedOn, limitDays + pausedDays). */
	due: string;
	doneAt: string | null;
	/** The nodes passed from the previous waiting point to this task (see `Token.route`). */
	route: string[];
	/** Users who may not complete this task under a second-person control (双人办理 / 复核). */
	previousHandlers: string[];
	secondPerson: boolean;
	/** 行政处罚: the penalty decided at this step, against the item's discretion benchmark. */
	penalty?: PenaltyDecision | null;
}

/**
 * A penalty decided at a step (自由裁量): the benchmark row applied (违法情节, an index into the
 * definition's `discretion`), the amount and its unit. The engine checks the shape; whether the
 * amount lies in the row's range is for supervision to judge (an exception, not a refusal).
 */
export interface PenaltyDecision {
	circumstance: number;
	amount: number;
	unit: string;
}

/** One pass of a token through a parallel split, and the branches that have reached the join. */
export interface JoinActivation {
	id: string;
	split: string;
	join: string;
	expects: string[];
	arrivals: { edge: string; token: string; at: string; handledBy: string[] }[];
	/** When the join fired (once, when every expected edge has arrived), or null. */
	firedAt: string | null;
}

export type SpecialKind =
	| 'hearing' // 听证
	| 'testing' // 检验检测
	| 'inspection' // 现场勘查 / 检查
	| 'appraisal' // 专家评审 / 鉴定
	| 'consultation' // 征求第三方意见
	| 'other';

export const SPECIAL_KINDS: readonly SpecialKind[] = [
	'hearing',
	'testing',
	'inspection',
	'appraisal',
	'consultation',
	'other'
];

/** A stretch of time the clock stood still: 补正 (supplement) or 特别程序 (special). */
export interface Pause {
	kind: 'supplement' | 'special';
	/** China dates; `end` null while the pause lasts. */
	start: string;
	end: string | null;
	startedAt: string;
	endedAt: string | null;
	reason: string;
	basis: string;
	specialKind: SpecialKind | null;
	/** 特别程序 result, when ended. */
	result: string | null;
	/** workingDaysBetween(start, end) once ended. */
	pausedDays: number | null;
	/** A supplement pause under the 'restart' rule: the time limit counts again from `end`. */
	restart: boolean;
}

export interface Extension {
	days: number;
	approvedBy: string;
	reason: string;
	at: string;
	by: ActorRef;
}

/** The case clock (法定 / 承诺 办结时限), in working days from acceptance. */
export interface CaseClock {
	/** China date of 受理, null before. */
	acceptedOn: string | null;
	/** The day counting starts from: acceptedOn, or the day materials arrived under 'restart'. */
	origin: string | null;
	statutoryDays: number;
	/** 0 for an immediate case (即办件). */
	promisedDays: number;
	supplementRule: 'restart' | 'resume';
	statutoryDue: string | null;
	promisedDue: string | null;
	pauses: Pause[];
	extensions: Extension[];
}

/** A request for missing materials (补正告知) and what the applicant sent back. */
export interface SupplementRequest {
	id: string;
	/** The task whose handler asked, or null when the chart's supplement node asked. */
	task: string | null;
	/** The node asking: a task node, a supplement node, or the start node at acceptance. */
	node: string;
	requestedAt: string;
	requestedBy: ActorRef | null;
	materials: string[];
	reason: string;
	/** Deadline for the applicant (a supplement node's limit), or null. */
	applicantDue: string | null;
	receivedAt: string | null;
	receivedMaterials: string[];
	/** The files the applicant sent with the materials (absent in cases from before files). */
	receivedFiles?: (Attachment & { material: string })[];
}

/** A stored file (its content-addressed ref, `sha256-<hex>`) and the name it was sent with. */
export interface Attachment {
	ref: string;
	name: string;
}

/** GB/T 39046 业务动作. */
export type BusinessAction = '通过' | '退回' | '其他';

/** One line of the public tracking page: no names, no opinions. */
export interface TimelineEntry {
	seq: number;
	step: string;
	action: BusinessAction;
	at: string;
}

export type ClosureKind = EndOutcome | 'refused' | 'withdrawn';

export interface CaseState {
	format: typeof CASE_FORMAT;
	formatVersion: typeof CASE_FORMAT_VERSION;
	id: string;
	/** The frozen version the case started with; it runs on it to the end. */
	item: { code: string; version: number; contentHash: string };
	channel: Channel;
	status: CaseStatus;
	caseType: 'immediate' | 'promised';
	/** The form data (JSON). */
	data: Record<string, unknown>;
	submittedAt: string;
	acceptance: { by: ActorRef; at: string; opinion: string } | null;
	tokens: Token[];
	tasks: Task[];
	joins: JoinActivation[];
	clock: CaseClock;
	supplements: SupplementRequest[];
	closure: {
		outcome: ClosureKind;
		/** The end node reached, or null (refused, withdrawn). */
		node: string | null;
		at: string;
		on: string;
		reason: string;
	} | null;
	/** Events applied so far (0 after startCase). */
	seq: number;
	/** China date of the last event: time may not run backwards. */
	lastDay: string;
	timeline: TimelineEntry[];
}

// ── events ───────────────────────────────────────────────────────────────────

interface EventBase {
	actor: Actor;
}
/** 受理 at the start node. `outcome` when the start leads to a decision by outcome. */
export interface AcceptEvent extends EventBase {
	type: 'accept';
	outcome?: string;
	opinion?: string;
	/** Missing materials, used when the route reaches a supplement node. */
	missingMaterials?: string[];
}
/** 不予受理. */
export interface RefuseEvent extends EventBase {
	type: 'refuse';
	reason: string;
}
export interface ClaimEvent extends EventBase {
	type: 'claim';
	task: string;
}
export interface ReleaseEvent extends EventBase {
	type: 'release';
	task: string;
}
export interface CompleteEvent extends EventBase {
	type: 'complete';
	task: string;
	outcome?: string;
	opinion?: string;
	attachments?: Attachment[];
	missingMaterials?: string[];
	/** 行政处罚: the penalty decided (see PenaltyDecision). */
	penalty?: PenaltyDecision;
}
export interface RequestSupplementEvent extends EventBase {
	type: 'request_supplement';
	task: string;
	materials: string[];
	reason?: string;
}
export interface SupplementReceivedEvent extends EventBase {
	type: 'supplement_received';
	materials: string[];
	/** The files sent, one or more per material (`material` names which). */
	files?: (Attachment & { material: string })[];
}
export interface SpecialStartEvent extends EventBase {
	type: 'special_start';
	kind: SpecialKind;
	reason: string;
	basis: string;
}
export interface SpecialEndEvent extends EventBase {
	type: 'special_end';
	result: string;
}
/** 延期, approved by the head of the body. */
export interface ExtendEvent extends EventBase {
	type: 'extend';
	days: number;
	approvedBy: string;
	reason: string;
}
export interface WithdrawEvent extends EventBase {
	type: 'withdraw';
	reason?: string;
}

export type CaseEvent =
	| AcceptEvent
	| RefuseEvent
	| ClaimEvent
	| ReleaseEvent
	| CompleteEvent
	| RequestSupplementEvent
	| SupplementReceivedEvent
	| SpecialStartEvent
	| SpecialEndEvent
	| ExtendEvent
	| WithdrawEvent;

export type CaseEventType = CaseEvent['type'];

// ── context and results ──────────────────────────────────────────────────────

/** Everything from outside the engine: time, ids and the working-day calendar. */
export interface EngineContext {
	/** ISO instant of the event. */
	now: string;
	/** The China calendar date of `now`, 'YYYY-MM-DD'. */
	today: string;
	/** A fresh id, unique at least within the case ('case', 'token', 'task', 'split', 'supplement'). */
	newId(prefix: string): string;
	calendar: {
		/** The n-th working day after `start` (n = 0: start). */
		addWorkingDays(start: string, n: number): string;
		/** Working days after `from` up to and including `to`. */
		workingDaysBetween(from: string, to: string): number;
	};
}

export type ErrorCode =
	| 'EVENT_UNKNOWN'
	| 'EVENT_INVALID'
	| 'EVENT_WRONG_STATE'
	| 'ACTOR_NOT_ALLOWED'
	| 'CASE_CLOSED'
	| 'DEFINITION_MISMATCH'
	| 'DEFINITION_INVALID'
	| 'TIME_WENT_BACKWARDS'
	| 'TASK_NOT_FOUND'
	| 'TASK_DONE'
	| 'TASK_ALREADY_CLAIMED'
	| 'TASK_NOT_CLAIMED'
	| 'WRONG_POST'
	| 'SECOND_PERSON_REQUIRED'
	| 'OUTCOME_REQUIRED'
	| 'OUTCOME_UNKNOWN'
	| 'NO_BRANCH_MATCHES'
	| 'CLOCK_NOT_PAUSED'
	| 'EXTENSION_TOO_LONG';

export interface EngineError {
	code: ErrorCode;
	params: Record<string, string | number | string[]>;
}

export type NotificationKind =
	| 'received'
	| 'accepted'
	| 'refused'
	| 'supplement_requested'
	| 'extended'
	| 'closed'
	| 'withdrawn';

/** Something the runner does after committing the step; `key` makes it safe to retry. */
export interface Effect {
	kind: 'notify_applicant';
	notification: NotificationKind;
	/** `${case id}:${seq}:${notification}`. */
	key: string;
	params: Record<string, string | number | string[] | null>;
}

/** GB/T 39046 case datasets a note belongs to. */
export type AuditDataset = '办事申请' | '事项受理' | '事项办理' | '事项办结';

/** A note for the runner's hash-chained audit log. */
export interface AuditNote {
	/** Stable action name, e.g. 'case.accepted', 'task.completed'. */
	action: string;
	dataset: AuditDataset;
	payload: Record<string, unknown>;
}

export type StepResult =
	| { ok: true; state: CaseState; effects: Effect[]; audit: AuditNote[] }
	| { ok: false; error: EngineError };

export interface CaseInit {
	data: Record<string, unknown>;
	/** SHA-256 of the frozen definition.json the case runs on. */
	contentHash: string;
	channel: Channel;
}
