import { getApp } from '$lib/server/app';
import { hashAt, publicCheckpoints } from '$lib/server/services/checkpoint-service';
import type { PageServerLoad } from './$types';

/** 审计链公示: the published checkpoints, the current head, and a look-up of one record's hash. */
export const load: PageServerLoad = ({ url }) => {
	const { db } = getApp();
	const raw = url.searchParams.get('seq')?.trim() ?? '';
	const seq = /^\d{1,12}$/.test(raw) ? Number(raw) : null;
	return {
		...publicCheckpoints(db),
		lookup: raw ? { raw, seq, hash: seq === null ? null : hashAt(db, seq) } : null
	};
};
