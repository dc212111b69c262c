/**
 * Flow → BPMN 2.0 XML, for bpmn.io / Camunda Modeler. One non-executable `bpmn:process`
 * (id `Process_<item code>`, name = flow name) with diagram interchange, built with bpmn-moddle.
 *
 * | flow node        | BPMN                                                   |
 * |------------------|--------------------------------------------------------|
 * | start            | bpmn:startEvent                                        |
 * | task             | bpmn:userTask                                          |
 * | supplement       | bpmn:receiveTask (waits for the applicant's material)  |
 * | decision         | bpmn:exclusiveGateway (default branch: `default`)      |
 * | parallel_split   | bpmn:parallelGateway                                   |
 * | parallel_join    | bpmn:parallelGateway                                   |
 * | end              | bpmn:endEvent                                          |
 * | edge             | bpmn:sequenceFlow (name = outcome, condition as JSON)  |
 *
 * Every node carries `<sunlit:properties kind=… department=… post=… timeLimitDays=… outcome=…>`
 * with `<sunlit:duty>`, `<sunlit:rights>`, `<sunlit:complaint>` and `<sunlit:control kind=…
 * secondPerson=…><sunlit:description>` in its `bpmn:extensionElements` (empty values omitted).
 * A node with several incoming edges (other than a parallel join) gets an unnamed exclusive
 * gateway with `kind="merge"` in front of it, as BPMN reads several flows into an activity or
 * event as an implicit join and several into a forking gateway as a join-fork; import folds it
 * back. Node and edge ids are kept when they are ASCII NCNames (`n3`, `e4`); others, and ids
 * taken already, become `Node_<n>` / `Flow_<n>`. Edges whose ends do not exist are left out;
 * `isDefault` is kept on decisions, tasks and supplements only (BPMN has `default` there) and
 * only once per node. Text is XML-safe: CR LF becomes LF, other control characters are dropped.
 *
 * Diagram (`diagram.ts`): each BPMN shape centred on the designer's box; when nodes have
 * departments, a pool (one participant of a collaboration, named after the flow) with one lane
 * per department (`lanes.ts`, named by `departmentName`); orthogonal sequence flows (`route.ts`)
 * and the bounds of flow, event and gateway names. Re-exporting the import gives the same bytes.
 */
import type { FlowDocument, FlowEdge, FlowNode, Point } from '../../domain/flow/types';
import type { BpmnModdle } from 'bpmn-moddle';
import { encodeCondition } from './condition';
import { writeProperties } from './extension';
import { diagram, type Flow, type Pool, type Shape } from './diagram';
import { assignLanes, laneBands } from './lanes';
import { completePositions, placeMerge, shapeFor } from './layout';
import { CONDITION_LANGUAGE, MERGE_KIND, SUNLIT_URI, createModdle } from './moddle';
import { ASCII_NCNAME, IdAllocator, ncnameTail, xmlText, type ModdleElement } from './moddle';

const ELEMENT_TYPES: Record<FlowNode['kind'], string> = {
	start: 'bpmn:StartEvent',
	task: 'bpmn:UserTask',
	supplement: 'bpmn:ReceiveTask',
	decision: 'bpmn:ExclusiveGateway',
	parallel_split: 'bpmn:ParallelGateway',
	parallel_join: 'bpmn:ParallelGateway',
	end: 'bpmn:EndEvent'
};

/** Kinds whose BPMN element has a `default` flow. */
const HAS_DEFAULT = new Set<FlowNode['kind']>(['decision', 'task', 'supplement']);

export interface ExportOptions {
	/** The name of a department by its code, for the lanes (default: the code). */
	departmentName?: (code: string) => string;
}

