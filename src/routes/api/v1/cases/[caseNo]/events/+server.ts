import { json } from '@sveltejs/kit';
import { AppError } from '$lib/domain/errors';
import { translate } from '$lib/i18n';
import { apiError, appErrorResponse, messageOf, readJsonObject } from '$lib/server/api';
import { getApp } from '$lib/server/app';
import { apiCaller, tokenEngineActor } from '$lib/server/auth/api-token';
import { serviceContext } from '$lib/server/request';
import { hasUpload, uploadsDirOf } from '$lib/server/uploads/store';
import { caseForEvents, eventFromJson } from '$lib/server/services/case-api';
import { applyEvent, EventRefusedError } from '$lib/server/services/runner-service';
import type { RequestHandler } from './$types';

/**
 * POST /api/v1/cases/{caseNo}/events: one officer action (accept, refuse, claim, release,
 * complete, request_supplement, special_start, special_end, extend) through the runner's
 * `applyEvent`, as the signed-in officer or as a department's API token (its department's
 * posts; one person per department for the second-person rule, see api-token.ts). A case the
 * caller's department takes no part in is 404, like one that does not exist.
 * `expectedVersion` is required: 409 CASE_STALE when someone acted first; 422 with the engine's
 * stable code when the engine refuses; nothing changes in either case.
 */
export const POST: RequestHandler = async (event) => {
	const body = await readJsonObject(event);
	if (body instanceof Response) return body;
	const { db, frozenRoot } = getApp();
	const caller = apiCaller(event);
	const found = caseForEvents(serviceContext(event), event.params.caseNo, caller);
	if (found === 'not_found')
		return apiError(404, 'CASE_NOT_FOUND', messageOf(event, 'CASE_NOT_FOUND'));
	if (found === 'recorded')
		return apiError(
			422,
			'CASE_RECORDED',
			translate(event.locals.locale, 'integration.error.CASE_RECORDED')
		);
	const parsed = eventFromJson(body);
	if ('problem' in parsed)
		return apiError(
			422,
			parsed.problem.code,
			translate(event.locals.locale, parsed.problem.message, parsed.problem.params),
			{ field: parsed.problem.field }
		);
	// Attachments must name files already stored through POST /api/v1/uploads.
	const dir = uploadsDirOf(getApp().dbPath);
	const files = parsed.event.type === 'complete' ? (parsed.event.attachments ?? []) : [];
	if (files.some((f) => !hasUpload(dir, (f as { ref?: unknown } | null)?.ref)))
		return apiError(
			422,
			'UPLOAD_MISSING',
			translate(event.locals.locale, 'integration.error.ATTACHMENT_MISSING'),
			{ field: 'attachments' }
		);
	try {
		const out = applyEvent(serviceContext(event), frozenRoot, found.case_no, parsed.event, {
			expectedVersion: parsed.expectedVersion,
			...(caller.kind === 'token' ? { actor: tokenEngineActor(db, caller.token) } : {})
		});
		return json({
			caseNo: found.case_no,
			version: out.version,
			status: out.state.status,
			tasks: out.state.tasks
				.filter((t) => t.status === 'open' || t.status === 'claimed')
				.map((t) => ({
					id: t.id,
					node: t.node,
					status: t.status,
					post: t.post,
					claimedBy: t.claimedBy?.name ?? null,
					due: t.due
				})),
			timeline: out.state.timeline
		});
	} catch (err) {
		if (err instanceof EventRefusedError) return appErrorResponse(event, err, 422);
		if (err instanceof AppError)
			return appErrorResponse(event, err, err.code === 'CASE_STALE' ? 409 : 422);
		throw err;
	}
};
