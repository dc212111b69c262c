import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import { publishedEntry } from '$lib/server/services/public-catalogue';
import type { FlowDocument } from '$lib/domain/flow/types';
import { publishedDesign } from '$lib/server/services/design-service';
import { orgNames } from '$lib/server/services/org-names';
import { frozenVersionsOf } from '$lib/server/services/freeze-service';
import type { PageServerLoad } from './$types';

/** One published entry and its service guide (办事指南), printable. */
export const load: PageServerLoad = ({ params, locals }) => {
	const entry = publishedEntry(getApp().db, params.code);
	if (!entry)
		error(404, { message: translate(locals.locale, 'catalogue.notFound'), code: 'NOT_FOUND' });
	const db = getApp().db;
	const flow = publishedDesign<FlowDocument>({ db }, params.code, 'flow');
	return {
		entry,
		flow,
		names: flow ? orgNames(db) : null,
		frozen: frozenVersionsOf(db, params.code)
	};
};
