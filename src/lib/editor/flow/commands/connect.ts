import { newEdge, type FlowDocument } from '$lib/domain/flow/types';
import type { Command, CommandLabel } from '../command';
import { IdAllocator } from '../ids';
import { canConnect, type ConnectRuleCode } from '../rules';

/**
 * Draws an edge from `source` to `target` at the end of the edge list, when `canConnect` allows;
 * otherwise a no-op whose reason is left in `refusal`. The id is `options.id` or the next free
 * `e…` id, chosen on the first execute and reused on redo.
 */
export class ConnectCommand implements Command<FlowDocument> {
	readonly label: CommandLabel = { key: 'command.connect', params: {} };
	/** Why the last execute was refused, or null. */
	refusal: ConnectRuleCode | null = null;
	private id: string | undefined;

	constructor(
		readonly source: string,
		readonly target: string,
		options: { id?: string } = {}
	) {
		this.id = options.id;
	}

	/** The new edge's id; known once executed. */
	get edgeId(): string | undefined {
		return this.id;
	}

	execute(doc: FlowDocument): boolean {
		const verdict = canConnect(doc, this.source, this.target);
		this.refusal = verdict.ok ? null : verdict.code;
		if (!verdict.ok) return false;
		const id = (this.id ??= new IdAllocator(doc).next('e'));
		if (doc.semantics.edges.some((e) => e.id === id)) return false;
		doc.semantics.edges.push(newEdge(id, this.source, this.target));
		return true;
	}

	revert(doc: FlowDocument): void {
		const index = doc.semantics.edges.findIndex((e) => e.id === this.id);
		if (index >= 0) doc.semantics.edges.splice(index, 1);
	}
}
