import { json } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { queryCatalogue } from '$lib/server/services/public-catalogue';
import type { RequestHandler } from './$types';

/**
 * GET /api/v1/catalogue?q=&department=&category=&page=&pageSize=
 * Published entries, searched and filtered; documented in docs/openapi.yaml.
 */
export const GET: RequestHandler = ({ url }) => {
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
	const r = queryCatalogue(db, {
		q: p.get('q'),
		department: p.get('department'),
		category: p.get('category'),
		page,
		pageSize
	});
	return json({
		query: { q: r.q, department: r.department, category: r.category },
		page: r.page,
		pageSize: r.pageSize,
		total: r.total,
		pages: r.pages,
		items: r.entries
	});
};
