/**
 * The SQL of record-level case access (src/lib/domain/case-access.ts has the rule): which
 * departments take part in a case, which departments a user acts for, and which cases hold a file.
 */
import { cachedStatement, type Db } from '../db/connection';

/**
 * The codes of the departments taking part in a case: the item's department (on the case and on
 * its catalogue entry), the department that recorded or pushed it, the departments of its open
 * work (受理 included) and of every task it ever had (done and cancelled ones too, from the state).
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
			 UNION SELECT json_extract(t.value, '$.post.department') FROM cases c,
				json_each(CASE WHEN c.origin = 'engine' AND json_valid(c.state) THEN c.state ELSE '{}' END, '$.tasks') t
				WHERE c.id = @id`
		).all({ id: caseId }) as { code: string | null }[]
	)
		.map((r) => r.code)
		.filter((c): c is string => typeof c === 'string');
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
 * The ids of the cases whose data names a stored file (an application's upload, a handler's
 * attachment, a 补正 material): refs are content hashes, so the quoted ref occurs in a case's
 * state only where the case holds the file.
 */
export function casesHoldingFile(db: Db, ref: string): number[] {
	return (
		cachedStatement(
			db,
			`SELECT id FROM cases WHERE origin = 'engine' AND instr(state, @needle) > 0 ORDER BY id`
		).all({ needle: JSON.stringify(ref) }) as { id: number }[]
	).map((r) => r.id);
}
