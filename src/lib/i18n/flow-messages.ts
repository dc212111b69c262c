/**
 * Messages of the flow module; merged into the one catalogue in messages.ts.
 *
 * `lint.<CODE>`: one per flow lint code (src/lib/domain/flow/lint-codes.ts). `{name}` is the node
 * concerned (its name, or its kind's label when unnamed), filled in by the caller for issues with
 * a node; the other placeholders are the params as LINT_PARAMS lists them (`reason` of
 * CONDITION_INVALID is not shown).
 */
export const flowZh = {
	'lint.START_MISSING': '流程还没有开始环节，请添加一个。',
	'lint.START_MULTIPLE': '流程只能有一个开始环节，现有 {count} 个（含“{name}”）。',
	'lint.START_HAS_INCOMING': '开始环节“{name}”不能有连入的连线。',
	'lint.START_OUTGOING': '开始环节“{name}”须有且只有一条连出的连线，现有 {count} 条。',
	'lint.END_MISSING': '流程还没有办结环节，请至少添加一个。',
	'lint.END_NO_OUTCOME': '办结环节“{name}”须选择办结结果（准予、不予或其他）。',
	'lint.END_HAS_OUTGOING': '办结环节“{name}”不能有连出的连线，现有 {count} 条。',
	'lint.EDGE_DANGLING': '有一条连线连到不存在的环节（{missing}），请删除或重新连接。',
	'lint.EDGE_SELF_LOOP': '“{name}”有一条连回自身的连线，请删除。',
	'lint.EDGE_DUPLICATE': '“{name}”有两条连线连到同一个环节，请删除多余的一条。',
	'lint.NODE_UNREACHABLE': '从开始环节走不到“{name}”，请把它连入流程。',
	'lint.NODE_NO_PATH_TO_END': '从“{name}”走不到任何办结环节。',
	'lint.TASK_OUTGOING':
		'“{name}”须有且只有一条连出的连线，现有 {count} 条；需要按结果分支时请使用判断。',
	'lint.DECISION_TOO_FEW_EDGES': '判断“{name}”至少需要两条分支，现有 {count} 条。',
	'lint.DECISION_OUTCOME_MISSING': '判断“{name}”有一条分支既没有结果也没有条件，也不是默认分支。',
	'lint.DECISION_DUPLICATE_OUTCOME': '判断“{name}”有两条分支的结果都是“{outcome}”。',
	'lint.DECISION_NO_DEFAULT':
		'判断“{name}”有按条件走的分支，须指定一条默认分支（条件都不满足时走）。',
	'lint.DECISION_MULTIPLE_DEFAULTS': '判断“{name}”只能有一条默认分支，现有 {count} 条。',
	'lint.CONDITION_INVALID':
		'“{name}”连出的一条分支条件不完整：每项比较须有字段、有效的比较方式和比较值（“属于”须为列表），条件组不能为空。',
	'lint.CONDITION_UNKNOWN_FIELD': '“{name}”连出的一条分支条件用到了申请表中没有的字段“{field}”。',
	'lint.PARALLEL_SPLIT_OUTGOING': '联合办理“{name}”至少需要分出两条线，现有 {count} 条。',
	'lint.PARALLEL_JOIN_INCOMING': '汇合“{name}”至少需要两条连入的线，现有 {count} 条。',
	'lint.PARALLEL_JOIN_OUTGOING': '汇合“{name}”须有且只有一条连出的连线，现有 {count} 条。',
	'lint.PARALLEL_UNMATCHED':
		'联合办理“{name}”分出的各条线须在同一个汇合处汇合后，才能继续办理或办结。',
	'lint.PARALLEL_JOIN_UNMATCHED':
		'汇合“{name}”没有对应的联合办理：连入它的线须全部来自同一个联合办理分出的各条线。',
	'lint.TASK_NO_DEPARTMENT': '“{name}”没有指定承办部门。',
	'lint.TASK_NO_POST': '“{name}”没有指定承办岗位。',
	'lint.TASK_NO_TIME_LIMIT': '“{name}”的办理时限须为不少于 1 的整数（工作日）。',
	'lint.NODE_NAME_MISSING': '“{name}”还没有填写名称。',
	'lint.CONTROL_DESCRIPTION_MISSING': '“{name}”的监督制约环节还没有填写说明。',
	'lint.TIME_EXCEEDS_PROMISED':
		'按流程最长路径计算需要 {total} 个工作日，超过了承诺时限 {promised} 个工作日。'
} as const;

