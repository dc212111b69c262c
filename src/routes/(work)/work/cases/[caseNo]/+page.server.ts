import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { AppError } from '$lib/domain/errors';
import { hasMessage, translate, type MessageKey } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import { apiCaller } from '$lib/server/auth/api-token';
import type { Attachment, PenaltyDecision, SpecialKind } from '$lib/engine/types';
import { getCaseByNo } from '$lib/server/repositories/case-repository';
import { serviceContext } from '$lib/server/request';
import { keepFile, MAX_UPLOAD_BYTES, uploadsDirOf } from '$lib/server/uploads/store';
import { visibleCase } from '$lib/server/services/case-access-service';
import { applyEvent, officerCaseView, type RunnerEvent } from '$lib/server/services/runner-service';
import type { Actions, PageServerLoad } from './$types';

/** One case on the officers' workbench: its data, progress and the work open at the user's posts. */
export const load: PageServerLoad = (event) => {
	// Only a case the officer's department takes part in; any other is not found (and audited).
	const ctx = serviceContext(event);
	const row = visibleCase(
		ctx,
		apiCaller(event),
		getCaseByNo(getApp().db, event.params.caseNo),
		'work.case'
	);
	if (!row)
		error(404, {
			message: translate(event.locals.locale, 'error.CASE_NOT_FOUND'),
			code: 'NOT_FOUND'
		});
	// Cases registered offline or pushed by a department's system have no steps to handle here.
	if (row.origin !== 'engine')
		error(404, {
			message: translate(event.locals.locale, 'work.recordedCase', { caseNo: row.case_no }),
			code: 'NOT_FOUND'
		});
	const view = officerCaseView(ctx, getApp().frozenRoot, row.case_no);
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
		choices: view.choices,
		clock: {
			promisedDue: view.state.clock.promisedDue,
			statutoryDue: view.state.clock.statutoryDue
		},
		startName: view.startName,
		canAccept: view.canAccept,
		acceptOutcomes: view.acceptOutcomes,
		tasks: view.tasks,
		participant: view.participant,
		extension: view.extension,
		discretion: view.discretion,
		files: view.files,
		pausedBySpecial: view.state.status === 'suspended',
		timeline: view.state.timeline,
		supplements: view.state.supplements
	};
};

const lines = (v: FormDataEntryValue | null) =>
	String(v ?? '')
		.split('\n')
		.map((s) => s.trim())
		.filter(Boolean);

/** A form's files refused before the event: the message names the file. */
class FileRefused extends Error {
	constructor(readonly text: string) {
		super(text);
	}
}

/** Keeps the files chosen in `field` (none is fine); refused with the first bad file's name. */
async function attachments(event: RequestEvent, data: FormData, field: string) {
	const dir = uploadsDirOf(getApp().dbPath);
	const kept: Attachment[] = [];
	for (const f of data.getAll(field)) {
		if (!(f instanceof File) || (f.size === 0 && !f.name)) continue;
		const r = await keepFile(dir, f);
		if (!r.ok)
			throw new FileRefused(
				translate(event.locals.locale, 'work.fileRefused', {
					name: f.name,
					reason: translate(event.locals.locale, `upload.error.${r.code}`, {
						max: MAX_UPLOAD_BYTES / 1024 / 1024
					})
				})
			);
		kept.push({ ref: r.ref, name: r.name });
	}
	return kept;
}

/** Runs one event from a form: the version the officer saw must still be the case's. */
async function act(
	event: RequestEvent,
	build: (data: FormData) => RunnerEvent | Promise<RunnerEvent>
) {
	const data = await event.request.formData();
	const values = Object.fromEntries(
		[...data.entries()].filter(([, v]) => typeof v === 'string') as [string, string][]
	);
	const ctx = serviceContext(event);
	const row = visibleCase(
		ctx,
		apiCaller(event),
		getCaseByNo(getApp().db, event.params.caseNo!),
		'work.case.action'
	);
	if (!row)
		return fail(404, {
			task: String(data.get('task') ?? ''),
			code: 'CASE_NOT_FOUND',
			message: translate(event.locals.locale, 'error.CASE_NOT_FOUND'),
			values
		});
	try {
		const built = await build(data);
		applyEvent(ctx, getApp().frozenRoot, row.case_no, built, {
			expectedVersion: Number(data.get('version'))
		});
	} catch (err) {
		if (err instanceof FileRefused)
			return fail(400, {
				task: String(data.get('task') ?? ''),
				code: 'FILE_REFUSED',
				message: err.text,
				values
			});
		if (!(err instanceof AppError)) throw err;
		const field = typeof err.params.field === 'string' ? `work.field.${err.params.field}` : '';
		const key =
			err.code === 'EVENT_INVALID' && hasMessage(field)
				? 'error.EVENT_INVALID_FIELD'
				: `error.${err.code}`;
		if (key === 'error.EVENT_INVALID_FIELD')
			err.params.label = translate(event.locals.locale, field as MessageKey);
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

/**
 * The penalty decided at a step (行政处罚), when a benchmark row is chosen: the amount as typed is
 * passed on (NaN when it is not a number), so the engine refuses it naming the field.
 */
function penaltyOf(d: FormData): PenaltyDecision | undefined {
	const row = text(d, 'penaltyCircumstance');
	if (row === '') return undefined;
	const amount = text(d, 'penaltyAmount');
	return {
		circumstance: Number(row),
		amount: amount === '' ? NaN : Number(amount),
		unit: text(d, 'penaltyUnit')
	};
}

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
		act(e, async (d) => {
			const files = await attachments(e, d, 'attachments');
			const missing = lines(d.get('missingMaterials'));
			const penalty = penaltyOf(d);
			return {
				type: 'complete',
				task: text(d, 'task'),
				opinion: text(d, 'opinion'),
				...(text(d, 'outcome') ? { outcome: text(d, 'outcome') } : {}),
				...(files.length ? { attachments: files } : {}),
				...(missing.length ? { missingMaterials: missing } : {}),
				...(penalty ? { penalty } : {})
			};
		}),
	special_start: (e) =>
		act(e, (d) => ({
			type: 'special_start',
			kind: text(d, 'kind') as SpecialKind,
			reason: text(d, 'reason'),
			basis: text(d, 'basis')
		})),
	special_end: (e) => act(e, (d) => ({ type: 'special_end', result: text(d, 'result') })),
	extend: (e) =>
		act(e, (d) => ({
			type: 'extend',
			days: Number(text(d, 'days')),
			approvedBy: text(d, 'approvedBy'),
			reason: text(d, 'reason')
		})),
	supplement: (e) =>
		act(e, (d) => ({
			type: 'request_supplement',
			task: text(d, 'task'),
			materials: lines(d.get('materials')),
			reason: text(d, 'reason')
		}))
};
