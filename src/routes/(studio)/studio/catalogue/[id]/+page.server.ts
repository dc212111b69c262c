import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { chinaDate } from '$lib/domain/dates';
import { normalizeContent } from '$lib/domain/catalogue/normalize';
import { EDITABLE_STATUSES } from '$lib/domain/catalogue/review';
import { validateContent } from '$lib/domain/catalogue/validate';
import { translate } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import * as repo from '$lib/server/repositories/catalogue-repository';
import { getDepartment, listPosts } from '$lib/server/repositories/org-repository';
import { failFromError, formText, parseId, serviceContext } from '$lib/server/request';
import {
	ContentInvalidError,
	duplicateEntry,
	recordBasisChange,
	requestRetirement,
	saveDraft,
	startRevision,
	submit,
	withdraw
} from '$lib/server/services/catalogue-service';
import { studioEntry } from '$lib/server/services/design-page';
import { bundleOf } from '$lib/server/services/freeze-service';
import { commentLabel } from '$lib/editor/review-comments';
import { CATALOGUE_LABELS } from '../labels';
import type { Actions, PageServerLoad } from './$types';

/** One entry in the studio: its working version (editable while draft or returned), history, deadlines. */
export const load: PageServerLoad = ({ params, locals }) => {
	const { db, clock } = getApp();
	const { entry, mine } = studioEntry({ params, locals });
	const open = repo.getOpenVersion(db, entry.id);
	const published = entry.published_version
		? repo.getVersion(db, entry.id, entry.published_version)
		: undefined;
	const shown = open ?? published ?? repo.latestVersion(db, entry.id)!;
	const content = normalizeContent(JSON.parse(shown.content), entry.category);
	const comments = open ? repo.listComments(db, open.id) : [];
	const lastRound = comments.reduce((m, c) => Math.max(m, c.round), 0);
	const byField: Record<string, string[]> = {};
	for (const c of comments.filter((c) => c.round === lastRound))
		(byField[c.field] ??= []).push(c.body);
	// Comments on flowchart steps and form fields name them as in the bundle that was returned.
	const bundle = open && open.kind === 'declare' ? bundleOf(db, entry, open) : null;
	const commentLabels = Object.fromEntries(
		Object.keys(byField).map((f) => [
			f,
			commentLabel(f, bundle?.source.flow ?? null, bundle?.source.form ?? null, (k, p) =>
				translate(locals.locale, k, p)
			)
		])
	);
	return {
		entry: {
			id: entry.id,
			code: entry.code,
			category: entry.category,
			department: getDepartment(db, entry.department_id)?.name ?? '',
			publishedVersion: entry.published_version,
			retired: !!entry.retired_at,
			retireReason: entry.retire_reason,
			basisChangedOn: entry.basis_changed_on,
			basisChangeCause: entry.basis_change_cause,
			redeclareDue: entry.redeclare_due
		},
		open: open
			? {
					version: open.version,
					status: open.status,
					kind: open.kind,
					reviewDue: open.review_due,
					retireReason: open.retire_reason
				}
			: null,
		editable: mine && !!open && EDITABLE_STATUSES.includes(open.status),
		mine,
		content,
		issues: validateContent(content),
		comments: byField,
		commentLabels,
		commentRound: lastRound,
		posts: [
			...new Set(
				listPosts(db)
					.filter((p) => p.department_id === entry.department_id)
					.map((p) => p.name)
			)
		],
		versions: repo.listVersions(db, entry.id).map((v) => ({
			version: v.version,
			kind: v.kind,
			status: v.status,
			updatedAt: v.updated_at,
			submittedAt: v.submitted_at,
			publishedAt: v.published_at
		})),
		today: chinaDate(clock.now())
	};
};

async function contentOf(event: RequestEvent): Promise<unknown> {
	const raw = (await event.request.formData()).get('content');
	try {
		return JSON.parse(typeof raw === 'string' ? raw : '{}');
	} catch {
		return {};
	}
}

function idOf(event: RequestEvent): number {
	return parseId(event.params.id);
}

export const actions: Actions = {
	/** Autosave and the explicit save button: saves whatever was typed and reports what is left to fix. */
	save: async (event) => {
		const content = await contentOf(event);
		try {
			const { issues } = saveDraft(serviceContext(event), idOf(event), content);
			return { saved: new Date().toISOString(), issues };
		} catch (err) {
			return failFromError(event, err, CATALOGUE_LABELS);
		}
	},
	/** Saves, then submits; a content problem comes back as field issues with nothing lost. */
	submit: async (event) => {
		const content = await contentOf(event);
		const ctx = serviceContext(event);
		try {
			saveDraft(ctx, idOf(event), content);
			const r = submit(ctx, idOf(event));
			return { submitted: r.reviewDue, missingYears: r.missingYears };
		} catch (err) {
			if (err instanceof ContentInvalidError)
				return fail(400, {
					message: translate(event.locals.locale, 'error.CONTENT_INVALID', {
						count: err.issues.length
					}),
					issues: err.issues
				});
			return failFromError(event, err, CATALOGUE_LABELS);
		}
	},
	withdraw: (event) => {
		try {
			withdraw(serviceContext(event), idOf(event));
			return { withdrawn: true };
		} catch (err) {
			return failFromError(event, err, CATALOGUE_LABELS);
		}
	},
	revise: (event) => {
		try {
			return { revised: startRevision(serviceContext(event), idOf(event)) };
		} catch (err) {
			return failFromError(event, err, CATALOGUE_LABELS);
		}
	},
	retire: async (event) => {
		const values = formText(await event.request.formData(), 'reason');
		try {
			return {
				retireDue: requestRetirement(serviceContext(event), idOf(event), values.reason).reviewDue
			};
		} catch (err) {
			return failFromError(event, err, CATALOGUE_LABELS, values, 'retire');
		}
	},
	basisChange: async (event) => {
		const values = formText(await event.request.formData(), 'on', 'cause');
		try {
			const r = recordBasisChange(serviceContext(event), idOf(event), values);
			return { redeclareDue: r.date, missingYears: r.missingYears };
		} catch (err) {
			return failFromError(event, err, CATALOGUE_LABELS, values, 'basisChange');
		}
	},
	duplicate: (event) => {
		let entryId: number;
		try {
			({ entryId } = duplicateEntry(serviceContext(event), idOf(event)));
		} catch (err) {
			return failFromError(event, err, CATALOGUE_LABELS);
		}
		redirect(303, `/studio/catalogue/${entryId}?created=1`);
	}
};
