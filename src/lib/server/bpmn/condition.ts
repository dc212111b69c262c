/**
 * Our structured conditions in BPMN: the body of a `bpmn:FormalExpression` with
 * `language="application/vnd.sunlit.condition+json"` is the condition as JSON, e.g.
 * `{"field":"amount","op":"ge","value":10000}`. It is data, read with JSON.parse and checked
 * against the `Condition` shape; nothing is ever evaluated.
 */
import { CONDITION_OPS, type Condition } from '../../domain/flow/types';

/** The JSON text of a condition (stable key order: as built). */
export function encodeCondition(condition: Condition): string {
	return JSON.stringify(condition);
}

export type DecodedCondition = { ok: true; condition: Condition } | { ok: false; reason: string };

/** Parses and checks a condition's JSON text; `reason` says what is wrong (English, technical). */
export function decodeCondition(text: string): DecodedCondition {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return { ok: false, reason: 'not JSON' };
	}
	const reason = conditionProblem(value, '$');
	return reason === null ? { ok: true, condition: value as Condition } : { ok: false, reason };
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): value is string | number {
	return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

function isValue(value: unknown): boolean {
	return (
		value === undefined ||
		isScalar(value) ||
		typeof value === 'boolean' ||
		(Array.isArray(value) && value.every(isScalar))
	);
}

/** null when `value` is a `Condition`, else where and why it is not. */
function conditionProblem(value: unknown, path: string): string | null {
	if (!isRecord(value)) return `${path} is not an object`;
	const keys = Object.keys(value).sort().join();
	if (keys === 'all' || keys === 'any') {
		const parts = value[keys];
		if (!Array.isArray(parts) || parts.length === 0) return `${path}.${keys} is not a list`;
		for (const [i, part] of parts.entries()) {
			const problem = conditionProblem(part, `${path}.${keys}[${i}]`);
			if (problem !== null) return problem;
		}
		return null;
	}
	if (keys !== 'field,op' && keys !== 'field,op,value') return `${path} has unknown keys`;
	if (typeof value.field !== 'string' || value.field === '') return `${path}.field is not a name`;
	if (!(CONDITION_OPS as readonly unknown[]).includes(value.op)) return `${path}.op is unknown`;
	if (!isValue(value.value)) return `${path}.value is not a value`;
	return null;
}
