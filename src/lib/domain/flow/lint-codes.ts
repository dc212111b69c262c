/**
 * The codes of flow lint issues: stable (the compiler, the designer and the message catalogue key
 * on them, as `lint.<CODE>`), listed in the order issues are reported.
 */

export const LINT_CODES = [
	'START_MISSING',
	'START_MULTIPLE',
	'START_HAS_INCOMING',
	'START_OUTGOING',
	'END_MISSING',
	'END_NO_OUTCOME',
	'END_HAS_OUTGOING',
	'EDGE_DANGLING',
	'EDGE_SELF_LOOP',
	'EDGE_DUPLICATE',
	'NODE_UNREACHABLE',
	'NODE_NO_PATH_TO_END',
	'TASK_OUTGOING',
	'DECISION_TOO_FEW_EDGES',
	'DECISION_OUTCOME_MISSING',
	'DECISION_DUPLICATE_OUTCOME',
	'DECISION_NO_DEFAULT',
	'DECISION_MULTIPLE_DEFAULTS',
	'CONDITION_INVALID',
	'CONDITION_UNKNOWN_FIELD',
	'PARALLEL_SPLIT_OUTGOING',
	'PARALLEL_JOIN_INCOMING',
	'PARALLEL_JOIN_OUTGOING',
	'PARALLEL_UNMATCHED',
	'PARALLEL_JOIN_UNMATCHED',
	'TASK_NO_DEPARTMENT',
	'TASK_NO_POST',
	'TASK_NO_TIME_LIMIT',
	'NODE_NAME_MISSING',
	'CONTROL_DESCRIPTION_MISSING',
	'TIME_EXCEEDS_PROMISED'
] as const;
export type LintCode = (typeof LINT_CODES)[number];

export type LintSeverity = 'error' | 'warning';

/** Codes that do not block freezing a flow; every other code is an error. */
export const LINT_WARNINGS: ReadonlySet<LintCode> = new Set([
	'NODE_NAME_MISSING',
	'CONTROL_DESCRIPTION_MISSING'
]);

export interface LintIssue {
	code: LintCode;
	severity: LintSeverity;
	/** The node concerned; its message names it as `{name}`, which the caller fills in. */
	nodeId?: string;
	/** The edge concerned (with `nodeId` its source, when the rule is about that node's edges). */
	edgeId?: string;
	/** Exactly the keys `LINT_PARAMS` lists for the code; absent when it lists none. */
	params?: Record<string, string | number>;
}

/**
 * The params each code's issues carry. The caller adds `name` (the node's name, or its kind's
 * label when unnamed) for issues with a `nodeId`:
 * - `count`: how many edges the node has in the direction the rule is about (or, for
 *   START_MULTIPLE / DECISION_MULTIPLE_DEFAULTS, how many starts / defaults there are);
 * - `missing`: the id of the node an EDGE_DANGLING edge points at;
 * - `outcome`: the repeated outcome label;
 * - `reason`: the first problem of a malformed condition (a `CONDITION_PROBLEMS` value, for tools
 *   and tests; messages do not show it);
 * - `field`: the form field id a condition names but the form lacks;
 * - `total`, `promised`: working days of the longest path and of the promised time limit.
 */
export const LINT_PARAMS: Record<LintCode, readonly string[]> = {
	START_MISSING: [],
	START_MULTIPLE: ['count'],
	START_HAS_INCOMING: [],
	START_OUTGOING: ['count'],
	END_MISSING: [],
	END_NO_OUTCOME: [],
	END_HAS_OUTGOING: ['count'],
	EDGE_DANGLING: ['missing'],
	EDGE_SELF_LOOP: [],
	EDGE_DUPLICATE: [],
	NODE_UNREACHABLE: [],
	NODE_NO_PATH_TO_END: [],
	TASK_OUTGOING: ['count'],
	DECISION_TOO_FEW_EDGES: ['count'],
	DECISION_OUTCOME_MISSING: [],
	DECISION_DUPLICATE_OUTCOME: ['outcome'],
	DECISION_NO_DEFAULT: [],
	DECISION_MULTIPLE_DEFAULTS: ['count'],
	CONDITION_INVALID: ['reason'],
	CONDITION_UNKNOWN_FIELD: ['field'],
	PARALLEL_SPLIT_OUTGOING: ['count'],
	PARALLEL_JOIN_INCOMING: ['count'],
	PARALLEL_JOIN_OUTGOING: ['count'],
	PARALLEL_UNMATCHED: [],
	PARALLEL_JOIN_UNMATCHED: [],
	TASK_NO_DEPARTMENT: [],
	TASK_NO_POST: [],
	TASK_NO_TIME_LIMIT: [],
	NODE_NAME_MISSING: [],
	CONTROL_DESCRIPTION_MISSING: [],
	TIME_EXCEEDS_PROMISED: ['total', 'promised']
};
