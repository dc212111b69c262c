import type { DepartmentKind } from '../../domain/roles';
import { cachedStatement, type Db } from '../db/connection';

export interface Region {
	id: number;
	code: string;
	name: string;
	level: number;
}

export interface Department {
	id: number;
	region_id: number;
	code: string;
	name: string;
	kind: DepartmentKind;
	disabled_at: string | null;
	created_at: string;
}

export interface Post {
	id: number;
	department_id: number;
	code: string;
	name: string;
	duty: string;
	disabled_at: string | null;
	created_at: string;
}

export interface PostWithDepartment extends Post {
	department_name: string;
}

export function getRegion(db: Db): Region | undefined {
	return cachedStatement(db, 'SELECT * FROM regions ORDER BY id LIMIT 1').get() as
		Region | undefined;
}

export function insertRegion(db: Db, r: Omit<Region, 'id'>): number {
	return Number(
		db.prepare('INSERT INTO regions (code, name, level) VALUES (@code, @name, @level)').run(r)
			.lastInsertRowid
	);
}

export function listDepartments(db: Db, opts: { includeDisabled?: boolean } = {}): Department[] {
	const where = opts.includeDisabled ? '' : 'WHERE disabled_at IS NULL';
	return db.prepare(`SELECT * FROM departments ${where} ORDER BY code`).all() as Department[];
}

export function getDepartment(db: Db, id: number): Department | undefined {
	return db.prepare('SELECT * FROM departments WHERE id = ?').get(id) as Department | undefined;
}

/** An enabled department by its code. */
export function enabledDepartmentByCode(
	db: Db,
	code: string
): { id: number; code: string; name: string } | undefined {
	return cachedStatement(
		db,
		'SELECT id, code, name FROM departments WHERE code = ? AND disabled_at IS NULL'
	).get(code) as { id: number; code: string; name: string } | undefined;
}

/**
 * The enabled supervision department (the first by code, should there be several): the unit that
 * answers complaints (承办单位).
 */
export function supervisionDepartment(db: Db): { name: string } | undefined {
	return cachedStatement(
		db,
		"SELECT name FROM departments WHERE kind = 'supervision' AND disabled_at IS NULL ORDER BY code LIMIT 1"
	).get() as { name: string } | undefined;
}

export function findDepartmentByCodeOrName(db: Db, regionId: number, code: string, name: string) {
	return db
		.prepare('SELECT * FROM departments WHERE region_id = ? AND (code = ? OR name = ?)')
		.all(regionId, code, name) as Department[];
}

export function insertDepartment(
	db: Db,
	d: { region_id: number; code: string; name: string; kind: DepartmentKind; created_at: string }
): number {
	return Number(
		db
			.prepare(
				'INSERT INTO departments (region_id, code, name, kind, created_at) VALUES (@region_id, @code, @name, @kind, @created_at)'
			)
			.run(d).lastInsertRowid
	);
}

export function updateDepartment(
	db: Db,
	id: number,
	d: { name: string; kind: DepartmentKind }
): void {
	db.prepare('UPDATE departments SET name = @name, kind = @kind WHERE id = @id').run({ ...d, id });
}

export function setDepartmentDisabled(db: Db, id: number, at: string | null): void {
	db.prepare('UPDATE departments SET disabled_at = ? WHERE id = ?').run(at, id);
}

export function listPosts(
	db: Db,
	departmentId?: number,
	opts: { includeDisabled?: boolean } = {}
): PostWithDepartment[] {
	const where: string[] = [];
	if (departmentId !== undefined) where.push('p.department_id = @departmentId');
	if (!opts.includeDisabled) where.push('p.disabled_at IS NULL AND d.disabled_at IS NULL');
	return db
		.prepare(
			`SELECT p.*, d.name AS department_name FROM posts p JOIN departments d ON d.id = p.department_id
			 ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY d.code, p.code`
		)
		.all({ departmentId }) as PostWithDepartment[];
}

export function getPost(db: Db, id: number): Post | undefined {
	return db.prepare('SELECT * FROM posts WHERE id = ?').get(id) as Post | undefined;
}

export function findPostByCodeOrName(
	db: Db,
	departmentId: number,
	code: string,
	name: string
): Post[] {
	return db
		.prepare('SELECT * FROM posts WHERE department_id = ? AND (code = ? OR name = ?)')
		.all(departmentId, code, name) as Post[];
}

export function insertPost(
	db: Db,
	p: { department_id: number; code: string; name: string; duty: string; created_at: string }
): number {
	return Number(
		db
			.prepare(
				'INSERT INTO posts (department_id, code, name, duty, created_at) VALUES (@department_id, @code, @name, @duty, @created_at)'
			)
			.run(p).lastInsertRowid
	);
}

export function updatePost(db: Db, id: number, p: { name: string; duty: string }): void {
	db.prepare('UPDATE posts SET name = @name, duty = @duty WHERE id = @id').run({ ...p, id });
}

export function setPostDisabled(db: Db, id: number, at: string | null): void {
	db.prepare('UPDATE posts SET disabled_at = ? WHERE id = ?').run(at, id);
}

export function countUsersByDepartment(db: Db): Map<number, number> {
	const rows = db
		.prepare(
			'SELECT department_id AS id, COUNT(*) AS n FROM users WHERE department_id IS NOT NULL GROUP BY department_id'
		)
		.all() as { id: number; n: number }[];
	return new Map(rows.map((r) => [r.id, r.n]));
}
