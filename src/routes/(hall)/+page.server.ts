import { error } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { parsePage } from '$lib/server/http/paging';
import { getRegion } from '$lib/server/repositories/org-repository';
import { catalogueFacets, queryCatalogue } from '$lib/server/services/public-catalogue';
import type { PageServerLoad } from './$types';

/** The page shows hits only; the entries' full content stays on the server. */
function hitsOnly<T extends { entries: unknown }>({ entries: _entries, ...rest }: T) {
	return rest;
}

/** The public hall: the published power catalogue, searchable and browsable, no login. */
export const load: PageServerLoad = ({ url, locals }) => {
	const { db } = getApp();
	const p = url.searchParams;
	const page = parsePage(p.get('page'), locals.locale);
	if (!page.ok) error(400, page.message);
	return {
		region: getRegion(db)?.name ?? '',
		facets: catalogueFacets(db),
		result: hitsOnly(
			queryCatalogue(db, {
				q: p.get('q'),
				department: p.get('department'),
				category: p.get('category'),
				page: page.value
			})
		)
	};
};
