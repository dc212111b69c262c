/**
 * Import, step 1: what each element of the chosen process becomes. Supported flow nodes become
 * nodes of a kind; everything else is reported (`UNSUPPORTED_ELEMENT`: an error when leaving it
 * out changes which steps run in which order, a warning when it only documents or decorates).
 */
import { NODE_KINDS, type NodeKind } from '../../domain/flow/types';
import { findProperties, foreignExtensions, readProperties } from './extension';
import type { ReadProperties } from './extension';
import { MERGE_KIND, child, is, isOneOf, list, str, type ModdleElement } from './moddle';
import { problem, type BpmnProblem } from './problems';

/** A BPMN flow node that becomes one node (a parallel join-fork: a join and a split). */
export interface SourceNode {
	el: ModdleElement;
	kind: NodeKind;
	props: ReadProperties;
	/** A parallel gateway that both joins and forks. */
	joinFork: boolean;
}

export interface SourceGraph {
	nodes: SourceNode[];
	/** Exclusive merge gateways folded into the flows into them → the single flow out of each. */
	merges: Map<ModdleElement, ModdleElement>;
	flows: ModdleElement[];
}

const MAPPED_TASKS = [
	'bpmn:ManualTask',
	'bpmn:ServiceTask',
	'bpmn:SendTask',
	'bpmn:ScriptTask',
	'bpmn:BusinessRuleTask'
];
const DOCUMENTARY = ['bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference'];

/** Kinds our extension may give each BPMN element type (the first is the default). */
function allowedKinds(el: ModdleElement): readonly string[] {
	if (el.$type === 'bpmn:StartEvent') return ['start'];
	if (el.$type === 'bpmn:EndEvent') return ['end'];
	if (el.$type === 'bpmn:ReceiveTask') return ['supplement', 'task'];
	if (is(el, 'bpmn:Task')) return ['task', 'supplement'];
	if (el.$type === 'bpmn:ExclusiveGateway') return ['decision', MERGE_KIND];
	if (el.$type === 'bpmn:ParallelGateway') return ['parallel_split', 'parallel_join'];
	return [];
}

/** Classifies the flow elements of `process`, reporting into `problems`. */
export function readElements(process: ModdleElement, problems: BpmnProblem[]): SourceGraph {
	const elements = list(process, 'flowElements');
	const flows = elements.filter((el) => el.$type === 'bpmn:SequenceFlow');
	const out = new Map<ModdleElement, ModdleElement[]>();
	const inCount = new Map<ModdleElement, number>();
	for (const flow of flows) {
		const source = child(flow, 'sourceRef');
		const target = child(flow, 'targetRef');
		if (source) out.set(source, [...(out.get(source) ?? []), flow]);
		if (target) inCount.set(target, (inCount.get(target) ?? 0) + 1);
	}

	const graph: SourceGraph = { nodes: [], merges: new Map(), flows };
	for (const el of elements) {
		const id = el.id ?? '';
		if (el.$type === 'bpmn:SequenceFlow') {
			reportExtras(el, problems);
			continue;
		}
		const allowed = allowedKinds(el);
		if (MAPPED_TASKS.includes(el.$type)) {
			problems.push(problem('TASK_TYPE_MAPPED', 'warning', id, el.$type));
		} else if (allowed.length === 0) {
			const severity = DOCUMENTARY.includes(el.$type) ? 'warning' : 'error';
			problems.push(problem('UNSUPPORTED_ELEMENT', severity, id, el.$type));
			continue;
		}
		const props = readProperties(findProperties(el));
		for (const bad of props.invalid) {
			problems.push(problem('EXTENSION_INVALID', 'warning', id, el.$type, bad));
		}
		let kind = props.kind;
		if (kind !== undefined && allowed.length > 0 && !allowed.includes(kind)) {
			problems.push(problem('EXTENSION_INVALID', 'warning', id, el.$type, kindParams(kind)));
			kind = undefined;
		}
		const outgoing = out.get(el) ?? [];
		const incoming = inCount.get(el) ?? 0;
		if (el.$type === 'bpmn:ExclusiveGateway') {
			const single = outgoing.length === 1 ? outgoing[0] : undefined;
			const plain = single && !str(single, 'name') && !child(single, 'conditionExpression');
			if (single && plain && (kind === MERGE_KIND || (kind === undefined && incoming > 1))) {
				if (kind === undefined) problems.push(problem('MERGE_COLLAPSED', 'warning', id, el.$type));
				graph.merges.set(el, single);
				reportExtras(el, problems);
				continue;
			}
			if (kind === MERGE_KIND) {
				problems.push(problem('EXTENSION_INVALID', 'warning', id, el.$type, kindParams(kind)));
			}
			kind = 'decision';
		}
		const joinFork = el.$type === 'bpmn:ParallelGateway' && incoming > 1 && outgoing.length > 1;
		if (joinFork) {
			problems.push(problem('GATEWAY_JOIN_FORK', 'warning', id, el.$type));
			kind = 'parallel_join';
		} else if (el.$type === 'bpmn:ParallelGateway' && kind === undefined) {
			kind = incoming > 1 && outgoing.length <= 1 ? 'parallel_join' : 'parallel_split';
		}
		if (el.$type === 'bpmn:ReceiveTask' && kind === undefined) {
			problems.push(problem('SUPPLEMENT_ASSUMED', 'warning', id, el.$type));
		}
		kind ??= allowed[0];
		graph.nodes.push({ el, kind: isOneOf(NODE_KINDS, kind) ? kind : 'task', props, joinFork });
		reportEventDefinitions(el, problems);
		reportExtras(el, problems);
	}
	reportLanesAndArtifacts(process, problems);
	return graph;
}

