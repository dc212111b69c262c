import { translate } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import { catalogueXlsx } from '$lib/server/catalogue/export';
import { allPublished } from '$lib/server/services/public-catalogue';
import type { RequestHandler } from './$types';

/** The whole published catalogue as an Excel workbook. */
export const GET: RequestHandler = async ({ locals }) => {
	const title = translate(locals.locale, 'catalogue.title');
	const body = await catalogueXlsx(allPublished(getApp().db), locals.locale, title);
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="catalogue.xlsx"; filename*=UTF-8''${encodeURIComponent('职权目录.xlsx')}`
		}
	});
};
