import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { AppError } from '$lib/domain/errors';
import { hasMessage, translate, type MessageKey } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import { serviceContext } from '$lib/server/request';
import { applyEvent, officerCaseView, type RunnerEvent } from '$lib/server/services/runner-service';
import type { Actions, PageServerLoad } from './$types';

/** One case on the officers' workbench: its data, progress and the work open at the user's posts. */
export const load: PageServerLoad = (event) => {
	const view = officerCaseView(serviceContext(event), getApp().frozenRoot, event.params.caseNo);
	if (!view)
		error(404, {
			message: translate(event.locals.locale, 'error.CASE_NOT_FOUND'),
			code: 'NOT_FOUND'
		});
	return {
		caseNo: view.row.case_no,
		version: view.row.version,
		itemName: view.itemName,
		itemCode: view.row.item_code,
		itemVersion: view.row.item_version,
		applicant: { name: view.row.applicant_name, id: view.row.applicant_id },
		status: view.state.status,
		data: view.state.data,
		labels: view.labels,
		clock: {
			promisedDue: view.state.clock.promisedDue,
			statutoryDue: view.state.clock.statutoryDue
		},
		startName: view.startName,
		canAccept: view.canAccept,
		acceptOutcomes: view.acceptOutcomes,
		tasks: view.tasks,
		timeline: view.state.timeline,
		supplements: view.state.supplements
	};
};

const lines = (v: FormDataEntryValue | null) =>
	String(v ?? '')
		.split('\n')
		.map((s) => s.trim())
		.filter(Boolean);

/** Runs one event from a form: the version the officer saw must still be the case's. */
async function act(event: RequestEvent, build: (data: FormData) => RunnerEvent) {
	const data = await event.request.formData();
	const values = Object.fromEntries(
		[...data.entries()].filter(([, v]) => typeof v === 'string') as [string, string][]
	);
	try {
		applyEvent(serviceContext(event), getApp().frozenRoot, event.params.caseNo!, build(data), {
			expectedVersion: Number(data.get('version'))
		});
	} catch (err) {
		if (!(err instanceof AppError)) throw err;
		const key = `error.${err.code}`;
		return fail(err.code === 'CASE_STALE' ? 409 : 400, {
			task: String(data.get('task') ?? ''),
			code: err.code,
			message: hasMessage(key)
				? translate(event.locals.locale, key as MessageKey, err.params)
				: err.code,
			values
		});
	}
	return { done: String(data.get('task') ?? 'accept') };
}

const text = (d: FormData, k: string) => String(d.get(k) ?? '').trim();

export const actions: Actions = {
	accept: (e) =>
		act(e, (d) => ({
			type: 'accept',
			opinion: text(d, 'opinion'),
			...(text(d, 'outcome') ? { outcome: text(d, 'outcome') } : {})
		})),
	refuse: (e) => act(e, (d) => ({ type: 'refuse', reason: text(d, 'reason') })),
	claim: (e) => act(e, (d) => ({ type: 'claim', task: text(d, 'task') })),
	release: (e) => act(e, (d) => ({ type: 'release', task: text(d, 'task') })),
	complete: (e) =>
		act(e, (d) => ({
			type: 'complete',
			task: text(d, 'task'),
			opinion: text(d, 'opinion'),
			...(text(d, 'outcome') ? { outcome: text(d, 'outcome') } : {})
		})),
	supplement: (e) =>
		act(e, (d) => ({
			type: 'request_supplement',
			task: text(d, 'task'),
			materials: lines(d.get('materials')),
			reason: text(d, 'reason')
		}))
};
