import { describe, expect, it } from 'vitest';
import {
	createSession,
	generateSessionToken,
	sessionIdFromToken,
	validateSessionToken,
	type SessionPolicy
} from '../../src/lib/server/auth/session';
import { login } from '../../src/lib/server/services/auth-service';
import { setUserEnabled } from '../../src/lib/server/services/org-service';
import { changeOwnPassword } from '../../src/lib/server/services/auth-service';
import {
	countUserSessions,
	getSession
} from '../../src/lib/server/repositories/session-repository';
import { seededDb } from '../factories/db';

const MIN = 60_000;
const policy: SessionPolicy = { idleMs: 30 * MIN, absoluteMs: 8 * 60 * MIN, touchEveryMs: MIN };

describe('session tokens', () => {
	it('are at least 160 random bits and only their SHA-256 is stored', async () => {
		const { db, clock, actorOf } = await seededDb();
		const token = generateSessionToken();
		expect(token).toMatch(/^[a-z2-7]{32}$/); // 32 base32 chars = 160 bits
		expect(generateSessionToken()).not.toBe(token);
		createSession(db, token, actorOf('admin').id!, clock.now(), policy);
		const stored = db.prepare('SELECT id FROM sessions').all() as { id: string }[];
		expect(stored).toEqual([{ id: sessionIdFromToken(token) }]);
		expect(stored[0]!.id).toMatch(/^[0-9a-f]{64}$/);
		expect(JSON.stringify(db.prepare('SELECT * FROM sessions').all())).not.toContain(token);
	});
});

describe('login', () => {
	it('gives a new token on every login (rotation), and both sessions are distinct rows', async () => {
		const { ctx, db } = await seededDb();
		const a = await login(ctx(), { username: 'officer', password: 'demo-officer-2026' }, policy);
		const b = await login(ctx(), { username: 'officer', password: 'demo-officer-2026' }, policy);
		expect(a.ok && b.ok).toBe(true);
		if (!a.ok || !b.ok) return;
		expect(a.token).not.toBe(b.token);
		expect(getSession(db, sessionIdFromToken(a.token))).toBeDefined();
		expect(getSession(db, sessionIdFromToken(b.token))).toBeDefined();
	});

	it('answers the same for unknown users and wrong passwords, and audits both', async () => {
		const { ctx, db } = await seededDb();
		const unknown = await login(ctx(), { username: 'nobody', password: 'whatever-123' }, policy);
		const wrong = await login(ctx(), { username: 'admin', password: 'wrong-password' }, policy);
		expect(unknown).toEqual({ ok: false, code: 'LOGIN_INVALID' });
		expect(wrong).toEqual({ ok: false, code: 'LOGIN_INVALID' });
		const audited = db
			.prepare("SELECT payload FROM audit_log WHERE action = 'auth.login.failed' ORDER BY seq")
			.all() as { payload: string }[];
		expect(audited.map((r) => JSON.parse(r.payload).reason)).toEqual([
			'unknown_user',
			'wrong_password'
		]);
	});
});

describe('expiry (injected clock)', () => {
	it('slides the idle expiry while the user is active', async () => {
		const { db, clock, actorOf } = await seededDb();
		const token = generateSessionToken();
		createSession(db, token, actorOf('legal').id!, clock.now(), policy);
		for (let i = 0; i < 6; i++) {
			clock.advance(20 * MIN); // 2 hours in all, never 30 minutes idle
			const v = validateSessionToken(db, token, clock.now(), policy);
			expect(v?.user.username).toBe('legal');
			expect(v?.refreshed).toBe(true);
		}
	});

	it('ends the session after the idle timeout', async () => {
		const { db, clock, actorOf } = await seededDb();
		const token = generateSessionToken();
		createSession(db, token, actorOf('legal').id!, clock.now(), policy);
		clock.advance(29 * MIN);
		expect(validateSessionToken(db, token, clock.now(), policy)).not.toBeNull();
		// Idle from then on: the written expiry covers the idle timeout and one touch interval
		// (the requests not written in between), so the session ends by 30 + 1 minutes later.
		clock.advance(31 * MIN);
		expect(validateSessionToken(db, token, clock.now(), policy)).toBeNull();
		expect(getSession(db, sessionIdFromToken(token))).toBeUndefined();
	});

	it('ends the session at the absolute timeout however active the user is', async () => {
		const { db, clock, actorOf } = await seededDb();
		const token = generateSessionToken();
		createSession(db, token, actorOf('legal').id!, clock.now(), policy);
		let alive = 0;
		for (let i = 0; i < 60; i++) {
			clock.advance(10 * MIN);
			if (validateSessionToken(db, token, clock.now(), policy)) alive++;
			else break;
		}
		expect(alive).toBe(47); // 8 h = 48 × 10 min; the 48th check is at the limit
		expect(validateSessionToken(db, token, clock.now(), policy)).toBeNull();
	});

	it('does not write the last-seen time more than once a minute', async () => {
		const { db, clock, actorOf } = await seededDb();
		const token = generateSessionToken();
		createSession(db, token, actorOf('legal').id!, clock.now(), policy);
		clock.advance(10_000);
		expect(validateSessionToken(db, token, clock.now(), policy)?.refreshed).toBe(false);
		clock.advance(60_000);
		expect(validateSessionToken(db, token, clock.now(), policy)?.refreshed).toBe(true);
	});
});

describe('ending all sessions', () => {
	it('disabling a user ends all their sessions and refuses the old tokens', async () => {
		const { db, clock, ctx, actorOf } = await seededDb();
		const officer = actorOf('officer');
		const tokens = [generateSessionToken(), generateSessionToken()];
		for (const t of tokens) createSession(db, t, officer.id!, clock.now(), policy);
		expect(countUserSessions(db, officer.id!)).toBe(2);
		setUserEnabled(ctx(actorOf('admin')), officer.id!, false);
		expect(countUserSessions(db, officer.id!)).toBe(0);
		for (const t of tokens) expect(validateSessionToken(db, t, clock.now(), policy)).toBeNull();
		const again = await login(
			ctx(),
			{ username: 'officer', password: 'demo-officer-2026' },
			policy
		);
		expect(again.ok).toBe(false);
	});

	it('changing the password ends all sessions of the user', async () => {
		const { db, clock, ctx, actorOf } = await seededDb();
		const editor = actorOf('editor');
		const token = generateSessionToken();
		createSession(db, token, editor.id!, clock.now(), policy);
		await changeOwnPassword(ctx(editor), {
			current: 'demo-editor-2026',
			next: 'a-new-secret-9',
			confirm: 'a-new-secret-9'
		});
		expect(validateSessionToken(db, token, clock.now(), policy)).toBeNull();
		expect(
			(await login(ctx(), { username: 'editor', password: 'a-new-secret-9' }, policy)).ok
		).toBe(true);
		expect(
			(await login(ctx(), { username: 'editor', password: 'demo-editor-2026' }, policy)).ok
		).toBe(false);
	});
});
