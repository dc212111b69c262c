import type { FlowDocument, FlowLayout, Point } from '$lib/domain/flow/types';
import type { Command, CommandLabel } from '../command';
import { deepEqual, entryCopy, setEntry } from '../plain';

/**
 * Sets many node positions and edge bend points at once (the result of automatic layout). Entries
 * for ids the semantics do not know are ignored, as are unchanged ones; entries not given keep
 * their value. Undo restores each previous value, removing entries that did not exist before.
 * Nothing changed is a no-op.
 */
export class ApplyLayoutCommand implements Command<FlowDocument> {
	readonly label: CommandLabel = { key: 'command.applyLayout', params: {} };
	private previousNodes = new Map<string, Point | undefined>();
	private previousEdges = new Map<string, Point[] | undefined>();

	constructor(readonly layout: Partial<FlowLayout>) {}

	execute(doc: FlowDocument): boolean {
		const nodeIds = new Set(doc.semantics.nodes.map((n) => n.id));
		const edgeIds = new Set(doc.semantics.edges.map((e) => e.id));
		this.previousNodes = changes(doc.layout.nodes, this.layout.nodes ?? {}, nodeIds);
		this.previousEdges = changes(doc.layout.edges, this.layout.edges ?? {}, edgeIds);
		for (const id of this.previousNodes.keys()) {
			setEntry(doc.layout.nodes, id, this.layout.nodes?.[id]);
		}
		for (const id of this.previousEdges.keys()) {
			setEntry(doc.layout.edges, id, this.layout.edges?.[id]);
		}
		return this.previousNodes.size + this.previousEdges.size > 0;
	}

	revert(doc: FlowDocument): void {
		for (const [id, p] of this.previousNodes) setEntry(doc.layout.nodes, id, p);
		for (const [id, b] of this.previousEdges) setEntry(doc.layout.edges, id, b);
	}
}

/** Copies of the current values of the entries of `next` that are known and differ. */
function changes<T>(
	current: Record<string, T>,
	next: Record<string, T>,
	known: ReadonlySet<string>
): Map<string, T | undefined> {
	const previous = new Map<string, T | undefined>();
	for (const [id, value] of Object.entries(next)) {
		if (known.has(id) && !deepEqual(current[id], value)) previous.set(id, entryCopy(current, id));
	}
	return previous;
}
