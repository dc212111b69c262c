import type { Db } from '../db/connection';

export interface SessionRow {
	id: string;
	user_id: number;
	created_at: number;
	last_seen_at: number;
	expires_at: number;
	absolute_expires_at: number;
	ip: string | null;
	user_agent: string | null;
}

export function insertSession(db: Db, s: SessionRow): void {
	db.prepare(
		`INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at, absolute_expires_at, ip, user_agent)
		 VALUES (@id, @user_id, @created_at, @last_seen_at, @expires_at, @absolute_expires_at, @ip, @user_agent)`
	).run(s);
}

export function getSession(db: Db, id: string): SessionRow | undefined {
	return db.prepare('SELECT * FROM sessions WHERE id = ?').get(id) as SessionRow | undefined;
}

export function touchSession(db: Db, id: string, lastSeen: number, expiresAt: number): void {
	db.prepare('UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id = ?').run(
		lastSeen,
		expiresAt,
		id
	);
}

export function deleteSession(db: Db, id: string): void {
	db.prepare('DELETE FROM sessions WHERE id = ?').run(id);
}

export function deleteUserSessions(db: Db, userId: number): number {
	return db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId).changes;
}

export function deleteExpiredSessions(db: Db, now: number): number {
	return db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now).changes;
}

export function countUserSessions(db: Db, userId: number): number {
	return (
		db.prepare('SELECT COUNT(*) AS n FROM sessions WHERE user_id = ?').get(userId) as { n: number }
	).n;
}
