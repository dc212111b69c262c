/**
 * The flowchart (流程图) of one power item: what happens, in which order, at which post, within
 * which time limit, under which control. Plain data: the canvas, the linter, the compiler and
 * BPMN interchange all read and write this shape. Meaning (`semantics`) and drawing (`layout`) are
 * kept apart so a re-layout never changes what the flow means.
 */

/** Node kinds of the palette. */
export const NODE_KINDS = [
	'start', // 受理
	'task', // 办理环节
	'decision', // 判断（按结果排他分支）
	'parallel_split', // 联合办理：分开
	'parallel_join', // 联合办理：汇合
	'supplement', // 补正（暂停计时）
	'end' // 办结
] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

/** How a flow ends (办结结果). */
export const END_OUTCOMES = ['approve', 'reject', 'other'] as const; // 准予 / 不予 / 其他
export type EndOutcome = (typeof END_OUTCOMES)[number];

/** Kinds of supervision and control point (监督制约环节). */
export const CONTROL_KINDS = [
	'legal_review', // 法制审核
	'collective', // 集体讨论
	'recusal', // 回避
	'publicity', // 公示
	'hearing', // 听证
	'other'
] as const;
export type ControlKind = (typeof CONTROL_KINDS)[number];

export interface ControlPoint {
	kind: ControlKind;
	description: string;
	/** Whether a second person must take part (双人办理 / 复核). */
	secondPerson: boolean;
}

export interface FlowNode {
	/** Stable id, unique in the flow (e.g. `n3`). A deleted node's id may be given out again. */
	id: string;
	kind: NodeKind;
	name: string;
	/** Department code (as in the organisation model), or '' when not applicable. */
	department: string;
	/** Post code within that department (承办岗位), or ''. */
	post: string;
	/** 职责要求 */
	duty: string;
	/** Time limit of this step in working days; null where a step has none (start, gateways, end). */
	timeLimitDays: number | null;
	/** Supervision / control point at this step, if any. */
	control: ControlPoint | null;
	/** The applicant's rights at this step (e.g. 陈述申辩), free text. */
	rights: string;
	/** Complaint channel for this step, free text. */
	complaint: string;
	/** For `end` nodes: the outcome; null otherwise. */
	outcome: EndOutcome | null;
}

/** Comparison of one application-form field with a value. */
export const CONDITION_OPS = [
	'eq',
	'ne',
	'gt',
	'ge',
	'lt',
	'le',
	'in',
	'empty',
	'not_empty'
] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

/**
 * A condition over application-form fields, built structurally (never evaluated as code):
 * a comparison, or all/any of several conditions.
 */
export type Condition =
	| { field: string; op: ConditionOp; value?: string | number | boolean | (string | number)[] }
	| { all: Condition[] }
	| { any: Condition[] };

export interface FlowEdge {
	/** Stable id, unique in the flow (e.g. `e4`). */
	id: string;
	source: string;
	target: string;
	/** The outcome this edge stands for when leaving a decision (e.g. 同意 / 不同意), or ''. */
	outcome: string;
	/** Or a condition over form fields; null when the edge is taken by outcome or unconditionally. */
	condition: Condition | null;
	/** The decision's default branch (taken when no other matches). */
	isDefault: boolean;
}

export interface FlowSemantics {
	nodes: FlowNode[];
	edges: FlowEdge[];
}

export interface Point {
	x: number;
	y: number;
}

/** Where things are drawn; ids refer to `semantics`. Missing positions are laid out automatically. */
export interface FlowLayout {
	nodes: Record<string, Point>;
	/** Optional bend points of edges. */
	edges: Record<string, Point[]>;
}

/** The `*.flow.json` file, also the stored form of a flow version. */
export interface FlowDocument {
	format: 'sunlit.flow';
	/** File format version. */
	version: 1;
	/** The catalogue item code this flow belongs to. */
	item: string;
	name: string;
	semantics: FlowSemantics;
	layout: FlowLayout;
}

/** A fresh node of a kind with empty properties. */
export function newNode(id: string, kind: NodeKind, name = ''): FlowNode {
	return {
		id,
		kind,
		name,
		department: '',
		post: '',
		duty: '',
		timeLimitDays: kind === 'task' || kind === 'supplement' ? 1 : null,
		control: null,
		rights: '',
		complaint: '',
		outcome: kind === 'end' ? 'approve' : null
	};
}

export function newEdge(id: string, source: string, target: string): FlowEdge {
	return { id, source, target, outcome: '', condition: null, isDefault: false };
}

/** The next free id with a prefix (`n`, `e`) given the ids in use: max number + 1. */
export function nextId(prefix: string, used: Iterable<string>): string {
	let max = 0;
	for (const id of used) {
		const m = new RegExp(`^${prefix}(\\d+)$`).exec(id);
		if (m) max = Math.max(max, Number(m[1]));
	}
	return `${prefix}${max + 1}`;
}

export function emptyFlow(item: string, name: string): FlowDocument {
	return {
		format: 'sunlit.flow',
		version: 1,
		item,
		name,
		semantics: { nodes: [], edges: [] },
		layout: { nodes: {}, edges: {} }
	};
}
