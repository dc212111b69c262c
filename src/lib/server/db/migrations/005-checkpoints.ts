import type { Migration } from './index';

export const m005Checkpoints: Migration = {
	version: 5,
	name: 'audit checkpoints: published sequence + hash of the chain head',
	sql: `
-- Published on the hall (page and JSON): anyone who saves one can later detect a truncated or
-- rewritten log, whose record at that sequence would no longer have that hash.
CREATE TABLE audit_checkpoints (
	seq INTEGER PRIMARY KEY,
	hash TEXT NOT NULL,
	at TEXT NOT NULL,
	reason TEXT NOT NULL CHECK (reason IN ('start', 'hourly', 'freeze'))
);
CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
BEGIN
	SELECT RAISE(ABORT, 'CHECKPOINT_IMMUTABLE: a published checkpoint cannot be changed');
END;
CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
BEGIN
	SELECT RAISE(ABORT, 'CHECKPOINT_IMMUTABLE: a published checkpoint cannot be deleted');
END;
`
};
