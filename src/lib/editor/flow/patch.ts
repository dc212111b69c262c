import { deepCopy, deepEqual } from './plain';

/**
 * Sets on `target` copies of the members of `patch` that are defined and differ from the current
 * values. Returns copies of the values they replaced, or null when nothing differed (then
 * `target` is untouched).
 */
export function applyPatch<T extends object>(target: T, patch: Partial<T>): Partial<T> | null {
	const previous: Partial<T> = {};
	let changed = false;
	for (const key of Object.keys(patch) as (keyof T)[]) {
		const value = patch[key];
		if (value === undefined || deepEqual(target[key], value)) continue;
		previous[key] = deepCopy(target[key]);
		changed = true;
	}
	if (!changed) return null;
	for (const key of Object.keys(previous) as (keyof T)[])
		target[key] = deepCopy(patch[key] as T[keyof T]);
	return previous;
}

/** Puts copies of `previous` back on `target` (the undo of `applyPatch`). */
export function restorePatch<T extends object>(target: T, previous: Partial<T>): void {
	for (const key of Object.keys(previous) as (keyof T)[]) {
		target[key] = deepCopy(previous[key] as T[keyof T]);
	}
}
