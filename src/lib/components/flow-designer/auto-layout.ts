import type { FlowSemantics, Point } from '$lib/domain/flow/types';

/**
 * Top-to-bottom layered layout with ELK. elkjs is large, so it is loaded only when asked for.
 * Sizes are the measured sizes of the drawn nodes; returns top-left positions.
 */
export async function autoLayout(
	flow: FlowSemantics,
	sizes: Record<string, { w: number; h: number }>
): Promise<Record<string, Point>> {
	const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
	const elk = new ELK();
	const ids = new Set(flow.nodes.map((n) => n.id));
	const graph = await elk.layout({
		id: 'root',
		layoutOptions: {
			'elk.algorithm': 'layered',
			'elk.direction': 'DOWN',
			'elk.spacing.nodeNode': '50',
			'elk.layered.spacing.nodeNodeBetweenLayers': '60',
			'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF'
		},
		children: flow.nodes.map((n) => ({
			id: n.id,
			width: sizes[n.id]?.w ?? 160,
			height: sizes[n.id]?.h ?? 60
		})),
		edges: flow.edges
			.filter((e) => ids.has(e.source) && ids.has(e.target))
			.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] }))
	});
	const out: Record<string, Point> = {};
	for (const c of graph.children ?? [])
		out[c.id] = { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) };
	return out;
}
