import type { Migration } from './index';

export const m008Supervision: Migration = {
	version: 8,
	name: 'supervision: warnings, exceptions, 督办 notices, public evaluation, complaints, the feed',
	sql: `
-- What supervision reads of a case without parsing its state: the department answerable for it
-- (the catalogue entry's), its current warning, and once closed the working days it took, whether
-- it kept its promised date and how often it went back to the applicant for 补正.
ALTER TABLE cases ADD COLUMN department_id INTEGER REFERENCES departments(id);
ALTER TABLE cases ADD COLUMN warning_level TEXT NOT NULL DEFAULT 'none'
	CHECK (warning_level IN ('none', 'yellow', 'red'));
ALTER TABLE cases ADD COLUMN working_days INTEGER;        -- acceptance to closing, working days
ALTER TABLE cases ADD COLUMN on_time INTEGER;             -- 1/0 once closed with a promised date
ALTER TABLE cases ADD COLUMN supplements INTEGER NOT NULL DEFAULT 0;  -- 补正 requests so far
UPDATE cases SET department_id = (SELECT department_id FROM catalogue_entries e WHERE e.id = cases.entry_id);
-- Every way a case is written (engine, offline registration, department push) gets its department.
CREATE TRIGGER cases_department AFTER INSERT ON cases WHEN NEW.department_id IS NULL
BEGIN
	UPDATE cases SET department_id = (SELECT department_id FROM catalogue_entries e WHERE e.id = NEW.entry_id)
	WHERE id = NEW.id;
END;
-- The overview counts open cases per department and warning; the evaluation reads a period.
CREATE INDEX cases_open_department ON cases(department_id, warning_level) WHERE closed_at IS NULL;
CREATE INDEX cases_department_submitted ON cases(department_id, submitted_at);
CREATE INDEX cases_department_closed ON cases(department_id, closed_at) WHERE closed_at IS NOT NULL;

-- 自动预警: the warnings a case has now (a projection, rewritten on every transition and by the
-- scheduler). History lives in the feed and the audit log.
CREATE TABLE case_warnings (
	case_id INTEGER NOT NULL REFERENCES cases(id),
	scope TEXT NOT NULL CHECK (scope IN ('promised', 'statutory', 'step')),
	task TEXT NOT NULL DEFAULT '',             -- the step's task id (scope 'step'), else ''
	node TEXT,
	department_id INTEGER REFERENCES departments(id),   -- the step's department, else the case's
	level TEXT NOT NULL CHECK (level IN ('yellow', 'red')),
	due TEXT NOT NULL,
	limit_days INTEGER NOT NULL,
	used_days INTEGER NOT NULL,
	on_day TEXT NOT NULL,
	raised_at TEXT NOT NULL,
	PRIMARY KEY (case_id, scope, task)
) WITHOUT ROWID;
CREATE INDEX case_warnings_department ON case_warnings(department_id, level);

-- 异常: each with a type, a severity and its evidence (JSON). key makes raising idempotent.
CREATE TABLE supervision_exceptions (
	id INTEGER PRIMARY KEY,
	key TEXT NOT NULL UNIQUE,
	type TEXT NOT NULL CHECK (type IN ('overdue', 'repeated_supplement', 'discretion_range',
		'same_person', 'offline_incomplete', 'audit_chain', 'late_push')),
	severity TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high')),
	case_id INTEGER REFERENCES cases(id),
	department_id INTEGER REFERENCES departments(id),
	evidence TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'notified', 'closed')),
	raised_at TEXT NOT NULL,
	closed_at TEXT
);
CREATE INDEX supervision_exceptions_open ON supervision_exceptions(status, department_id);

-- 督办: a supervision notice to a department, its reply, and the supervisor's finding.
CREATE TABLE supervision_notices (
	id INTEGER PRIMARY KEY,
	notice_no TEXT NOT NULL UNIQUE,            -- 督办编号
	exception_id INTEGER REFERENCES supervision_exceptions(id),
	case_id INTEGER REFERENCES cases(id),
	department_id INTEGER NOT NULL REFERENCES departments(id),
	subject TEXT NOT NULL,
	content TEXT NOT NULL,
	reply_due TEXT NOT NULL,                   -- China date
	issued_by INTEGER REFERENCES users(id),
	issued_at TEXT NOT NULL,
	reply TEXT,
	replied_by INTEGER REFERENCES users(id),
	replied_at TEXT,
	finding TEXT,
	fault TEXT CHECK (fault IN ('none', 'found')),   -- 过错责任
	fault_detail TEXT,
	closed_by INTEGER REFERENCES users(id),
	closed_at TEXT,
	status TEXT NOT NULL DEFAULT 'issued' CHECK (status IN ('issued', 'replied', 'closed'))
);
CREATE INDEX supervision_notices_department ON supervision_notices(department_id, status);

-- 公众评议 (服务评价): once per case, after it closed.
CREATE TABLE evaluations (
	case_id INTEGER PRIMARY KEY REFERENCES cases(id),
	level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),   -- 1 非常不满意 … 5 非常满意
	comment TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL
);

-- 投诉举报 (办事互动): with a tracking number and query code like a case.
CREATE TABLE complaints (
	id INTEGER PRIMARY KEY,
	complaint_no TEXT NOT NULL UNIQUE,
	query_hash TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('complaint', 'report')),   -- 投诉 / 举报
	subject TEXT NOT NULL CHECK (subject IN ('item', 'case', 'department')),
	item_code TEXT,
	case_id INTEGER REFERENCES cases(id),
	department_id INTEGER REFERENCES departments(id),
	anonymous INTEGER NOT NULL DEFAULT 0,
	title TEXT NOT NULL,                       -- 投诉标题
	name TEXT,
	contact TEXT,
	content TEXT NOT NULL,
	created_at TEXT NOT NULL,
	reply_due TEXT NOT NULL,                   -- China date
	reply TEXT,
	replied_by INTEGER REFERENCES users(id),
	replied_at TEXT,
	status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'replied'))
);
CREATE INDEX complaints_department ON complaints(department_id, created_at);

-- 实时报送: key process events in GB/T 39046 field names, in order; never changed.
CREATE TABLE feed_events (
	seq INTEGER PRIMARY KEY AUTOINCREMENT,
	kind TEXT NOT NULL,
	dataset TEXT NOT NULL,
	case_no TEXT,
	department_code TEXT,
	at TEXT NOT NULL,
	record TEXT NOT NULL
);
CREATE TRIGGER feed_events_no_update BEFORE UPDATE ON feed_events
BEGIN
	SELECT RAISE(ABORT, 'FEED_EVENT_KEPT: a reported event cannot be changed');
END;
CREATE TRIGGER feed_events_no_delete BEFORE DELETE ON feed_events
BEGIN
	SELECT RAISE(ABORT, 'FEED_EVENT_KEPT: a reported event cannot be deleted');
END;

-- Who may read the feed (an upstream hall): tokens kept as SHA-256 like department tokens.
CREATE TABLE feed_tokens (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	token_hash TEXT NOT NULL UNIQUE,
	created_by INTEGER REFERENCES users(id),
	created_at TEXT NOT NULL,
	last_used_at TEXT,
	revoked_at TEXT
);

-- Push to the configured upstream: how far it got and when to try again.
CREATE TABLE feed_push (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	last_seq INTEGER NOT NULL DEFAULT 0,
	failures INTEGER NOT NULL DEFAULT 0,
	next_attempt_at TEXT,
	last_error TEXT,
	updated_at TEXT
);

-- The scheduler's jobs: when each last ran (a restart carries on from here).
CREATE TABLE scheduler_runs (
	job TEXT PRIMARY KEY,
	last_run_at TEXT NOT NULL,
	last_result TEXT
);
`
};
