import { AppError } from '../../domain/errors';
import {
	checkPasswordPolicy,
	dummyPasswordHash,
	hashPassword,
	verifyPassword
} from '../auth/password';
import {
	createSession,
	generateSessionToken,
	invalidateSession,
	invalidateUserSessions,
	type SessionPolicy
} from '../auth/session';
import {
	accountKey,
	DEFAULT_LOGIN_LIMITS,
	loginKeys,
	recordSuccess,
	reserveAttempt,
	type LoginLimits
} from '../auth/throttle';
import {
	getUser,
	getUserRow,
	getUserRowByUsername,
	setPasswordHash,
	type User
} from '../repositories/user-repository';
import { audit, inTransaction, type ServiceContext } from './context';
import { countDenied } from './denial-tally';

export type LoginResult =
	| { ok: true; token: string; user: User; expiresAt: number }
	| { ok: false; code: 'LOGIN_THROTTLED'; retryAfterSeconds: number }
	| { ok: false; code: 'LOGIN_INVALID' };

/**
 * Reserves the attempt on the throttle (checked and counted as a failure in one transaction,
 * before the password is hashed, so parallel guesses cannot all get through), then checks the
 * password; on success starts a brand-new session (a token never outlives a login). Every outcome
 * is audited — a throttled attempt in the hourly tally of refused requests (`denial-tally.ts`).
 * The same answer is given for an unknown user, a wrong password and a disabled account, so
 * nobody learns which accounts exist.
 */
export async function login(
	ctx: ServiceContext,
	input: { username: string; password: string; userAgent?: string | null },
	policy: SessionPolicy,
	limits: LoginLimits = DEFAULT_LOGIN_LIMITS
): Promise<LoginResult> {
	const username = input.username.trim();
	const keys = loginKeys(username, ctx.ip, limits);
	const now = ctx.clock.now();
	const wait = reserveAttempt(ctx.db, keys, now.getTime());
	if (wait > 0) {
		// Refused before any password check: counted per address and hour like other refused
		// anonymous requests (one audit record for the hour), not one record per guess.
		countDenied(ctx.db, now, ctx.ip, {
			method: 'POST',
			path: '/login',
			action: `throttled ${accountKey(username)}`
		});
		return { ok: false, code: 'LOGIN_THROTTLED', retryAfterSeconds: Math.ceil(wait / 1000) };
	}
	const row = getUserRowByUsername(ctx.db, username);
	const valid = await verifyPassword(
		row?.password_hash ?? (await dummyPasswordHash()),
		input.password
	);
	if (!row || !valid || row.disabled_at) {
		const reason = !row ? 'unknown_user' : !valid ? 'wrong_password' : 'disabled';
		// Already counted by the reservation.
		inTransaction(ctx, () => {
			audit(ctx, {
				action: 'auth.login.failed',
				objectType: 'user',
				objectId: row?.id ?? username,
				payload: { username, reason }
			});
		});
		return { ok: false, code: 'LOGIN_INVALID' };
	}
	const token = generateSessionToken();
	const session = inTransaction(ctx, () => {
		recordSuccess(ctx.db, username, keys[1]);
		const s = createSession(ctx.db, token, row.id, now, policy, {
			ip: ctx.ip,
			userAgent: input.userAgent
		});
		audit(
			{
				...ctx,
				actor: { id: row.id, name: row.username, roles: getUser(ctx.db, row.id)?.roles ?? [] }
			},
			{
				action: 'auth.login',
				objectType: 'user',
				objectId: row.id,
				payload: { username: row.username }
			}
		);
		return s;
	});
	return { ok: true, token, user: getUser(ctx.db, row.id)!, expiresAt: session.expires_at };
}

export function logout(ctx: ServiceContext, sessionId: string): void {
	inTransaction(ctx, () => {
		invalidateSession(ctx.db, sessionId);
		audit(ctx, { action: 'auth.logout', objectType: 'user', objectId: ctx.actor.id, payload: {} });
	});
}

/** The signed-in user changes their own password; every session of theirs ends. */
export async function changeOwnPassword(
	ctx: ServiceContext,
	input: { current: string; next: string; confirm: string }
): Promise<void> {
	const row = ctx.actor.id === null ? undefined : getUserRow(ctx.db, ctx.actor.id);
	if (!row) throw new AppError('NOT_SIGNED_IN');
	if (!(await verifyPassword(row.password_hash, input.current)))
		throw new AppError('PASSWORD_CURRENT_WRONG', 'current');
	checkPasswordPolicy(row.username, input.next, 'next');
	if (input.next !== input.confirm) throw new AppError('PASSWORD_MISMATCH', 'confirm');
	const hash = await hashPassword(input.next);
	inTransaction(ctx, () => {
		setPasswordHash(ctx.db, row.id, hash, ctx.clock.now().toISOString());
		const ended = invalidateUserSessions(ctx.db, row.id);
		audit(ctx, {
			action: 'user.password.change',
			objectType: 'user',
			objectId: row.id,
			payload: { sessionsEnded: ended }
		});
	});
}
