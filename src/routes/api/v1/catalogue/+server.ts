import { json } from '@sveltejs/kit';
import { appErrorResponse } from '$lib/server/api';
import { getApp } from '$lib/server/app';
import { catalogueQueryProblem, queryCatalogue } from '$lib/server/services/public-catalogue';
import type { RequestHandler } from './$types';

/**
 * GET /api/v1/catalogue?q=&department=&category=&page=&pageSize=
 * Published entries, searched and filtered; documented in docs/openapi.yaml.
 */
export const GET: RequestHandler = (event) => {
	const { url } = event;
	const db = getApp().db;
	const p = url.searchParams;
	const page = Number(p.get('page') ?? '1');
	const pageSize = Number(p.get('pageSize') ?? '20');
	if (
		!Number.isInteger(page) ||
		page < 1 ||
		!Number.isInteger(pageSize) ||
		pageSize < 1 ||
		pageSize > 100
	)
		return json(
			{ error: { code: 'BAD_PAGE', message: 'page 须为正整数，pageSize 须为 1 到 100 的整数' } },
			{ status: 400 }
		);
	const query = { q: p.get('q'), department: p.get('department'), category: p.get('category') };
	// An unknown department or category, or an over-long search, is refused, not ignored.
	const problem = catalogueQueryProblem(db, query);
	if (problem) return appErrorResponse(event, problem, 400);
	const r = queryCatalogue(db, { ...query, page, pageSize });
	return json({
		query: { q: r.q, department: r.department, category: r.category },
		page: r.page,
		pageSize: r.pageSize,
		total: r.total,
		pages: r.pages,
		items: r.entries
	});
};
