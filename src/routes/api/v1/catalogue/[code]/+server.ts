import { json } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { publishedEntry } from '$lib/server/services/public-catalogue';
import type { RequestHandler } from './$types';

/** GET /api/v1/catalogue/{code}: one published entry, or 404. */
export const GET: RequestHandler = ({ params }) => {
	const entry = publishedEntry(getApp().db, params.code);
	if (!entry)
		return json(
			{ error: { code: 'NOT_FOUND', message: '没有该事项，或尚未公布、已废止' } },
			{ status: 404 }
		);
	return json(entry);
};
