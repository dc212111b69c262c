import { getApp } from '$lib/server/app';
import { getRegion } from '$lib/server/repositories/org-repository';
import { catalogueFacets, queryCatalogue } from '$lib/server/services/public-catalogue';
import type { PageServerLoad } from './$types';

/** The public hall: the published power catalogue, searchable and browsable, no login. */
export const load: PageServerLoad = ({ url }) => {
	const { db } = getApp();
	const p = url.searchParams;
	return {
		region: getRegion(db)?.name ?? '',
		facets: catalogueFacets(db),
		result: queryCatalogue(db, {
			q: p.get('q'),
			department: p.get('department'),
			category: p.get('category'),
			page: Number(p.get('page') ?? '1')
		})
	};
};
