import { json } from '@sveltejs/kit';
import type { FlowDocument } from '$lib/domain/flow/types';
import { getApp } from '$lib/server/app';
import { flowToBpmn } from '$lib/server/bpmn/export';
import { cachedBody, REVALIDATE } from '$lib/server/http/cache';
import { listDepartments } from '$lib/server/repositories/org-repository';
import { publishedDesign } from '$lib/server/services/design-service';
import type { RequestHandler } from './$types';

/** GET /api/v1/items/{code}/flow.bpmn: the BPMN 2.0 XML of the item's published flowchart. */
export const GET: RequestHandler = async ({ params, request }) => {
	const flow = publishedDesign<FlowDocument>({ db: getApp().db }, params.code, 'flow');
	if (!flow)
		return json(
			{ error: { code: 'NOT_FOUND', message: '没有该事项，或该事项尚未公布流程图' } },
			{ status: 404 }
		);
	const names = new Map(
		listDepartments(getApp().db, { includeDisabled: true }).map((d) => [d.code, d.name])
	);
	const xml = await flowToBpmn(flow.document, { departmentName: (c) => names.get(c) ?? c });
	return cachedBody(request, xml, {
		contentType: 'application/xml; charset=utf-8',
		cacheControl: REVALIDATE,
		compress: true,
		headers: {
			'content-disposition': `attachment; filename="${params.code}.bpmn"`
		}
	});
};
