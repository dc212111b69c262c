import type { ElkNode } from 'elkjs/lib/elk-api';
import type { FlowSemantics, Point } from '$lib/domain/flow/types';

/** What a layout needs of ELK: the bundled engine (Node, tests) or the web-worker one (browser). */
export interface LayoutEngine {
	layout(graph: ElkNode): Promise<ElkNode>;
}

/**
 * Top-to-bottom layered layout with ELK. Sizes are the measured sizes of the drawn nodes;
 * returns top-left positions. Without `engine`, elkjs is loaded (it is large) and runs on the
 * calling thread; the designer passes the engine of `elk-worker.ts`, which runs in a web worker.
 */
export async function autoLayout(
	flow: FlowSemantics,
	sizes: Record<string, { w: number; h: number }>,
	engine?: LayoutEngine
): Promise<Record<string, Point>> {
	const elk = engine ?? new (await import('elkjs/lib/elk.bundled.js')).default();
	const graph = await elk.layout(elkGraph(flow, sizes));
	const out: Record<string, Point> = {};
	for (const c of graph.children ?? [])
		out[c.id] = { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) };
	return out;
}

/** The ELK input for a flow: one box per step, one edge per connection between known steps. */
export function elkGraph(
	flow: {
		nodes: readonly { id: string }[];
		edges: readonly { id: string; source: string; target: string }[];
	},
	sizes: Record<string, { w: number; h: number }>
): ElkNode {
	const ids = new Set(flow.nodes.map((n) => n.id));
	return {
		id: 'root',
		layoutOptions: {
			'elk.algorithm': 'layered',
			'elk.direction': 'DOWN',
			'elk.spacing.nodeNode': '50',
			'elk.layered.spacing.nodeNodeBetweenLayers': '60',
			'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
			// Three crossing-minimisation passes instead of seven: the same positions for the
			// demo flows and the generated 300-step flow, about a third less time.
			'elk.layered.thoroughness': '3'
		},
		children: flow.nodes.map((n) => ({
			id: n.id,
			width: sizes[n.id]?.w ?? 160,
			height: sizes[n.id]?.h ?? 60
		})),
		edges: flow.edges
			.filter((e) => ids.has(e.source) && ids.has(e.target))
			.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] }))
	};
}

/**
 * A small made-up flow (40 steps: a chain with branches that merge again and loops back) in the
 * same ELK input form as `elkGraph`, laid out once by a fresh engine to warm it up (elk-worker.ts).
 */
export function warmUpGraph(): ElkNode {
	const n = 40;
	const nodes = Array.from({ length: n }, (_, i) => ({ id: `w${i}` }));
	const edges: { id: string; source: string; target: string }[] = [];
	const link = (a: number, b: number) =>
		edges.push({ id: `we${edges.length}`, source: `w${a}`, target: `w${b}` });
	for (let i = 0; i + 1 < n; i++) link(i, i + 1);
	for (let i = 0; i + 3 < n; i += 5) link(i, i + 3);
	for (let i = 7; i < n; i += 7) link(i, i - 4);
	return elkGraph({ nodes, edges }, {});
}
