import type { FormDefinitionIssue } from '$lib/domain/form/validate-definition';
import { hasMessage, type MessageKey, type Params } from '$lib/i18n';

/** A definition issue as the designer shows it: its path relative to a field, and its message. */
export interface Problem {
	path: string;
	message: string;
}

/** The message of a definition issue (`formDef.<code>`). */
export function issueText(
	issue: FormDefinitionIssue,
	t: (key: MessageKey, params?: Params) => string
): string {
	const key = `formDef.${issue.code}`;
	return hasMessage(key) ? t(key, issue.params) : issue.code;
}

/** The problems under `prefix` (e.g. `fields.2.`), with the prefix taken off their paths. */
export function under(problems: readonly Problem[], prefix: string): Problem[] {
	return problems
		.filter((p) => p.path.startsWith(prefix))
		.map((p) => ({ ...p, path: p.path.slice(prefix.length) }));
}

/** The messages of the problems at exactly `path`. */
export function messagesAt(problems: readonly Problem[], path: string): string[] {
	return problems.filter((p) => p.path === path).map((p) => p.message);
}
