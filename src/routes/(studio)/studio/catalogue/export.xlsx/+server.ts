import { error } from '@sveltejs/kit';
import { chinaDate } from '$lib/domain/dates';
import { normalizeContent } from '$lib/domain/catalogue/normalize';
import { hasMessage, translate } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import { entriesWorkbook } from '$lib/server/catalogue/spreadsheet';
import {
	latestVersion,
	listDepartmentEntries
} from '$lib/server/repositories/catalogue-repository';
import { getUser } from '$lib/server/repositories/user-repository';
import type { RequestHandler } from './$types';

/**
 * The editor's own department's entries in the import template's format, 事项编码 first: the
 * latest version of each entry that is not retired (a draft in progress rather than the
 * published text), ordered by code.
 */
export const GET: RequestHandler = async ({ locals }) => {
	const { db, clock } = getApp();
	const user = locals.user ? getUser(db, locals.user.id) : undefined;
	if (!user?.departmentId) {
		const key: string = 'error.EDITOR_WITHOUT_DEPARTMENT';
		error(403, translate(locals.locale, hasMessage(key) ? key : 'forbidden.message'));
	}
	const entries = listDepartmentEntries(db, user.departmentId)
		.filter((e) => !e.retired_at)
		.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
		.flatMap((e) => {
			const v = latestVersion(db, e.id);
			return v
				? [{ code: e.code, content: normalizeContent(JSON.parse(v.content), e.category) }]
				: [];
		});
	const body = await entriesWorkbook(entries);
	const filename = `职权目录-${user.departmentName ?? ''}-${chinaDate(clock.now())}.xlsx`;
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="catalogue-export.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
			'cache-control': 'no-store'
		}
	});
};
