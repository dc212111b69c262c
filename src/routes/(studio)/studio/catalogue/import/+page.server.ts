import { fail, type RequestEvent } from '@sveltejs/kit';
import { AppError } from '$lib/domain/errors';
import { translate } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import { dropUpload, keepUpload, keptUpload } from '$lib/server/catalogue/import-stash';
import {
	isSheetError,
	MAX_IMPORT_BYTES,
	MAX_IMPORT_ROWS,
	parseSpreadsheet,
	type ParsedRow
} from '$lib/server/catalogue/spreadsheet';
import { getUser } from '$lib/server/repositories/user-repository';
import { failFromError, serviceContext } from '$lib/server/request';
import {
	ImportHasErrorsError,
	importEntries,
	planImport,
	type ImportPlan,
	type RowWarning
} from '$lib/server/services/catalogue-import-service';
import type { Actions, PageServerLoad } from './$types';

const MB = MAX_IMPORT_BYTES / 1024 / 1024;

/** One problem of the report: the spreadsheet row, the column (letter and header) and what is wrong. */
interface ReportedProblem {
	row: number;
	column: string;
	columnLetter: string;
	message: string;
}

/** What the page shows of a plan: each row's outcome, the counts and the warnings. */
function previewOf(plan: ImportPlan) {
	const count = (a: string) => plan.rows.filter((r) => r.action === a).length;
	return {
		rows: plan.rows,
		warnings: plan.warnings,
		counts: {
			total: plan.rows.length,
			created: count('create'),
			revised: count('update'),
			unchanged: count('same')
		}
	};
}

const problemsOf = (rows: ParsedRow[]): ReportedProblem[] =>
	rows.flatMap((r) => r.problems.map((p) => ({ row: r.row, ...p })));

export const load: PageServerLoad = ({ locals }) => {
	const user = getUser(getApp().db, locals.user!.id);
	return { department: user?.departmentName ?? '', maxRows: MAX_IMPORT_ROWS, maxMb: MB };
};

const refuse = (
	status: number,
	message: string,
	filename = '',
	problems: ReportedProblem[] = [],
	warnings: RowWarning[] = []
) => fail(status, { message, filename, problems, warnings });

/** The plan of the rows, or the page's answer when it cannot be made (refused rows answer 400). */
function previewAnswer(event: RequestEvent, filename: string, rows: ParsedRow[], bytes: Buffer) {
	const locale = event.locals.locale;
	let plan: ImportPlan;
	try {
		plan = planImport(serviceContext(event), rows);
	} catch (err) {
		return failFromError(event, err, {}, { filename });
	}
	const preview = previewOf(plan);
	if (plan.refused.length)
		return refuse(
			400,
			translate(locale, 'error.IMPORT_HAS_ERRORS', new ImportHasErrorsError(plan.refused).params),
			filename,
			problemsOf(plan.refused),
			plan.warnings
		);
	const nothing = preview.counts.created + preview.counts.revised === 0;
	const digest = nothing
		? ''
		: keepUpload(event.locals.user!.id, filename, bytes, getApp().clock.now());
	return {
		filename,
		preview,
		digest,
		fingerprint: nothing ? '' : plan.fingerprint,
		message: translate(
			locale,
			nothing ? 'import.previewNothing' : 'import.previewLead',
			preview.counts
		)
	};
}

export const actions: Actions = {
	/**
	 * Reads the uploaded .xlsx or .csv and previews what importing it would do, row by row, or
	 * answers 400 with each problem's row, column and message. Nothing is imported yet: the file is
	 * kept for `confirm`.
	 */
	upload: async (event) => {
		const locale = event.locals.locale;
		let data: FormData;
		try {
			data = await event.request.formData();
		} catch (err) {
			// A body over the server's BODY_SIZE_LIMIT arrives as a 413 from the adapter.
			const tooLarge = (err as { status?: number } | null)?.status === 413;
			return refuse(
				400,
				translate(locale, tooLarge ? 'import.tooLarge' : 'import.unreadableUpload', { mb: MB })
			);
		}
		const file = data.get('file');
		if (!(file instanceof File) || file.size === 0 || !file.name)
			return refuse(400, translate(locale, 'import.noFile'));
		if (file.size > MAX_IMPORT_BYTES)
			return refuse(400, translate(locale, 'import.tooLarge', { mb: MB }), file.name);
		if (!/\.(xlsx|csv)$/i.test(file.name))
			return refuse(400, translate(locale, 'import.fileType'), file.name);

		const bytes = Buffer.from(await file.arrayBuffer());
		const parsed = await parseSpreadsheet(bytes, file.name);
		if (isSheetError(parsed)) return refuse(400, parsed.message, file.name);
		return previewAnswer(event, file.name, parsed, bytes);
	},

	/**
	 * Imports the previewed file (kept since `upload`, named by its digest), provided the plan is
	 * still the one previewed: otherwise answers 409 with the new preview to confirm.
	 */
	confirm: async (event) => {
		const locale = event.locals.locale;
		let data: FormData;
		try {
			data = await event.request.formData();
		} catch {
			return refuse(400, translate(locale, 'import.expired'));
		}
		const digest = String(data.get('digest') ?? '');
		const fingerprint = String(data.get('fingerprint') ?? '');
		const userId = event.locals.user!.id;
		const kept = digest ? keptUpload(userId, digest, getApp().clock.now()) : undefined;
		if (!kept || !fingerprint) return refuse(400, translate(locale, 'import.expired'));
		const parsed = await parseSpreadsheet(kept.bytes, kept.filename);
		if (isSheetError(parsed)) return refuse(400, parsed.message, kept.filename);
		try {
			const done = importEntries(serviceContext(event), parsed, {
				filename: kept.filename,
				fingerprint
			});
			dropUpload(userId);
			return {
				filename: kept.filename,
				...done,
				message: translate(locale, 'import.done', {
					file: kept.filename,
					created: done.created.length,
					revised: done.revised.length,
					unchanged: done.unchanged
				})
			};
		} catch (err) {
			if (err instanceof ImportHasErrorsError)
				return refuse(
					400,
					translate(locale, 'error.IMPORT_HAS_ERRORS', err.params),
					kept.filename,
					problemsOf(err.rows)
				);
			if (err instanceof AppError && err.code === 'IMPORT_PLAN_CHANGED') {
				const again = previewAnswer(event, kept.filename, parsed, kept.bytes);
				if ('preview' in again && again.preview)
					return fail(409, {
						...again,
						problems: [] as ReportedProblem[],
						message: translate(locale, 'error.IMPORT_PLAN_CHANGED')
					});
				return again;
			}
			return failFromError(event, err, {}, { filename: kept.filename });
		}
	}
};
