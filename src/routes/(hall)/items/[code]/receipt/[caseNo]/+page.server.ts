import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import { intakeItem, RECEIPT_COOKIE } from '$lib/server/services/intake-service';
import { findCaseForApplicant } from '$lib/server/services/runner-service';
import type { PageServerLoad } from './$types';

/**
 * 受理回执. Shown once, right after submitting: the query code comes from the submission's
 * HTTP-only flash cookie and is checked against the stored hash before anything of the case is
 * shown; the cookie is then deleted. Without it (a reload, someone guessing case numbers) the
 * page shows only how to track a case.
 */
export const load: PageServerLoad = ({ params, cookies, locals }) => {
	const db = getApp().db;
	const item = intakeItem(db, params.code);
	if (!item)
		error(404, { message: translate(locals.locale, 'catalogue.notFound'), code: 'NOT_FOUND' });
	const path = `/items/${encodeURIComponent(params.code)}/receipt/${params.caseNo}`;
	const flash = cookies.get(RECEIPT_COOKIE) ?? '';
	const dot = flash.lastIndexOf('.');
	const [caseNo, queryCode] = dot > 0 ? [flash.slice(0, dot), flash.slice(dot + 1)] : ['', ''];
	const row =
		caseNo === params.caseNo && queryCode ? findCaseForApplicant(db, caseNo, queryCode) : undefined;
	if (flash) cookies.delete(RECEIPT_COOKIE, { path });
	if (!row || row.item_code !== params.code) return { item, caseNo: params.caseNo, receipt: null };
	return {
		item,
		caseNo: params.caseNo,
		receipt: {
			caseNo: row.case_no,
			queryCode,
			applicant: row.applicant_name,
			version: row.item_version,
			contentHash: row.content_hash,
			submittedAt: row.submitted_at,
			status: row.status
		}
	};
};
