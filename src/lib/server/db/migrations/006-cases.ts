import type { Migration } from './index';

export const m006Cases: Migration = {
	version: 6,
	name: 'cases: the case runner (办事申请, 事项受理, 事项办理, 事项办结)',
	sql: `
-- One row per case (办件). state is the engine's CaseState (JSON); the other columns are what
-- queues, the tracking page and exports read without parsing it. version increases by one with
-- every accepted event: a writer based on an older version is refused (optimistic concurrency).
CREATE TABLE cases (
	id INTEGER PRIMARY KEY,
	case_no TEXT NOT NULL UNIQUE,              -- 办件编号: region code + yyyymmdd + sequence
	query_hash TEXT NOT NULL,                  -- SHA-256 of the applicant's 查询码 (never stored in clear)
	entry_id INTEGER NOT NULL REFERENCES catalogue_entries(id),
	item_code TEXT NOT NULL,
	item_version INTEGER NOT NULL,
	content_hash TEXT NOT NULL,                -- the frozen definition the case runs on, for its whole life
	channel TEXT NOT NULL CHECK (channel IN ('online', 'window', 'offline')),  -- 申报来源
	applicant_name TEXT NOT NULL,              -- 申请者名称
	applicant_id TEXT NOT NULL DEFAULT '',     -- 申请者证件号码
	status TEXT NOT NULL,
	state TEXT NOT NULL,
	version INTEGER NOT NULL,
	submitted_at TEXT NOT NULL,                -- 申请时间
	accepted_at TEXT,                          -- 受理时间
	statutory_due TEXT,
	promised_due TEXT,                         -- 承诺办结时间
	closed_at TEXT,                            -- 办结时间
	outcome TEXT,
	updated_at TEXT NOT NULL
);
CREATE INDEX cases_item ON cases(item_code, status);
CREATE INDEX cases_status ON cases(status, promised_due);

-- Case numbers are given out per region and day, gap-free within the day.
CREATE TABLE case_counters (
	region TEXT NOT NULL,
	day TEXT NOT NULL,
	last INTEGER NOT NULL,
	PRIMARY KEY (region, day)
);

-- The open work of every case, by post (a projection of the state, rewritten with each event).
CREATE TABLE case_tasks (
	case_id INTEGER NOT NULL REFERENCES cases(id),
	task_id TEXT NOT NULL,                     -- 'accept' for 受理 at the start
	node TEXT NOT NULL,
	name TEXT NOT NULL,
	department TEXT NOT NULL,
	post TEXT NOT NULL,
	status TEXT NOT NULL,
	claimed_by TEXT,
	opened_at TEXT NOT NULL,
	due TEXT,
	PRIMARY KEY (case_id, task_id)
);
CREATE INDEX case_tasks_post ON case_tasks(department, post, status);

-- Every accepted event (事项办理 with its 业务动作), in order.
CREATE TABLE case_events (
	case_id INTEGER NOT NULL REFERENCES cases(id),
	seq INTEGER NOT NULL,
	type TEXT NOT NULL,
	actor TEXT NOT NULL,
	at TEXT NOT NULL,
	event TEXT NOT NULL,
	PRIMARY KEY (case_id, seq)
);
CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
BEGIN
	SELECT RAISE(ABORT, 'CASE_EVENT_KEPT: a recorded event cannot be changed');
END;
CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
BEGIN
	SELECT RAISE(ABORT, 'CASE_EVENT_KEPT: a recorded event cannot be deleted');
END;

-- Notifications to applicants: written in the event's transaction (the outbox), delivered after
-- the commit; the key makes delivery happen at most once.
CREATE TABLE notifications (
	id INTEGER PRIMARY KEY,
	key TEXT NOT NULL UNIQUE,
	case_id INTEGER NOT NULL REFERENCES cases(id),
	kind TEXT NOT NULL,
	params TEXT NOT NULL,
	created_at TEXT NOT NULL,
	delivered_at TEXT,
	channel TEXT
);
CREATE INDEX notifications_pending ON notifications(delivered_at) WHERE delivered_at IS NULL;
`
};
