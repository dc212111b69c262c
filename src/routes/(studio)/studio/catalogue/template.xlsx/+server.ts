import { templateWorkbook } from '$lib/server/catalogue/spreadsheet';
import type { RequestHandler } from './$types';

/** The import template: headers with drop-downs, the instructions sheet and an example row. */
export const GET: RequestHandler = async () => {
	const body = await templateWorkbook();
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="catalogue-import-template.xlsx"; filename*=UTF-8''${encodeURIComponent('职权目录导入模板.xlsx')}`,
			'cache-control': 'no-store'
		}
	});
};
