import { fail } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import {
	isSheetError,
	MAX_IMPORT_BYTES,
	MAX_IMPORT_ROWS,
	parseSpreadsheet
} from '$lib/server/catalogue/spreadsheet';
import { getUser } from '$lib/server/repositories/user-repository';
import { failFromError, serviceContext } from '$lib/server/request';
import { ImportHasErrorsError, importEntries } from '$lib/server/services/catalogue-service';
import type { Actions, PageServerLoad } from './$types';

const MB = MAX_IMPORT_BYTES / 1024 / 1024;

/** One problem of the report: the spreadsheet row, the column (letter and header) and what is wrong. */
interface ReportedProblem {
	row: number;
	column: string;
	columnLetter: string;
	message: string;
}

export const load: PageServerLoad = ({ locals }) => {
	const user = getUser(getApp().db, locals.user!.id);
	return { department: user?.departmentName ?? '', maxRows: MAX_IMPORT_ROWS, maxMb: MB };
};

export const actions: Actions = {
	/**
	 * Reads the uploaded .xlsx or .csv and imports every row as a draft, or nothing: on problems
	 * it answers 400 with each problem's row, column and message.
	 */
	upload: async (event) => {
		const locale = event.locals.locale;
		const refuse = (message: string, filename = '', problems: ReportedProblem[] = []) =>
			fail(400, { message, filename, problems });
		let data: FormData;
		try {
			data = await event.request.formData();
		} catch (err) {
			// A body over the server's BODY_SIZE_LIMIT arrives as a 413 from the adapter.
			const tooLarge = (err as { status?: number } | null)?.status === 413;
			return refuse(
				translate(locale, tooLarge ? 'import.tooLarge' : 'import.unreadableUpload', { mb: MB })
			);
		}
		const file = data.get('file');
		if (!(file instanceof File) || file.size === 0 || !file.name)
			return refuse(translate(locale, 'import.noFile'));
		if (file.size > MAX_IMPORT_BYTES)
			return refuse(translate(locale, 'import.tooLarge', { mb: MB }), file.name);
		if (!/\.(xlsx|csv)$/i.test(file.name))
			return refuse(translate(locale, 'import.fileType'), file.name);

		const parsed = await parseSpreadsheet(Buffer.from(await file.arrayBuffer()), file.name);
		if (isSheetError(parsed)) return refuse(parsed.message, file.name);
		try {
			const { created } = importEntries(serviceContext(event), parsed, { filename: file.name });
			return {
				filename: file.name,
				created,
				message: translate(locale, 'import.done', { count: created.length, file: file.name })
			};
		} catch (err) {
			if (err instanceof ImportHasErrorsError)
				return refuse(
					translate(locale, 'error.IMPORT_HAS_ERRORS', err.params),
					file.name,
					err.rows.flatMap((r) => r.problems.map((p) => ({ row: r.row, ...p })))
				);
			return failFromError(event, err, {}, { filename: file.name });
		}
	}
};
