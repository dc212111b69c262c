import { translate } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import { performanceXlsx } from '$lib/server/services/performance-export';
import { performanceErrorMessage } from '$lib/server/services/performance-labels';
import { loadPerformance } from '$lib/server/services/performance-page';
import type { RequestHandler } from './$types';

/** 绩效评估 as an Excel workbook, for the same `month`/`from`/`to`/`by`/`department` as the page. */
export const GET: RequestHandler = async ({ url, locals }) => {
	const { db, clock } = getApp();
	const page = loadPerformance(db, clock, url.searchParams, { trend: false });
	if (!page.report)
		return new Response(performanceErrorMessage(locals.locale, page), {
			status: 400,
			headers: { 'content-type': 'text/plain; charset=utf-8' }
		});
	const body = await performanceXlsx(page.report, locals.locale);
	const r = page.report;
	const name = `${translate(locals.locale, 'perf.title')}-${r.by === 'item' ? translate(locals.locale, 'perf.byItem') : translate(locals.locale, 'perf.byDepartment')}-${r.from}-${r.to}.xlsx`;
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="performance-${r.from}-${r.to}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`
		}
	});
};
