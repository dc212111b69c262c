import type { FormField } from '$lib/domain/form/types';

/** What every field component of the renderer shares (passed down as one prop). */
export interface RenderContext {
	/** Prefix of DOM ids, so two renderers (or a renderer and a designer) never clash. */
	idPrefix: string;
	disabled: boolean;
	/** The error messages of a field path (`name`, `members.0.idCard`). */
	messagesAt: (path: string) => string[];
	/**
	 * Give the controls `name`s (their DOM ids), so that a page without JavaScript can post them
	 * as ordinary form fields (public intake; see `answersFromFields`).
	 */
	named?: boolean;
	/**
	 * Where FileField uploads a chosen file (public intake: /api/v1/uploads). Without it, the
	 * designer's preview only records the chosen file's name, size and type.
	 */
	uploadUrl?: string;
}

/** The DOM id of the control of a field path. */
export function domId(idPrefix: string, path: string): string {
	return `${idPrefix}-${path.replace(/\./g, '-')}`;
}

/** `aria-describedby` from the ids that apply (undefined when none). */
export function describedBy(...ids: (string | false | undefined)[]): string | undefined {
	return ids.filter(Boolean).join(' ') || undefined;
}

/**
 * The props of a field component: the field at `path`, answered with `value` (undefined: not
 * answered), changes out through `onchange`. `compact` is a cell of a group row: the label is
 * only for screen readers (`label` names the row) and the help lives in the column header
 * (`helpId`).
 */
export interface FieldProps {
	field: FormField;
	path: string;
	value: unknown;
	onchange: (value: unknown) => void;
	ctx: RenderContext;
	compact?: boolean;
	label?: string;
	helpId?: string;
}
