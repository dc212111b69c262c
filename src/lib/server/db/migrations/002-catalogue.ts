import type { Migration } from './index';

export const m002Catalogue: Migration = {
	version: 2,
	name: 'catalogue: entries, versions under review, field comments, public search, working-day calendar',
	sql: `
CREATE TABLE catalogue_entries (
	id INTEGER PRIMARY KEY,
	-- 事项编码: region-department-category-sequence, fixed at creation and kept by every version.
	code TEXT NOT NULL UNIQUE,
	department_id INTEGER NOT NULL REFERENCES departments(id),
	category TEXT NOT NULL,
	seq INTEGER NOT NULL,
	created_at TEXT NOT NULL,
	created_by INTEGER REFERENCES users(id),
	-- The version the public sees (NULL until the first approval).
	published_version INTEGER,
	published_at TEXT,
	retired_at TEXT,
	retire_reason TEXT,
	-- A change of the legal basis recorded by the department, and the re-declaration due date.
	basis_changed_on TEXT,
	basis_change_cause TEXT,
	redeclare_due TEXT,
	UNIQUE (department_id, category, seq)
);

CREATE TABLE catalogue_versions (
	id INTEGER PRIMARY KEY,
	entry_id INTEGER NOT NULL REFERENCES catalogue_entries(id),
	version INTEGER NOT NULL CHECK (version >= 1),
	kind TEXT NOT NULL CHECK (kind IN ('declare', 'retire')),
	status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'approved', 'published', 'superseded', 'retired')),
	content TEXT NOT NULL,
	content_hash TEXT NOT NULL,
	retire_reason TEXT,
	created_at TEXT NOT NULL,
	created_by INTEGER REFERENCES users(id),
	updated_at TEXT NOT NULL,
	updated_by INTEGER REFERENCES users(id),
	submitted_at TEXT,
	submitted_by INTEGER REFERENCES users(id),
	review_due TEXT,
	decided_at TEXT,
	decided_by INTEGER REFERENCES users(id),
	published_at TEXT,
	UNIQUE (entry_id, version)
);
-- At most one version of an entry is being worked on at a time.
CREATE UNIQUE INDEX catalogue_versions_one_open ON catalogue_versions(entry_id)
	WHERE status IN ('draft', 'submitted', 'returned');
CREATE INDEX catalogue_versions_status ON catalogue_versions(status, review_due);

-- Content is frozen once a version leaves the editor's hands.
CREATE TRIGGER catalogue_versions_frozen BEFORE UPDATE OF content, content_hash, kind, version, entry_id ON catalogue_versions
	WHEN OLD.status NOT IN ('draft', 'returned')
BEGIN
	SELECT RAISE(ABORT, 'CATALOGUE_VERSION_FROZEN: a submitted or published version cannot be changed');
END;
CREATE TRIGGER catalogue_versions_no_delete BEFORE DELETE ON catalogue_versions
	WHEN OLD.status NOT IN ('draft')
BEGIN
	SELECT RAISE(ABORT, 'CATALOGUE_VERSION_KEPT: only an unsubmitted draft can be deleted');
END;

CREATE TABLE catalogue_comments (
	id INTEGER PRIMARY KEY,
	version_id INTEGER NOT NULL REFERENCES catalogue_versions(id),
	-- Which return this comment belongs to (1 for the first return of the version, and so on).
	round INTEGER NOT NULL,
	field TEXT NOT NULL,
	body TEXT NOT NULL,
	created_at TEXT NOT NULL,
	created_by INTEGER REFERENCES users(id)
);
CREATE INDEX catalogue_comments_version ON catalogue_comments(version_id, round);

-- Public search over published entries (exactly those: rows come and go on publish and
-- retire). Text is indexed as CJK bigrams plus other words, and each distinct character once in
-- chars (see src/lib/domain/search-text.ts), so one- and two-character Chinese queries match.
CREATE VIRTUAL TABLE catalogue_search USING fts5(
	name, basis, materials, other, chars,
	tokenize = 'unicode61 remove_diacritics 0'
);
-- Plain text beside the index, for highlighting and single-character queries.
CREATE TABLE catalogue_search_text (
	entry_id INTEGER PRIMARY KEY REFERENCES catalogue_entries(id),
	name TEXT NOT NULL,
	basis TEXT NOT NULL,
	materials TEXT NOT NULL,
	other TEXT NOT NULL
);

-- Working-day calendar maintained by administrators: holidays on weekdays and make-up workdays
-- on weekends. A year counts as known only once it is confirmed complete.
CREATE TABLE calendar_days (
	date TEXT PRIMARY KEY CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
	note TEXT NOT NULL DEFAULT '',
	updated_at TEXT NOT NULL,
	updated_by INTEGER REFERENCES users(id)
);
CREATE TABLE calendar_years (
	year INTEGER PRIMARY KEY,
	confirmed_at TEXT NOT NULL,
	confirmed_by INTEGER REFERENCES users(id)
);
`
};
