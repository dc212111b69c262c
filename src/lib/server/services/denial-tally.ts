import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import { bumpDenial, deleteDenial, finishedDenials } from '../repositories/denial-tally-repository';
import { ANONYMOUS_ACTOR, audit, inTransaction, type ServiceContext } from './context';

/**
 * Refused anonymous requests and bad API tokens are counted, not recorded one by one: each client
 * address gets one counter per hour (a row of `denial_tally`, kept in the database so a restart
 * loses nothing), and once the hour is over the counter becomes ONE audit record
 * `access.denied.tally` with the address, the hour, the count and a sample of what was tried. A
 * flood of bad requests so no longer grows the permanent audit chain by a record each. Refusals of
 * signed-in users stay individual records (`access.denied`): they name a person.
 */
export const HOUR_MS = 60 * 60_000;
/** Distinct requests named in a tally record's sample. */
export const SAMPLE_MAX = 10;
const FLUSH_EVERY_MS = 5 * 60_000;

export function countDenied(
	db: Db,
	now: Date,
	ip: string | null,
	request: { method: string; path: string; action?: string | null; token?: boolean }
): void {
	const what = [request.method, request.path, request.action ? `?/${request.action}` : '']
		.concat(request.token ? ['(token)'] : [])
		.filter(Boolean)
		.join(' ')
		.slice(0, 200);
	bumpDenial(db, ip ?? 'unknown', Math.floor(now.getTime() / HOUR_MS), what, SAMPLE_MAX);
}

/** Turns every finished hour's counter into one audit record; returns how many were written. */
export function flushDenials(db: Db, clock: Clock): number {
	const hour = Math.floor(clock.now().getTime() / HOUR_MS);
	const rows = finishedDenials(db, hour);
	for (const row of rows) {
		const ctx: ServiceContext = { db, clock, actor: ANONYMOUS_ACTOR, ip: row.ip };
		inTransaction(ctx, () => {
			audit(ctx, {
				action: 'access.denied.tally',
				objectType: 'address',
				objectId: row.ip,
				payload: {
					from: new Date(row.hour * HOUR_MS).toISOString(),
					to: new Date((row.hour + 1) * HOUR_MS).toISOString(),
					count: row.count,
					sample: JSON.parse(row.sample) as Record<string, number>
				}
			});
			deleteDenial(db, row.ip, row.hour);
		});
	}
	return rows.length;
}

/** Flushes at start and every few minutes (the timer does not keep the process alive). */
export function startDenialFlush(db: Db, clock: Clock, log: (line: string) => void): void {
	const run = () => {
		try {
			flushDenials(db, clock);
		} catch (e) {
			log(`[sunlit] 拒绝访问计数写入审计日志失败 / denial tally flush failed: ${String(e)}`);
		}
	};
	run();
	setInterval(run, FLUSH_EVERY_MS).unref();
}
