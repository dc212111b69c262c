import { getApp } from '$lib/server/app';
import { distinctAuditActions, listAudit } from '$lib/server/repositories/audit-repository';
import type { PageServerLoad } from './$types';

const PAGE = 50;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const load: PageServerLoad = ({ url }) => {
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
	const before = Number(q.get('before')) || undefined;
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
