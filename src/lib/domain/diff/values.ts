/**
 * Value comparison shared by the flow and form diffs: by value, not by reference, so a bundle read
 * back from storage compares equal to the one that was saved.
 */

/** How an item of a bundle changed between the frozen and the submitted version. */
export type Change = 'added' | 'removed' | 'changed' | 'same';

/** The marks a drawing shows: only items that differ are marked. */
export type DiffMark = Exclude<Change, 'same'>;

export interface ChangeCounts {
	added: number;
	removed: number;
	changed: number;
	same: number;
}

export const zeroCounts = (): ChangeCounts => ({ added: 0, removed: 0, changed: 0, same: 0 });

/**
 * Deep equality where strings are compared without surrounding whitespace, `undefined` equals
 * `null` (a property left out of a file means the same as an empty one), and object key order does
 * not matter. Arrays are compared in order.
 */
export function sameValue(a: unknown, b: unknown): boolean {
	if (a === undefined) a = null;
	if (b === undefined) b = null;
	if (typeof a === 'string' && typeof b === 'string') return a.trim() === b.trim();
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
		return Number.isNaN(a) && Number.isNaN(b);
	}
	if (Array.isArray(a) || Array.isArray(b)) {
		if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
		return a.every((x, i) => sameValue(x, b[i]));
	}
	const ra = a as Record<string, unknown>;
	const rb = b as Record<string, unknown>;
	const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
	for (const k of keys) if (!sameValue(ra[k], rb[k])) return false;
	return true;
}

/** The names in `props` whose values differ between `before` and `after`, in `props` order. */
export function changedProps<P extends string>(
	props: readonly P[],
	before: Partial<Record<P, unknown>>,
	after: Partial<Record<P, unknown>>,
	equal: (prop: P, a: unknown, b: unknown) => boolean = (_p, a, b) => sameValue(a, b)
): P[] {
	return props.filter((p) => !equal(p, before[p], after[p]));
}

/** The first item of each id, keyed by id (later duplicates are ignored, as buildGraph does). */
export function byFirstId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
	const out = new Map<string, T>();
	for (const item of items) if (!out.has(item.id)) out.set(item.id, item);
	return out;
}
