/**
 * Branch conditions as a small expression tree: compiled from the designer's structured
 * conditions, evaluated over a case's form data by walking the tree. Nothing is ever evaluated as
 * code. The case runner uses `evaluate`; the compiler uses `compileCondition`.
 */
import type { Condition } from '../domain/flow/types';
import type { Expr } from './types';

/** The expression of a (lint-checked) condition; `all`/`any` of one item collapse to that item. */
export function compileCondition(c: Condition): Expr {
	if ('all' in c || 'any' in c) {
		const op = 'all' in c ? 'and' : 'or';
		const args = ('all' in c ? c.all : c.any).map(compileCondition);
		return args.length === 1 ? args[0]! : { op, args };
	}
	const field = c.field.trim();
	if (c.op === 'empty' || c.op === 'not_empty') return { op: c.op, field };
	const value = typeof c.value === 'string' ? c.value.trim() : c.value;
	return { op: c.op, field, value };
}

type Value = string | number | boolean | (string | number)[] | undefined;

function isEmpty(v: unknown): boolean {
	return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

/** Numbers compare as numbers (a numeric string counts as its number), other values as strings. */
function compare(a: unknown, b: unknown): number | null {
	const na = typeof a === 'number' ? a : typeof a === 'string' && a.trim() !== '' ? Number(a) : NaN;
	const nb = typeof b === 'number' ? b : typeof b === 'string' && b.trim() !== '' ? Number(b) : NaN;
	if (Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
	if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
	return null;
}

function same(a: unknown, b: unknown): boolean {
	if (typeof a === 'boolean' || typeof b === 'boolean') return a === b;
	return compare(a, b) === 0;
}

/**
 * Whether `expr` holds for `data` (a submission's top-level fields). A multiple-choice answer (an
 * array) equals a value when it contains it. Comparing a missing answer is false, except `ne`,
 * `empty`.
 */
export function evaluate(expr: Expr, data: Readonly<Record<string, unknown>>): boolean {
	switch (expr.op) {
		case 'and':
			return expr.args.every((e) => evaluate(e, data));
		case 'or':
			return expr.args.some((e) => evaluate(e, data));
	}
	const actual: unknown = data[expr.field];
	const value: Value = expr.value;
	const list = Array.isArray(actual) ? (actual as unknown[]) : null;
	switch (expr.op) {
		case 'empty':
			return isEmpty(actual);
		case 'not_empty':
			return !isEmpty(actual);
		case 'eq':
			return list ? list.some((x) => same(x, value)) : !isEmpty(actual) && same(actual, value);
		case 'ne':
			return list ? !list.some((x) => same(x, value)) : isEmpty(actual) || !same(actual, value);
		case 'in': {
			const options = Array.isArray(value) ? value : [];
			const answers = list ?? (isEmpty(actual) ? [] : [actual]);
			return answers.some((x) => options.some((o) => same(x, o)));
		}
		case 'gt':
		case 'ge':
		case 'lt':
		case 'le': {
			if (list || isEmpty(actual)) return false;
			const d = compare(actual, value);
			if (d === null) return false;
			return expr.op === 'gt'
				? d > 0
				: expr.op === 'ge'
					? d >= 0
					: expr.op === 'lt'
						? d < 0
						: d <= 0;
		}
	}
}
