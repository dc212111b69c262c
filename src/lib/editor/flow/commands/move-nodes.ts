import type { FlowDocument, Point } from '$lib/domain/flow/types';
import type { Command, CommandLabel } from '../command';
import { deepEqual, entryCopy, setEntry } from '../plain';

/**
 * Moves nodes to new positions at once. The previous positions (or their absence) are read on
 * execute, so the canvas must keep in-drag positions to itself and issue this command on drop.
 * Ids of unknown nodes and unchanged positions are ignored; nothing left to move is a no-op.
 * With `mergeable` (keyboard nudges), a move of exactly the same nodes right after it joins it
 * as one undo step.
 */
export class MoveNodesCommand implements Command<FlowDocument> {
	private to: Record<string, Point>;
	private from = new Map<string, Point | undefined>();

	constructor(
		to: Record<string, Point>,
		private readonly options: { mergeable?: boolean } = {}
	) {
		this.to = { ...to };
	}

	get label(): CommandLabel {
		const count = this.from.size || Object.keys(this.to).length;
		return { key: 'command.moveNodes', params: { count } };
	}

	execute(doc: FlowDocument): boolean {
		const known = new Set(doc.semantics.nodes.map((n) => n.id));
		this.from.clear();
		for (const [id, point] of Object.entries(this.to)) {
			if (!known.has(id) || deepEqual(doc.layout.nodes[id], point)) continue;
			this.from.set(id, entryCopy(doc.layout.nodes, id));
		}
		for (const id of this.from.keys()) setEntry(doc.layout.nodes, id, this.to[id]);
		return this.from.size > 0;
	}

	revert(doc: FlowDocument): void {
		for (const [id, point] of this.from) setEntry(doc.layout.nodes, id, point);
	}

	merge(next: Command<FlowDocument>): boolean {
		if (!(next instanceof MoveNodesCommand) || !this.options.mergeable) return false;
		if (!next.options.mergeable || next.from.size !== this.from.size) return false;
		if (![...next.from.keys()].every((id) => this.from.has(id))) return false;
		for (const id of this.from.keys()) {
			const point = next.to[id];
			if (point) this.to[id] = point;
		}
		return true;
	}
}