export const flowEn: Record<keyof typeof flowZh, string> = {
	'lint.START_MISSING': 'The flow has no start yet; add one.',
	'lint.START_MULTIPLE': 'A flow has exactly one start; there are {count} (including “{name}”).',
	'lint.START_HAS_INCOMING': 'The start “{name}” cannot have incoming connections.',
	'lint.START_OUTGOING':
		'The start “{name}” needs exactly one outgoing connection; it has {count}.',
	'lint.END_MISSING': 'The flow has no end yet; add at least one.',
	'lint.END_NO_OUTCOME': 'Choose the outcome of the end “{name}” (approve, reject or other).',
	'lint.END_HAS_OUTGOING': 'The end “{name}” cannot have outgoing connections; it has {count}.',
	'lint.EDGE_DANGLING':
		'A connection points to a step that does not exist ({missing}); delete or reconnect it.',
	'lint.EDGE_SELF_LOOP': '“{name}” has a connection back to itself; delete it.',
	'lint.EDGE_DUPLICATE': '“{name}” has two connections to the same step; delete one of them.',
	'lint.NODE_UNREACHABLE': '“{name}” cannot be reached from the start; connect it to the flow.',
	'lint.NODE_NO_PATH_TO_END': 'No path leads from “{name}” to an end.',
	'lint.TASK_OUTGOING':
		'“{name}” needs exactly one outgoing connection; it has {count}. Use a decision to branch.',
	'lint.DECISION_TOO_FEW_EDGES':
		'The decision “{name}” needs at least two branches; it has {count}.',
	'lint.DECISION_OUTCOME_MISSING':
		'A branch of the decision “{name}” has neither an outcome nor a condition and is not the default.',
	'lint.DECISION_DUPLICATE_OUTCOME':
		'Two branches of the decision “{name}” have the same outcome “{outcome}”.',
	'lint.DECISION_NO_DEFAULT':
		'The decision “{name}” has branches taken by condition; mark one branch as the default (taken when no condition holds).',
	'lint.DECISION_MULTIPLE_DEFAULTS':
		'The decision “{name}” can have only one default branch; it has {count}.',
	'lint.CONDITION_INVALID':
		'A branch condition leaving “{name}” is incomplete: every comparison needs a field, a valid operator and a value (a list for “is one of”), and groups cannot be empty.',
	'lint.CONDITION_UNKNOWN_FIELD':
		'A branch condition leaving “{name}” uses the field “{field}”, which the application form does not have.',
	'lint.PARALLEL_SPLIT_OUTGOING':
		'The parallel split “{name}” needs at least two outgoing branches; it has {count}.',
	'lint.PARALLEL_JOIN_INCOMING':
		'The parallel join “{name}” needs at least two incoming branches; it has {count}.',
	'lint.PARALLEL_JOIN_OUTGOING':
		'The parallel join “{name}” needs exactly one outgoing connection; it has {count}.',
	'lint.PARALLEL_UNMATCHED':
		'All branches of the parallel split “{name}” must meet at one parallel join before the flow continues or ends.',
	'lint.PARALLEL_JOIN_UNMATCHED':
		'The parallel join “{name}” closes no parallel split: all its incoming branches must come from one split.',
	'lint.TASK_NO_DEPARTMENT': '“{name}” has no handling department.',
	'lint.TASK_NO_POST': '“{name}” has no handling post.',
	'lint.TASK_NO_TIME_LIMIT':
		'The time limit of “{name}” must be a whole number of at least 1 working day.',
	'lint.NODE_NAME_MISSING': '“{name}” has no name yet.',
	'lint.CONTROL_DESCRIPTION_MISSING': 'The control point of “{name}” has no description yet.',
	'lint.TIME_EXCEEDS_PROMISED':
		'The longest path of the flow takes {total} working days, more than the promised {promised}.'
};
