import { fail, type RequestEvent } from '@sveltejs/kit';
import { AppError } from '$lib/domain/errors';
import type { CaseState } from '$lib/engine/types';
import { hasMessage, translate, type MessageKey } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import { lockedFor, recordFailure } from '$lib/server/auth/throttle';
import { waitMinutes } from '$lib/server/public-limits';
import { ANONYMOUS_ACTOR } from '$lib/server/services/context';
import { getCaseByNo, type CaseRow } from '$lib/server/repositories/case-repository';
import {
	applyEvent,
	findCaseForApplicant,
	trackingView
} from '$lib/server/services/runner-service';
import {
	canEvaluate,
	evaluateCase,
	evaluationOf,
	EVALUATION_COMMENT_MAX
} from '$lib/server/services/evaluation-service';
import { keepFile, MAX_UPLOAD_BYTES, uploadsDirOf } from '$lib/server/uploads/store';
import type { Actions } from './$types';

/**
 * The case for a number and query code, under the same guard as the lookup: failures lock the
 * address and the case number, and a wrong number or code gives one message that does not say
 * which was wrong.
 */
function lookup(event: RequestEvent, data: FormData) {
	const { locals } = event;
	const caseNo = String(data.get('caseNo') ?? '').trim();
	const queryCode = String(data.get('queryCode') ?? '').trim();
	const values = { caseNo, queryCode };
	if (!caseNo)
		return fail(400, {
			values,
			field: 'caseNo',
			message: translate(locals.locale, 'track.caseNoRequired')
		});
	if (!queryCode)
		return fail(400, {
			values,
			field: 'queryCode',
			message: translate(locals.locale, 'track.queryCodeRequired')
		});
	const { db, clock } = getApp();
	const keys = [`track-ip:${event.getClientAddress()}`, `track-case:${caseNo}`];
	const now = clock.now().getTime();
	const wait = lockedFor(db, keys, now);
	if (wait > 0)
		return fail(429, {
			values,
			field: 'queryCode',
			message: translate(locals.locale, 'track.tooMany', { seconds: Math.ceil(wait / 1000) })
		});
	const row = findCaseForApplicant(db, caseNo, queryCode);
	if (!row) {
		recordFailure(db, keys, now);
		return fail(404, {
			values,
			field: 'caseNo',
			message: translate(locals.locale, 'track.notFound')
		});
	}
	return { row, caseNo, queryCode };
}

/**
 * The page for a case the lookup found: `row` as read by it, or, after an event, read again by
 * number (the query code was checked once already).
 */
function found(
	event: RequestEvent,
	row: CaseRow | undefined,
	caseNo: string,
	queryCode: string,
	extra: object = {}
) {
	const { db, clock, frozenRoot } = getApp();
	const current = row ?? getCaseByNo(db, caseNo)!;
	const ctx = { db, clock, actor: ANONYMOUS_ACTOR, ip: event.getClientAddress() };
	const view = trackingView(ctx, frozenRoot, current);
	const evaluation = evaluationOf(db, current.id, current.case_no) ?? null;
	const evaluable = !evaluation && canEvaluate(current.status);
	// The query code goes back only while a form needs it again: the materials awaited (补正
	// upload) or the evaluation of a finished case.
	return {
		values: { caseNo, queryCode: '' },
		view,
		evaluation,
		evaluable,
		commentMax: EVALUATION_COMMENT_MAX,
		...(view.supplement || evaluable ? { key: queryCode } : {}),
		...extra
	};
}

/**
 * 外网反馈: the applicant looks up a case with its number and query code (a POST, so the code
 * stays out of addresses, logs and history) and, while the case waits for 补正, sends the
 * missing materials from here: each listed material needs a file; the clock runs again on receipt.
 */
