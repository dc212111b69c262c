import { error, redirect } from '@sveltejs/kit';
import { chinaDate } from '$lib/domain/dates';
import { normalizeContent } from '$lib/domain/catalogue/normalize';
import { TOP_FIELDS } from '$lib/editor/catalogue-fields';
import { translate } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import * as repo from '$lib/server/repositories/catalogue-repository';
import { getDepartment } from '$lib/server/repositories/org-repository';
import { failFromError, parseId, serviceContext } from '$lib/server/request';
import { approveItemVersion, returnForChanges } from '$lib/server/services/catalogue-service';
import { CATALOGUE_LABELS } from '../../catalogue/labels';
import type { Actions, PageServerLoad } from './$types';

/** The legal office's review of one submission: the submitted content beside the published one. */
export const load: PageServerLoad = ({ params, locals }) => {
	const { db, clock } = getApp();
	const entry = repo.getEntry(db, parseId(params.id));
	if (!entry)
		error(404, { message: translate(locals.locale, 'error.ENTRY_NOT_FOUND'), code: 'NOT_FOUND' });
	const open = repo.getOpenVersion(db, entry.id);
	const published = entry.published_version
		? repo.getVersion(db, entry.id, entry.published_version)
		: undefined;
	const earlier = open ? repo.listComments(db, open.id) : [];
	return {
		entry: {
			id: entry.id,
			code: entry.code,
			category: entry.category,
			department: getDepartment(db, entry.department_id)?.name ?? ''
		},
		open: open
			? {
					version: open.version,
					kind: open.kind,
					status: open.status,
					reviewDue: open.review_due,
					submittedAt: open.submitted_at,
					retireReason: open.retire_reason,
					content: normalizeContent(JSON.parse(open.content), entry.category)
				}
			: null,
		published: published
			? {
					version: published.version,
					content: normalizeContent(JSON.parse(published.content), entry.category)
				}
			: null,
		earlierComments: earlier.map((c) => ({
			round: c.round,
			field: c.field,
			body: c.body,
			author: c.author
		})),
		fields: TOP_FIELDS,
		today: chinaDate(clock.now())
	};
};

export const actions: Actions = {
	/** Returns with the comments written beside each element (`comment:<field>`), at least one. */
	return: async (event) => {
		const data = await event.request.formData();
		const comments: { field: string; body: string }[] = [];
		const values: Record<string, string> = {};
		for (const [key, value] of data.entries()) {
			if (!key.startsWith('comment:') || typeof value !== 'string') continue;
			values[key] = value;
			comments.push({ field: key.slice('comment:'.length), body: value });
		}
		try {
			returnForChanges(serviceContext(event), parseId(event.params.id), comments);
		} catch (err) {
			return failFromError(event, err, CATALOGUE_LABELS, values);
		}
		redirect(
			303,
			`/studio?returned=${encodeURIComponent(repo.getEntry(getApp().db, parseId(event.params.id))!.code)}`
		);
	},
	approve: async (event) => {
		try {
			await approveItemVersion(
				serviceContext(event),
				parseId(event.params.id),
				getApp().frozenRoot
			);
		} catch (err) {
			return failFromError(event, err, CATALOGUE_LABELS);
		}
		redirect(
			303,
			`/studio?approved=${encodeURIComponent(repo.getEntry(getApp().db, parseId(event.params.id))!.code)}`
		);
	}
};
