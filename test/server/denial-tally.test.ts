import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/lib/server/repositories/audit-repository';
import {
	countDenied,
	flushDenials,
	HOUR_MS,
	SAMPLE_MAX
} from '../../src/lib/server/services/denial-tally';
import { tempDb } from '../factories/db';
import { FakeClock } from '../../src/lib/server/clock';

/**
 * Refused anonymous requests and bad tokens (issue 16, item 10): one audit record per address and
 * hour with the count, not one permanent record each (600 bad requests made 600 records).
 */
describe('denial tally', () => {
	const records = (db: ReturnType<typeof tempDb>['db']) =>
		db
			.prepare("SELECT object_id, payload FROM audit_log WHERE action = 'access.denied.tally'")
			.all() as { object_id: string; payload: string }[];

	it('turns 600 refusals of one address in an hour into one audit record with the count', () => {
		const { db } = tempDb();
		const clock = new FakeClock();
		const start = Math.floor(clock.now().getTime() / HOUR_MS) * HOUR_MS;
		for (let i = 0; i < 600; i++)
			countDenied(db, clock.now(), '203.0.113.5', {
				method: 'GET',
				path: i % 2 ? '/api/v1/feed' : `/api/v1/departments/X${i}/cases`,
				token: true
			});
		countDenied(db, clock.now(), '203.0.113.6', { method: 'POST', path: '/admin', action: 'x' });
		// The hour is not over: nothing on the chain yet.
		expect(flushDenials(db, clock)).toBe(0);
		expect(records(db)).toEqual([]);

		clock.advance(HOUR_MS);
		countDenied(db, clock.now(), '203.0.113.5', { method: 'GET', path: '/api/v1/feed' });
		expect(flushDenials(db, clock)).toBe(2);
		const rows = records(db);
		expect(rows.map((r) => r.object_id).sort()).toEqual(['203.0.113.5', '203.0.113.6']);
		const first = JSON.parse(rows.find((r) => r.object_id === '203.0.113.5')!.payload);
		expect(first).toMatchObject({
			count: 600,
			from: new Date(start).toISOString(),
			to: new Date(start + HOUR_MS).toISOString()
		});
		expect(first.sample['GET /api/v1/feed (token)']).toBe(300);
		expect(Object.keys(first.sample)).toHaveLength(SAMPLE_MAX);
		// Flushed once: the next hour's counter waits for its own hour to end.
		expect(flushDenials(db, clock)).toBe(0);
		expect(db.prepare('SELECT COUNT(*) AS n FROM denial_tally').get()).toEqual({ n: 1 });
		expect(verifyAuditChain(db).ok).toBe(true);
	});
});
