import type { Db } from '../db/connection';

export interface ApiTokenRow {
	id: number;
	department_id: number;
	name: string;
	token_hash: string;
	created_by: number | null;
	created_at: string;
	last_used_at: string | null;
	revoked_at: string | null;
}

/** A live token with its department, as resolved for a request. */
export interface ApiTokenWithDepartment extends ApiTokenRow {
	department_code: string;
	department_name: string;
	department_disabled_at: string | null;
}

export function insertApiToken(
	db: Db,
	t: Pick<ApiTokenRow, 'department_id' | 'name' | 'token_hash' | 'created_by' | 'created_at'>
): number {
	return Number(
		db
			.prepare(
				`INSERT INTO api_tokens (department_id, name, token_hash, created_by, created_at)
				 VALUES (@department_id, @name, @token_hash, @created_by, @created_at)`
			)
			.run(t).lastInsertRowid
	);
}

export function listApiTokens(
	db: Db,
	departmentId: number
): (Omit<ApiTokenRow, 'token_hash'> & { created_by_name: string | null })[] {
	return db
		.prepare(
			`SELECT t.id, t.department_id, t.name, t.created_by, t.created_at, t.last_used_at, t.revoked_at,
				u.username AS created_by_name
			 FROM api_tokens t LEFT JOIN users u ON u.id = t.created_by
			 WHERE t.department_id = ? ORDER BY t.revoked_at IS NOT NULL, t.created_at DESC, t.id DESC`
		)
		.all(departmentId) as (Omit<ApiTokenRow, 'token_hash'> & { created_by_name: string | null })[];
}

export function getApiToken(db: Db, id: number): ApiTokenRow | undefined {
	return db.prepare('SELECT * FROM api_tokens WHERE id = ?').get(id) as ApiTokenRow | undefined;
}

export function findApiTokenByName(
	db: Db,
	departmentId: number,
	name: string
): ApiTokenRow | undefined {
	return db
		.prepare('SELECT * FROM api_tokens WHERE department_id = ? AND name = ?')
		.get(departmentId, name) as ApiTokenRow | undefined;
}

export function getApiTokenByHash(db: Db, hash: string): ApiTokenWithDepartment | undefined {
	return db
		.prepare(
			`SELECT t.*, d.code AS department_code, d.name AS department_name,
				d.disabled_at AS department_disabled_at
			 FROM api_tokens t JOIN departments d ON d.id = t.department_id WHERE t.token_hash = ?`
		)
		.get(hash) as ApiTokenWithDepartment | undefined;
}

export function revokeApiToken(db: Db, id: number, at: string): boolean {
	return (
		db
			.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
			.run(at, id).changes === 1
	);
}

/** Written at most once a minute per token (every call would make each request a write). */
export function touchApiToken(db: Db, id: number, at: string, notBefore: string): void {
	db.prepare(
		'UPDATE api_tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)'
	).run(at, id, notBefore);
}

/** Every enabled post of a department, as codes (what a department's token may act at). */
export function departmentPostCodes(
	db: Db,
	departmentId: number
): { department: string; post: string }[] {
	return db
		.prepare(
			`SELECT d.code AS department, p.code AS post FROM posts p JOIN departments d ON d.id = p.department_id
			 WHERE d.id = ? AND p.disabled_at IS NULL AND d.disabled_at IS NULL ORDER BY p.code`
		)
		.all(departmentId) as { department: string; post: string }[];
}
