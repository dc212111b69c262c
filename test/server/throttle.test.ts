import { describe, expect, it } from 'vitest';
import { translate } from '../../src/lib/i18n';
import type { SessionPolicy } from '../../src/lib/server/auth/session';
import {
	BASE_LOCK_MS,
	DEFAULT_LOGIN_LIMITS,
	loginLimitsFromEnv,
	MAX_LOCK_MS
} from '../../src/lib/server/auth/throttle';
import { login } from '../../src/lib/server/services/auth-service';
import { seededDb } from '../factories/db';

const policy: SessionPolicy = {
	idleMs: 30 * 60_000,
	absoluteMs: 8 * 3600_000,
	touchEveryMs: 60_000
};

describe('login throttling', () => {
	it('locks an account from the 5th failure, even the right password, and unlocks after the wait', async () => {
		const { ctx, clock } = await seededDb();
		for (let i = 1; i <= 4; i++)
			expect(
				await login(
					ctx(undefined, `10.0.0.${i}`),
					{ username: 'officer', password: 'wrong-one' },
					policy
				)
			).toEqual({ ok: false, code: 'LOGIN_INVALID' });
		// The fifth failure (from yet another address) locks the account itself.
		await login(ctx(undefined, '10.0.0.5'), { username: 'officer', password: 'wrong-one' }, policy);
		const locked = await login(
			ctx(undefined, '10.0.0.6'),
			{ username: 'officer', password: 'demo-officer-2026' },
			policy
		);
		expect(locked).toEqual({
			ok: false,
			code: 'LOGIN_THROTTLED',
			retryAfterSeconds: BASE_LOCK_MS / 1000
		});
		if (locked.ok || locked.code !== 'LOGIN_THROTTLED') return;
		expect(translate('zh', 'login.throttled', { seconds: locked.retryAfterSeconds })).toMatch(
			/30 秒/
		);

		clock.advance(BASE_LOCK_MS + 1);
		expect(
			(
				await login(
					ctx(undefined, '10.0.0.6'),
					{ username: 'officer', password: 'demo-officer-2026' },
					policy
				)
			).ok
		).toBe(true);
	});

	it('doubles the lock with every further failure, up to the maximum', async () => {
		const { ctx, clock } = await seededDb();
		const waits: number[] = [];
		for (let i = 1; i <= 12; i++) {
			await login(
				ctx(undefined, `10.1.0.${i}`),
				{ username: 'legal', password: 'wrong-one' },
				policy
			);
			const r = await login(
				ctx(undefined, `10.1.0.${i}`),
				{ username: 'legal', password: 'wrong-one' },
				policy
			);
			if (!r.ok && r.code === 'LOGIN_THROTTLED') {
				waits.push(r.retryAfterSeconds);
				clock.advance(r.retryAfterSeconds * 1000 + 1);
			}
		}
		expect(waits.slice(0, 4)).toEqual([30, 60, 120, 240]);
		expect(Math.max(...waits)).toBe(MAX_LOCK_MS / 1000);
	});

	it('locks an address only at the much higher address limit, without locking those accounts elsewhere', async () => {
		const { ctx } = await seededDb();
		// One address may be a whole hall behind a NAT: five failures for others do not lock it.
		for (let i = 0; i < DEFAULT_LOGIN_LIMITS.accountFailures; i++)
			await login(
				ctx(undefined, '192.0.2.9'),
				{ username: `a${i}`, password: 'guess-1234' },
				policy
			);
		const stillOpen = await login(
			ctx(undefined, '192.0.2.9'),
			{ username: 'editor', password: 'demo-editor-2026' },
			policy
		);
		expect(stillOpen.ok).toBe(true);
		for (let i = 0; i < DEFAULT_LOGIN_LIMITS.addressFailures; i++)
			await login(
				ctx(undefined, '192.0.2.9'),
				{ username: `b${i}`, password: 'guess-1234' },
				policy
			);
		const fromThere = await login(
			ctx(undefined, '192.0.2.9'),
			{ username: 'editor', password: 'demo-editor-2026' },
			policy
		);
		expect(fromThere).toMatchObject({ ok: false, code: 'LOGIN_THROTTLED' });
		const elsewhere = await login(
			ctx(undefined, '198.51.100.1'),
			{ username: 'editor', password: 'demo-editor-2026' },
			policy
		);
		expect(elsewhere.ok).toBe(true);
	});

	it('counts parallel guesses before hashing: only the free attempts reach the password check', async () => {
		const { ctx, db } = await seededDb();
		const results = await Promise.all(
			Array.from({ length: 100 }, (_, i) =>
				login(
					ctx(undefined, '203.0.113.7'),
					{ username: 'officer', password: `wrong-${i}` },
					policy
				)
			)
		);
		const invalid = results.filter((r) => !r.ok && r.code === 'LOGIN_INVALID').length;
		expect(invalid).toBe(DEFAULT_LOGIN_LIMITS.accountFailures);
		// The 95 refused guesses are one hourly tally of the address, not 95 audit records.
		expect(
			db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action LIKE 'auth.login.thr%'").get()
		).toEqual({ n: 0 });
		expect(db.prepare("SELECT count FROM denial_tally WHERE ip = '203.0.113.7'").get()).toEqual({
			count: 100 - DEFAULT_LOGIN_LIMITS.accountFailures
		});
		const right = await login(
			ctx(undefined, '203.0.113.8'),
			{ username: 'officer', password: 'demo-officer-2026' },
			policy
		);
		expect(right).toMatchObject({ ok: false, code: 'LOGIN_THROTTLED' });
	});

	it('reads both limits from the environment and refuses a value that is not a whole number', () => {
		expect(loginLimitsFromEnv({})).toEqual(DEFAULT_LOGIN_LIMITS);
		expect(
			loginLimitsFromEnv({
				SUNLIT_LOGIN_ACCOUNT_FAILURES: '3',
				SUNLIT_LOGIN_ADDRESS_FAILURES: '200'
			})
		).toEqual({ accountFailures: 3, addressFailures: 200 });
		expect(() => loginLimitsFromEnv({ SUNLIT_LOGIN_ADDRESS_FAILURES: 'many' })).toThrow(
			/SUNLIT_LOGIN_ADDRESS_FAILURES/
		);
	});
});
