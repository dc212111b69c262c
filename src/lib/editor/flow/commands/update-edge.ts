import type { FlowDocument, FlowEdge } from '$lib/domain/flow/types';
import { CompositeCommand, type Command, type CommandLabel } from '../command';
import { applyPatch, restorePatch } from '../patch';

/** Properties of an edge the property panel may change. */
export type EdgePatch = Partial<Pick<FlowEdge, 'outcome' | 'condition' | 'isDefault'>>;

/**
 * Sets properties of edge `edgeId` to copies of the defined members of `patch` (a `condition` is
 * deep-copied). Undo restores the previous values. A patch that changes nothing, or an unknown
 * edge, is a no-op.
 */
export class UpdateEdgeCommand implements Command<FlowDocument> {
	readonly label: CommandLabel = { key: 'command.updateEdge', params: {} };
	private previous: Partial<FlowEdge> | null = null;

	constructor(
		readonly edgeId: string,
		readonly patch: EdgePatch
	) {}

	execute(doc: FlowDocument): boolean {
		const edge = doc.semantics.edges.find((e) => e.id === this.edgeId);
		this.previous = edge ? applyPatch<FlowEdge>(edge, this.patch) : null;
		return this.previous !== null;
	}

	revert(doc: FlowDocument): void {
		const edge = doc.semantics.edges.find((e) => e.id === this.edgeId);
		if (edge && this.previous) restorePatch(edge, this.previous);
	}
}

/**
 * Makes `edgeId` the default branch of its source and clears the flag on the source's other
 * edges, as one undo step. Built from `doc` as it is now; execute it right away.
 */
export function setDefaultBranch(
	doc: FlowDocument,
	edgeId: string
): CompositeCommand<FlowDocument> {
	const edge = doc.semantics.edges.find((e) => e.id === edgeId);
	const others = doc.semantics.edges.filter(
		(e) => edge && e.source === edge.source && e.id !== edgeId && e.isDefault
	);
	return new CompositeCommand({ key: 'command.setDefaultBranch', params: {} }, [
		...others.map((e) => new UpdateEdgeCommand(e.id, { isDefault: false })),
		new UpdateEdgeCommand(edgeId, { isDefault: true })
	]);
}
