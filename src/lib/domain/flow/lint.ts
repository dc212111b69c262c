/**
 * Live linting of a flow: every rule the freezing compiler enforces (it calls `lintFlow` and
 * refuses any 'error'), each under a stable code from `LINT_CODES`. The designer runs it on every
 * change, so it is linear-ish in the flow's size: adjacency lists, a few walks, two dominator
 * trees.
 *
 * Rules that need a start (NODE_UNREACHABLE, parallel matching) are skipped when there is none,
 * and rules that need an end (NODE_NO_PATH_TO_END, parallel matching) when there is none:
 * START_MISSING / END_MISSING already say it, and every node would be reported otherwise.
 */
import { checkCondition } from './conditions';
import { buildGraph, compareIds, nodesOfKind, visited, type FlowGraph } from './graph';
import {
	LINT_CODES,
	LINT_WARNINGS,
	type LintCode,
	type LintIssue,
	type LintSeverity
} from './lint-codes';
import { matchParallel } from './parallel';
import { longestPath } from './time';
import { END_OUTCOMES, type FlowSemantics } from './types';

export { LINT_CODES, LINT_PARAMS, LINT_WARNINGS } from './lint-codes';
export type { LintCode, LintIssue, LintSeverity };

export interface LintContext {
	/** The catalogue entry's promised time limit (承诺时限) in working days; null or absent: none. */
	promisedDays?: number | null;
	/** Ids of the application form's fields; when given, conditions may name only these. */
	formFields?: readonly string[];
}

type Add = (
	code: LintCode,
	at?: { nodeId?: string; edgeId?: string },
	params?: Record<string, string | number>
) => void;

/** Kinds whose nodes should be named (gateways are read from their shape and branch labels). */
const NAMED_KINDS: ReadonlySet<string> = new Set(['start', 'task', 'supplement', 'end']);

/**
 * Every problem of the flow, sorted by code (in `LINT_CODES` order), then node id, then edge id
 * (ids with numbers in numeric order), then params: the same flow gives the same list whatever
 * order its nodes and edges are stored in. Severity is 'warning' for `LINT_WARNINGS`, else 'error'.
 * Node names, department and post codes, descriptions and outcome labels count as empty when blank.
 */
export function lintFlow(flow: FlowSemantics, context: LintContext = {}): LintIssue[] {
	const g = buildGraph(flow);
	const issues: LintIssue[] = [];
	const add: Add = (code, at = {}, params) => {
		const severity: LintSeverity = LINT_WARNINGS.has(code) ? 'warning' : 'error';
		issues.push({ code, severity, ...at, ...(params ? { params } : {}) });
	};
	const starts = nodesOfKind(g, 'start');
	const ends = nodesOfKind(g, 'end');

	startsAndEnds(g, starts, ends, add);
	edges(g, add);
	reachability(g, starts, ends, add);
	gateways(g, add);
	conditions(g, context.formFields, add);
	if (starts.length && ends.length) {
		const { unmatchedSplits, unmatchedJoins } = matchParallel(g, starts, ends);
		for (const i of unmatchedSplits) add('PARALLEL_UNMATCHED', { nodeId: g.nodes[i]!.id });
		for (const i of unmatchedJoins) add('PARALLEL_JOIN_UNMATCHED', { nodeId: g.nodes[i]!.id });
	}
	properties(g, add);
	const promised = context.promisedDays;
	if (typeof promised === 'number' && Number.isFinite(promised)) {
		const total = longestPath(g, starts);
		if (total > promised) add('TIME_EXCEEDS_PROMISED', {}, { total, promised });
	}
	return sortIssues(issues);
}

/**
 * The working days of the flow's longest path from the start to an end (what the designer shows
 * beside the promised time limit); see `longestPath` for how parallel branches, supplement steps
 * and loops count.
 */
export function longestPathDays(flow: FlowSemantics): number {
	const g = buildGraph(flow);
	return longestPath(g, nodesOfKind(g, 'start'));
}

function startsAndEnds(g: FlowGraph, starts: number[], ends: number[], add: Add): void {
	if (starts.length === 0) add('START_MISSING');
	for (const i of starts) {
		const nodeId = g.nodes[i]!.id;
		if (starts.length > 1) add('START_MULTIPLE', { nodeId }, { count: starts.length });
		if (g.in[i]!.length) add('START_HAS_INCOMING', { nodeId });
		const count = g.out[i]!.length;
		if (count !== 1) add('START_OUTGOING', { nodeId }, { count });
	}
	if (ends.length === 0) add('END_MISSING');
	for (const i of ends) {
		const node = g.nodes[i]!;
		if (!node.outcome || !END_OUTCOMES.includes(node.outcome))
			add('END_NO_OUTCOME', { nodeId: node.id });
		const count = g.out[i]!.length;
		if (count) add('END_HAS_OUTGOING', { nodeId: node.id }, { count });
	}
}

