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
