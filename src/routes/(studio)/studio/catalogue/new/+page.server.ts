import { redirect } from '@sveltejs/kit';
import { CATEGORIES, emptyContent } from '$lib/domain/catalogue/types';
import { failFromError, formText, serviceContext } from '$lib/server/request';
import { createEntry } from '$lib/server/services/catalogue-service';
import { CATALOGUE_LABELS } from '../labels';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({});

export const actions: Actions = {
	default: async (event) => {
		const values = formText(await event.request.formData(), 'name', 'category');
		let entryId: number;
		try {
			const category = CATEGORIES.find((c) => c === values.category) ?? 'licensing';
			// Start from an empty entry with one blank legal basis row to fill in.
			({ entryId } = createEntry(serviceContext(event), {
				...emptyContent(category),
				name: values.name
			}));
		} catch (err) {
			return failFromError(event, err, CATALOGUE_LABELS, values);
		}
		redirect(303, `/studio/catalogue/${entryId}?created=1`);
	}
};
