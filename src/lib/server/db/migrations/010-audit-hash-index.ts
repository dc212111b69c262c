import type { Migration } from './index';

/**
 * The audit log without the unique index on `hash`. No query looks a record up by its hash (the
 * chain is read by `seq`, checkpoints name a `seq` and its hash), and a SHA-256 chain does not
 * need the database to prove its hashes distinct: `npm run audit:verify` recomputes every one. Yet
 * each record wrote a leaf of that index, at a random place since hashes are random, so every case
 * event paid for one or two more pages in the log, and a large log carried about 100 bytes more
 * per record. Same columns, same rows, same triggers.
 */
export const m010AuditHashIndex: Migration = {
	version: 10,
	name: 'audit log without the unique index on hash that no query uses',
	sql: `
CREATE TABLE audit_log_unindexed (
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
	hash TEXT NOT NULL
);
INSERT INTO audit_log_unindexed
	SELECT seq, at, actor_id, actor_name, role, action, object_type, object_id, payload, ip, prev_hash, hash
	FROM audit_log ORDER BY seq;
DROP TABLE audit_log;
ALTER TABLE audit_log_unindexed RENAME TO audit_log;
CREATE INDEX audit_log_object ON audit_log(object_type, object_id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'AUDIT_APPEND_ONLY: audit records cannot be changed');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'AUDIT_APPEND_ONLY: audit records cannot be deleted');
END;
CREATE TRIGGER audit_log_action_seen AFTER INSERT ON audit_log
BEGIN
	INSERT OR IGNORE INTO audit_actions (action) VALUES (NEW.action);
END;
`
};
