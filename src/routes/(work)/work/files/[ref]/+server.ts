import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import { readUpload, uploadsDirOf } from '$lib/server/uploads/store';
import type { RequestHandler } from './$types';

/**
 * GET /work/files/<ref>?name=<file name>: a stored file (an application's upload, a handler's
 * attachment, a 补正 material) for staff. Files are named by the SHA-256 of their content, so a
 * ref is known only to those who saw the case. Served with the type told by its first bytes.
 */
export const GET: RequestHandler = ({ params, url, locals }) => {
	const file = readUpload(uploadsDirOf(getApp().dbPath), params.ref);
	if (!file)
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
