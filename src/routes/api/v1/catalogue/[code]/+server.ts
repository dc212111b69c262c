import { json } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { cachedBody, REVALIDATE } from '$lib/server/http/cache';
import { publishedEntry } from '$lib/server/services/public-catalogue';
import type { RequestHandler } from './$types';

/** GET /api/v1/catalogue/{code}: one published entry, or 404. */
export const GET: RequestHandler = ({ params, request }) => {
	const entry = publishedEntry(getApp().db, params.code);
	if (!entry)
		return json(
			{ error: { code: 'NOT_FOUND', message: '没有该事项，或尚未公布、已废止' } },
			{ status: 404 }
		);
	return cachedBody(request, JSON.stringify(entry), {
		contentType: 'application/json',
		cacheControl: REVALIDATE,
		compress: true
	});
};
