import type { FlowDocument } from '$lib/domain/flow/types';
import type { Command, CommandLabel } from '../command';

/** Renames the flow (its `name`); the same name is a no-op. */
export class RenameFlowCommand implements Command<FlowDocument> {
	readonly label: CommandLabel = { key: 'command.renameFlow', params: {} };
	private previous = '';

	constructor(readonly name: string) {}

	execute(doc: FlowDocument): boolean {
		if (doc.name === this.name) return false;
		this.previous = doc.name;
		doc.name = this.name;
		return true;
	}

	revert(doc: FlowDocument): void {
		doc.name = this.previous;
	}
}
