import { translate } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import { getRegion } from '$lib/server/repositories/org-repository';
import { performanceErrorMessage } from '$lib/server/services/performance-labels';
import { loadPerformance } from '$lib/server/services/performance-page';
import { performance } from '$lib/server/services/performance-service';
import { chinaDate } from '$lib/domain/dates';
import { MONTH_RE, shiftMonth } from '$lib/supervision/performance';
import type { PageServerLoad } from './$types';

/**
 * 月度绩效评估报告: one month (`?month=YYYY-MM`, by default the last whole month) for the whole
 * county, per department and per item, with the 12-month trend; made to be printed.
 */
export const load: PageServerLoad = ({ url, locals }) => {
	const { db, clock } = getApp();
	const today = chinaDate(clock.now());
	const month = url.searchParams.get('month')?.trim() || shiftMonth(today.slice(0, 7), -1);
	const q = new URLSearchParams({ month, by: 'department' });
	const page = loadPerformance(db, clock, q);
	const items =
		page.report && MONTH_RE.test(month)
			? performance(db, { from: page.report.from, to: page.report.to, by: 'item' })
			: null;
	return {
		month,
		error: performanceErrorMessage(locals.locale, page),
		region: getRegion(db)?.name ?? '',
		departments: page.report,
		items,
		trend: page.trend,
		unit: locals.user?.departmentName ?? translate(locals.locale, 'perf.report.defaultUnit'),
		today
	};
};
