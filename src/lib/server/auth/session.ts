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
	/** A session ends after this long without a request. */
	idleMs: number;
	/** A session ends this long after login whatever happens. */
	absoluteMs: number;
	/** The stored last-seen time is written at most this often. */
	touchEveryMs: number;
}

export function sessionPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): SessionPolicy {
	const minutes = (name: string, fallback: number) => {
		const n = Number(env[name]);
		return (Number.isFinite(n) && n > 0 ? n : fallback) * 60_000;
	};
	return {
		idleMs: minutes('SUNLIT_SESSION_IDLE_MINUTES', 120),
		absoluteMs: minutes('SUNLIT_SESSION_ABSOLUTE_MINUTES', 12 * 60),
		touchEveryMs: 60_000
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
		const expires = Math.min(t + policy.idleMs, session.absolute_expires_at);
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
