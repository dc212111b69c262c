/**
 * Helpers over plain JSON-like data (objects, arrays, primitives) that also work through Svelte 5
 * `$state` proxies, which `structuredClone` rejects.
 */

/** A deep copy sharing no object with `value`; `undefined` members are kept. */
export function deepCopy<T>(value: T): T {
	if (Array.isArray(value)) return value.map((item: unknown) => deepCopy(item)) as T;
	if (value !== null && typeof value === 'object') {
		const copy: Record<string, unknown> = {};
		for (const [key, item] of Object.entries(value)) copy[key] = deepCopy(item);
		return copy as T;
	}
	return value;
}

/** Structural equality; a member that is `undefined` equals a missing one. */
export function deepEqual(a: unknown, b: unknown): boolean {
	if (Object.is(a, b)) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a) !== Array.isArray(b)) return false;
	if (Array.isArray(a) && Array.isArray(b)) {
		return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
	}
	const ra = a as Record<string, unknown>;
	const rb = b as Record<string, unknown>;
	const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
	return [...keys].every((key) => deepEqual(ra[key], rb[key]));
}

/** Sets `record[key]` to a copy of `value`, or deletes it when `value` is undefined. */
export function setEntry<T>(record: Record<string, T>, key: string, value: T | undefined): void {
	if (value === undefined) delete record[key];
	else record[key] = deepCopy(value);
}

/** A copy of `record[key]`, or undefined when absent. */
export function entryCopy<T>(record: Record<string, T>, key: string): T | undefined {
	return Object.hasOwn(record, key) ? deepCopy(record[key]) : undefined;
}

/**
 * Puts copies of `removed` back into `record` so its keys follow `order` (the key order before
 * they were removed); keys not in `order` keep their place at the end. Values already there are
 * re-set as copies, so no object read through a proxy is stored back raw.
 */
export function reinsert<T>(
	record: Record<string, T>,
	removed: Record<string, T>,
	order: readonly string[]
): void {
	const current = { ...record };
	for (const key of Object.keys(current)) delete record[key];
	for (const key of order) {
		if (Object.hasOwn(removed, key)) record[key] = deepCopy(removed[key] as T);
		else if (Object.hasOwn(current, key)) record[key] = deepCopy(current[key] as T);
	}
	for (const [key, value] of Object.entries(current)) {
		if (!Object.hasOwn(record, key)) record[key] = deepCopy(value);
	}
}
