import type { FlowDocument, FlowEdge, FlowNode, Point } from '$lib/domain/flow/types';
import { deepCopy } from './plain';

/** A copied part of a flow: deep copies, unaffected by later edits of the document. */
export interface FlowClipboard {
	/** The copied nodes, in document order. */
	nodes: FlowNode[];
	/** The edges whose both ends were copied, in document order. */
	edges: FlowEdge[];
	/** Positions of the copied nodes that had one. */
	positions: Record<string, Point>;
	/** Bend points of the copied edges that had some. */
	bends: Record<string, Point[]>;
}

/** A snapshot of the nodes `nodeIds` (unknown ids ignored) and of the edges among them. */
export function copySelection(doc: FlowDocument, nodeIds: Iterable<string>): FlowClipboard {
	const wanted = new Set(nodeIds);
	const nodes = doc.semantics.nodes.filter((n) => wanted.has(n.id));
	const kept = new Set(nodes.map((n) => n.id));
	const edges = doc.semantics.edges.filter((e) => kept.has(e.source) && kept.has(e.target));
	const positions: Record<string, Point> = {};
	for (const n of nodes) {
		const p = doc.layout.nodes[n.id];
		if (p) positions[n.id] = deepCopy(p);
	}
	const bends: Record<string, Point[]> = {};
	for (const e of edges) {
		const b = doc.layout.edges[e.id];
		if (b) bends[e.id] = deepCopy(b);
	}
	return { nodes: deepCopy(nodes), edges: deepCopy(edges), positions, bends };
}

/** Whether the clipboard holds nothing to paste. */
export function isEmptyClipboard(clip: FlowClipboard): boolean {
	return clip.nodes.length === 0;
}