export const actions: Actions = {
	lookup: async (event) => {
		const data = await event.request.formData();
		const hit = lookup(event, data);
		if (!('row' in hit)) return hit;
		return found(event, hit.row, hit.caseNo, hit.queryCode);
	},
	supplement: async (event) => {
		const { locals } = event;
		const data = await event.request.formData();
		const hit = lookup(event, data);
		if (!('row' in hit)) return hit;
		const { caseNo, queryCode } = hit;
		const refuse = (message: string, field: string | null) => ({
			...found(event, hit.row, caseNo, queryCode),
			supplementError: { message, field }
		});
		const state = JSON.parse(hit.row.state) as CaseState;
		const waiting = state.supplements.filter((s) => s.receivedAt === null).at(-1);
		if (state.status !== 'supplement' || !waiting)
			return fail(409, refuse(translate(locals.locale, 'track.supplementNotWaiting'), null));
		const { limits } = getApp();
		const ip = event.getClientAddress();
		const wait = await limits.wait('supplements', ip);
		if (wait > 0)
			return fail(
				429,
				refuse(
					translate(locals.locale, 'track.supplementRateLimited', {
						limit: limits.limitOf('supplements'),
						minutes: waitMinutes(wait)
					}),
					null
				)
			);
		const dir = uploadsDirOf(getApp().dbPath);
		const files: { ref: string; name: string; material: string }[] = [];
		for (const [i, material] of waiting.materials.entries()) {
			const chosen = data
				.getAll(`file-${i}`)
				.filter((f): f is File => f instanceof File && f.size > 0);
			if (!chosen.length)
				return fail(
					400,
					refuse(translate(locals.locale, 'track.supplementMissing', { material }), `file-${i}`)
				);
			for (const f of chosen) {
				const kept = await keepFile(dir, f);
				if (!kept.ok)
					return fail(
						400,
						refuse(
							translate(locals.locale, 'track.supplementFileRefused', {
								material,
								reason: translate(locals.locale, `upload.error.${kept.code}`, {
									max: MAX_UPLOAD_BYTES / 1024 / 1024
								})
							}),
							`file-${i}`
						)
					);
				files.push({ ref: kept.ref, name: kept.name, material });
			}
		}
		const { db, clock, frozenRoot } = getApp();
		const ctx = { db, clock, actor: ANONYMOUS_ACTOR, ip: event.getClientAddress() };
		try {
			applyEvent(
				ctx,
				frozenRoot,
				caseNo,
				{ type: 'supplement_received', materials: [...waiting.materials], files },
				{ asApplicant: true, expectedVersion: hit.row.version }
			);
		} catch (err) {
			// Someone else's change came first (or the case moved on): say so and show it as it is.
			if (!(err instanceof AppError)) throw err;
			return fail(409, refuse(translate(locals.locale, 'track.supplementNotWaiting'), null));
		}
		await limits.taken('supplements', ip);
		return found(event, undefined, caseNo, queryCode, { supplied: true });
	},
	/**
	 * 公众评议: the applicant rates a finished case once, with its number and query code checked
	 * again under the lookup's guard. A refusal shows the case with the message and what was typed.
	 */
	evaluate: async (event) => {
		const { locals } = event;
		const data = await event.request.formData();
		const hit = lookup(event, data);
		if (!('row' in hit)) return hit;
		const { caseNo, queryCode } = hit;
		const level = String(data.get('level') ?? '');
		const comment = String(data.get('comment') ?? '');
		const { limits } = getApp();
		const ip = event.getClientAddress();
		const wait = await limits.wait('evaluations', ip);
		if (wait > 0)
			return fail(429, {
				...found(event, hit.row, caseNo, queryCode),
				evaluationError: {
					message: translate(locals.locale, 'eval.rateLimited', {
						limit: limits.limitOf('evaluations'),
						minutes: waitMinutes(wait)
					}),
					field: null
				},
				evaluationValues: { level, comment }
			});
		try {
			const { db, clock } = getApp();
			const ctx = { db, clock, actor: ANONYMOUS_ACTOR, ip: event.getClientAddress() };
			evaluateCase(ctx, { caseNo, queryCode, level, comment });
		} catch (err) {
			if (!(err instanceof AppError)) throw err;
			const field = err.field ?? null;
			const label = field ? translate(locals.locale, `eval.field.${field}` as MessageKey) : '';
			const key = `error.${err.code}`;
			const message = hasMessage(key)
				? translate(locals.locale, key, { field: label, ...err.params })
				: err.code;
			return fail(
				err.code === 'EVALUATION_DONE' || err.code === 'EVALUATION_NOT_FINAL' ? 409 : 400,
				{
					...found(event, undefined, caseNo, queryCode),
					evaluationError: { message, field },
					evaluationValues: { level, comment }
				}
			);
		}
		await limits.taken('evaluations', ip);
		return found(event, undefined, caseNo, queryCode, { evaluated: true });
	}
};
