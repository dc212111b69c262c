/**
 * Reading a runtime definition as a graph: each node's successors, the back edges (退回 loops)
 * found by a depth-first walk from the start, the posts a definition names, and the outcome labels
 * a handler may choose when leaving a node. Pure; results are cached per definition object.
 */
import type { RuntimeDefinition, RuntimeNode } from '../compiler/types';
import type { PostRef } from './types';

/** The nodes a token may move to from `node`, in the definition's order (edge id, or null for `next`). */
export function successors(node: RuntimeNode): { to: string; edge: string | null }[] {
	switch (node.kind) {
		case 'start':
		case 'task':
		case 'supplement':
		case 'parallel_join':
			return [{ to: node.next, edge: null }];
		case 'decision':
			return [
				...node.branches.map((b) => ({ to: b.to, edge: b.edge })),
				...(node.default ? [{ to: node.default.to, edge: node.default.edge }] : [])
			];
		case 'parallel_split':
			return node.branches.map((b) => ({ to: b.to, edge: b.edge }));
		case 'end':
			return [];
	}
}

const backEdgeCache = new WeakMap<RuntimeDefinition, ReadonlySet<string>>();

/** Key of the move from `from` to `to`, as used by {@link backEdges}. */
export const moveKey = (from: string, to: string): string => `${from}>${to}`;

/**
 * The moves (`moveKey(from, to)`) that go back to a node still on the depth-first path from the
 * start: the loops a chart draws as 退回 (return to an earlier step).
 */
export function backEdges(definition: RuntimeDefinition): ReadonlySet<string> {
	const cached = backEdgeCache.get(definition);
	if (cached) return cached;
	const back = new Set<string>();
	const state = new Map<string, 'open' | 'done'>();
	const stack: { id: string; next: string[] }[] = [];
	const enter = (id: string) => {
		state.set(id, 'open');
		const node = definition.nodes[id];
		stack.push({ id, next: node ? successors(node).map((s) => s.to) : [] });
	};
	if (definition.nodes[definition.start]) enter(definition.start);
	while (stack.length > 0) {
		const top = stack[stack.length - 1]!;
		const to = top.next.shift();
		if (to === undefined) {
			state.set(top.id, 'done');
			stack.pop();
			continue;
		}
		const seen = state.get(to);
		if (seen === 'open') back.add(moveKey(top.id, to));
		else if (seen === undefined && definition.nodes[to]) enter(to);
	}
	backEdgeCache.set(definition, back);
	return back;
}

/** The post of a node handled at a post (start with a post, task, supplement), else null. */
export function postOf(node: RuntimeNode): PostRef | null {
	if (node.kind === 'task' || node.kind === 'supplement') {
		return { department: node.department.code, post: node.post.code };
	}
	if (node.kind === 'start' && node.post) {
		return { department: node.department?.code ?? '', post: node.post.code };
	}
	return null;
}

/** Every post the definition names (the staff who take part in its cases). */
export function definitionPosts(definition: RuntimeDefinition): PostRef[] {
	const posts = new Map<string, PostRef>();
	for (const node of Object.values(definition.nodes)) {
		const post = postOf(node);
		if (post) posts.set(`${post.department}/${post.post}`, post);
	}
	return [...posts.values()];
}

/** The decisions a token leaving `nodeId` meets before it waits again (through decisions only). */
function decisionsAfter(definition: RuntimeDefinition, nodeId: string) {
	const node = definition.nodes[nodeId];
	const found: Extract<RuntimeNode, { kind: 'decision' }>[] = [];
	if (!node) return found;
	const seen = new Set<string>();
	const queue = successors(node).map((s) => s.to);
	while (queue.length > 0) {
		const id = queue.shift()!;
		const next = definition.nodes[id];
		if (seen.has(id) || next?.kind !== 'decision') continue;
		seen.add(id);
		found.push(next);
		queue.push(...successors(next).map((s) => s.to));
	}
	return found;
}

/**
 * The outcome labels a handler may choose when completing a step at `nodeId` (the labels of the
 * decisions that follow it directly); empty when no decision follows.
 */
export function availableOutcomes(definition: RuntimeDefinition, nodeId: string): string[] {
	const labels: string[] = [];
	for (const d of decisionsAfter(definition, nodeId))
		for (const b of d.branches)
			if (b.outcome !== '' && !labels.includes(b.outcome)) labels.push(b.outcome);
	return labels;
}

/**
 * Whether leaving `nodeId` may need a person's choice of outcome: a decision follows with a branch
 * chosen by outcome label alone (no condition).
 */
export function needsOutcome(definition: RuntimeDefinition, nodeId: string): boolean {
	return decisionsAfter(definition, nodeId).some((d) =>
		d.branches.some((b) => b.outcome !== '' && b.when === null)
	);
}

/**
 * The outcome labels at `nodeId` that lead to a supplement node (补正), where the handler lists
 * the missing materials; empty when no choice leads there.
 */
export function supplementOutcomes(definition: RuntimeDefinition, nodeId: string): string[] {
	const labels: string[] = [];
	for (const d of decisionsAfter(definition, nodeId))
		for (const b of d.branches)
			if (
				b.outcome !== '' &&
				definition.nodes[b.to]?.kind === 'supplement' &&
				!labels.includes(b.outcome)
			)
				labels.push(b.outcome);
	return labels;
}
