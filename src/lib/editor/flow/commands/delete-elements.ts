import type { FlowDocument, FlowEdge, FlowNode, Point } from '$lib/domain/flow/types';
import type { Command, CommandLabel } from '../command';
import { deepCopy, reinsert } from '../plain';
import { deletionScope } from '../rules';

interface Removed<T> {
	index: number;
	item: T;
}

/**
 * Deletes nodes with every edge touching them, and edges, as `deletionScope` computes, with their
 * positions and bend points. Undo puts everything back where it was: same array indices, same
 * layout entries in the same key order. Nothing existing to delete is a no-op.
 */
export class DeleteElementsCommand implements Command<FlowDocument> {
	private nodes: Removed<FlowNode>[] = [];
	private edges: Removed<FlowEdge>[] = [];
	private positions: Record<string, Point> = {};
	private bends: Record<string, Point[]> = {};
	private nodeOrder: string[] = [];
	private edgeOrder: string[] = [];

	constructor(
		readonly nodeIds: readonly string[],
		readonly edgeIds: readonly string[] = []
	) {}

	get label(): CommandLabel {
		const executed = this.nodes.length + this.edges.length > 0;
		const nodes = executed ? this.nodes.length : this.nodeIds.length;
		const edges = executed ? this.edges.length : this.edgeIds.length;
		return { key: 'command.deleteElements', params: { nodes, edges } };
	}

	execute(doc: FlowDocument): boolean {
		const scope = deletionScope(doc, this.nodeIds, this.edgeIds);
		this.nodes = take(doc.semantics.nodes, new Set(scope.nodes));
		this.edges = take(doc.semantics.edges, new Set(scope.edges));
		this.nodeOrder = Object.keys(doc.layout.nodes);
		this.edgeOrder = Object.keys(doc.layout.edges);
		this.positions = takeEntries(doc.layout.nodes, scope.nodes);
		this.bends = takeEntries(doc.layout.edges, scope.edges);
		return this.nodes.length + this.edges.length > 0;
	}

	revert(doc: FlowDocument): void {
		for (const { index, item } of this.nodes) doc.semantics.nodes.splice(index, 0, deepCopy(item));
		for (const { index, item } of this.edges) doc.semantics.edges.splice(index, 0, deepCopy(item));
		reinsert(doc.layout.nodes, this.positions, this.nodeOrder);
		reinsert(doc.layout.edges, this.bends, this.edgeOrder);
	}
}

/** Removes the items whose id is in `ids`; returns copies with their indices, ascending. */
function take<T extends { id: string }>(list: T[], ids: ReadonlySet<string>): Removed<T>[] {
	const removed: Removed<T>[] = [];
	list.forEach((item, index) => {
		if (ids.has(item.id)) removed.push({ index, item: deepCopy(item) });
	});
	for (let i = removed.length - 1; i >= 0; i--) list.splice(removed[i]?.index ?? 0, 1);
	return removed;
}

/** Removes the entries of `keys` from `record`; returns copies of those that existed. */
function takeEntries<T>(record: Record<string, T>, keys: readonly string[]): Record<string, T> {
	const taken: Record<string, T> = {};
	for (const key of keys) {
		if (!Object.hasOwn(record, key)) continue;
		taken[key] = deepCopy(record[key] as T);
		delete record[key];
	}
	return taken;
}
