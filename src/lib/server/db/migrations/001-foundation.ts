import type { Migration } from './index';

export const m001Foundation: Migration = {
	version: 1,
	name: 'foundation: organisation, accounts, sessions, throttling, audit log',
	sql: `
CREATE TABLE settings (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

CREATE TABLE regions (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 6 AND 12),
	name TEXT NOT NULL,
	level INTEGER NOT NULL DEFAULT 4 CHECK (level BETWEEN 1 AND 7)
);

CREATE TABLE departments (
	id INTEGER PRIMARY KEY,
	region_id INTEGER NOT NULL REFERENCES regions(id),
	code TEXT NOT NULL,
	name TEXT NOT NULL,
	kind TEXT NOT NULL DEFAULT 'ordinary' CHECK (kind IN ('legal', 'supervision', 'ordinary')),
	disabled_at TEXT,
	created_at TEXT NOT NULL,
	UNIQUE (region_id, code),
	UNIQUE (region_id, name)
);

CREATE TABLE posts (
	id INTEGER PRIMARY KEY,
	department_id INTEGER NOT NULL REFERENCES departments(id),
	code TEXT NOT NULL,
	name TEXT NOT NULL,
	duty TEXT NOT NULL DEFAULT '',
	disabled_at TEXT,
	created_at TEXT NOT NULL,
	UNIQUE (department_id, code),
	UNIQUE (department_id, name)
);

CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	username TEXT NOT NULL UNIQUE COLLATE NOCASE,
	display_name TEXT NOT NULL,
	password_hash TEXT NOT NULL,
	department_id INTEGER REFERENCES departments(id),
	is_demo INTEGER NOT NULL DEFAULT 0,
	password_changed_at TEXT,
	disabled_at TEXT,
	created_at TEXT NOT NULL
);

CREATE TABLE user_roles (
	user_id INTEGER NOT NULL REFERENCES users(id),
	role TEXT NOT NULL CHECK (role IN ('admin', 'legal', 'editor', 'officer', 'supervisor')),
	PRIMARY KEY (user_id, role)
);

CREATE TABLE user_posts (
	user_id INTEGER NOT NULL REFERENCES users(id),
	post_id INTEGER NOT NULL REFERENCES posts(id),
	PRIMARY KEY (user_id, post_id)
);

CREATE TABLE sessions (
	id TEXT PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES users(id),
	created_at INTEGER NOT NULL,
	last_seen_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL,
	absolute_expires_at INTEGER NOT NULL,
	ip TEXT,
	user_agent TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE login_throttle (
	key TEXT PRIMARY KEY,
	failures INTEGER NOT NULL,
	last_failure_at INTEGER NOT NULL,
	locked_until INTEGER NOT NULL
);

CREATE TABLE audit_log (
	seq INTEGER PRIMARY KEY,
	at TEXT NOT NULL,
	actor_id INTEGER,
	actor_name TEXT NOT NULL,
	role TEXT,
	action TEXT NOT NULL,
	object_type TEXT NOT NULL,
	object_id TEXT,
	payload TEXT NOT NULL,
	ip TEXT,
	prev_hash TEXT NOT NULL,
	hash TEXT NOT NULL UNIQUE
);
CREATE INDEX audit_log_action ON audit_log(action);
CREATE INDEX audit_log_object ON audit_log(object_type, object_id);
CREATE INDEX audit_log_actor ON audit_log(actor_id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'AUDIT_APPEND_ONLY: audit records cannot be changed');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'AUDIT_APPEND_ONLY: audit records cannot be deleted');
END;
`
};
