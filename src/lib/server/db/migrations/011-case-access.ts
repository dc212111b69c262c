import type { Migration } from './index';

/**
 * What record-level case access reads (src/lib/domain/case-access.ts): the departments that ever
 * had work of a case (受理 included, which leaves `case_tasks` once accepted) and the stored files
 * a case holds, so that a file download finds its cases by an index instead of reading every
 * case's state. Both only grow; existing cases are filled from their open work and their state.
 */
export const m011CaseAccess: Migration = {
	version: 11,
	name: 'case access: departments taking part in a case, files a case holds',
	sql: `
CREATE TABLE case_departments (
	case_id INTEGER NOT NULL REFERENCES cases(id),
	department TEXT NOT NULL,                  -- department code
	PRIMARY KEY (case_id, department)
) WITHOUT ROWID;

CREATE TABLE case_files (
	ref TEXT NOT NULL,                         -- sha256-… of the stored upload
	case_id INTEGER NOT NULL REFERENCES cases(id),
	PRIMARY KEY (ref, case_id)
) WITHOUT ROWID;

INSERT OR IGNORE INTO case_departments (case_id, department)
	SELECT case_id, department FROM case_tasks;
INSERT OR IGNORE INTO case_departments (case_id, department)
	SELECT c.id, json_extract(t.value, '$.post.department')
	FROM cases c, json_each(c.state, '$.tasks') t
	WHERE c.origin = 'engine' AND json_extract(t.value, '$.post.department') IS NOT NULL;
INSERT OR IGNORE INTO case_files (ref, case_id)
	SELECT t.value, c.id FROM cases c, json_tree(c.state) t
	WHERE c.origin = 'engine' AND t.key = 'ref' AND t.type = 'text' AND t.value LIKE 'sha256-%';
`
};
