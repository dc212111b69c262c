import type { Migration } from './index';

export const m004Frozen: Migration = {
	version: 4,
	name: 'frozen item versions: the compiled, approved runtime definitions (固化)',
	sql: `
-- One row per approved power item version that was frozen: the catalogue version and the
-- flowchart and form revisions it bundles, the emitted files (the copy on disk under the data
-- folder is checked against these) and the approval. Never changed, never deleted.
CREATE TABLE frozen_versions (
	id INTEGER PRIMARY KEY,
	entry_id INTEGER NOT NULL REFERENCES catalogue_entries(id),
	code TEXT NOT NULL,
	version INTEGER NOT NULL CHECK (version >= 1),
	catalogue_version_id INTEGER NOT NULL REFERENCES catalogue_versions(id),
	flow_revision INTEGER NOT NULL,
	form_revision INTEGER,
	source_hash TEXT NOT NULL,
	content_hash TEXT NOT NULL,
	manifest_hash TEXT NOT NULL,
	files TEXT NOT NULL,
	compiler_version TEXT NOT NULL,
	approved_at TEXT NOT NULL,
	approved_by INTEGER REFERENCES users(id),
	approved_by_name TEXT NOT NULL,
	audit_seq INTEGER NOT NULL,
	UNIQUE (entry_id, version),
	UNIQUE (catalogue_version_id)
);
CREATE INDEX frozen_versions_code ON frozen_versions(code, version);

CREATE TRIGGER frozen_versions_no_update BEFORE UPDATE ON frozen_versions
BEGIN
	SELECT RAISE(ABORT, 'FROZEN_VERSION_IMMUTABLE: a frozen item version cannot be changed');
END;
CREATE TRIGGER frozen_versions_no_delete BEFORE DELETE ON frozen_versions
BEGIN
	SELECT RAISE(ABORT, 'FROZEN_VERSION_IMMUTABLE: a frozen item version cannot be deleted');
END;

-- Review comments may concern a flowchart node or a form field as well as an entry element:
-- 'field' keeps the element key; 'flow:<node id>' and 'form:<field id>' name the others.
`
};
