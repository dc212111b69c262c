import type { Command, CommandLabel } from './command';

/**
 * What just happened on a stack; passed to `onChange` listeners. `clear` means history was
 * dropped: all of it (`clear()`), or the redo branch after a command refused to re-apply.
 */
export interface StackChange<S> {
	kind: 'execute' | 'undo' | 'redo' | 'clear' | 'saved';
	/** The command executed, undone or redone. */
	command?: Command<S>;
}

interface Entry<S> {
	command: Command<S>;
	/** The revision of the state right after this command. */
	revision: number;
}

export const DEFAULT_MAX_DEPTH = 200;

/**
 * The undo/redo history of edits to one state object, which commands change in place. Executing
 * after an undo drops the redo branch; commands that change nothing are not recorded; beyond
 * `maxDepth` the oldest steps are forgotten. Every state reached gets a revision number, never
 * reused, so `isDirty` stays true once the saved state can no longer be reached.
 */
export class CommandStack<S> {
	readonly maxDepth: number;
	private done: Entry<S>[] = [];
	private undone: Entry<S>[] = [];
	private base = 0;
	private last = 0;
	private saved: number | null = 0;
	private busy = false;
	private listeners = new Set<(change: StackChange<S>) => void>();

	/** `state` is edited in place: pass the `$state` proxy, not the raw object. */
	constructor(
		readonly state: S,
		options: { maxDepth?: number } = {}
	) {
		this.maxDepth = Math.max(1, options.maxDepth ?? DEFAULT_MAX_DEPTH);
	}

	get canUndo(): boolean {
		return this.done.length > 0;
	}

	get canRedo(): boolean {
		return this.undone.length > 0;
	}

	/** The label of the step `undo` would take back, for its tooltip. */
	get undoLabel(): CommandLabel | undefined {
		return this.done.at(-1)?.command.label;
	}

	get redoLabel(): CommandLabel | undefined {
		return this.undone.at(-1)?.command.label;
	}

	/** How many steps can be undone. */
	get depth(): number {
		return this.done.length;
	}

	/** Identifies the current state; equal revisions mean equal documents. */
	get revision(): number {
		return this.done.at(-1)?.revision ?? this.base;
	}

	/** Whether the state differs from the one last marked saved. */
	get isDirty(): boolean {
		return this.revision !== this.saved;
	}

	/**
	 * Runs `command` and records it (merging it into the previous step when that one accepts, unless
	 * the previous step is the saved state). Returns whether anything changed; a command that
	 * changes nothing is not recorded and leaves the redo branch alone.
	 */
	execute(command: Command<S>): boolean {
		const changed = this.guard(() => command.execute(this.state));
		if (!changed) return false;
		this.undone = [];
		const top = this.done.at(-1);
		if (top && top.revision !== this.saved && top.command.merge?.(command)) {
			top.revision = ++this.last;
		} else {
			this.done.push({ command, revision: ++this.last });
			if (this.done.length > this.maxDepth) this.base = this.done.shift()?.revision ?? this.base;
		}
		this.emit({ kind: 'execute', command });
		return true;
	}

	/** Takes back the last step; false when there is none. */
	undo(): boolean {
		const entry = this.done.at(-1);
		if (!entry) return false;
		this.guard(() => entry.command.revert(this.state));
		this.undone.push(this.done.pop() as Entry<S>);
		this.emit({ kind: 'undo', command: entry.command });
		return true;
	}

	/**
	 * Re-applies the last undone step; false when there is none. Should a command refuse to
	 * re-apply (a broken command), the redo branch is dropped and false returned.
	 */
	redo(): boolean {
		const entry = this.undone.at(-1);
		if (!entry) return false;
		if (!this.guard(() => entry.command.execute(this.state))) {
			this.undone = [];
			this.emit({ kind: 'clear' });
			return false;
		}
		this.done.push(this.undone.pop() as Entry<S>);
		this.emit({ kind: 'redo', command: entry.command });
		return true;
	}

	/** Forgets all history; the state and whether it is saved stay as they are. */
	clear(): void {
		this.base = this.revision;
		this.done = [];
		this.undone = [];
		this.emit({ kind: 'clear' });
	}

	/**
	 * Marks `revision` (default: the current one) as the saved state. For an asynchronous save,
	 * read `revision` when the save starts and pass it when the save succeeds.
	 */
	markSaved(revision = this.revision): void {
		this.saved = revision;
		this.emit({ kind: 'saved' });
	}

	/** Calls `listener` after every change of the history; returns the unsubscribe function. */
	onChange(listener: (change: StackChange<S>) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	private guard<T>(run: () => T): T {
		if (this.busy) throw new Error('CommandStack: a command may not use the stack it runs on');
		this.busy = true;
		try {
			return run();
		} finally {
			this.busy = false;
		}
	}

	private emit(change: StackChange<S>): void {
		for (const listener of [...this.listeners]) listener(change);
	}
}
