import { describe, expect, it } from 'vitest';
import {
	afterFailure,
	afterSuccess,
	backoffDelay,
	DEFAULT_BACKOFF,
	nextStep,
	type PushState
} from '../../src/lib/supervision/feed-push';

const START: PushState = { lastSeq: 0, failures: 0, nextAttemptAt: null, lastError: null };
const NOW = new Date('2026-03-02T01:00:00Z');

describe('feed push backoff', () => {
	it('doubles from the base after each failure, jittered within the upper half, capped at ten minutes', () => {
		const policy = { baseMs: 1000, capMs: 60_000 };
		expect(backoffDelay(0, policy, () => 0.5)).toBe(0);
		expect([1, 2, 3, 4].map((n) => backoffDelay(n, policy, () => 0))).toEqual([
			500, 1000, 2000, 4000
		]);
		expect([1, 2, 3, 4].map((n) => backoffDelay(n, policy, () => 0.999999))).toEqual([
			1000, 2000, 4000, 8000
		]);
		expect(backoffDelay(7, policy, () => 0.999999)).toBe(60_000);
		expect(backoffDelay(50, policy, () => 0)).toBe(30_000);
		// The default cap: about ten minutes however many failures.
		expect(backoffDelay(1000, DEFAULT_BACKOFF, () => 0.999999)).toBe(10 * 60_000);
		for (let n = 1; n < 40; n++) {
			const d = backoffDelay(n);
			expect(d).toBeGreaterThan(0);
			expect(d).toBeLessThanOrEqual(DEFAULT_BACKOFF.capMs);
		}
	});

	it('waits until the next attempt is due, then sends what follows the last acknowledged seq', () => {
		expect(nextStep(START, NOW)).toEqual({ send: { after: 0 } });
		const failed = afterFailure(
			{ ...START, lastSeq: 40 },
			'HTTP 503',
			NOW,
			{ baseMs: 1000, capMs: 60_000 },
			() => 0
		);
		expect(failed).toEqual({
			lastSeq: 40,
			failures: 1,
			nextAttemptAt: '2026-03-02T01:00:00.500Z',
			lastError: 'HTTP 503'
		});
		expect(nextStep(failed, NOW)).toEqual({ wait: 500 });
		expect(nextStep(failed, new Date(NOW.getTime() + 500))).toEqual({ send: { after: 40 } });
		const again = afterFailure(
			failed,
			'x'.repeat(900),
			NOW,
			{ baseMs: 1000, capMs: 60_000 },
			() => 0
		);
		expect([again.failures, again.nextAttemptAt, again.lastError?.length]).toEqual([
			2,
			'2026-03-02T01:00:01.000Z',
			500
		]);
		expect(afterSuccess(again, 55)).toEqual({
			lastSeq: 55,
			failures: 0,
			nextAttemptAt: null,
			lastError: null
		});
		// An old acknowledgement never moves the position back.
		expect(afterSuccess({ ...START, lastSeq: 60 }, 55).lastSeq).toBe(60);
	});
});
