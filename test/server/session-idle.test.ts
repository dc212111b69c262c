import { describe, expect, it } from 'vitest';
import {
	createSession,
	generateSessionToken,
	sessionPolicyFromEnv,
	validateSessionToken
} from '../../src/lib/server/auth/session';
import { startApp } from '../../src/lib/server/app';
import { seededDb } from '../factories/db';

/**
 * Short idle timeouts (issue 16, item 4): with SUNLIT_SESSION_IDLE_MINUTES=1 a user making
 * requests was logged out after a minute however active they were, because the expiry slid only
 * once a minute. Any timeout of at least a minute now keeps a session in use alive (fake clock),
 * still ends an unused one, and a value below a minute stops the server naming the variable.
 */
const SEC = 1000;

async function sessionWithIdle(minutes: string) {
	const s = await seededDb();
	const policy = sessionPolicyFromEnv({ SUNLIT_SESSION_IDLE_MINUTES: minutes });
	const token = generateSessionToken();
	createSession(s.db, token, s.actorOf('officer').id!, s.clock.now(), policy);
	const request = () => validateSessionToken(s.db, token, s.clock.now(), policy);
	return { ...s, policy, request };
}

describe('a one-minute idle timeout', () => {
	for (const gap of [1, 2.9, 10, 30, 45, 59, 59.9])
		it(`keeps a session alive with a request every ${gap} s for ten minutes`, async () => {
			const { clock, request } = await sessionWithIdle('1');
			let alive = 0;
			const requests = Math.ceil((10 * 60) / gap);
			for (let i = 0; i < requests; i++) {
				clock.advance(gap * SEC);
				if (request()) alive++;
				else break;
			}
			expect(alive).toBe(requests);
		});

	it('ends the session once it has been idle for the timeout (and at most a touch interval more)', async () => {
		const { clock, policy, request } = await sessionWithIdle('1');
		for (let i = 0; i < 5; i++) {
			clock.advance(20 * SEC);
			expect(request()).not.toBeNull();
		}
		expect(policy.touchEveryMs).toBeLessThanOrEqual(3 * SEC);
		clock.advance(60 * SEC + policy.touchEveryMs);
		expect(request()).toBeNull();
	});

	it('keeps the long default sliding as before (written at most once a minute)', async () => {
		const { clock, policy, request } = await sessionWithIdle('');
		expect(policy).toMatchObject({ idleMs: 120 * 60 * SEC, touchEveryMs: 60 * SEC });
		clock.advance(10 * SEC);
		expect(request()?.refreshed).toBe(false);
		clock.advance(60 * SEC);
		expect(request()?.refreshed).toBe(true);
	});
});

describe('idle and absolute timeouts below a minute', () => {
	for (const value of ['0.5', '0', '-3', 'abc', 'Infinity'])
		it(`refuses SUNLIT_SESSION_IDLE_MINUTES=${value} with a Chinese message naming it`, () => {
			expect(() => sessionPolicyFromEnv({ SUNLIT_SESSION_IDLE_MINUTES: value })).toThrow(
				/环境变量 SUNLIT_SESSION_IDLE_MINUTES 应为不小于 1 的分钟数/
			);
		});

	it('refuses a short absolute timeout too, and accepts one minute', () => {
		expect(() => sessionPolicyFromEnv({ SUNLIT_SESSION_ABSOLUTE_MINUTES: '0.9' })).toThrow(
			/SUNLIT_SESSION_ABSOLUTE_MINUTES/
		);
		expect(sessionPolicyFromEnv({ SUNLIT_SESSION_IDLE_MINUTES: '1' })).toMatchObject({
			idleMs: 60 * SEC,
			touchEveryMs: 3 * SEC
		});
	});

	it('stops the server at start before anything is opened', async () => {
		await expect(
			startApp({ SUNLIT_SESSION_IDLE_MINUTES: '0.5', SUNLIT_DB: '/nonexistent/dir/x.db' }, () => {})
		).rejects.toThrow(/SUNLIT_SESSION_IDLE_MINUTES/);
	});
});
