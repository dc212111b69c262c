import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/connection';
import {
	deleteSession,
	deleteUserSessions,
	getSession,
	insertSession,
	touchSession,
	type SessionRow
} from '../repositories/session-repository';
import { getUser, type User } from '../repositories/user-repository';

export interface SessionPolicy {
	/** A session ends after this long without a request (up to `touchEveryMs` later, never sooner). */
	idleMs: number;
	/** A session ends this long after login whatever happens. */
	absoluteMs: number;
	/** The stored last-seen time is written at most this often. */
	touchEveryMs: number;
}

/**
 * How often a session's last-seen time is written: a twentieth of the idle timeout, at most a
 * minute — so a short timeout (1 minute: every 3 s) slides with use as a long one does.
 */
export function touchInterval(idleMs: number): number {
	return Math.min(60_000, Math.floor(idleMs / 20));
}

/** A setting in minutes: unset or empty is `fallback`; anything else must be a number ≥ 1. */
function minutesSetting(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
	const raw = env[name]?.trim();
	if (!raw) return fallback * 60_000;
	const n = Number(raw);
	if (!Number.isFinite(n) || n < 1)
		throw new Error(
			`环境变量 ${name} 应为不小于 1 的分钟数，现为“${raw}”。` +
				` ${name} must be a number of minutes of at least 1, not "${raw}".`
		);
	return Math.round(n * 60_000);
}

/**
 * From the environment: `SUNLIT_SESSION_IDLE_MINUTES` (default 120) and
 * `SUNLIT_SESSION_ABSOLUTE_MINUTES` (default 720). A value below 1 minute or not a number stops
 * the server with a message naming the variable.
 */
export function sessionPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): SessionPolicy {
	const idleMs = minutesSetting(env, 'SUNLIT_SESSION_IDLE_MINUTES', 120);
	return {
		idleMs,
		absoluteMs: minutesSetting(env, 'SUNLIT_SESSION_ABSOLUTE_MINUTES', 12 * 60),
		touchEveryMs: touchInterval(idleMs)
	};
}

/** 20 random bytes = 160 bits, base32 encoded (the cookie value; never stored). */
export function generateSessionToken(): string {
	return encodeBase32LowerCaseNoPadding(randomBytes(20));
}

/** What the database stores instead of the token. */
export function sessionIdFromToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export function createSession(
	db: Db,
	token: string,
	userId: number,
	now: Date,
	policy: SessionPolicy,
	meta: { ip?: string | null; userAgent?: string | null } = {}
): SessionRow {
	const t = now.getTime();
	const absolute = t + policy.absoluteMs;
	const row: SessionRow = {
		id: sessionIdFromToken(token),
		user_id: userId,
		created_at: t,
		last_seen_at: t,
		expires_at: Math.min(t + policy.idleMs, absolute),
		absolute_expires_at: absolute,
		ip: meta.ip ?? null,
		user_agent: meta.userAgent?.slice(0, 300) ?? null
	};
	insertSession(db, row);
	return row;
}

export interface ValidSession {
	session: SessionRow;
	user: User;
	/** True when the expiry moved and the cookie should be re-sent. */
	refreshed: boolean;
}

/**
 * Looks the token up; ends the session when idle or absolute time has run out or the user is
 * disabled; otherwise slides the idle expiry forward (never past the absolute limit).
 *
 * The expiry is written at most every `touchEveryMs`, so the requests in between are not
 * recorded; each write therefore also covers them: it sets the expiry `idleMs + touchEveryMs`
 * after the write, which is at least `idleMs` after any request until the next write. A session
 * in use — no gap between requests as long as the idle timeout — is thus never ended, however
 * short the timeout (issue 16, item 4); an unused one ends at most `touchEveryMs` late.
 */
export function validateSessionToken(
	db: Db,
	token: string,
	now: Date,
	policy: SessionPolicy
): ValidSession | null {
	const id = sessionIdFromToken(token);
	const session = getSession(db, id);
	if (!session) return null;
	const t = now.getTime();
	if (t >= session.expires_at || t >= session.absolute_expires_at) {
		deleteSession(db, id);
		return null;
	}
	const user = getUser(db, session.user_id);
	if (!user || user.disabled) {
		deleteSession(db, id);
		return null;
	}
	let refreshed = false;
	if (t - session.last_seen_at >= policy.touchEveryMs) {
		const expires = Math.min(t + policy.idleMs + policy.touchEveryMs, session.absolute_expires_at);
		touchSession(db, id, t, expires);
		session.last_seen_at = t;
		session.expires_at = expires;
		refreshed = true;
	}
	return { session, user, refreshed };
}

export function invalidateSession(db: Db, sessionId: string): void {
	deleteSession(db, sessionId);
}

export function invalidateUserSessions(db: Db, userId: number): number {
	return deleteUserSessions(db, userId);
}
