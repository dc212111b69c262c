import { newNode, type FlowDocument, type NodeKind, type Point } from '$lib/domain/flow/types';
import type { Command, CommandLabel } from '../command';
import { IdAllocator } from '../ids';
import { entryCopy, setEntry } from '../plain';

/**
 * Adds a fresh node of `kind` at the end of the node list, drawn at `position` (or, when null,
 * left to automatic layout). Its id is `options.id` or the next free `n…` id, chosen on the first
 * execute and reused on redo. Refused (false) when that id is already taken.
 */
export class AddNodeCommand implements Command<FlowDocument> {
	readonly label: CommandLabel;
	private id: string | undefined;
	private previousPosition: Point | undefined;

	constructor(
		readonly kind: NodeKind,
		readonly position: Point | null,
		private readonly options: { id?: string; name?: string } = {}
	) {
		this.id = options.id;
		this.label = { key: 'command.addNode', params: { kind } };
	}

	/** The new node's id; known once executed. */
	get nodeId(): string | undefined {
		return this.id;
	}

	execute(doc: FlowDocument): boolean {
		const id = (this.id ??= new IdAllocator(doc).next('n'));
		if (doc.semantics.nodes.some((n) => n.id === id)) return false;
		this.previousPosition = entryCopy(doc.layout.nodes, id);
		doc.semantics.nodes.push(newNode(id, this.kind, this.options.name));
		if (this.position) setEntry(doc.layout.nodes, id, this.position);
		return true;
	}

	revert(doc: FlowDocument): void {
		const index = doc.semantics.nodes.findIndex((n) => n.id === this.id);
		if (index >= 0) doc.semantics.nodes.splice(index, 1);
		if (this.id !== undefined) setEntry(doc.layout.nodes, this.id, this.previousPosition);
	}
}
