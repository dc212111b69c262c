import {
	ApplyLayoutCommand,
	CommandStack,
	MoveNodesCommand,
	type Command,
	type CommandLabel,
	type StackChange
} from '$lib/editor/flow';
import type { FlowDocument } from '$lib/domain/flow/types';

/**
 * The designer's document and command stack, with the stack's status mirrored into runes so the
 * toolbar and the canvas update. The document is a `$state` proxy edited only by commands.
 */
export class DesignerState {
	doc: FlowDocument;
	readonly stack: CommandStack<FlowDocument>;
	/** Changes whenever the document changed (the canvas redraws). */
	version = $state(0);
	/**
	 * Changes whenever the steps or connections may have changed, not when only positions did
	 * (moving steps, automatic layout): the checks, the total time and the step list follow it.
	 */
	semanticsVersion = $state(0);
	canUndo = $state(false);
	canRedo = $state(false);
	dirty = $state(false);
	undoLabel: CommandLabel | null = $state(null);
	redoLabel: CommandLabel | null = $state(null);
	/** The last command's announcement for screen readers. */
	announcement = $state('');

	constructor(initial: FlowDocument) {
		this.doc = $state(initial);
		this.stack = new CommandStack(this.doc);
		this.stack.onChange((change) => this.sync(change));
	}

	private sync(change: StackChange<FlowDocument>): void {
		this.version++;
		const layoutOnly =
			change.kind === 'saved' ||
			change.command instanceof ApplyLayoutCommand ||
			change.command instanceof MoveNodesCommand;
		if (!layoutOnly) this.semanticsVersion++;
		this.canUndo = this.stack.canUndo;
		this.canRedo = this.stack.canRedo;
		this.dirty = this.stack.isDirty;
		this.undoLabel = this.stack.undoLabel ?? null;
		this.redoLabel = this.stack.redoLabel ?? null;
	}

	execute(command: Command<FlowDocument>): boolean {
		return this.stack.execute(command);
	}
	undo(): void {
		this.stack.undo();
	}
	redo(): void {
		this.stack.redo();
	}
	markSaved(revision: number): void {
		this.stack.markSaved(revision);
		this.sync({ kind: 'saved' });
	}
}
