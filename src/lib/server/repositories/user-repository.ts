import { isRole, type Role } from '../../domain/roles';
import { cachedStatement, type Db } from '../db/connection';

export interface UserRow {
	id: number;
	username: string;
	display_name: string;
	password_hash: string;
	department_id: number | null;
	is_demo: number;
	password_changed_at: string | null;
	disabled_at: string | null;
	created_at: string;
}

export interface User {
	id: number;
	username: string;
	displayName: string;
	departmentId: number | null;
	departmentName: string | null;
	roles: Role[];
	postIds: number[];
	disabled: boolean;
	isDemo: boolean;
	passwordChanged: boolean;
	createdAt: string;
}

function toUser(db: Db, row: UserRow & { department_name: string | null }): User {
	return {
		id: row.id,
		username: row.username,
		displayName: row.display_name,
		departmentId: row.department_id,
		departmentName: row.department_name,
		roles: rolesOf(db, row.id),
		postIds: postIdsOf(db, row.id),
		disabled: row.disabled_at !== null,
		isDemo: row.is_demo === 1,
		passwordChanged: row.password_changed_at !== null,
		createdAt: row.created_at
	};
}

const SELECT_USER = `SELECT u.*, d.name AS department_name FROM users u LEFT JOIN departments d ON d.id = u.department_id`;

export function rolesOf(db: Db, userId: number): Role[] {
	return (
		db.prepare('SELECT role FROM user_roles WHERE user_id = ? ORDER BY role').all(userId) as {
			role: string;
		}[]
	)
		.map((r) => r.role)
		.filter(isRole);
}

export function postIdsOf(db: Db, userId: number): number[] {
	return (
		db.prepare('SELECT post_id FROM user_posts WHERE user_id = ? ORDER BY post_id').all(userId) as {
			post_id: number;
		}[]
	).map((r) => r.post_id);
}

export function getUser(db: Db, id: number): User | undefined {
	const row = db.prepare(`${SELECT_USER} WHERE u.id = ?`).get(id) as
		(UserRow & { department_name: string | null }) | undefined;
	return row && toUser(db, row);
}

export function getUserRowByUsername(db: Db, username: string): UserRow | undefined {
	return db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
}

export function getUserRow(db: Db, id: number): UserRow | undefined {
	return cachedStatement(db, 'SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
}

/** The user's display name alone (undefined when there is no such user). */
export function displayNameOf(db: Db, id: number): string | undefined {
	const row = cachedStatement(db, 'SELECT display_name FROM users WHERE id = ?').get(id) as
		Pick<UserRow, 'display_name'> | undefined;
	return row?.display_name;
}

export function listUsers(db: Db): User[] {
	const rows = db
		.prepare(`${SELECT_USER} ORDER BY u.disabled_at IS NOT NULL, u.username`)
		.all() as (UserRow & {
		department_name: string | null;
	})[];
	return rows.map((r) => toUser(db, r));
}

export function insertUser(
	db: Db,
	u: {
		username: string;
		display_name: string;
		password_hash: string;
		department_id: number | null;
		is_demo: number;
		created_at: string;
	}
): number {
	return Number(
		db
			.prepare(
				`INSERT INTO users (username, display_name, password_hash, department_id, is_demo, created_at)
				 VALUES (@username, @display_name, @password_hash, @department_id, @is_demo, @created_at)`
			)
			.run(u).lastInsertRowid
	);
}

export function updateUserProfile(
	db: Db,
	id: number,
	u: { display_name: string; department_id: number | null }
): void {
	db.prepare(
		'UPDATE users SET display_name = @display_name, department_id = @department_id WHERE id = @id'
	).run({ ...u, id });
}

export function setUserRoles(db: Db, userId: number, roles: readonly Role[]): void {
	db.prepare('DELETE FROM user_roles WHERE user_id = ?').run(userId);
	const ins = db.prepare('INSERT INTO user_roles (user_id, role) VALUES (?, ?)');
	for (const r of new Set(roles)) ins.run(userId, r);
}

export function setUserPosts(db: Db, userId: number, postIds: readonly number[]): void {
	db.prepare('DELETE FROM user_posts WHERE user_id = ?').run(userId);
	const ins = db.prepare('INSERT INTO user_posts (user_id, post_id) VALUES (?, ?)');
	for (const p of new Set(postIds)) ins.run(userId, p);
}

export function setUserDisabled(db: Db, id: number, at: string | null): void {
	db.prepare('UPDATE users SET disabled_at = ? WHERE id = ?').run(at, id);
}

export function setPasswordHash(db: Db, id: number, hash: string, changedAt: string | null): void {
	db.prepare('UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?').run(
		hash,
		changedAt,
		id
	);
}

export function countUsers(db: Db): number {
	return (db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
}

export function demoUsersWithDefaultPasswords(db: Db): string[] {
	return (
		db
			.prepare(
				'SELECT username FROM users WHERE is_demo = 1 AND password_changed_at IS NULL AND disabled_at IS NULL ORDER BY id'
			)
			.all() as {
			username: string;
		}[]
	).map((r) => r.username);
}

export function countActiveAdmins(db: Db): number {
	return (
		db
			.prepare(
				"SELECT COUNT(*) AS n FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'admin' WHERE u.disabled_at IS NULL"
			)
			.get() as { n: number }
	).n;
}
