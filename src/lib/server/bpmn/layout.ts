/**
 * Geometry of the BPMN diagram (DI). A layout point is the TOP-LEFT corner of the node as the
 * designer draws it (`NODE_SIZE`: tasks 180×76, events 120×48, …); its BPMN shape has the BPMN
 * size of its element (events 36×36, gateways 50×50, tasks 100×80) and the SAME CENTRE. Export
 * and import both keep centres, so a round trip keeps positions. Nodes without a position are
 * laid out left to right by their BFS depth from the start.
 */
import { NODE_SIZE } from '../../domain/flow/simple-layout';
import type { FlowSemantics, NodeKind, Point } from '../../domain/flow/types';

export interface Bounds {
	x: number;
	y: number;
	width: number;
	height: number;
}

/** Our node kinds plus the BPMN-only merge gateway. */
export type ShapeKind = NodeKind | 'merge';

type Outline = 'circle' | 'diamond' | 'rectangle';

function outline(kind: ShapeKind): Outline {
	if (kind === 'start' || kind === 'end') return 'circle';
	if (kind === 'task' || kind === 'supplement') return 'rectangle';
	return 'diamond';
}

const SIZES: Record<Outline, number[]> = {
	circle: [36, 36],
	diamond: [50, 50],
	rectangle: [100, 80]
};

/** The shape of a BPMN element whose top-left corner is at `at`. */
export function boundsAt(kind: ShapeKind, at: Point): Bounds {
	const [width = 0, height = 0] = SIZES[outline(kind)];
	return { x: at.x, y: at.y, width, height };
}

/** The box the designer draws for a node of `kind` with its top-left corner at `at`. */
export function designerBox(kind: ShapeKind, at: Point): Bounds {
	const size = NODE_SIZE[kind] ?? { w: 50, h: 50 };
	return { x: at.x, y: at.y, width: size.w, height: size.h };
}

/** The BPMN shape of a node at layout point `at`: the BPMN size, centred on the designer's box. */
export function shapeFor(kind: ShapeKind, at: Point): Bounds {
	const c = centre(designerBox(kind, at));
	const [width = 0, height = 0] = SIZES[outline(kind)];
	return { x: c.x - width / 2, y: c.y - height / 2, width, height };
}

/** The layout point (designer top-left) of a node whose box is centred on `c`. */
export function layoutPointAt(kind: ShapeKind, c: Point): Point {
	const box = designerBox(kind, { x: 0, y: 0 });
	return { x: c.x - box.width / 2, y: c.y - box.height / 2 };
}

export function centre(b: Bounds): Point {
	return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

/** Auto layout, in designer units: cells of a task's size, their pitch, the margin. */
const CELL = { width: NODE_SIZE.task?.w ?? 180, height: NODE_SIZE.task?.h ?? 76 };
const COLUMN = 240;
const ROW = 140;
const MARGIN = 80;

/**
 * The top-left position of every node: the layout's where it has one; the others in columns by
 * BFS depth from the start nodes (unreachable nodes in further columns), in rows below every
 * given position, centred in task-sized cells.
 */
export function completePositions(
	semantics: FlowSemantics,
	given: Record<string, Point>
): Map<string, Point> {
	const positions = new Map<string, Point>();
	for (const node of semantics.nodes) {
		const at = given[node.id];
		if (at) positions.set(node.id, { x: at.x, y: at.y });
	}
	const depth = bfsDepths(semantics);
	let top = MARGIN;
	for (const node of semantics.nodes) {
		const at = positions.get(node.id);
		if (at) top = Math.max(top, at.y + designerBox(node.kind, at).height + ROW - CELL.height);
	}
	const rows = new Map<number, number>();
	for (const node of semantics.nodes) {
		if (positions.has(node.id)) continue;
		const column = depth.get(node.id) ?? 0;
		const row = rows.get(column) ?? 0;
		rows.set(column, row + 1);
		const size = designerBox(node.kind, { x: 0, y: 0 });
		positions.set(node.id, {
			x: MARGIN + column * COLUMN + (CELL.width - size.width) / 2,
			y: top + row * ROW + (CELL.height - size.height) / 2
		});
	}
	return positions;
}

function bfsDepths(semantics: FlowSemantics): Map<string, number> {
	const next = new Map<string, string[]>(semantics.nodes.map((n) => [n.id, []]));
	for (const e of semantics.edges) {
		if (next.has(e.target)) next.get(e.source)?.push(e.target);
	}
	const depth = new Map<string, number>();
	const visit = (roots: string[], base: number) => {
		let queue = roots.filter((id) => !depth.has(id));
		for (const id of queue) depth.set(id, base);
		while (queue.length > 0) {
			const after: string[] = [];
			for (const id of queue) {
				for (const target of next.get(id) ?? []) {
					if (depth.has(target)) continue;
					depth.set(target, (depth.get(id) ?? base) + 1);
					after.push(target);
				}
			}
			queue = after;
		}
	};
	visit(
		semantics.nodes.filter((n) => n.kind === 'start').map((n) => n.id),
		0
	);
	for (const node of semantics.nodes) {
		if (depth.has(node.id)) continue;
		visit([node.id], Math.max(-1, ...depth.values()) + 1);
	}
	return depth;
}

export function overlaps(a: Bounds, b: Bounds): boolean {
	return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * The shape of the merge gateway in front of `target`: left of it, else above, below or right
 * of it, whichever overlaps none of `occupied` first (left if all do).
 */
export function placeMerge(target: Bounds, occupied: readonly Bounds[]): Bounds {
	const c = centre(target);
	const gap = 20;
	const left = boundsAt('merge', { x: target.x - gap - 50, y: c.y - 25 });
	const others = [
		{ x: c.x - 25, y: target.y - gap - 50 },
		{ x: c.x - 25, y: target.y + target.height + gap },
		{ x: target.x + target.width + gap, y: c.y - 25 }
	].map((at) => boundsAt('merge', at));
	const free = [left, ...others].find((s) => !occupied.some((o) => overlaps(s, o)));
	return free ?? left;
}
