import type { Point } from '$lib/domain/flow/types';

/** `point` rounded to the nearest multiple of `grid` on both axes; unchanged when `grid <= 0`. */
export function snap(point: Point, grid = 20): Point {
	if (!(grid > 0)) return { x: point.x, y: point.y };
	// `+ 0` turns -0 into 0.
	return { x: Math.round(point.x / grid) * grid + 0, y: Math.round(point.y / grid) * grid + 0 };
}

/** `point` moved by `offset`. */
export function translate(point: Point, offset: Point): Point {
	return { x: point.x + offset.x, y: point.y + offset.y };
}
