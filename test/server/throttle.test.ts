import { describe, expect, it } from 'vitest';
import { translate } from '../../src/lib/i18n';
import type { SessionPolicy } from '../../src/lib/server/auth/session';
import { BASE_LOCK_MS, MAX_LOCK_MS } from '../../src/lib/server/auth/throttle';
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

	it('locks an address that tries many accounts, without locking those accounts elsewhere', async () => {
		const { ctx } = await seededDb();
		const names = ['a1', 'a2', 'a3', 'a4', 'a5'];
		for (const username of names)
			await login(ctx(undefined, '192.0.2.9'), { username, password: 'guess-1234' }, policy);
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
});
