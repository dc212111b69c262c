import { getApp } from '$lib/server/app';
import { performanceErrorMessage } from '$lib/server/services/performance-labels';
import { loadPerformance } from '$lib/server/services/performance-page';
import type { PageServerLoad } from './$types';

/** 绩效评估: the period and grouping come from the address, so every view can be linked. */
export const load: PageServerLoad = ({ url, locals }) => {
	const { db, clock } = getApp();
	const page = loadPerformance(db, clock, url.searchParams);
	return {
		values: page.request.values,
		period: page.request.ok ? { from: page.request.from, to: page.request.to } : null,
		error: performanceErrorMessage(locals.locale, page),
		errorField: page.error?.field ?? null,
		report: page.report,
		trend: page.trend,
		departments: page.departments,
		today: page.today
	};
};
