import type { FlowDocument } from '$lib/domain/flow/types';

/** Why a connection is refused; each has a message `rule.<code>`. */
export const CONNECT_RULE_CODES = [
	'UNKNOWN_NODE',
	'SELF_LOOP',
	'START_AS_TARGET',
	'END_AS_SOURCE',
	'DUPLICATE_EDGE'
] as const;
export type ConnectRuleCode = (typeof CONNECT_RULE_CODES)[number];

export type RuleVerdict = { ok: true } | { ok: false; code: ConnectRuleCode };

/**
 * Whether an edge from `source` to `target` may be drawn: both nodes exist, they differ, nothing
 * enters a start node, nothing leaves an end node, and no edge already joins them in that
 * direction. The first failing check in that order gives the code. Pure; the canvas may call it
 * while the user drags a connection.
 */
export function canConnect(doc: FlowDocument, source: string, target: string): RuleVerdict {
	const from = doc.semantics.nodes.find((n) => n.id === source);
	const to = doc.semantics.nodes.find((n) => n.id === target);
	if (!from || !to) return { ok: false, code: 'UNKNOWN_NODE' };
	if (source === target) return { ok: false, code: 'SELF_LOOP' };
	if (to.kind === 'start') return { ok: false, code: 'START_AS_TARGET' };
	if (from.kind === 'end') return { ok: false, code: 'END_AS_SOURCE' };
	if (doc.semantics.edges.some((e) => e.source === source && e.target === target)) {
		return { ok: false, code: 'DUPLICATE_EDGE' };
	}
	return { ok: true };
}

/**
 * What deleting `nodeIds` and `edgeIds` removes: the existing nodes among them, and the existing
 * edges among them plus every edge touching a removed node, each in document order. The UI can
 * show it before a delete ("also removes 3 connections").
 */
export function deletionScope(
	doc: FlowDocument,
	nodeIds: Iterable<string>,
	edgeIds: Iterable<string> = []
): { nodes: string[]; edges: string[] } {
	const nodeSet = new Set(nodeIds);
	const edgeSet = new Set(edgeIds);
	const nodes = doc.semantics.nodes.filter((n) => nodeSet.has(n.id)).map((n) => n.id);
	const gone = new Set(nodes);
	const edges = doc.semantics.edges
		.filter((e) => edgeSet.has(e.id) || gone.has(e.source) || gone.has(e.target))
		.map((e) => e.id);
	return { nodes, edges };
}
