/**
 * Import, step 2: the flow from the classified elements (`import-elements.ts`) and the diagram.
 * Ids, merges, join-forks, conditions and positions as described in `import.ts`.
 */
import { nextId, type FlowDocument, type FlowEdge, type FlowNode } from '../../domain/flow/types';
import type { Condition, Point } from '../../domain/flow/types';
import { decodeCondition } from './condition';
import type { SourceGraph, SourceNode } from './import-elements';
import { centre, completePositions, layoutPointAt, type Bounds } from './layout';
import { CONDITION_LANGUAGE, child, str, type ModdleElement } from './moddle';
import { problem, type BpmnProblem } from './problems';
import { ownBends, type End } from './route';
import { stretch, stretchFactor, type Placed } from './spread';

/** Diagram interchange by BPMN element: shape bounds and edge waypoints. */
export interface Di {
	shapes: Map<ModdleElement, Bounds>;
	waypoints: Map<ModdleElement, Point[]>;
}

/** Ids taken over from BPMN as they are. */
const OUR_ID = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;

/** Fills `flow` (empty but for item and name) from the graph; reports into `problems`. */
export function buildFlow(
	flow: FlowDocument,
	graph: SourceGraph,
	di: Di,
	problems: BpmnProblem[]
): void {
	const flows = graph.flows.filter((f) => {
		const source = child(f, 'sourceRef');
		return !source || graph.merges.get(source) !== f;
	});
	const used = new Set<string>();
	const ids = assignIds(
		graph.nodes.map((n) => n.el),
		flows,
		used
	);
	const { nodes, edges } = flow.semantics;
	const positions = flow.layout.nodes;
	const entry = new Map<ModdleElement, string>();
	const exit = new Map<ModdleElement, string>();
	const placed: Placed[] = [];
	for (const source of graph.nodes) {
		const id = ids.get(source.el) ?? '';
		nodes.push(toNode(id, source));
		entry.set(source.el, id);
		exit.set(source.el, id);
		const shape = di.shapes.get(source.el);
		if (shape) placed.push({ id, kind: source.kind, centre: centre(shape) });
		else problems.push(problem('POSITION_MISSING', 'warning', source.el.id ?? '', source.el.$type));
	}
	for (const source of graph.nodes) {
		if (!source.joinFork) continue;
		const split = splitJoinFork(source, flow, entry, exit, used);
		const join = placed.find((p) => p.id === entry.get(source.el));
		if (!join) continue;
		const at = { x: join.centre.x + SPLIT_OFFSET, y: join.centre.y };
		placed.push({ id: split, kind: 'parallel_split', centre: at });
	}
	// Centres kept, stretched apart if the designer's larger boxes would overlap (`spread.ts`).
	const factor = stretchFactor(placed);
	if (factor === undefined && placed.length > 0)
		problems.push(problem('LAYOUT_REDONE', 'warning', ''));
	for (const p of factor === undefined ? [] : placed) {
		positions[p.id] = layoutPointAt(p.kind, stretch(p.centre, factor ?? 1));
	}
	const bendsOf = bendsCheck(graph, di);
	for (const el of flows) {
		const edge = readEdge(el, ids.get(el) ?? '', graph, entry, exit, problems);
		if (!edge) continue;
		edges.push(edge);
		const bends = bendsOf(el, di.waypoints.get(el) ?? []);
		if (bends.length > 0 && factor !== undefined) {
			flow.layout.edges[edge.id] = bends.map((b) => stretch(b, factor));
		}
	}
	const complete = completePositions(flow.semantics, positions);
	for (const node of nodes) positions[node.id] ??= complete.get(node.id) ?? { x: 0, y: 0 };
}

/**
 * The bend points of a sequence flow: its inner waypoints, without the corners our export adds
 * by itself between its shapes (`route.ts`), so that our own files round-trip.
 */
function bendsCheck(graph: SourceGraph, di: Di) {
	const kinds = new Map<ModdleElement, End['kind']>(graph.nodes.map((n) => [n.el, n.kind]));
	for (const merge of graph.merges.keys()) kinds.set(merge, 'merge');
	const obstacles = [...kinds.keys()].map((el) => di.shapes.get(el)).filter((b) => b !== undefined);
	const end = (el: ModdleElement | undefined): End | undefined => {
		const bounds = el && di.shapes.get(el);
		const kind = el && kinds.get(el);
		return bounds && kind ? { bounds, kind } : undefined;
	};
	return (flow: ModdleElement, waypoints: readonly Point[]): Point[] => {
		const from = end(child(flow, 'sourceRef'));
		const to = end(child(flow, 'targetRef'));
		if (!from || !to) return waypoints.slice(1, -1);
		return ownBends(from, to, waypoints, obstacles);
	};
}

