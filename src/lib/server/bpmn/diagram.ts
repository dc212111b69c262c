/**
 * Diagram interchange of an exported flow: a `bpmndi:BPMNShape` with `dc:Bounds` per flow node
 * (exclusive gateways with their marker shown) and a `bpmndi:BPMNEdge` per sequence flow whose
 * waypoints are the bend points between where the straight lines leave the two shapes.
 */
import type { Point } from '../../domain/flow/types';
import type { BpmnModdle } from 'bpmn-moddle';
import { borderPoint, centre, type Bounds, type ShapeKind } from './layout';
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

/** The `bpmndi:BPMNDiagram` of `process`; DI ids are `<element id>_di`. */
export function diagram(
	moddle: BpmnModdle,
	ids: IdAllocator,
	process: ModdleElement,
	shapes: readonly Shape[],
	flows: readonly Flow[]
): ModdleElement {
	const planeElement: ModdleElement[] = shapes.map((s) =>
		moddle.create('bpmndi:BPMNShape', {
			id: ids.take(`${s.el.id}_di`, 'Shape'),
			bpmnElement: s.el,
			...(s.el.$type === 'bpmn:ExclusiveGateway' ? { isMarkerVisible: true } : {}),
			bounds: moddle.create('dc:Bounds', { ...s.bounds })
		})
	);
	for (const f of flows) {
		const first = f.bends[0] ?? centre(f.to.bounds);
		const last = f.bends[f.bends.length - 1] ?? centre(f.from.bounds);
		const points = [
			borderPoint(f.from.bounds, f.from.kind, first),
			...f.bends,
			borderPoint(f.to.bounds, f.to.kind, last)
		];
		planeElement.push(
			moddle.create('bpmndi:BPMNEdge', {
				id: ids.take(`${f.el.id}_di`, 'Edge'),
				bpmnElement: f.el,
				waypoint: points.map((p) => moddle.create('dc:Point', { x: p.x, y: p.y }))
			})
		);
	}
	return moddle.create('bpmndi:BPMNDiagram', {
		id: ids.take('BPMNDiagram_1', 'BPMNDiagram'),
		plane: moddle.create('bpmndi:BPMNPlane', {
			id: ids.take('BPMNPlane_1', 'BPMNPlane'),
			bpmnElement: process,
			planeElement
		})
	});
}
