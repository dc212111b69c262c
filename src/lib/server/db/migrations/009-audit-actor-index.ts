import type { Migration } from './index';

export const m009AuditActorIndex: Migration = {
	version: 9,
	name: 'audit: drop the unused index on actor_id',
	sql: `
-- No query reads the audit log by actor_id (the audit page filters by the actor's name, which no
-- index serves), yet every record wrote a leaf of this index at a random place: about one page of
-- every case event's commit.
DROP INDEX IF EXISTS audit_log_actor;
`
};