/** Valid ids kept (first pass), the others the next `n<k>` / `e<k>` free in `used`. */
function assignIds(
	nodes: readonly ModdleElement[],
	flows: readonly ModdleElement[],
	used: Set<string>
): Map<ModdleElement, string> {
	const ids = new Map<ModdleElement, string>();
	const give = (el: ModdleElement, id: string) => {
		ids.set(el, id);
		used.add(id);
	};
	for (const el of [...nodes, ...flows]) {
		const id = el.id ?? '';
		if (OUR_ID.test(id) && !used.has(id)) give(el, id);
	}
	for (const el of nodes) if (!ids.has(el)) give(el, nextId('n', used));
	for (const el of flows) if (!ids.has(el)) give(el, nextId('e', used));
	return ids;
}

function toNode(id: string, source: SourceNode): FlowNode {
	const { outcome, ...values } = source.props.values;
	return {
		id,
		kind: source.kind,
		name: str(source.el, 'name') ?? '',
		...values,
		outcome: source.kind === 'end' ? (outcome ?? 'other') : null
	};
}

/** How far right of a join-fork gateway's centre its split is drawn, in diagram units. */
const SPLIT_OFFSET = 100;

/** A parallel gateway that joins and forks: its node is the join, plus a split after it (its id). */
function splitJoinFork(
	source: SourceNode,
	flow: FlowDocument,
	entry: Map<ModdleElement, string>,
	exit: Map<ModdleElement, string>,
	used: Set<string>
): string {
	const join = entry.get(source.el) ?? '';
	const wanted = `${join}_split`;
	const split = OUR_ID.test(wanted) && !used.has(wanted) ? wanted : nextId('n', used);
	used.add(split);
	const edge = nextId('e', used);
	used.add(edge);
	flow.semantics.nodes.push({ ...toNode(split, source), kind: 'parallel_split' });
	flow.semantics.edges.push({
		id: edge,
		source: join,
		target: split,
		outcome: '',
		condition: null,
		isDefault: false
	});
	exit.set(source.el, split);
	return split;
}

/** The edge of a sequence flow, through folded merges; undefined (reported) if it dangles. */
function readEdge(
	el: ModdleElement,
	id: string,
	graph: SourceGraph,
	entry: Map<ModdleElement, string>,
	exit: Map<ModdleElement, string>,
	problems: BpmnProblem[]
): FlowEdge | undefined {
	const source = child(el, 'sourceRef');
	let target = child(el, 'targetRef');
	const seen = new Set<ModdleElement>();
	while (target && !seen.has(target)) {
		seen.add(target);
		const out = graph.merges.get(target);
		if (!out) break;
		target = child(out, 'targetRef');
	}
	const from = source && exit.get(source);
	const to = target && entry.get(target);
	if (!from || !to) {
		problems.push(problem('FLOW_DETACHED', 'warning', el.id ?? '', el.$type));
		return undefined;
	}
	return {
		id,
		source: from,
		target: to,
		outcome: str(el, 'name') ?? '',
		condition: readCondition(el, problems),
		isDefault: !!source && child(source, 'default') === el
	};
}

function readCondition(el: ModdleElement, problems: BpmnProblem[]): Condition | null {
	const expression = child(el, 'conditionExpression');
	if (!expression) return null;
	const language = str(expression, 'language') ?? '';
	const body = str(expression, 'body') ?? '';
	const id = el.id ?? '';
	if (language !== CONDITION_LANGUAGE) {
		const shown = body.length > 80 ? `${body.slice(0, 80)}…` : body;
		const params = { language: language || '—', expression: shown.trim() };
		problems.push(problem('CONDITION_UNSUPPORTED', 'warning', id, el.$type, params));
		return null;
	}
	const decoded = decodeCondition(body);
	if (decoded.ok) return decoded.condition;
	problems.push(problem('CONDITION_INVALID', 'warning', id, el.$type, { detail: decoded.reason }));
	return null;
}
