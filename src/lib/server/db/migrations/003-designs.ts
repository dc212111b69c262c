import type { Migration } from './index';

export const m003Designs: Migration = {
	version: 3,
	name: 'designs: versioned flowcharts and application forms per catalogue entry',
	sql: `
-- Every save of an item's flowchart or application form is a new revision (never updated), so
-- history is kept and a save based on a stale revision can be refused.
CREATE TABLE design_revisions (
	id INTEGER PRIMARY KEY,
	entry_id INTEGER NOT NULL REFERENCES catalogue_entries(id),
	kind TEXT NOT NULL CHECK (kind IN ('flow', 'form')),
	revision INTEGER NOT NULL CHECK (revision >= 1),
	document TEXT NOT NULL,
	hash TEXT NOT NULL,
	saved_at TEXT NOT NULL,
	saved_by INTEGER REFERENCES users(id),
	UNIQUE (entry_id, kind, revision)
);

CREATE TRIGGER design_revisions_no_update BEFORE UPDATE ON design_revisions
BEGIN
	SELECT RAISE(ABORT, 'DESIGN_REVISION_FROZEN: a saved revision cannot be changed');
END;

-- The flowchart and form revisions a catalogue version was approved with (what the public sees).
ALTER TABLE catalogue_versions ADD COLUMN flow_revision INTEGER;
ALTER TABLE catalogue_versions ADD COLUMN form_revision INTEGER;
`
};
