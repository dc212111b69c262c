/**
 * BPMN 2.0 XML → flow. Reads what `flowToBpmn` writes back into the same flow, and BPMN from
 * bpmn.io / Camunda Modeler as far as the flow model can say it:
 *
 * | BPMN                                   | flow node                                       |
 * |----------------------------------------|-------------------------------------------------|
 * | startEvent / endEvent                  | start / end (event definitions: warning)        |
 * | userTask, task                         | task (or supplement, by `sunlit:properties`)    |
 * | receiveTask                            | supplement (or task, by `sunlit:properties`;    |
 * |                                        |   unmarked: warning `SUPPLEMENT_ASSUMED`)       |
 * | manual/service/send/script/businessRule| task, with a warning `TASK_TYPE_MAPPED`         |
 * | exclusiveGateway                       | decision; `default` → the edge's `isDefault`    |
 * | exclusiveGateway, `kind="merge"` or    | none: the flows into it lead to the node after  |
 * |   unmarked with ≥2 in and 1 plain out  |   it (unmarked: warning `MERGE_COLLAPSED`)      |
 * | parallelGateway                        | parallel_split (>1 out) / parallel_join (>1 in);|
 * |                                        |   both: a join, an edge, a split (warning)      |
 * | sequenceFlow                           | edge: name → outcome, our JSON condition        |
 *
 * Anything else is reported, never dropped silently (see `problems.ts`); the flow is still
 * returned with what could be read and the caller decides. Only the first process with flow
 * elements is read. Ids: a BPMN id matching `[A-Za-z_][A-Za-z0-9_-]{0,63}` is kept; the others
 * become `n<k>` (nodes) and `e<k>` (edges), numbered after the highest such id in use, in document
 * order. Each node keeps the centre of its DI shape (see `layout.ts`), stretched apart when the
 * designer's larger boxes would overlap (`spread.ts`); edge bend points are the waypoints without
 * the first and last, stretched alike; nodes without a shape are laid out automatically (warning).
 */
import { emptyFlow, type FlowDocument } from '../../domain/flow/types';
import type { ParseResult, ParseWarning } from 'bpmn-moddle';
import { readElements } from './import-elements';
import { buildFlow, type Di } from './import-flow';
import { child, createModdle, is, list, num, str, type ModdleElement } from './moddle';
import { problem, withNames, type BpmnProblem } from './problems';

export type { BpmnProblem };

export interface BpmnImport {
	flow: FlowDocument;
	problems: BpmnProblem[];
}

/** The flow of `item` read from BPMN XML, with what could not be taken over. */
export async function bpmnToFlow(xml: string, item: string): Promise<BpmnImport> {
	const problems: BpmnProblem[] = [];
	let parsed: ParseResult;
	try {
		parsed = await createModdle().fromXML(xml, 'bpmn:Definitions');
	} catch (err) {
		const line = lineOf(err instanceof Error ? err.message : String(err));
		problems.push(line ? problem('PARSE_FAILED', 'error', '', '', { line }) : notBpmn());
		return { flow: emptyFlow(item, ''), problems };
	}
	for (const warning of parsed.warnings) problems.push(readWarning(warning));
	const definitions = parsed.rootElement;
	const process = chooseProcess(definitions, problems);
	const names = (id: string) => {
		const el = parsed.elementsById[id];
		return el && str(el, 'name');
	};
	if (!process) {
		problems.push(problem('NO_PROCESS', 'error', ''));
		return { flow: emptyFlow(item, ''), problems: withNames(problems, names) };
	}
	const flow = emptyFlow(item, str(process, 'name') || poolName(definitions, process));
	const graph = readElements(process, problems);
	const di = readDi(definitions);
	buildFlow(flow, graph, di, problems);
	return { flow, problems: withNames(problems, names) };
}

function notBpmn(): BpmnProblem {
	return problem('NOT_BPMN', 'error', '');
}

/** The 1-based line a bpmn-moddle / saxen message names (it counts from 0), or ''. */
function lineOf(message: string): string {
	const match = /\bline: (\d+)/.exec(message);
	return match ? String(Number(match[1]) + 1) : '';
}

/**
 * A parse warning of bpmn-moddle as a problem in our words (its English text is never shown):
 * content it could not read blocks the import, except a `documentation` element in a place BPMN
 * does not allow it (it only documents); a dangling reference is a warning (the flow it belongs to
 * is reported as detached).
 */
