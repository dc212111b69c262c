import { error } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { parseIntParam } from '$lib/server/http/paging';
import { distinctAuditActions, listAudit } from '$lib/server/repositories/audit-repository';
import type { PageServerLoad } from './$types';

const PAGE = 50;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const load: PageServerLoad = ({ url, locals }) => {
	const { db } = getApp();
	const q = url.searchParams;
	const from = q.get('from') ?? '';
	const to = q.get('to') ?? '';
	const filter = {
		action: q.get('action') ?? '',
		actor: q.get('actor') ?? '',
		objectType: q.get('objectType') ?? '',
		objectId: q.get('objectId') ?? '',
		from,
		to
	};
	// The paging cursor: the sequence number older records are shown before.
	const cursor = parseIntParam(
		q.get('before'),
		{ label: 'http.field.before', min: 1, max: Number.MAX_SAFE_INTEGER, fallback: 0 },
		locals.locale
	);
	if (!cursor.ok) error(400, cursor.message);
	const before = cursor.value || undefined;
	// Dates are China Standard Time days: [from 00:00, to + 1 day 00:00).
	const rows = listAudit(db, {
		...filter,
		from: DATE.test(from) ? new Date(`${from}T00:00:00+08:00`).toISOString() : undefined,
		to: DATE.test(to)
			? new Date(new Date(`${to}T00:00:00+08:00`).getTime() + 86_400_000).toISOString()
			: undefined,
		beforeSeq: before,
		limit: PAGE + 1
	});
	return {
		filter,
		rows: rows.slice(0, PAGE),
		olderThan: rows.length > PAGE ? rows[PAGE - 1]!.seq : null,
		paged: before !== undefined,
		actions: distinctAuditActions(db)
	};
};
