import type { FlowDocument, FlowNode } from '$lib/domain/flow/types';
import type { Command, CommandLabel } from '../command';
import { applyPatch, restorePatch } from '../patch';

/** Properties of a node the property panel may change (not its id or kind). */
export type NodePatch = Partial<Omit<FlowNode, 'id' | 'kind'>>;

/**
 * Sets properties of node `nodeId` to copies of the defined members of `patch` (a `control`
 * object is deep-copied, never shared). Undo restores the previous values. A patch that changes
 * nothing, or an unknown node, is a no-op.
 */
export class UpdateNodeCommand implements Command<FlowDocument> {
	readonly label: CommandLabel = { key: 'command.updateNode', params: {} };
	private previous: Partial<FlowNode> | null = null;

	constructor(
		readonly nodeId: string,
		readonly patch: NodePatch
	) {}

	execute(doc: FlowDocument): boolean {
		const node = doc.semantics.nodes.find((n) => n.id === this.nodeId);
		this.previous = node ? applyPatch<FlowNode>(node, this.patch) : null;
		return this.previous !== null;
	}

	revert(doc: FlowDocument): void {
		const node = doc.semantics.nodes.find((n) => n.id === this.nodeId);
		if (node && this.previous) restorePatch(node, this.previous);
	}
}
