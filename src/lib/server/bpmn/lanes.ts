/**
 * Export: one lane per department, so a joint procedure (联合办理) shows in bpmn.io who does
 * what. A node's lane is its department's; a node without one (a supplement, an end, a gateway)
 * goes with the node before it, else the node after it, else the first lane. Lanes are horizontal
 * bands in the order of their nodes' height in the layout; when the departments' nodes are not
 * already in separate bands, each lane's nodes are moved down or up together (never sideways)
 * into a band of their own — on re-export the bands are then separate and nothing moves again.
 */
import type { FlowEdge, FlowNode } from '../../domain/flow/types';
import type { Bounds } from './layout';

/** A lane: the department's code and the ids of its nodes, in document order. */
export interface Lane {
	department: string;
	nodes: string[];
}

/** Space between a lane's edge and its nodes: above, and below (labels, loops go there). */
const PAD = { top: 40, bottom: 70 };
/** The least gap between two lanes' nodes for the bands to be kept as drawn. */
const GAP = 40;

/** The lanes of `nodes` (none when no node has a department). */
export function assignLanes(nodes: readonly FlowNode[], edges: readonly FlowEdge[]): Lane[] {
	const of = new Map<string, string>();
	for (const n of nodes) if (n.department) of.set(n.id, n.department);
	if (of.size === 0) return [];
	for (let changed = true; changed;) {
		changed = false;
		for (const side of ['source', 'target'] as const) {
			for (const e of edges) {
				const [from, to] = side === 'source' ? [e.source, e.target] : [e.target, e.source];
				const department = of.get(from);
				if (department && !of.has(to)) {
					of.set(to, department);
					changed = true;
				}
			}
			if (changed) break;
		}
	}
	const first = nodes.find((n) => n.department)?.department ?? '';
	const lanes = new Map<string, Lane>();
	for (const n of nodes) {
		const department = of.get(n.id) ?? first;
		const lane = lanes.get(department) ?? { department, nodes: [] };
		lane.nodes.push(n.id);
		lanes.set(department, lane);
	}
	return [...lanes.values()];
}

interface Band {
	lane: Lane;
	top: number;
	bottom: number;
}

/**
 * The band of each lane (top to bottom) and how far each lane's nodes move down (`shift`), for
 * nodes drawn at `bounds`.
 */
export function laneBands(
	lanes: readonly Lane[],
	bounds: ReadonlyMap<string, Bounds>
): { bands: Band[]; shift: Map<string, number> } {
	const spans = lanes
		.map((lane) => {
			const own = lane.nodes.map((id) => bounds.get(id)).filter((b) => b !== undefined);
			const top = Math.min(...own.map((b) => b.y));
			const bottom = Math.max(...own.map((b) => b.y + b.height));
			const middle = own.reduce((sum, b) => sum + b.y + b.height / 2, 0) / (own.length || 1);
			return { lane, top, bottom, middle };
		})
		.filter((s) => Number.isFinite(s.top))
		.sort((a, b) => a.middle - b.middle || a.top - b.top);
	const apart = spans.every((s, i) => i === 0 || s.top >= (spans[i - 1]?.bottom ?? 0) + GAP);
	const shift = new Map<string, number>();
	const bands: Band[] = [];
	let top = Math.min(...spans.map((s) => s.top)) - PAD.top;
	for (const [i, s] of spans.entries()) {
		const next = spans[i + 1];
		const delta = apart ? 0 : top + PAD.top - s.top;
		for (const id of s.lane.nodes) shift.set(id, delta);
		// between two lanes drawn apart: where the boundary of moved lanes would be (PAD.bottom
		// below the upper lane's nodes when they are PAD.bottom + PAD.top apart), so that a
		// re-export draws the bands a first export moved nodes into exactly alike
		const share = PAD.bottom / (PAD.bottom + PAD.top);
		const bottom =
			apart && next
				? Math.round(s.bottom + (next.top - s.bottom) * share)
				: s.bottom + delta + PAD.bottom;
		bands.push({ lane: s.lane, top, bottom });
		top = bottom;
	}
	return { bands, shift };
}
