/**
 * Structural checks of branch conditions: a condition is data built in the designer (never code),
 * so a malformed one is reported rather than evaluated.
 */
import { CONDITION_OPS, type Condition, type ConditionOp } from './types';

/** Why a condition is malformed (the first problem found, depth first). */
export const CONDITION_PROBLEMS = [
	'malformed', // neither a comparison nor all/any, or a list item that is not a string or number
	'empty_group', // all/any of nothing
	'field_missing', // a comparison without a field id
	'unknown_op', // an operator not in CONDITION_OPS
	'value_missing', // an operator that compares with a value, but none ('' and [] count as none)
	'list_required', // `in` with a single value instead of a list
	'list_not_allowed' // a list with an operator other than `in`
] as const;
export type ConditionProblem = (typeof CONDITION_PROBLEMS)[number];

export interface ConditionCheck {
	problem: ConditionProblem | null;
	/** Field ids not among the form's fields (only when fields were given), each once, in order. */
	unknownFields: string[];
}

const OPS: ReadonlySet<string> = new Set(CONDITION_OPS);
const NO_VALUE: ReadonlySet<ConditionOp> = new Set(['empty', 'not_empty']);

export function checkCondition(
	condition: Condition,
	formFields?: ReadonlySet<string>
): ConditionCheck {
	let problem: ConditionProblem | null = null;
	const unknown = new Set<string>();
	const report = (p: ConditionProblem) => {
		problem ??= p;
	};
	const walk = (c: unknown): void => {
		if (typeof c !== 'object' || c === null) return report('malformed');
		if ('all' in c || 'any' in c) {
			const list: unknown = 'all' in c ? c.all : (c as { any: unknown }).any;
			if (!Array.isArray(list)) return report('malformed');
			if (list.length === 0) report('empty_group');
			for (const item of list) walk(item);
			return;
		}
		if (!('field' in c) || !('op' in c)) return report('malformed');
		const { field, op } = c as { field: unknown; op: unknown };
		const value = 'value' in c ? c.value : undefined;
		if (typeof field !== 'string' || !field.trim()) report('field_missing');
		else if (formFields && !formFields.has(field)) unknown.add(field);
		if (typeof op !== 'string' || !OPS.has(op)) return report('unknown_op');
		if (NO_VALUE.has(op as ConditionOp)) return;
		if (value === undefined || value === null || (typeof value === 'string' && !value.trim()))
			return report('value_missing');
		if (op === 'in') {
			if (!Array.isArray(value)) return report('list_required');
			if (value.length === 0) return report('value_missing');
			if (value.some((v) => typeof v !== 'string' && typeof v !== 'number'))
				return report('malformed');
		} else if (Array.isArray(value)) report('list_not_allowed');
		else if (typeof value === 'object') report('malformed');
	};
	walk(condition);
	return { problem, unknownFields: [...unknown] };
}
