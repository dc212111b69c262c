import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import { apiCaller } from '$lib/server/auth/api-token';
import { serviceContext } from '$lib/server/request';
import { mayOpenFile } from '$lib/server/services/case-access-service';
import { readUpload, uploadsDirOf } from '$lib/server/uploads/store';
import type { RequestHandler } from './$types';

/**
 * GET /work/files/<ref>?name=<file name>: a stored file (an application's upload, a handler's
 * attachment, a 补正 material) for staff who may see a case holding it (the record-level rule of
 * case-access-service.ts; otherwise 404, audited, as for a file that does not exist). Served with
 * the type told by its first bytes.
 */
export const GET: RequestHandler = (event) => {
	const { params, url, locals } = event;
	const file = readUpload(uploadsDirOf(getApp().dbPath), params.ref);
	if (!file || !mayOpenFile(serviceContext(event), apiCaller(event), params.ref, 'work.file'))
		error(404, { message: translate(locals.locale, 'work.fileNotFound'), code: 'NOT_FOUND' });
	const name = (url.searchParams.get('name') ?? params.ref).slice(0, 255);
	return new Response(new Uint8Array(file.bytes), {
		headers: {
			'content-type': file.type,
			'content-length': String(file.bytes.length),
			'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(name)}`,
			'x-content-type-options': 'nosniff',
			'cache-control': 'private, max-age=3600'
		}
	});
};
