import type { editorZh } from '$lib/i18n/editor-messages';

/** A key of the editor's messages (`command.*`, `rule.*`, `editor.*`). */
export type EditorMessageKey = keyof typeof editorZh;

/**
 * What an edit is called in the undo/redo tooltips: a message key and its parameters, translated
 * by the UI (`translate(locale, label.key, label.params)`), never a rendered string.
 */
export interface CommandLabel {
	key: EditorMessageKey;
	params: Record<string, string | number>;
}

/**
 * One named edit of a state object `S`, applied and undone in place (so a Svelte 5 `$state` proxy
 * passed as `state` sees every change). A command captures, on `execute`, everything its `revert`
 * needs, as deep copies: it never shares an object with the state.
 */
export interface Command<S> {
	readonly label: CommandLabel;
	/**
	 * Applies the edit to `state`. Returns false, leaving `state` untouched, when the edit would
	 * change nothing or is refused; the stack then does not record it. Called again for redo on the
	 * state its `revert` left, where it produces the identical result (same ids, same values).
	 */
	execute(state: S): boolean;
	/** Undoes the last successful `execute`, on the state it left, restoring it exactly. */
	revert(state: S): void;
	/**
	 * Optional: absorbs `next`, which was just executed right after this command, so both undo as
	 * one step. Returns false (changing nothing) when the two do not merge.
	 */
	merge?(next: Command<S>): boolean;
}

/**
 * Several commands as one undo step: children execute in order and revert in reverse. Children
 * that change nothing are skipped; the composite changes something when any child does. When a
 * child throws, the children already applied are reverted and the error is rethrown.
 */
export class CompositeCommand<S> implements Command<S> {
	private applied: Command<S>[] = [];

	constructor(
		readonly label: CommandLabel,
		readonly children: readonly Command<S>[]
	) {}

	execute(state: S): boolean {
		this.applied = [];
		try {
			for (const child of this.children) if (child.execute(state)) this.applied.push(child);
		} catch (error) {
			this.revert(state);
			throw error;
		}
		return this.applied.length > 0;
	}

	revert(state: S): void {
		for (let i = this.applied.length - 1; i >= 0; i--) this.applied[i]?.revert(state);
		this.applied = [];
	}
}
