import { translate } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import { catalogueXlsx } from '$lib/server/catalogue/export';
import { cachedBody, REVALIDATE } from '$lib/server/http/cache';
import { allPublished } from '$lib/server/services/public-catalogue';
import type { RequestHandler } from './$types';

/** The whole published catalogue as an Excel workbook; ETag and 304 (a workbook is zipped already). */
export const GET: RequestHandler = async ({ locals, request }) => {
	const title = translate(locals.locale, 'catalogue.title');
	const body = await catalogueXlsx(allPublished(getApp().db), locals.locale, title);
	return cachedBody(request, new Uint8Array(body), {
		contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		cacheControl: REVALIDATE,
		compress: false,
		headers: {
			'content-disposition': `attachment; filename="catalogue.xlsx"; filename*=UTF-8''${encodeURIComponent('职权目录.xlsx')}`
		}
	});
};
