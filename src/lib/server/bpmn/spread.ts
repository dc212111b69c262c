/**
 * Import: where the designer draws the nodes of another modeler's diagram. Each node keeps the
 * centre of its BPMN shape, but the designer's boxes are larger than BPMN's (a task is 180×76
 * here, 100×80 in bpmn.io), so shapes drawn 50 apart in bpmn.io would overlap. When any two boxes
 * overlap, all centres (and edge bend points) are stretched away from the origin by the smallest
 * factor that leaves every pair at least `GAP` apart; the drawing keeps its proportions. When no
 * stretch up to `MAX_STRETCH` would do (shapes drawn on top of each other), there is nothing to
 * keep and the caller lays the flow out afresh.
 */
import type { Point } from '../../domain/flow/types';
import { designerBox, type ShapeKind } from './layout';

/** A node with the centre of its shape in the file. */
export interface Placed {
	id: string;
	kind: ShapeKind;
	centre: Point;
}

/** Space left between two boxes after stretching, in diagram units. */
export const GAP = { x: 40, y: 30 };

/** The largest stretch that still keeps the file's drawing recognisable. */
export const MAX_STRETCH = 6;

/**
 * The factor to stretch centres by: 1 when no two designer boxes overlap (so our own export
 * round-trips unchanged), undefined when more than `MAX_STRETCH` would be needed.
 */
export function stretchFactor(placed: readonly Placed[]): number | undefined {
	const sizes = placed.map((p) => designerBox(p.kind, { x: 0, y: 0 }));
	let overlap = false;
	let factor = 1;
	for (let i = 0; i < placed.length; i++) {
		for (let j = i + 1; j < placed.length; j++) {
			const a = placed[i];
			const b = placed[j];
			const sa = sizes[i];
			const sb = sizes[j];
			if (!a || !b || !sa || !sb) continue;
			const dx = Math.abs(a.centre.x - b.centre.x);
			const dy = Math.abs(a.centre.y - b.centre.y);
			const halfWidths = (sa.width + sb.width) / 2;
			const halfHeights = (sa.height + sb.height) / 2;
			if (dx < halfWidths && dy < halfHeights) overlap = true;
			const byX = dx > 0 ? (halfWidths + GAP.x) / dx : Infinity;
			const byY = dy > 0 ? (halfHeights + GAP.y) / dy : Infinity;
			factor = Math.max(factor, Math.min(byX, byY));
		}
	}
	if (!overlap) return 1;
	return factor <= MAX_STRETCH ? factor : undefined;
}

/** `p` stretched by `factor` (rounded to whole units when stretched at all). */
export function stretch(p: Point, factor: number): Point {
	if (factor === 1) return { x: p.x, y: p.y };
	return { x: Math.round(p.x * factor), y: Math.round(p.y * factor) };
}
