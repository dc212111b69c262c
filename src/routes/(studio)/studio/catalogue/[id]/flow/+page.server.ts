import { emptyFlow, type FlowDocument } from '$lib/domain/flow/types';
import { emptyForm, type FormDocument } from '$lib/domain/form/types';
import { getApp } from '$lib/server/app';
import { listDepartments, listPosts } from '$lib/server/repositories/org-repository';
import { serviceContext } from '$lib/server/request';
import { designEntry, saveDesignAction } from '$lib/server/services/design-page';
import { loadDesign } from '$lib/server/services/design-service';
import { fail } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { flowToBpmn } from '$lib/server/bpmn/export';
import { importReport } from '$lib/server/bpmn/problems';
import { BPMN_MAX_BYTES, bpmnUpload, fileSize } from '$lib/server/bpmn/upload';
import type { Actions, PageServerLoad } from './$types';

/** The flowchart designer of one item: its latest flow revision, the organisation, the form's fields. */
export const load: PageServerLoad = (event) => {
	const { entry, content } = designEntry(event);
	const ctx = serviceContext(event);
	const flow = loadDesign<FlowDocument>(ctx, entry.id, 'flow');
	const form =
		loadDesign<FormDocument>(ctx, entry.id, 'form').document ?? emptyForm(entry.code, '');
	const departments = listDepartments(getApp().db);
	const byId = new Map(departments.map((d) => [d.id, d.code]));
	return {
		entry: { id: entry.id, code: entry.code, name: content.name },
		promisedDays: Number.isFinite(content.promisedDays) ? content.promisedDays : null,
		/** A larger BPMN file is refused in the page, before it meets the server's body limit. */
		bpmnLimit: { bytes: BPMN_MAX_BYTES, shown: fileSize(BPMN_MAX_BYTES) },
		document: flow.document ?? emptyFlow(entry.code, `${content.name}流程`),
		revision: flow.revision,
		savedAt: flow.savedAt,
		savedBy: flow.savedBy,
		formFields: form.fields.map((f) => ({ id: f.id, label: f.label })),
		departments: departments.map((d) => ({ code: d.code, name: d.name })),
		posts: listPosts(getApp().db).map((p) => ({
			department: byId.get(p.department_id) ?? '',
			code: p.code,
			name: p.name
		}))
	};
};

export const actions: Actions = {
	save: (event) => saveDesignAction(event, 'flow'),
	/** BPMN 2.0 of the working copy (not saved), for download. */
	exportBpmn: async (event) => {
		const { entry } = designEntry(event);
		const raw = (await event.request.formData()).get('document');
		let doc: FlowDocument;
		try {
			doc = JSON.parse(String(raw)) as FlowDocument;
		} catch {
			return fail(400, { message: translate(event.locals.locale, 'designer.importInvalid') });
		}
		if (doc?.format !== 'sunlit.flow' || doc.item !== entry.code)
			return fail(400, { message: translate(event.locals.locale, 'designer.importInvalid') });
		const names = new Map(
			listDepartments(getApp().db, { includeDisabled: true }).map((d) => [d.code, d.name])
		);
		return { xml: await flowToBpmn(doc, { departmentName: (code) => names.get(code) ?? code }) };
	},
	/**
	 * Reads an uploaded BPMN file into a flow for this item; unsupported elements, an empty or too
	 * large file are reported (errors first, with their count in `heading`).
	 */
	importBpmn: async (event) => {
		const { entry } = designEntry(event);
		const file = (await event.request.formData()).get('file');
		if (!(file instanceof File))
			return fail(400, { message: translate(event.locals.locale, 'designer.importInvalid') });
		const { flow, problems } = await bpmnUpload(file, entry.code);
		return { flow, ...importReport(event.locals.locale, problems) };
	}
};
