/**
 * The working days a flow takes along its longest path, against the promised time limit (承诺时限).
 */
import { depthFirst, type FlowGraph } from './graph';
import type { FlowNode } from './types';

/**
 * Days a node adds to a path: a task's time limit when it is a positive finite number, else 0.
 * Supplement steps (补正) pause the clock and gateways, starts and ends take no time, so all 0.
 */
export function nodeDays(node: FlowNode): number {
	const t = node.timeLimitDays;
	return node.kind === 'task' && typeof t === 'number' && Number.isFinite(t) && t > 0 ? t : 0;
}

/**
 * The most days any path from a start to an end takes, summing `nodeDays`; 0 when no end is
 * reachable. Branches of a parallel split run concurrently, so the path through a split/join pair
 * counts its longest branch: the longest path over a DAG gives exactly that. Loops (a 退回 edge
 * back to an earlier step) are run at most once: the longest path is taken over the DAG left after
 * dropping the back edges of a depth-first search from the starts (edges in id order), so cycles
 * neither hang nor inflate the total.
 */
export function longestPath(g: FlowGraph, starts: readonly number[]): number {
	const { order, back } = depthFirst(g, starts);
	const best = new Array<number>(g.nodes.length).fill(-Infinity);
	for (const s of starts) best[s] = nodeDays(g.nodes[s]!);
	let total = 0;
	for (const v of order) {
		const here = best[v]!;
		if (g.nodes[v]!.kind === 'end') total = Math.max(total, here);
		g.out[v]!.forEach((e, k) => {
			if (back.has(e)) return;
			const w = g.succ[v]![k]!;
			best[w] = Math.max(best[w]!, here + nodeDays(g.nodes[w]!));
		});
	}
	return total;
}