function readWarning(warning: ParseWarning): BpmnProblem {
	const text = warning.message;
	const line = lineOf(text) || '?';
	const tag = /^unparsable content <([^>\s]+)>/.exec(text)?.[1] ?? '';
	const nested = /nested error: (.*)$/m.exec(text)?.[1] ?? '';
	const el = warning.element;
	if (text.startsWith('unresolved reference')) {
		const params = { ref: String(warning.value ?? '') };
		return problem('XML_UNRESOLVED', 'warning', el?.id ?? '', el?.$type ?? '', params);
	}
	if (nested.startsWith('duplicate ID')) {
		const id = /<([^>]*)>/.exec(nested)?.[1] ?? '';
		return problem('XML_DUPLICATE_ID', 'error', '', '', { line, id });
	}
	if (/(^|:)documentation$/.test(tag)) return problem('XML_MISPLACED', 'warning', '', '', { line });
	if (/^(unknown type|unrecognized element)/.test(nested)) {
		return problem('XML_UNKNOWN_ELEMENT', 'error', '', '', { line, tag });
	}
	if (!text.startsWith('unparsable content'))
		return problem('XML_IGNORED', 'warning', '', '', { line });
	return problem('XML_WARNING', 'error', '', '', { line, tag: tag || '?' });
}

/** The first process with flow elements (else the first); every other root element reported. */
function chooseProcess(
	definitions: ModdleElement,
	problems: BpmnProblem[]
): ModdleElement | undefined {
	const roots = list(definitions, 'rootElements');
	const processes = roots.filter((r) => r.$type === 'bpmn:Process');
	const main = processes.find((p) => list(p, 'flowElements').length > 0) ?? processes[0];
	for (const root of roots) {
		if (root === main || (main && isFrame(root, main))) continue;
		const full = root.$type === 'bpmn:Process' && list(root, 'flowElements').length > 0;
		problems.push(
			problem('UNSUPPORTED_ELEMENT', full ? 'error' : 'warning', root.id ?? '', root.$type)
		);
		if (!is(root, 'bpmn:Collaboration')) continue;
		for (const flow of list(root, 'messageFlows')) {
			problems.push(problem('UNSUPPORTED_ELEMENT', 'warning', flow.id ?? '', flow.$type));
		}
	}
	return main;
}

/** A collaboration that only frames `process` in one pool (as our export's lanes need). */
function isFrame(root: ModdleElement, process: ModdleElement): boolean {
	if (!is(root, 'bpmn:Collaboration')) return false;
	const pools = list(root, 'participants');
	const others = ['messageFlows', 'artifacts', 'conversations'].some((p) => list(root, p).length);
	return pools.length === 1 && child(pools[0] ?? root, 'processRef') === process && !others;
}

/** The name of the pool (participant) showing `process`, or ''. */
function poolName(definitions: ModdleElement, process: ModdleElement): string {
	const collaborations = list(definitions, 'rootElements').filter((r) =>
		is(r, 'bpmn:Collaboration')
	);
	const pools = collaborations.flatMap((c) => list(c, 'participants'));
	const pool = pools.find((p) => child(p, 'processRef') === process);
	return (pool && str(pool, 'name')) ?? '';
}

/** Shape positions and edge waypoints of all diagrams, by BPMN element (first one wins). */
function readDi(definitions: ModdleElement): Di {
	const di: Di = { shapes: new Map(), waypoints: new Map() };
	for (const diagram of list(definitions, 'diagrams')) {
		const plane = child(diagram, 'plane');
		for (const el of plane ? list(plane, 'planeElement') : []) {
			const target = child(el, 'bpmnElement');
			if (!target) continue;
			const bounds = child(el, 'bounds');
			if (el.$type === 'bpmndi:BPMNShape' && bounds && !di.shapes.has(target)) {
				di.shapes.set(target, {
					x: num(bounds, 'x') ?? 0,
					y: num(bounds, 'y') ?? 0,
					width: num(bounds, 'width') ?? 0,
					height: num(bounds, 'height') ?? 0
				});
			}
			if (el.$type === 'bpmndi:BPMNEdge' && !di.waypoints.has(target)) {
				const points = list(el, 'waypoint').map((p) => ({
					x: num(p, 'x') ?? 0,
					y: num(p, 'y') ?? 0
				}));
				di.waypoints.set(target, points);
			}
		}
	}
	return di;
}
