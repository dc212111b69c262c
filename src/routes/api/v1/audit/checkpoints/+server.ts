import { json } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { hashAt, publicCheckpoints } from '$lib/server/services/checkpoint-service';
import type { RequestHandler } from './$types';

/**
 * GET /api/v1/audit/checkpoints: the current head and the latest published checkpoints (newest
 * first). `?seq=N`: the hash record N has now, to compare with a saved checkpoint.
 */
export const GET: RequestHandler = ({ url }) => {
	const { db } = getApp();
	const raw = url.searchParams.get('seq');
	if (raw !== null) {
		// Records are numbered from 1: seq=0 is as invalid as seq=-1 (400, as documented), not absent.
		if (!/^[1-9]\d{0,11}$/.test(raw.trim()))
			return json(
				{ error: { code: 'SEQ_INVALID', message: 'seq 须为正整数', field: 'seq' } },
				{ status: 400 }
			);
		const seq = Number(raw.trim());
		const hash = hashAt(db, seq);
		if (hash === null)
			return json(
				{ error: { code: 'NOT_FOUND', message: `审计日志中没有第 ${seq} 条记录`, field: 'seq' } },
				{ status: 404 }
			);
		return json({ seq, hash });
	}
	return json(publicCheckpoints(db));
};
