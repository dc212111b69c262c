import { getApp } from '$lib/server/app';
import { catalogueCsv } from '$lib/server/catalogue/export';
import { allPublished } from '$lib/server/services/public-catalogue';
import type { RequestHandler } from './$types';

/** The whole published catalogue as CSV (UTF-8 with BOM). */
export const GET: RequestHandler = ({ locals }) => {
	const body = catalogueCsv(allPublished(getApp().db), locals.locale);
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="catalogue.csv"; filename*=UTF-8''${encodeURIComponent('职权目录.csv')}`
		}
	});
};
