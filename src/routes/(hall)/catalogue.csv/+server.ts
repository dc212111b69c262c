import { getApp } from '$lib/server/app';
import { catalogueCsv } from '$lib/server/catalogue/export';
import { cachedBody, REVALIDATE } from '$lib/server/http/cache';
import { allPublished } from '$lib/server/services/public-catalogue';
import type { RequestHandler } from './$types';

/** The whole published catalogue as CSV (UTF-8 with BOM); ETag, 304 and compression (cache.ts). */
export const GET: RequestHandler = ({ locals, request }) => {
	const body = catalogueCsv(allPublished(getApp().db), locals.locale);
	return cachedBody(request, body, {
		contentType: 'text/csv; charset=utf-8',
		cacheControl: REVALIDATE,
		compress: true,
		headers: {
			'content-disposition': `attachment; filename="catalogue.csv"; filename*=UTF-8''${encodeURIComponent('职权目录.csv')}`
		}
	});
};
