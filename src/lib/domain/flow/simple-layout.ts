import type { FlowSemantics, Point } from './types';

export const NODE_SIZE: Record<string, { w: number; h: number }> = {
	start: { w: 120, h: 48 },
	end: { w: 120, h: 48 },
	task: { w: 180, h: 76 },
	supplement: { w: 180, h: 76 },
	decision: { w: 120, h: 72 },
	parallel_split: { w: 64, h: 64 },
	parallel_join: { w: 64, h: 64 }
};

/**
 * Positions for nodes that have none: top to bottom by the longest distance from the start (back
 * edges ignored), left to right within a rank. Deterministic; a fallback when no stored layout
 * exists (the designer lays out properly with ELK). Points are top-left corners.
 */
export function simpleLayout(flow: FlowSemantics, gapX = 60, gapY = 70): Record<string, Point> {
	const out = new Map<string, string[]>();
	const incoming = new Map<string, number>();
	for (const n of flow.nodes) {
		out.set(n.id, []);
		incoming.set(n.id, 0);
	}
	for (const e of flow.edges)
		if (out.has(e.source) && out.has(e.target)) out.get(e.source)!.push(e.target);
	// Depth-first from the starts to find back edges, then longest-path ranks on what remains.
	const state = new Map<string, 'open' | 'done'>();
	const forward = new Map<string, string[]>();
	const visit = (id: string) => {
		state.set(id, 'open');
		forward.set(id, []);
		for (const t of out.get(id) ?? []) {
			if (state.get(t) === 'open') continue; // back edge
			forward.get(id)!.push(t);
			if (!state.has(t)) visit(t);
		}
		state.set(id, 'done');
	};
	const starts = flow.nodes.filter((n) => n.kind === 'start').map((n) => n.id);
	for (const id of [...starts, ...flow.nodes.map((n) => n.id)]) if (!state.has(id)) visit(id);
	const rank = new Map<string, number>();
	const order: string[] = [];
	const seen = new Set<string>();
	const topo = (id: string) => {
		if (seen.has(id)) return;
		seen.add(id);
		for (const t of forward.get(id) ?? []) topo(t);
		order.push(id);
	};
	for (const n of flow.nodes) topo(n.id);
	order.reverse();
	for (const id of order) rank.set(id, rank.get(id) ?? 0);
	for (const id of order)
		for (const t of forward.get(id) ?? [])
			rank.set(t, Math.max(rank.get(t) ?? 0, rank.get(id)! + 1));
	const rows = new Map<number, string[]>();
	for (const n of flow.nodes) {
		const r = rank.get(n.id) ?? 0;
		rows.set(r, [...(rows.get(r) ?? []), n.id]);
	}
	const kind = new Map(flow.nodes.map((n) => [n.id, n.kind]));
	const widest = Math.max(1, ...[...rows.values()].map((r) => r.length));
	const slot = 180 + gapX;
	const positions: Record<string, Point> = {};
	for (const [r, ids] of [...rows.entries()].sort((a, b) => a[0] - b[0])) {
		const offset = ((widest - ids.length) * slot) / 2;
		ids.forEach((id, i) => {
			const size = NODE_SIZE[kind.get(id) ?? 'task']!;
			positions[id] = {
				x: offset + i * slot + (180 - size.w) / 2,
				y: r * (76 + gapY) + (76 - size.h) / 2
			};
		});
	}
	return positions;
}
