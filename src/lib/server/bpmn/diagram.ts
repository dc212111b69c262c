/**
 * Diagram interchange of an exported flow: a `bpmndi:BPMNShape` with `dc:Bounds` per flow node
 * (exclusive gateways with their marker shown; events and gateways with the bounds of their name
 * below them), a `bpmndi:BPMNEdge` per sequence flow with orthogonal waypoints (`route.ts`) and,
 * when named, the bounds of its name; with lanes, the pool and one band per lane (`lanes.ts`).
 */
import type { Point } from '../../domain/flow/types';
import type { BpmnModdle } from 'bpmn-moddle';
import type { Bounds, ShapeKind } from './layout';
import { route } from './route';
import type { IdAllocator, ModdleElement } from './moddle';

/** A BPMN flow node with its shape. */
export interface Shape {
	el: ModdleElement;
	kind: ShapeKind;
	bounds: Bounds;
}

/** A sequence flow with its ends and bend points. */
export interface Flow {
	el: ModdleElement;
	from: Shape;
	to: Shape;
	bends: readonly Point[];
}

/** The pool (participant of a collaboration) and its lanes as bands from `top` to `bottom`. */
export interface Pool {
	collaboration: ModdleElement;
	participant: ModdleElement;
	lanes: { el: ModdleElement; top: number; bottom: number }[];
}

/** Width of the pool's and of a lane's title strip; space right of the rightmost shape. */
const TITLE = 30;
const MARGIN = 40;

/** Label metrics of bpmn.io (11 px text, at most 90 wide). */
const LABEL = { char: 12, line: 14, width: 90 };

function labelSize(text: string): { width: number; height: number } {
	const chars = Array.from(text.replace(/\s+/g, ' ').trim()).length;
	const width = Math.min(LABEL.width, Math.max(LABEL.char, chars * LABEL.char));
	return { width, height: LABEL.line * Math.max(1, Math.ceil((chars * LABEL.char) / LABEL.width)) };
}

/** Bounds of the name of an event or gateway: centred below its shape. */
function shapeLabel(b: Bounds, text: string): Bounds {
	const size = labelSize(text);
	const x = Math.round(b.x + b.width / 2 - size.width / 2);
	return { x, y: Math.round(b.y + b.height + 7), ...size };
}

/** Bounds of the name of a flow: above its first long enough horizontal segment, else beside it. */
function flowLabel(points: readonly Point[], text: string): Bounds {
	const size = labelSize(text);
	const segments = points.slice(1).map((q, i) => [points[i] ?? q, q] as const);
	const long = segments.find(([p, q]) => Math.abs(p.x - q.x) + Math.abs(p.y - q.y) >= 30);
	const [p, q] = long ?? segments[0] ?? [points[0] ?? { x: 0, y: 0 }, points[0] ?? { x: 0, y: 0 }];
	const mid = { x: (p.x + q.x) / 2, y: (p.y + q.y) / 2 };
	if (p.y === q.y) {
		const x = Math.round(mid.x - size.width / 2);
		return { x, y: Math.round(mid.y - 4 - size.height), ...size };
	}
	return { x: Math.round(mid.x + 6), y: Math.round(mid.y - size.height / 2), ...size };
}

function name(el: ModdleElement): string {
	const value = el.get('name');
	return typeof value === 'string' ? value : '';
}

/** The `bpmndi:BPMNDiagram` of `process` (of the pool, if any); DI ids are `<element id>_di`. */
export function diagram(
	moddle: BpmnModdle,
	ids: IdAllocator,
	process: ModdleElement,
	shapes: readonly Shape[],
	flows: readonly Flow[],
	pool?: Pool
): ModdleElement {
	const create = (type: string, attrs: Record<string, unknown>) => moddle.create(type, attrs);
	const bounds = (b: Bounds) => create('dc:Bounds', { ...b });
	const label = (b: Bounds) => create('bpmndi:BPMNLabel', { bounds: bounds(b) });
	const planeElement: ModdleElement[] = [];
	if (pool && pool.lanes.length > 0) {
		const left = Math.min(...shapes.map((s) => s.bounds.x)) - 2 * TITLE - MARGIN;
		const right = Math.max(...shapes.map((s) => s.bounds.x + s.bounds.width)) + MARGIN;
		const top = pool.lanes[0]?.top ?? 0;
		const bottom = pool.lanes[pool.lanes.length - 1]?.bottom ?? 0;
		const frame = (el: ModdleElement, x: number, y: number, height: number) =>
			create('bpmndi:BPMNShape', {
				id: ids.take(`${el.id}_di`, 'Shape'),
				bpmnElement: el,
				isHorizontal: true,
				bounds: bounds({ x, y, width: right - x, height })
			});
		planeElement.push(frame(pool.participant, left, top, bottom - top));
		for (const lane of pool.lanes) {
			planeElement.push(frame(lane.el, left + TITLE, lane.top, lane.bottom - lane.top));
		}
	}
	for (const s of shapes) {
		const text = name(s.el);
		const outside = text && s.kind !== 'task' && s.kind !== 'supplement';
		planeElement.push(
			create('bpmndi:BPMNShape', {
				id: ids.take(`${s.el.id}_di`, 'Shape'),
				bpmnElement: s.el,
				...(s.el.$type === 'bpmn:ExclusiveGateway' ? { isMarkerVisible: true } : {}),
				bounds: bounds(s.bounds),
				...(outside ? { label: label(shapeLabel(s.bounds, text)) } : {})
			})
		);
	}
	const obstacles = shapes.map((s) => s.bounds);
	for (const f of flows) {
		const points = route(f.from, f.to, f.bends, obstacles);
		const text = name(f.el);
		planeElement.push(
			create('bpmndi:BPMNEdge', {
				id: ids.take(`${f.el.id}_di`, 'Edge'),
				bpmnElement: f.el,
				waypoint: points.map((p) => create('dc:Point', { x: p.x, y: p.y })),
				...(text ? { label: label(flowLabel(points, text)) } : {})
			})
		);
	}
	return create('bpmndi:BPMNDiagram', {
		id: ids.take('BPMNDiagram_1', 'BPMNDiagram'),
		plane: create('bpmndi:BPMNPlane', {
			id: ids.take('BPMNPlane_1', 'BPMNPlane'),
			bpmnElement: pool ? pool.collaboration : process,
			planeElement
		})
	});
}
