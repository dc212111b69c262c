/**
 * An indexed view of a flow's graph for the linter and the designer: nodes by index, edges by
 * source and by target, and the walks every rule builds on. Everything is deterministic: nodes
 * keep their order in the flow, and each node's edges are sorted by edge id, so walks visit in the
 * same order whatever order the edges were drawn in.
 */
import type { FlowEdge, FlowNode, FlowSemantics } from './types';

export interface FlowGraph {
	/** The flow's nodes in flow order (were an id used twice, only its first node). */
	nodes: readonly FlowNode[];
	/** Node id → index in `nodes`. */
	index: ReadonlyMap<string, number>;
	/** Edges leaving each node (by index), both ends existing, sorted by edge id. */
	out: readonly (readonly FlowEdge[])[];
	/** Edges entering each node (by index), both ends existing, sorted by edge id. */
	in: readonly (readonly FlowEdge[])[];
	/** Successor / predecessor indexes, parallel to `out` / `in`. */
	succ: readonly (readonly number[])[];
	pred: readonly (readonly number[])[];
	/** Edges whose source or target node does not exist, in flow order. */
	dangling: readonly FlowEdge[];
}

/**
 * Ids compared with their trailing numbers as numbers (`n2` < `n10`), otherwise as strings, so
 * issues come out in the order people read ids in.
 */
export function compareIds(a: string, b: string): number {
	if (a === b) return 0;
	const i = trailingDigits(a);
	const j = trailingDigits(b);
	if (i === j && i < a.length && j < b.length && a.slice(0, i) === b.slice(0, j)) {
		const d = Number(a.slice(i)) - Number(b.slice(j));
		if (d !== 0) return d;
	}
	return a < b ? -1 : 1;
}

/** Where the run of digits ending the id starts (its length when there is none). */
function trailingDigits(s: string): number {
	let i = s.length;
	while (i > 0) {
		const c = s.charCodeAt(i - 1);
		if (c < 48 || c > 57) break;
		i--;
	}
	return i;
}

const byEdgeId = (a: FlowEdge, b: FlowEdge) => compareIds(a.id, b.id);

export function buildGraph(flow: FlowSemantics): FlowGraph {
	const index = new Map<string, number>();
	const nodes: FlowNode[] = [];
	for (const n of flow.nodes) {
		if (index.has(n.id)) continue;
		index.set(n.id, nodes.length);
		nodes.push(n);
	}
	const out: FlowEdge[][] = nodes.map(() => []);
	const inc: FlowEdge[][] = nodes.map(() => []);
	const dangling: FlowEdge[] = [];
	for (const e of flow.edges) {
		const s = index.get(e.source);
		const t = index.get(e.target);
		if (s === undefined || t === undefined) dangling.push(e);
		else {
			out[s]!.push(e);
			inc[t]!.push(e);
		}
	}
	for (const list of out) if (list.length > 1) list.sort(byEdgeId);
	for (const list of inc) if (list.length > 1) list.sort(byEdgeId);
	return {
		nodes,
		index,
		out,
		in: inc,
		succ: out.map((list) => list.map((e) => index.get(e.target)!)),
		pred: inc.map((list) => list.map((e) => index.get(e.source)!)),
		dangling
	};
}

/** Indexes of the nodes of the given kind, in flow order. */
export function nodesOfKind(g: FlowGraph, kind: FlowNode['kind']): number[] {
	const found: number[] = [];
	g.nodes.forEach((n, i) => {
		if (n.kind === kind) found.push(i);
	});
	return found;
}

/**
 * Which nodes a walk from `roots` visits, following `next` (pass `g.succ` to go forward, `g.pred`
 * to go backward).
 */
export function visited(
	size: number,
	next: readonly (readonly number[])[],
	roots: readonly number[]
): boolean[] {
	const seen = new Array<boolean>(size).fill(false);
	const stack = [...roots];
	for (const r of roots) seen[r] = true;
	while (stack.length) {
		const v = stack.pop()!;
		for (const w of next[v]!) {
			if (!seen[w]) {
				seen[w] = true;
				stack.push(w);
			}
		}
	}
	return seen;
}

export interface DepthFirst {
	/** The nodes reached from the roots, in reverse postorder: a topological order without `back`. */
	order: number[];
	/** Edges to a node still on the DFS stack (退回 and other loops); dropping them leaves a DAG. */
	back: ReadonlySet<FlowEdge>;
}

/**
 * Depth-first search from each root in turn (iterative, so long flows cannot overflow the stack),
 * taking each node's edges in edge-id order.
 */
export function depthFirst(g: FlowGraph, roots: readonly number[]): DepthFirst {
	const WHITE = 0;
	const GREY = 1;
	const BLACK = 2;
	const colour = new Array<number>(g.nodes.length).fill(WHITE);
	const post: number[] = [];
	const back = new Set<FlowEdge>();
	for (const root of roots) {
		if (colour[root] !== WHITE) continue;
		colour[root] = GREY;
		const stack: [node: number, next: number][] = [[root, 0]];
		while (stack.length) {
			const top = stack[stack.length - 1]!;
			const [v, i] = top;
			const edges = g.out[v]!;
			if (i === edges.length) {
				colour[v] = BLACK;
				post.push(v);
				stack.pop();
				continue;
			}
			top[1] = i + 1;
			const w = g.succ[v]![i]!;
			if (colour[w] === GREY) back.add(edges[i]!);
			else if (colour[w] === WHITE) {
				colour[w] = GREY;
				stack.push([w, 0]);
			}
		}
	}
	return { order: post.reverse(), back };
}
