import { error } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import {
	departmentCases,
	DRILL_FILTERS,
	type DrillFilter
} from '$lib/server/services/supervision-views';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, url }) => {
	const show = url.searchParams.get('show') ?? 'open';
	const filter: DrillFilter = (DRILL_FILTERS as readonly string[]).includes(show)
		? (show as DrillFilter)
		: 'open';
	const found = departmentCases(getApp().db, params.code, filter);
	if (!found) error(404, '没有这个部门');
	return { ...found, filter, filters: DRILL_FILTERS };
};
