import { error, fail, redirect } from '@sveltejs/kit';
import { chinaDate } from '$lib/domain/dates';
import { normalizeContent } from '$lib/domain/catalogue/normalize';
import { TOP_FIELDS } from '$lib/editor/catalogue-fields';
import { translate } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import * as repo from '$lib/server/repositories/catalogue-repository';
import { getDepartment } from '$lib/server/repositories/org-repository';
import { failFromError, parseId, serviceContext } from '$lib/server/request';
import { approveItemVersion, returnForChanges } from '$lib/server/services/catalogue-service';
import { BundleHasErrorsError, reviewBundle } from '$lib/server/services/freeze-service';
import { orgNames } from '$lib/server/services/org-names';
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
		bundle: open ? (reviewBundle(db, entry.id, locals.locale) ?? null) : null,
		names: orgNames(db),
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
		// Comments on flowchart steps and form fields: pairs of a target select and a text.
		for (const kind of ['flow', 'form'] as const) {
			const targets = data.getAll(`${kind}Target`).map(String);
			data.getAll(`${kind}Note`).forEach((note, i) => {
				const target = targets[i] ?? '';
				values[`${kind}Target.${i}`] = target;
				values[`${kind}Note.${i}`] = String(note);
				if (String(note).trim())
					comments.push({ field: target ? `${kind}:${target}` : kind, body: String(note) });
			});
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
			if (err instanceof BundleHasErrorsError)
				return fail(400, {
					message: translate(event.locals.locale, 'error.BUNDLE_HAS_ERRORS', err.params)
				});
			return failFromError(event, err, CATALOGUE_LABELS);
		}
		redirect(
			303,
			`/studio?approved=${encodeURIComponent(repo.getEntry(getApp().db, parseId(event.params.id))!.code)}`
		);
	}
};
