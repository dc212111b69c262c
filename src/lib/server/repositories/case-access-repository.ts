/**
 * The SQL of record-level case access (src/lib/domain/case-access.ts has the rule): which
 * departments take part in a case, which departments a user acts for, and which cases hold a file.
 */
import { cachedStatement, type Db } from '../db/connection';

/**
 * The codes of the departments taking part in a case: the item's department (on the case and on
 * its catalogue entry), the department that recorded or pushed it, and every department that had
 * work of it — open now (受理 included), or ever (`case_departments`, and the tasks in its state).
 */
export function caseDepartments(db: Db, caseId: number): string[] {
	return (
		cachedStatement(
			db,
			`SELECT d.code AS code FROM cases c JOIN departments d ON d.id = c.department_id WHERE c.id = @id
			 UNION SELECT d.code FROM cases c JOIN departments d ON d.id = c.source_department_id WHERE c.id = @id
			 UNION SELECT d.code FROM cases c JOIN catalogue_entries e ON e.id = c.entry_id
				JOIN departments d ON d.id = e.department_id WHERE c.id = @id
			 UNION SELECT department FROM case_tasks WHERE case_id = @id
			 UNION SELECT department FROM case_departments WHERE case_id = @id
			 UNION SELECT json_extract(t.value, '$.post.department') FROM cases c,
				json_each(CASE WHEN c.origin = 'engine' AND json_valid(c.state) THEN c.state ELSE '{}' END, '$.tasks') t
				WHERE c.id = @id`
		).all({ id: caseId }) as { code: string | null }[]
	)
		.map((r) => r.code)
		.filter((c): c is string => typeof c === 'string');
}

/** Records that the departments have work of the case (kept after the work is done). */
export function noteCaseDepartments(db: Db, caseId: number, departments: readonly string[]): void {
	for (const department of new Set(departments))
		cachedStatement(
			db,
			'INSERT OR IGNORE INTO case_departments (case_id, department) VALUES (?, ?)'
		).run(caseId, department);
}

/**
 * Records the stored files named in `json` (an application's data, an event with attachments or
 * 补正 materials: every `ref` of the form `sha256-…`) as files of the case.
 */
export function noteCaseFiles(db: Db, caseId: number, json: string): void {
	if (!json.includes('"ref"')) return;
	cachedStatement(
		db,
		`INSERT OR IGNORE INTO case_files (ref, case_id)
		 SELECT DISTINCT value, @id FROM json_tree(@json)
		 WHERE key = 'ref' AND type = 'text' AND value LIKE 'sha256-%'`
	).run({ id: caseId, json });
}

/** The codes of the departments a user acts for: their own and those of the posts they hold. */
export function userDepartmentCodes(db: Db, userId: number): string[] {
	return (
		cachedStatement(
			db,
			`SELECT d.code AS code FROM users u JOIN departments d ON d.id = u.department_id
			 WHERE u.id = @id AND d.disabled_at IS NULL
			 UNION
			 SELECT d.code FROM user_posts up JOIN posts p ON p.id = up.post_id
			 JOIN departments d ON d.id = p.department_id
			 WHERE up.user_id = @id AND p.disabled_at IS NULL AND d.disabled_at IS NULL
			 ORDER BY 1`
		).all({ id: userId }) as { code: string }[]
	).map((r) => r.code);
}

/**
 * The ids of the cases holding a stored file (an application's upload, a handler's attachment, a
 * 补正 material), as recorded with each case's events (`noteCaseFiles`).
 */
export function casesHoldingFile(db: Db, ref: string): number[] {
	return (
		cachedStatement(db, 'SELECT case_id AS id FROM case_files WHERE ref = ? ORDER BY case_id').all(
			ref
		) as { id: number }[]
	).map((r) => r.id);
}
