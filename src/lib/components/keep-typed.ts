import type { SubmitFunction } from '@sveltejs/kit';

/**
 * `use:enhance={keepTyped}`: the form is answered as SvelteKit's enhance would answer it (the
 * action's result shown, the page's data reloaded), but its fields are not reset, so what the user
 * typed stays in place when the server refuses it.
 */
export const keepTyped: SubmitFunction =
	() =>
	async ({ update }) =>
		update({ reset: false });

/**
 * `use:enhance={clearWhenDone}`: like `keepTyped` while the server refuses the form, but once it
 * accepts it the fields are emptied, so the same thing is not sent twice by mistake (a form that
 * creates something new each time, such as issuing a token).
 */
export const clearWhenDone: SubmitFunction =
	() =>
	async ({ update, result }) =>
		update({ reset: result.type === 'success' });
