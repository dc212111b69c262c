/**
 * What changed in a flowchart between the frozen version and a submitted one, for the legal
 * office's review. Steps and connections are matched by their stable id; only meaning
 * (`semantics`) is compared, never the drawing (`layout`), so a re-layout is not a change.
 */
import { compareIds } from '../flow/graph';
import type { Condition, FlowEdge, FlowNode, FlowSemantics } from '../flow/types';
import {
	byFirstId,
	changedProps,
	sameValue,
	zeroCounts,
	type Change,
	type ChangeCounts,
	type DiffMark
} from './values';

/** The compared properties of a step, in the order a reviewer reads them. */
export const NODE_DIFF_PROPS = [
	'name',
	'kind',
	'department',
	'post',
	'duty',
	'timeLimitDays',
	'control',
	'rights',
	'complaint',
	'outcome'
] as const satisfies readonly (keyof FlowNode)[];
export type NodeDiffProp = (typeof NODE_DIFF_PROPS)[number];

/** The compared properties of a connection. */
export const EDGE_DIFF_PROPS = [
	'source',
	'target',
	'outcome',
	'condition',
	'isDefault'
] as const satisfies readonly (keyof FlowEdge)[];
export type EdgeDiffProp = (typeof EDGE_DIFF_PROPS)[number];

export interface ItemDiff<T, P extends string> {
	id: string;
	change: Change;
	/** For 'changed': the properties that differ, in the order of the *_DIFF_PROPS list; else []. */
	changed: P[];
	/** The item in the frozen version (null when added). */
	before: T | null;
	/** The item in the submitted version (null when removed). */
	after: T | null;
}
export type NodeDiff = ItemDiff<FlowNode, NodeDiffProp>;
export type EdgeDiff = ItemDiff<FlowEdge, EdgeDiffProp>;

export interface FlowDiff {
	/** Every step of either version, ordered by id (compareIds). */
	nodes: NodeDiff[];
	/** Every connection of either version, ordered by id (compareIds). */
	edges: EdgeDiff[];
	summary: { nodes: ChangeCounts; edges: ChangeCounts };
	/** True when nothing was added, removed or changed. */
	unchanged: boolean;
}

/**
 * Compares two flowcharts' meaning. `before` null (nothing frozen yet) makes everything added.
 * Ids repeated within one version count once (the first), as in buildGraph.
 */
export function diffFlows(before: FlowSemantics | null, after: FlowSemantics): FlowDiff {
	const nodes = diffItems(before?.nodes ?? [], after.nodes, NODE_DIFF_PROPS, (_p, a, b) =>
		sameValue(a, b)
	);
	const edges = diffItems(before?.edges ?? [], after.edges, EDGE_DIFF_PROPS, (p, a, b) =>
		p === 'condition'
			? sameCondition(a as Condition | null, b as Condition | null)
			: sameValue(a, b)
	);
	const summary = { nodes: count(nodes), edges: count(edges) };
	return {
		nodes,
		edges,
		summary,
		unchanged: summary.nodes.same === nodes.length && summary.edges.same === edges.length
	};
}

function diffItems<T extends { id: string }, P extends string & keyof T>(
	before: readonly T[],
	after: readonly T[],
	props: readonly P[],
	equal: (prop: P, a: unknown, b: unknown) => boolean
): ItemDiff<T, P>[] {
	const was = byFirstId(before);
	const now = byFirstId(after);
	const ids = [...new Set([...was.keys(), ...now.keys()])].sort(compareIds);
	return ids.map((id): ItemDiff<T, P> => {
		const b = was.get(id) ?? null;
		const a = now.get(id) ?? null;
		if (!b) return { id, change: 'added', changed: [], before: null, after: a };
		if (!a) return { id, change: 'removed', changed: [], before: b, after: null };
		const changed = changedProps(props, b, a, equal);
		return { id, change: changed.length ? 'changed' : 'same', changed, before: b, after: a };
	});
}

function count(items: readonly { change: Change }[]): ChangeCounts {
	const out = zeroCounts();
	for (const item of items) out[item.change]++;
	return out;
}

/**
 * Conditions compare by value, with one allowance for meaning: the list of an `in` comparison is
 * a set, so reordering its values is not a change. all/any keep their order (it is how they read).
 */
export function sameCondition(a: Condition | null, b: Condition | null): boolean {
	return sameValue(normalise(a), normalise(b));
}

function normalise(c: unknown): unknown {
	if (typeof c !== 'object' || c === null) return c;
	if ('all' in c && Array.isArray(c.all)) return { all: c.all.map(normalise) };
	if ('any' in c && Array.isArray(c.any)) return { any: c.any.map(normalise) };
	if ('op' in c && c.op === 'in' && 'value' in c && Array.isArray(c.value)) {
		const set = c.value.map((v: unknown) => (typeof v === 'string' ? v.trim() : v));
		return { ...c, value: set.sort(byTypeThenValue) };
	}
	return c;
}

/** Numbers before strings, each in natural order: a total order for a list's items. */
function byTypeThenValue(x: unknown, y: unknown): number {
	const tx = typeof x;
	const ty = typeof y;
	if (tx !== ty) return tx < ty ? -1 : 1;
	if (tx === 'number') return (x as number) - (y as number);
	const sx = String(x);
	const sy = String(y);
	return sx < sy ? -1 : sx > sy ? 1 : 0;
}

/** Marks for drawing the flow with FlowChart. */
export interface ChartMarks {
	nodes: Record<string, DiffMark>;
	edges: Record<string, DiffMark>;
}

/**
 * What to mark on one side's drawing: the frozen chart shows what was removed or changed, the
 * submitted chart what was added or changed (an item is only drawn on the side that has it).
 */
export function chartMarks(diff: FlowDiff, side: 'before' | 'after'): ChartMarks {
	const shown: DiffMark = side === 'before' ? 'removed' : 'added';
	const pick = (items: readonly { id: string; change: Change }[]) => {
		const out: Record<string, DiffMark> = {};
		for (const { id, change } of items) {
			if (change === shown || change === 'changed') out[id] = change;
		}
		return out;
	};
	return { nodes: pick(diff.nodes), edges: pick(diff.edges) };
}
