import { AppError } from '$lib/domain/errors';
import { appErrorResponse } from '$lib/server/api';
import { getApp } from '$lib/server/app';
import { getRegion } from '$lib/server/repositories/org-repository';
import { feedLines, feedParams, toNdjson } from '$lib/server/services/feed-service';
import type { RequestHandler } from './$types';

/**
 * GET /api/v1/feed?after=<seq>&limit=<n>: the key process events after `after`, in order, as
 * application/x-ndjson (docs/feed.md). `Sunlit-Feed-Last` names the last seq returned (the
 * `after` of the next request; equal to `after` when nothing is new and the body is empty). For
 * feed tokens (an upstream hall) and supervisors.
 */
export const GET: RequestHandler = (event) => {
	const { db } = getApp();
	let params: { after: number; limit: number };
	try {
		params = feedParams(event.url.searchParams);
	} catch (err) {
		if (err instanceof AppError) return appErrorResponse(event, err, 400);
		throw err;
	}
	const lines = feedLines(db, params.after, params.limit);
	return new Response(toNdjson(lines), {
		headers: {
			'content-type': 'application/x-ndjson; charset=utf-8',
			'cache-control': 'no-store',
			'sunlit-feed-last': String(lines.at(-1)?.seq ?? params.after),
			'sunlit-feed-count': String(lines.length),
			'sunlit-region': getRegion(db)?.code ?? ''
		}
	});
};
