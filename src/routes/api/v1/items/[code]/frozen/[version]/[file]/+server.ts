import { json } from '@sveltejs/kit';
import { EMITTED_FILES } from '$lib/compiler/types';
import { AppError } from '$lib/domain/errors';
import { getApp } from '$lib/server/app';
import { cachedBody, IMMUTABLE } from '$lib/server/http/cache';
import { SYSTEM_ACTOR } from '$lib/server/services/context';
import { frozenFile } from '$lib/server/services/freeze-service';
import type { RequestHandler } from './$types';

const TYPES: Record<string, string> = {
	'definition.json': 'application/json; charset=utf-8',
	'manifest.json': 'application/json; charset=utf-8',
	'form.schema.json': 'application/schema+json; charset=utf-8',
	'types.ts': 'text/plain; charset=utf-8'
};

/**
 * GET /api/v1/items/{code}/frozen/{version}/{file}: a file of a frozen item version
 * (definition.json, manifest.json, form.schema.json, types.ts), after the same checks the case
 * runner makes, so anyone can verify which approved version a case ran on.
 */
export const GET: RequestHandler = async ({ params, getClientAddress, request }) => {
	const version = Number(params.version.replace(/^v/, ''));
	if (!(EMITTED_FILES as readonly string[]).includes(params.file) || !Number.isInteger(version))
		return json({ error: { code: 'NOT_FOUND', message: '没有这个文件' } }, { status: 404 });
	const { db, clock, frozenRoot } = getApp();
	try {
		const body = frozenFile(
			{ db, clock, actor: SYSTEM_ACTOR, ip: getClientAddress() },
			frozenRoot,
			params.code,
			version,
			params.file
		);
		if (body === undefined) throw new AppError('FROZEN_VERSION_NOT_FOUND');
		// A frozen version never changes at this URL (a changed file is refused above).
		return cachedBody(request, body, {
			contentType: TYPES[params.file]!,
			cacheControl: IMMUTABLE,
			compress: true,
			headers: {
				'content-disposition': `attachment; filename="${params.code}-v${version}-${params.file}"`
			}
		});
	} catch (err) {
		if (err instanceof AppError && err.code === 'FROZEN_VERSION_NOT_FOUND')
			return json(
				{ error: { code: 'NOT_FOUND', message: '没有该事项的这个固化版本' } },
				{ status: 404 }
			);
		if (err instanceof AppError && err.code === 'DEFINITION_TAMPERED')
			return json(
				{
					error: {
						code: 'DEFINITION_TAMPERED',
						message: '该固化版本的文件与批准时记录的不一致，已拒绝提供并记入审计日志'
					}
				},
				{ status: 409 }
			);
		throw err;
	}
};
