/**
 * Matching parallel splits (联合办理：分开) with their joins (汇合).
 *
 * For each split S, let J be its immediate post-dominator: the nearest node that every path from S
 * to an end passes (post-dominators are dominators of the reversed graph, rooted at a virtual exit
 * after every end). S is matched when J is a parallel_join and every edge into J comes from S or
 * from a node S dominates (every path from the start to that node passes S), i.e. J closes exactly
 * S's branches. A join that closes no split this way is unmatched.
 *
 * Loops are tolerated: a 退回 edge inside a branch, or from a branch back before S, changes neither
 * post-dominance nor dominance of the branch's nodes. Branches that never reach an end are ignored
 * here (NODE_NO_PATH_TO_END reports them).
 */
import { dominates, immediateDominators } from './dominators';
import { nodesOfKind, type FlowGraph } from './graph';

export interface ParallelMatch {
	/** Split index → the join closing it; splits not in the map are unmatched. */
	closing: ReadonlyMap<number, number>;
	unmatchedSplits: number[];
	unmatchedJoins: number[];
}

export function matchParallel(
	g: FlowGraph,
	starts: readonly number[],
	ends: readonly number[]
): ParallelMatch {
	const size = g.nodes.length;
	const dom = immediateDominators(size, starts, g.succ, g.pred);
	const postDom = immediateDominators(size, ends, g.pred, g.succ);
	const closing = new Map<number, number>();
	const unmatchedSplits: number[] = [];
	for (const s of nodesOfKind(g, 'parallel_split')) {
		const j = postDom[s]!;
		const ok =
			j >= 0 &&
			g.nodes[j]!.kind === 'parallel_join' &&
			g.pred[j]!.every((p) => p === s || dominates(dom, s, p));
		if (ok) closing.set(s, j);
		else unmatchedSplits.push(s);
	}
	const closed = new Set(closing.values());
	const unmatchedJoins = nodesOfKind(g, 'parallel_join').filter((j) => !closed.has(j));
	return { closing, unmatchedSplits, unmatchedJoins };
}
