/**
 * An expected failure with a stable code. `field` names the input at fault; the UI turns
 * `code` into a message from the catalogue (key `error.<code>`), filled with `params`.
 */
export class AppError extends Error {
	constructor(
		readonly code: string,
		readonly field?: string,
		readonly params: Record<string, string | number> = {}
	) {
		super(code);
		this.name = 'AppError';
	}
}
