import { json } from '@sveltejs/kit';
import { safeFileName } from '$lib/domain/visible-text';
import { translate } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import { waitMinutes } from '$lib/server/public-limits';
import {
	isDiskFull,
	MAX_UPLOAD_BYTES,
	sniffType,
	storeUpload,
	uploadsDirOf
} from '$lib/server/uploads/store';
import type { RequestHandler } from './$types';

/** Room for the multipart envelope around the file when the body's length is checked up front. */
const ENVELOPE = 64 * 1024;

/**
 * POST /api/v1/uploads: one file (multipart field `file`) for an application. Public; the file
 * is kept content-addressed and answered with `{ ref, name, size, type }` (201). Refused with
 * `{ error: { code, message, field: 'file' } }`: FILE_MISSING (400), FILE_TOO_LARGE (413),
 * FILE_TYPE (415, judged by the first bytes), RATE_LIMITED (429 with `Retry-After`, the address's
 * upload megabytes for the hour used up; the refused file is not counted), STORAGE_FULL (507, the
 * server's disk is full; nothing partial is kept).
 */
export const POST: RequestHandler = async ({ request, locals, getClientAddress }) => {
	const refuse = (
		status: number,
		code: 'FILE_MISSING' | 'FILE_TOO_LARGE' | 'FILE_TYPE' | 'RATE_LIMITED' | 'STORAGE_FULL',
		params: Record<string, number> = {},
		headers: Record<string, string> = {}
	) =>
		json(
			{
				error: {
					code,
					message: translate(locals.locale, `upload.error.${code}`, {
						max: MAX_UPLOAD_BYTES / 1024 / 1024,
						...params
					}),
					field: 'file'
				}
			},
			{ status, headers }
		);
	if (Number(request.headers.get('content-length') ?? 0) > MAX_UPLOAD_BYTES + ENVELOPE)
		return refuse(413, 'FILE_TOO_LARGE');
	let data: FormData;
	try {
		data = await request.formData();
	} catch (e) {
		const status = (e as { status?: unknown })?.status;
		return status === 413 ? refuse(413, 'FILE_TOO_LARGE') : refuse(400, 'FILE_MISSING');
	}
	const file = data.get('file');
	if (!(file instanceof File)) return refuse(400, 'FILE_MISSING');
	// Size and type from the bytes received, never from what the client declared.
	const bytes = new Uint8Array(await file.arrayBuffer());
	if (bytes.length === 0) return refuse(400, 'FILE_MISSING');
	if (bytes.length > MAX_UPLOAD_BYTES) return refuse(413, 'FILE_TOO_LARGE');
	const type = sniffType(bytes);
	if (!type) return refuse(415, 'FILE_TYPE');
	const app = getApp();
	const wait = await app.limits.uploadWait(getClientAddress(), bytes.length);
	if (wait > 0)
		return refuse(
			429,
			'RATE_LIMITED',
			{ limit: app.limits.settings.uploadMbPerHour, minutes: waitMinutes(wait) },
			{ 'retry-after': String(Math.ceil(wait / 1000)) }
		);
	let ref: string;
	try {
		ref = storeUpload(uploadsDirOf(app.dbPath), bytes);
	} catch (e) {
		// A full disk: nothing partial is left, and the sender is told to try again later.
		if (isDiskFull(e)) return refuse(507, 'STORAGE_FULL', {}, { 'retry-after': '600' });
		throw e;
	}
	const name = safeFileName(file.name);
	return json({ ref, name, size: bytes.length, type }, { status: 201 });
};