function edges(g: FlowGraph, add: Add): void {
	for (const e of g.dangling) {
		const missing = g.index.has(e.source) ? e.target : e.source;
		add('EDGE_DANGLING', { edgeId: e.id }, { missing });
	}
	g.nodes.forEach((node, i) => {
		const targets = new Set<string>();
		for (const e of g.out[i]!) {
			if (e.target === node.id) add('EDGE_SELF_LOOP', { nodeId: node.id, edgeId: e.id });
			if (targets.has(e.target)) add('EDGE_DUPLICATE', { nodeId: node.id, edgeId: e.id });
			targets.add(e.target);
		}
	});
}

function reachability(g: FlowGraph, starts: number[], ends: number[], add: Add): void {
	const size = g.nodes.length;
	if (starts.length) {
		const reached = visited(size, g.succ, starts);
		g.nodes.forEach((n, i) => {
			if (!reached[i]) add('NODE_UNREACHABLE', { nodeId: n.id });
		});
	}
	if (ends.length) {
		const reaching = visited(size, g.pred, ends);
		g.nodes.forEach((n, i) => {
			if (!reaching[i]) add('NODE_NO_PATH_TO_END', { nodeId: n.id });
		});
	}
}

/** Degree rules of steps and gateways, and the branches of decisions. */
function gateways(g: FlowGraph, add: Add): void {
	g.nodes.forEach((node, i) => {
		const nodeId = node.id;
		const out = g.out[i]!;
		const count = out.length;
		switch (node.kind) {
			case 'task':
			case 'supplement':
				if (count !== 1) add('TASK_OUTGOING', { nodeId }, { count });
				break;
			case 'parallel_split':
				if (count < 2) add('PARALLEL_SPLIT_OUTGOING', { nodeId }, { count });
				break;
			case 'parallel_join': {
				const incoming = g.in[i]!.length;
				if (incoming < 2) add('PARALLEL_JOIN_INCOMING', { nodeId }, { count: incoming });
				if (count !== 1) add('PARALLEL_JOIN_OUTGOING', { nodeId }, { count });
				break;
			}
			case 'decision': {
				if (count < 2) add('DECISION_TOO_FEW_EDGES', { nodeId }, { count });
				const outcomes = new Set<string>();
				let defaults = 0;
				let conditional = false;
				for (const e of out) {
					const outcome = e.outcome.trim();
					if (!outcome && !e.condition && !e.isDefault)
						add('DECISION_OUTCOME_MISSING', { nodeId, edgeId: e.id });
					if (outcome && outcomes.has(outcome))
						add('DECISION_DUPLICATE_OUTCOME', { nodeId, edgeId: e.id }, { outcome });
					if (outcome) outcomes.add(outcome);
					if (e.isDefault) defaults++;
					if (e.condition) conditional = true;
				}
				// Outcome-labelled branches are exhaustive (the handler picks one); conditions are not.
				if (conditional && defaults === 0) add('DECISION_NO_DEFAULT', { nodeId });
				if (defaults > 1) add('DECISION_MULTIPLE_DEFAULTS', { nodeId }, { count: defaults });
				break;
			}
		}
	});
}

function conditions(g: FlowGraph, formFields: readonly string[] | undefined, add: Add): void {
	const fields = formFields ? new Set(formFields) : undefined;
	g.nodes.forEach((node, i) => {
		for (const e of g.out[i]!) {
			if (!e.condition) continue;
			const at = { nodeId: node.id, edgeId: e.id };
			const { problem, unknownFields } = checkCondition(e.condition, fields);
			if (problem) add('CONDITION_INVALID', at, { reason: problem });
			for (const field of unknownFields) add('CONDITION_UNKNOWN_FIELD', at, { field });
		}
	});
}

/** What each step must state: who handles it, in how long, under which control. */
function properties(g: FlowGraph, add: Add): void {
	for (const node of g.nodes) {
		const at = { nodeId: node.id };
		if (node.kind === 'task' || node.kind === 'supplement') {
			if (!node.department.trim()) add('TASK_NO_DEPARTMENT', at);
			if (!node.post.trim()) add('TASK_NO_POST', at);
		}
		const t = node.timeLimitDays;
		if (node.kind === 'task' && !(typeof t === 'number' && Number.isInteger(t) && t >= 1))
			add('TASK_NO_TIME_LIMIT', at);
		if (NAMED_KINDS.has(node.kind) && !node.name.trim()) add('NODE_NAME_MISSING', at);
		if (node.control && !node.control.description.trim()) add('CONTROL_DESCRIPTION_MISSING', at);
	}
}

const RANK = new Map<LintCode, number>(LINT_CODES.map((c, i) => [c, i]));

function sortIssues(issues: LintIssue[]): LintIssue[] {
	const keyed = issues.map((issue) => ({ issue, params: JSON.stringify(issue.params ?? {}) }));
	keyed.sort(
		(a, b) =>
			RANK.get(a.issue.code)! - RANK.get(b.issue.code)! ||
			compareIds(a.issue.nodeId ?? '', b.issue.nodeId ?? '') ||
			compareIds(a.issue.edgeId ?? '', b.issue.edgeId ?? '') ||
			(a.params < b.params ? -1 : a.params > b.params ? 1 : 0)
	);
	return keyed.map((k) => k.issue);
}
