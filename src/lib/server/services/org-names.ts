import type { Db } from '../db/connection';
import { listDepartments, listPosts } from '../repositories/org-repository';

/**
 * Display names of departments and posts by their codes, as flows refer to them: `post` maps
 * `DEPT/POST` to `部门 · 岗位`.
 */
export function orgNames(db: Db): {
	departments: Record<string, string>;
	posts: Record<string, string>;
} {
	const departments = listDepartments(db, { includeDisabled: true });
	const byId = new Map(departments.map((d) => [d.id, d]));
	const posts: Record<string, string> = {};
	for (const p of listPosts(db, undefined, { includeDisabled: true })) {
		const d = byId.get(p.department_id);
		if (d) posts[`${d.code}/${p.code}`] = `${d.name} · ${p.name}`;
	}
	return { departments: Object.fromEntries(departments.map((d) => [d.code, d.name])), posts };
}
