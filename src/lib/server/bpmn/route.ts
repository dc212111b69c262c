/**
 * Orthogonal sequence flows for the exported diagram, the way bpmn.io draws them: every segment
 * horizontal or vertical, leaving and entering shapes in the middle of a side.
 *
 * - bend points from the layout are kept; a corner is added where two points are not in line;
 * - without bend points: a straight line when the shapes are in line; a gateway branches out of
 *   its top or bottom to a shape in another row; other shapes leave to the right and turn into
 *   the target's top or bottom; a flow going back (to a shape left of its source) runs below
 *   every shape between the two and comes up into the target, so a loop such as
 *   告知补正 → 登记与审查 is drawn apart from the forward line.
 *
 * Import keeps only the bend points this module needs to draw a route again (`ownBends`).
 */
import type { Point } from '../../domain/flow/types';
import { centre, type Bounds, type ShapeKind } from './layout';

export interface End {
	bounds: Bounds;
	kind: ShapeKind;
}

/** Space below the lowest shape for a flow going back, in diagram units. */
const BELOW = 30;

const isGateway = (kind: ShapeKind) =>
	kind === 'decision' || kind === 'parallel_split' || kind === 'parallel_join' || kind === 'merge';

/** Where the line from the centre of `b` straight towards `p` (in line with it) leaves `b`. */
function exitTowards(b: Bounds, p: Point): Point {
	const c = centre(b);
	if (p.y === c.y) return { x: p.x >= c.x ? b.x + b.width : b.x, y: c.y };
	return { x: c.x, y: p.y > c.y ? b.y + b.height : b.y };
}

/** The corners between `from` and `to` when no bend points are given. */
function corners(from: End, to: End, obstacles: readonly Bounds[]): Point[] {
	const a = centre(from.bounds);
	const b = centre(to.bounds);
	if (b.x < from.bounds.x) {
		const left = Math.min(to.bounds.x, from.bounds.x);
		const right = Math.max(to.bounds.x + to.bounds.width, from.bounds.x + from.bounds.width);
		const between = obstacles.filter((o) => o.x < right && o.x + o.width > left);
		const bottom = Math.max(...[from.bounds, to.bounds, ...between].map((o) => o.y + o.height));
		const y = bottom + BELOW;
		return [
			{ x: a.x, y },
			{ x: b.x, y }
		];
	}
	if (a.x === b.x || a.y === b.y) return [];
	if (isGateway(from.kind)) return [{ x: a.x, y: b.y }];
	return [{ x: b.x, y: a.y }];
}

/** The waypoints of a flow from `from` to `to` (first and last on the shapes' outlines). */
export function route(
	from: End,
	to: End,
	bends: readonly Point[],
	obstacles: readonly Bounds[]
): Point[] {
	const a = centre(from.bounds);
	const b = centre(to.bounds);
	const inner = bends.length > 0 ? [...bends] : corners(from, to, obstacles);
	const path: Point[] = [a];
	for (const p of [...inner, b]) {
		const last = path[path.length - 1] ?? a;
		if (last.x !== p.x && last.y !== p.y) path.push({ x: p.x, y: last.y });
		path.push(p);
	}
	const first = path[1] ?? b;
	const beforeLast = path[path.length - 2] ?? a;
	const points = [
		exitTowards(from.bounds, first),
		...path.slice(1, -1),
		exitTowards(to.bounds, beforeLast)
	];
	return points
		.map((p) => ({ x: Math.round(p.x), y: Math.round(p.y) }))
		.filter((p, i, all) => i === 0 || p.x !== all[i - 1]?.x || p.y !== all[i - 1]?.y);
}

const same = (a: readonly Point[], b: readonly Point[]) =>
	a.length === b.length && a.every((p, i) => p.x === b[i]?.x && p.y === b[i]?.y);

/**
 * The bend points to keep for a flow drawn with `waypoints`: the fewest of its inner points from
 * which `route` draws exactly these waypoints (none for a route it draws by itself, only the
 * turns of the layout for a route it completed with corners); all inner points for a drawing it
 * would not make.
 */
export function ownBends(
	from: End,
	to: End,
	waypoints: readonly Point[],
	obstacles: readonly Bounds[]
): Point[] {
	let bends = waypoints.slice(1, -1);
	if (!same(route(from, to, bends, obstacles), waypoints)) return bends;
	for (let i = bends.length - 1; i >= 0; i--) {
		const fewer = bends.filter((_, j) => j !== i);
		if (same(route(from, to, fewer, obstacles), waypoints)) bends = fewer;
	}
	return bends;
}