function kindParams(kind: string): Record<string, string> {
	return { property: 'kind', value: kind };
}

function reportEventDefinitions(el: ModdleElement, problems: BpmnProblem[]): void {
	for (const definition of list(el, 'eventDefinitions')) {
		problems.push(problem('EVENT_DEFINITION_IGNORED', 'warning', el.id ?? '', definition.$type));
	}
}

/** Loops (error), data associations, documentation and other tools' extensions (warnings). */
function reportExtras(el: ModdleElement, problems: BpmnProblem[]): void {
	const id = el.id ?? '';
	const loop = child(el, 'loopCharacteristics');
	if (loop) problems.push(problem('UNSUPPORTED_ELEMENT', 'error', id, loop.$type));
	for (const property of ['dataInputAssociations', 'dataOutputAssociations']) {
		for (const association of list(el, property)) {
			problems.push(
				problem('UNSUPPORTED_ELEMENT', 'warning', association.id ?? id, association.$type)
			);
		}
	}
	if (list(el, 'documentation').length > 0) {
		problems.push(problem('DOCUMENTATION_IGNORED', 'warning', id, el.$type));
	}
	const attributes = Object.keys(el.$attrs).filter((name) => !name.startsWith('xmlns'));
	const foreign = [...foreignExtensions(el), ...attributes];
	if (foreign.length > 0) {
		const params = { extensions: foreign.join(', ') };
		problems.push(problem('EXTENSION_IGNORED', 'warning', id, el.$type, params));
	}
}

function reportLanesAndArtifacts(process: ModdleElement, problems: BpmnProblem[]): void {
	const laneSets = [...list(process, 'laneSets')];
	for (let i = 0; i < laneSets.length; i++) {
		const laneSet = laneSets[i];
		if (!laneSet) continue;
		const lanes = list(laneSet, 'lanes');
		if (lanes.length === 0) {
			problems.push(problem('UNSUPPORTED_ELEMENT', 'warning', laneSet.id ?? '', laneSet.$type));
		}
		for (const lane of lanes) {
			// our export's lanes (one per department) say nothing the nodes' properties do not
			const refs = list(lane, 'flowNodeRef');
			const ours = refs.length > 0 && refs.every((el) => findProperties(el) !== undefined);
			if (!ours)
				problems.push(problem('UNSUPPORTED_ELEMENT', 'warning', lane.id ?? '', lane.$type));
			const nested = child(lane, 'childLaneSet');
			if (nested) laneSets.push(nested);
		}
	}
	for (const artifact of list(process, 'artifacts')) {
		problems.push(problem('UNSUPPORTED_ELEMENT', 'warning', artifact.id ?? '', artifact.$type));
	}
}
