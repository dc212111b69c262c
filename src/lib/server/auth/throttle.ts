import type { Db } from '../db/connection';
import { clearThrottle, getThrottle, saveThrottle } from '../repositories/throttle-repository';

/**
 * Login throttling: from the FREE_FAILURES-th failed attempt on a key (an account or an IP
 * address) on, each failure locks the key for BASE_LOCK_MS, doubling with every further failure
 * up to MAX_LOCK_MS. A key's
 * failures are forgotten after FORGET_AFTER_MS without one, and an account's on successful login.
 */
export const FREE_FAILURES = 5;
export const BASE_LOCK_MS = 30_000;
export const MAX_LOCK_MS = 15 * 60_000;
export const FORGET_AFTER_MS = 60 * 60_000;

export const accountKey = (username: string) => `user:${username.trim().toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;

/** Milliseconds until the first of the keys unlocks, or 0 when none is locked. */
export function lockedFor(db: Db, keys: readonly string[], now: number): number {
	let wait = 0;
	for (const key of keys) {
		const row = getThrottle(db, key);
		if (row && row.locked_until > now) wait = Math.max(wait, row.locked_until - now);
	}
	return wait;
}

export function recordFailure(db: Db, keys: readonly string[], now: number): void {
	for (const key of keys) {
		const row = getThrottle(db, key);
		const failures = row && now - row.last_failure_at < FORGET_AFTER_MS ? row.failures + 1 : 1;
		const over = failures - FREE_FAILURES;
		const lock = over >= 0 ? Math.min(BASE_LOCK_MS * 2 ** over, MAX_LOCK_MS) : 0;
		saveThrottle(db, { key, failures, last_failure_at: now, locked_until: lock ? now + lock : 0 });
	}
}

export function recordSuccess(db: Db, username: string): void {
	clearThrottle(db, accountKey(username));
}
