import { json } from '@sveltejs/kit';
import { appErrorResponse } from '$lib/server/api';
import { getApp } from '$lib/server/app';
import { cachedBody, REVALIDATE } from '$lib/server/http/cache';
import { parseIntParam, parsePage } from '$lib/server/http/paging';
import { catalogueQueryProblem, queryCatalogue } from '$lib/server/services/public-catalogue';
import type { RequestHandler } from './$types';

/**
 * GET /api/v1/catalogue?q=&department=&category=&page=&pageSize=
 * Published entries, searched and filtered; documented in docs/openapi.yaml.
 */
export const GET: RequestHandler = (event) => {
	const { url, locals, request } = event;
	const db = getApp().db;
	const p = url.searchParams;
	const page = parsePage(p.get('page'), locals.locale, 'http.field.pageParam');
	const pageSize = parseIntParam(
		p.get('pageSize'),
		{ label: 'http.field.pageSizeParam', min: 1, max: 100, fallback: 20 },
		locals.locale
	);
	if (!page.ok || !pageSize.ok)
		return json(
			{
				error: {
					code: 'BAD_PAGE',
					field: page.ok ? 'pageSize' : 'page',
					message: page.ok ? (pageSize as { message: string }).message : page.message
				}
			},
			{ status: 400 }
		);
	const query = { q: p.get('q'), department: p.get('department'), category: p.get('category') };
	// An unknown department or category, or an over-long search, is refused, not ignored.
	const problem = catalogueQueryProblem(db, query);
	if (problem) return appErrorResponse(event, problem, 400);
	const r = queryCatalogue(db, { ...query, page: page.value, pageSize: pageSize.value });
	const body = JSON.stringify({
		query: { q: r.q, department: r.department, category: r.category },
		page: r.page,
		pageSize: r.pageSize,
		total: r.total,
		pages: r.pages,
		items: r.entries
	});
	return cachedBody(request, body, {
		contentType: 'application/json',
		cacheControl: REVALIDATE,
		compress: true
	});
};
