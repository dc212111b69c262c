import type { Migration } from './index';

export const m007Integration: Migration = {
	version: 7,
	name: 'integration: department API tokens, cases recorded offline or pushed by department systems',
	sql: `
-- Department API tokens (接口令牌): a department's own system calls the API as that department.
-- Only the SHA-256 of the token is kept; the token itself is shown once, when it is issued.
CREATE TABLE api_tokens (
	id INTEGER PRIMARY KEY,
	department_id INTEGER NOT NULL REFERENCES departments(id),
	name TEXT NOT NULL,                        -- recorded as the actor of what the token does
	token_hash TEXT NOT NULL UNIQUE,
	created_by INTEGER REFERENCES users(id),
	created_at TEXT NOT NULL,
	last_used_at TEXT,
	revoked_at TEXT,
	UNIQUE (department_id, name)
);

-- Cases not run by the built-in engine live in the same table, so the hall, tracking and
-- supervision read one table: 'offline' (线下办件登记, recorded by an officer) and 'pushed'
-- (实时报送, sent by the department's own system). Their steps are case_events like any other.
ALTER TABLE cases ADD COLUMN origin TEXT NOT NULL DEFAULT 'engine'
	CHECK (origin IN ('engine', 'offline', 'pushed'));
-- The department that recorded or pushed the case, and (pushed) its own case id in that system.
ALTER TABLE cases ADD COLUMN source_department_id INTEGER REFERENCES departments(id);
ALTER TABLE cases ADD COLUMN source_ref TEXT;
CREATE UNIQUE INDEX cases_source_ref ON cases(source_department_id, source_ref)
	WHERE source_ref IS NOT NULL;
`
};
