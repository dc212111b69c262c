import type { Db } from '../db/connection';
import { clearThrottle, getThrottle, saveThrottle } from '../repositories/throttle-repository';

/**
 * Login throttling: from the `free`-th failed attempt on a key (an account or an IP address) on,
 * each failure locks the key for BASE_LOCK_MS, doubling with every further failure up to
 * MAX_LOCK_MS. A key's failures are forgotten after FORGET_AFTER_MS without one, and an account's
 * on successful login. Keys given as plain strings use FREE_FAILURES; a key may carry its own.
 *
 * Logins reserve their attempt (`reserveAttempt`) before the password is checked: the lock check
 * and the count are one SQLite transaction, so parallel guesses cannot all pass a check made
 * before any of them was counted.
 */
export const FREE_FAILURES = 5;
export const BASE_LOCK_MS = 30_000;
export const MAX_LOCK_MS = 15 * 60_000;
export const FORGET_AFTER_MS = 60 * 60_000;

/** A throttle key and the failures it allows before it locks. */
export interface ThrottleKey {
	key: string;
	free: number;
}
type KeyLike = string | ThrottleKey;
const norm = (k: KeyLike): ThrottleKey =>
	typeof k === 'string' ? { key: k, free: FREE_FAILURES } : k;

/**
 * Failed logins allowed before a lock: per account (strict) and per client address (much higher,
 * since one address may be a NAT serving a whole hall).
 */
export interface LoginLimits {
	accountFailures: number;
	addressFailures: number;
}
export const DEFAULT_LOGIN_LIMITS: LoginLimits = { accountFailures: 5, addressFailures: 50 };

function atLeastOne(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
	const raw = env[name]?.trim();
	if (!raw) return fallback;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < 1)
		throw new Error(
			`环境变量 ${name} 应为不小于 1 的整数，现为“${raw}”。` +
				` ${name} must be a whole number of at least 1, not "${raw}".`
		);
	return n;
}

/**
 * From the environment: `SUNLIT_LOGIN_ACCOUNT_FAILURES` (default 5) and
 * `SUNLIT_LOGIN_ADDRESS_FAILURES` (default 50). A value that is not a whole number of at least 1
 * stops the server with a message naming the variable.
 */
export function loginLimitsFromEnv(env: NodeJS.ProcessEnv): LoginLimits {
	return {
		accountFailures: atLeastOne(
			env,
			'SUNLIT_LOGIN_ACCOUNT_FAILURES',
			DEFAULT_LOGIN_LIMITS.accountFailures
		),
		addressFailures: atLeastOne(
			env,
			'SUNLIT_LOGIN_ADDRESS_FAILURES',
			DEFAULT_LOGIN_LIMITS.addressFailures
		)
	};
}

export const accountKey = (username: string) => `user:${username.trim().toLowerCase()}`;
/** The same address however the socket reports it (an IPv4 client on a dual-stack socket). */
export const ipKey = (ip: string) =>
	`ip:${ip.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '')}`;

/** The keys a login attempt counts on, with their limits. */
export function loginKeys(username: string, ip: string | null, limits: LoginLimits): ThrottleKey[] {
	return [
		{ key: accountKey(username), free: limits.accountFailures },
		...(ip ? [{ key: ipKey(ip), free: limits.addressFailures }] : [])
	];
}

/** Milliseconds until the first of the keys unlocks, or 0 when none is locked. */
export function lockedFor(db: Db, keys: readonly KeyLike[], now: number): number {
	let wait = 0;
	for (const k of keys) {
		const row = getThrottle(db, norm(k).key);
		if (row && row.locked_until > now) wait = Math.max(wait, row.locked_until - now);
	}
	return wait;
}

export function recordFailure(db: Db, keys: readonly KeyLike[], now: number): void {
	for (const k of keys) {
		const { key, free } = norm(k);
		const row = getThrottle(db, key);
		const failures = row && now - row.last_failure_at < FORGET_AFTER_MS ? row.failures + 1 : 1;
		const over = failures - free;
		const lock = over >= 0 ? Math.min(BASE_LOCK_MS * 2 ** over, MAX_LOCK_MS) : 0;
		saveThrottle(db, { key, failures, last_failure_at: now, locked_until: lock ? now + lock : 0 });
	}
}

/**
 * Checks the keys and, when none is locked, counts the attempt as a failure in advance — in one
 * immediate transaction, before any password is hashed. Returns the milliseconds to wait (the
 * attempt was not counted) or 0 (it was, and may go ahead).
 */
export function reserveAttempt(db: Db, keys: readonly KeyLike[], now: number): number {
	return db
		.transaction(() => {
			const wait = lockedFor(db, keys, now);
			if (wait === 0) recordFailure(db, keys, now);
			return wait;
		})
		.immediate();
}

/** Takes back an attempt reserved on `key` that turned out not to be a failure. */
export function refundAttempt(db: Db, k: KeyLike): void {
	const { key, free } = norm(k);
	const row = getThrottle(db, key);
	if (!row) return;
	const failures = Math.max(0, row.failures - 1);
	saveThrottle(db, {
		...row,
		failures,
		locked_until: failures < free ? 0 : row.locked_until
	});
}

/** A successful login: the account's failures are forgotten, the address's attempt handed back. */
export function recordSuccess(db: Db, username: string, ip?: ThrottleKey): void {
	clearThrottle(db, accountKey(username));
	if (ip) refundAttempt(db, ip);
}
