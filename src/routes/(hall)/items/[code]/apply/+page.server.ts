import { error, fail, redirect } from '@sveltejs/kit';
import { AppError } from '$lib/domain/errors';
import { translate } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import { waitMinutes } from '$lib/server/public-limits';
import { serviceContext } from '$lib/server/request';
import {
	answersFromFields,
	intakeItem,
	keptAnswers,
	RECEIPT_COOKIE,
	submitIntake
} from '$lib/server/services/intake-service';
import { ApplicationInvalidError } from '$lib/server/services/runner-service';
import { uploadsDirOf } from '$lib/server/uploads/store';
import { emptyForm } from '$lib/domain/form/types';
import type { Actions, PageServerLoad } from './$types';

/** The DOM id prefix of the renderer's controls (and the names they post without JavaScript). */
const ID_PREFIX = 'intake';

/** 在线申请: the item's current frozen version, its pinned form and the frozen schema. */
export const load: PageServerLoad = ({ params, locals }) => {
	const item = intakeItem(getApp().db, params.code);
	if (!item)
		error(404, { message: translate(locals.locale, 'catalogue.notFound'), code: 'NOT_FOUND' });
	return { item, idPrefix: ID_PREFIX };
};

export const actions: Actions = {
	/**
	 * Submits the application: with JavaScript the renderer's answers come as JSON (`answers`),
	 * without it as ordinary fields named by their DOM ids. Invalid: 400 with every error and
	 * everything typed. Valid: the query code goes into a short-lived HTTP-only cookie scoped to
	 * the receipt's path (never stored in clear), and a 303 to the receipt.
	 */
	default: async (event) => {
		const { params, locals, cookies, url } = event;
		const app = getApp();
		const item = intakeItem(app.db, params.code);
		if (!item)
			return fail(404, { message: translate(locals.locale, 'catalogue.notFound'), errors: [] });
		let data: FormData;
		try {
			data = await event.request.formData();
		} catch {
			return fail(400, {
				message: translate(locals.locale, 'intake.error.BAD_REQUEST'),
				errors: []
			});
		}
		const text = (name: string) => {
			const v = data.get(name);
			return typeof v === 'string' ? v : '';
		};
		const applicantName = text('applicantName');
		const applicantId = text('applicantId');
		let answers: Record<string, unknown>;
		const json = data.get('answers');
		if (typeof json === 'string') {
			try {
				const parsed: unknown = JSON.parse(json);
				answers =
					parsed && typeof parsed === 'object' && !Array.isArray(parsed)
						? (parsed as Record<string, unknown>)
						: {};
			} catch {
				answers = {};
			}
		} else answers = answersFromFields(item.form ?? emptyForm(item.code, ''), data, ID_PREFIX);
		const kept = { answers: keptAnswers(answers), applicantName, applicantId };
		const ip = event.getClientAddress();
		const wait = await app.limits.applicationWait(ip);
		if (wait > 0)
			return fail(429, {
				...kept,
				errors: [],
				message: translate(locals.locale, 'intake.error.RATE_LIMITED', {
					limit: app.limits.settings.applicationsPerHour,
					minutes: waitMinutes(wait)
				})
			});
		let receipt: { caseNo: string; queryCode: string };
		try {
			receipt = submitIntake(serviceContext(event), app.frozenRoot, uploadsDirOf(app.dbPath), {
				code: params.code,
				data: answers,
				applicant: { name: applicantName, idNumber: applicantId }
			});
		} catch (e) {
			if (e instanceof ApplicationInvalidError)
				return fail(400, { ...kept, errors: e.errors, message: null });
			if (e instanceof AppError)
				return fail(400, {
					...kept,
					errors: [],
					message: translate(
						locals.locale,
						e.code === 'ITEM_NOT_ONLINE'
							? 'intake.error.ITEM_NOT_ONLINE'
							: 'intake.error.ITEM_NOT_RUNNABLE'
					)
				});
			throw e;
		}
		await app.limits.applicationTaken(ip);
		const path = `/items/${encodeURIComponent(params.code)}/receipt/${receipt.caseNo}`;
		cookies.set(RECEIPT_COOKIE, `${receipt.caseNo}.${receipt.queryCode}`, {
			path,
			httpOnly: true,
			sameSite: 'lax',
			secure: url.protocol === 'https:',
			maxAge: 10 * 60
		});
		redirect(303, path);
	}
};
