/**
 * Helpers of the JSON API (src/routes/api/v1): one error shape `{ error: { code, message, field? } }`,
 * with `errors: [{ field, code, message }]` when several inputs are at fault (422).
 */
import { json, type RequestEvent } from '@sveltejs/kit';
import { AppError } from '../domain/errors';
import { hasMessage, translate, type MessageKey, type Params } from '../i18n';

export interface FieldProblem {
	field: string;
	code: string;
	message: string;
}

export function apiError(
	status: number,
	code: string,
	message: string,
	extra: { field?: string; errors?: FieldProblem[]; params?: Params } = {}
): Response {
	const { errors, ...rest } = extra;
	return json({ error: { code, message, ...rest }, ...(errors ? { errors } : {}) }, { status });
}

/** The message of a stable error code (`error.<code>` in the catalogue), or the code itself. */
export function messageOf(event: RequestEvent, code: string, params: Params = {}): string {
	const key = `error.${code}`;
	return hasMessage(key) ? translate(event.locals.locale, key as MessageKey, params) : code;
}

/** An AppError as JSON with the given status. */
export function appErrorResponse(event: RequestEvent, err: AppError, status: number): Response {
	return apiError(status, err.code, messageOf(event, err.code, err.params), {
		...(err.field ? { field: err.field } : {}),
		...(Object.keys(err.params).length ? { params: err.params } : {})
	});
}

/** The request body as a JSON object, or a 400 response when it is not one. */
export async function readJsonObject(
	event: RequestEvent
): Promise<Record<string, unknown> | Response> {
	let body: unknown;
	try {
		body = await event.request.json();
	} catch {
		body = undefined;
	}
	if (!body || typeof body !== 'object' || Array.isArray(body))
		return apiError(
			400,
			'BAD_REQUEST',
			translate(event.locals.locale, 'integration.error.BAD_REQUEST')
		);
	return body as Record<string, unknown>;
}
