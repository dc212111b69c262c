import { describe, expect, inject, it } from 'vitest';
import { hashPassword } from '../../src/lib/server/auth/password';
import { DEFAULT_LOGIN_LIMITS } from '../../src/lib/server/auth/throttle';
import { openDatabase } from '../../src/lib/server/db/connection';
import { insertUser } from '../../src/lib/server/repositories/user-repository';
import { requestFrom } from '../factories/api-token';

/**
 * Parallel guessing on the running server (issue 16, item 3): the throttle is checked and counted
 * before the password is hashed, so simultaneous wrong passwords cannot all reach the check; and
 * the per-address limit is much higher than the per-account one, so one NAT does not lock a hall.
 * Each test signs in as an account of its own and from a loopback address of its own, so no other
 * test file is locked out.
 */
const base = inject('serverUrl');
const dbPath = inject('serverDb');
const PASSWORD = 'right-password-2026';

async function newAccount(username: string): Promise<void> {
	const db = openDatabase(dbPath);
	insertUser(db, {
		username,
		display_name: `测试账号 ${username}`,
		password_hash: await hashPassword(PASSWORD),
		department_id: null,
		is_demo: 0,
		created_at: new Date().toISOString()
	});
	db.close();
}

const loginFrom = (address: string, username: string, password: string) =>
	requestFrom(address, `${base}/login`, {
		method: 'POST',
		headers: {
			origin: base,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ username, password }).toString()
	});

describe('login throttle under parallel guesses', () => {
	it('refuses the right password after 100 parallel wrong ones, with the Chinese lock message', async () => {
		await newAccount('guessed-1');
		const answers = await Promise.all(
			Array.from({ length: 100 }, (_, i) => loginFrom('127.0.0.61', 'guessed-1', `wrong-${i}-xyz`))
		);
		expect(answers.every((a) => a.status === 400 || a.status === 429)).toBe(true);
		// Only the free attempts reached the password check; the rest were refused before it.
		const checked = answers.filter((a) => a.status === 400).length;
		expect(checked).toBe(DEFAULT_LOGIN_LIMITS.accountFailures);
		const right = await loginFrom('127.0.0.62', 'guessed-1', PASSWORD);
		expect(right.status).toBe(429);
		expect(right.headers['set-cookie'] ?? []).not.toEqual(
			expect.arrayContaining([expect.stringMatching(/^sunlit_session=/)])
		);
		expect(right.text).toMatch(/登录失败次数过多，为保护账号安全，请于 \d+ 秒后再试。/);
	});

	it('lets the right password in from an address with many failures until the much higher address limit', async () => {
		await newAccount('hall-user');
		const address = '127.0.0.63';
		// More failures for other accounts than one account may have: the address is not locked.
		const few = DEFAULT_LOGIN_LIMITS.accountFailures * 2;
		for (let i = 0; i < few; i++)
			expect((await loginFrom(address, `nobody-${i}`, 'wrong-password')).status).toBe(400);
		const ok = await loginFrom(address, 'hall-user', PASSWORD);
		expect(ok.status).toBe(303);
		// A success hands its attempt back, so the address still has (limit - few) failures left.
		for (let i = few; i < DEFAULT_LOGIN_LIMITS.addressFailures; i++)
			expect((await loginFrom(address, `nobody-${i}`, 'wrong-password')).status).toBe(400);
		const locked = await loginFrom(address, 'hall-user', PASSWORD);
		expect(locked.status).toBe(429);
		expect(locked.text).toContain('登录失败次数过多');
		// Elsewhere the account itself is not locked.
		expect((await loginFrom('127.0.0.64', 'hall-user', PASSWORD)).status).toBe(303);
	});
});