/** The BPMN 2.0 XML of a flow (formatted). */
export async function flowToBpmn(doc: FlowDocument, options: ExportOptions = {}): Promise<string> {
	const moddle = createModdle();
	const ids = new IdAllocator();
	const tail = ncnameTail(doc.item) || 'flow';
	const definitionsId = ids.take(`Definitions_${tail}`, 'Definitions');
	const processId = ids.take(`Process_${tail}`, 'Process');

	const nodes = new Map<string, FlowNode>();
	for (const node of doc.semantics.nodes) if (!nodes.has(node.id)) nodes.set(node.id, node);
	const edgeIdsSeen = new Set<string>();
	const edges = doc.semantics.edges.filter((e) => {
		const fresh = !edgeIdsSeen.has(e.id) && nodes.has(e.source) && nodes.has(e.target);
		edgeIdsSeen.add(e.id);
		return fresh;
	});
	const nodeIds = allocate(ids, [...nodes.keys()], 'Node');
	const edgeIds = allocate(
		ids,
		edges.map((e) => e.id),
		'Flow'
	);
	const extension = (props: ModdleElement) =>
		moddle.create('bpmn:ExtensionElements', { values: [props] });

	const positions = completePositions({ nodes: [...nodes.values()], edges }, doc.layout.nodes);
	const shapes = new Map<string, Shape>();
	for (const node of nodes.values()) {
		const el = moddle.create(ELEMENT_TYPES[node.kind], {
			id: nodeIds.get(node.id),
			extensionElements: extension(writeProperties(moddle, node))
		});
		if (node.name) el.set('name', xmlText(node.name));
		const at = positions.get(node.id) ?? { x: 0, y: 0 };
		shapes.set(node.id, { el, kind: node.kind, bounds: shapeFor(node.kind, at) });
	}
	const lanes = assignLanes([...nodes.values()], edges);
	const shapeBounds = new Map([...shapes].map(([id, s]) => [id, s.bounds] as const));
	const { bands, shift } = laneBands(lanes, shapeBounds);
	for (const [id, shape] of shapes) {
		const dy = shift.get(id) ?? 0;
		if (dy) shape.bounds = { ...shape.bounds, y: shape.bounds.y + dy };
	}
	/** Bend points move with their lane; a flow between lanes that moved apart is routed anew. */
	const bendsOf = (edge: FlowEdge): Point[] => {
		const given = doc.layout.edges[edge.id] ?? [];
		const dy = shift.get(edge.source) ?? 0;
		if (dy !== (shift.get(edge.target) ?? 0)) return [];
		return dy ? given.map((p) => ({ x: p.x, y: p.y + dy })) : given;
	};

	const flows: Flow[] = [];
	const connect = (from: Shape, to: Shape, id: string, bends: readonly Point[]) => {
		const el = moddle.create('bpmn:SequenceFlow', { id, sourceRef: from.el, targetRef: to.el });
		pushTo(from.el, 'outgoing', el);
		pushTo(to.el, 'incoming', el);
		flows.push({ el, from, to, bends });
		return el;
	};

	const merges = new Map<string, Shape>();
	const occupied = [...shapes.values()].map((s) => s.bounds);
	for (const [id, shape] of shapes) {
		const incoming = edges.filter((e) => e.target === id).length;
		if (incoming < 2 || nodes.get(id)?.kind === 'parallel_join') continue;
		const own = shape.el.id ?? id;
		const merge: Shape = {
			el: moddle.create('bpmn:ExclusiveGateway', {
				id: ids.take(`${own}_merge`, 'Merge'),
				extensionElements: extension(moddle.create('sunlit:Properties', { kind: MERGE_KIND }))
			}),
			kind: 'merge',
			bounds: placeMerge(shape.bounds, occupied)
		};
		occupied.push(merge.bounds);
		merges.set(id, merge);
	}

	for (const edge of edges) {
		const from = shapes.get(edge.source);
		const to = merges.get(edge.target) ?? shapes.get(edge.target);
		if (!from || !to) continue;
		const id = edgeIds.get(edge.id) ?? edge.id;
		const el = connect(from, to, id, bendsOf(edge));
		describeFlow(moddle, el, edge);
		const kind = nodes.get(edge.source)?.kind;
		if (edge.isDefault && kind && HAS_DEFAULT.has(kind) && !from.el.get('default')) {
			from.el.set('default', el);
		}
	}
	for (const [id, merge] of merges) {
		const shape = shapes.get(id);
		if (shape) connect(merge, shape, ids.take(`${merge.el.id}d`, 'Flow'), []);
	}

	const allShapes = [...shapes.values(), ...merges.values()];
	const process = moddle.create('bpmn:Process', {
		id: processId,
		isExecutable: false,
		flowElements: [...allShapes.map((s) => s.el), ...flows.map((f) => f.el)]
	});
	if (doc.name) process.set('name', xmlText(doc.name));

	let pool: Pool | undefined;
	if (bands.length > 0) {
		const departmentName = options.departmentName ?? ((code: string) => code);
		const laneEls = bands.map((band) => {
			const refs = band.lane.nodes.flatMap((id) => {
				const merge = [...merges].filter(([target]) => target === id).map(([, m]) => m.el);
				return [...merge, shapes.get(id)?.el].filter((el) => el !== undefined);
			});
			const el = moddle.create('bpmn:Lane', {
				id: ids.take(`Lane_${ncnameTail(band.lane.department)}`, 'Lane'),
				name: xmlText(departmentName(band.lane.department) || band.lane.department),
				flowNodeRef: refs
			});
			return { el, top: band.top, bottom: band.bottom };
		});
		process.set('laneSets', [
			moddle.create('bpmn:LaneSet', {
				id: ids.take(`LaneSet_${tail}`, 'LaneSet'),
				lanes: laneEls.map((l) => l.el)
			})
		]);
		const participant = moddle.create('bpmn:Participant', {
			id: ids.take(`Participant_${tail}`, 'Participant'),
			name: xmlText(doc.name || doc.item),
			processRef: process
		});
		const collaboration = moddle.create('bpmn:Collaboration', {
			id: ids.take(`Collaboration_${tail}`, 'Collaboration'),
			participants: [participant]
		});
		pool = { collaboration, participant, lanes: laneEls };
	}

	const definitions = moddle.create('bpmn:Definitions', {
		id: definitionsId,
		targetNamespace: `${SUNLIT_URI}/flows`,
		exporter: 'Sunlit',
		exporterVersion: '1',
		rootElements: pool ? [pool.collaboration, process] : [process],
		diagrams: [diagram(moddle, ids, process, allShapes, flows, pool)]
	});
	const { xml } = await moddle.toXML(definitions, { format: true });
	return xml;
}

/** BPMN ids for our ids: kept when possible (see the module comment), in two passes. */
function allocate(ids: IdAllocator, own: string[], fallback: string): Map<string, string> {
	const result = new Map<string, string>();
	for (const id of own) if (ASCII_NCNAME.test(id)) result.set(id, ids.take(id, fallback));
	for (const id of own) if (!result.has(id)) result.set(id, ids.take('', fallback));
	return result;
}

function pushTo(el: ModdleElement, property: 'incoming' | 'outgoing', flow: ModdleElement): void {
	const current = el.get(property);
	if (Array.isArray(current)) current.push(flow);
}

/** Name (= outcome) and condition (JSON in a formal expression) of a sequence flow. */
function describeFlow(moddle: BpmnModdle, el: ModdleElement, edge: FlowEdge): void {
	if (edge.outcome) el.set('name', xmlText(edge.outcome));
	if (edge.condition) {
		const body = xmlText(encodeCondition(edge.condition));
		const expression = moddle.create('bpmn:FormalExpression', {
			language: CONDITION_LANGUAGE,
			body
		});
		el.set('conditionExpression', expression);
	}
}
