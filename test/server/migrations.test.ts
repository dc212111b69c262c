import { describe, expect, it } from 'vitest';
import { migrate, MigrationError, schemaVersion } from '../../src/lib/server/db/migrate';
import { migrations } from '../../src/lib/server/db/migrations/index';
import { tempDb } from '../factories/db';
import {
	appendAudit,
	distinctAuditActions,
	verifyAuditChain
} from '../../src/lib/server/repositories/audit-repository';
import type { Db } from '../../src/lib/server/db/connection';

function schemaDump(db: Db) {
	return db
		.prepare(
			"SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"
		)
		.all();
}

describe('migrations', () => {
	it('given an empty file, when migrated, then the schema version is the number of migrations', () => {
		const { db } = tempDb({ migrated: false });
		expect(schemaVersion(db)).toBe(0);
		expect(migrate(db)).toEqual({ from: 0, to: migrations.length });
		expect(schemaVersion(db)).toBe(migrations.length);
	});

	it('given a migrated database, when migrated again, then nothing changes', () => {
		const { db } = tempDb();
		const before = schemaDump(db);
		const rows = db.prepare('SELECT * FROM schema_migrations').all();
		expect(migrate(db)).toEqual({ from: migrations.length, to: migrations.length });
		expect(schemaDump(db)).toEqual(before);
		expect(db.prepare('SELECT * FROM schema_migrations').all()).toEqual(rows);
	});

	it('given a broken migration after a good one, when migrating, then the database is left exactly as it was', () => {
		const { db } = tempDb();
		db.prepare("INSERT INTO settings (key, value) VALUES ('k', 'v')").run();
		const before = schemaDump(db);
		const broken = [
			...migrations,
			{
				version: migrations.length + 1,
				name: 'good',
				sql: "CREATE TABLE extra (id INTEGER PRIMARY KEY); INSERT INTO settings VALUES ('x', 'y');"
			},
			{
				version: migrations.length + 2,
				name: 'broken',
				sql: 'ALTER TABLE no_such_table ADD COLUMN z TEXT;'
			}
		];
		expect(() => migrate(db, broken)).toThrow(MigrationError);
		try {
			migrate(db, broken);
		} catch (err) {
			expect((err as MigrationError).version).toBe(migrations.length + 2);
			expect((err as Error).message).toContain('数据库保持原状');
		}
		expect(schemaDump(db)).toEqual(before);
		expect(schemaVersion(db)).toBe(migrations.length);
		expect(db.prepare('SELECT key FROM settings ORDER BY key').all()).toEqual([{ key: 'k' }]);
	});

	it('refuses migration lists with gaps in their numbering', () => {
		const { db } = tempDb({ migrated: false });
		expect(() => migrate(db, [{ version: 2, name: 'gap', sql: 'SELECT 1' }])).toThrow(/连续/);
	});

	it('opens the file in WAL mode with foreign keys enforced', () => {
		const { db } = tempDb();
		expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
		expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
		expect(() =>
			db.prepare("INSERT INTO user_roles (user_id, role) VALUES (999, 'admin')").run()
		).toThrow(/FOREIGN KEY/);
	});

	it('migration 9 keeps every case event, open task and audit action, and the events stay unchangeable', () => {
		const { db } = tempDb({ migrated: false });
		migrate(db, migrations.slice(0, 8));
		// Rows of a case that need no case row for this test: foreign keys off while they are made.
		db.pragma('foreign_keys = OFF');
		const at = new Date('2026-12-01T02:00:00Z');
		for (const action of ['case.accepted', 'task.claimed', 'case.accepted'])
			appendAudit(
				db,
				{
					actorId: null,
					actorName: 't',
					role: null,
					action,
					objectType: 'case',
					objectId: '1',
					payload: {}
				},
				at
			);
		const event = db.prepare(
			'INSERT INTO case_events (case_id, seq, type, actor, at, event) VALUES (?, ?, ?, ?, ?, ?)'
		);
		for (let seq = 0; seq < 3; seq++)
			event.run(7, seq, 'claim', '张三', at.toISOString(), `{"n":${seq}}`);
		db.prepare(
			`INSERT INTO case_tasks (case_id, task_id, node, name, department, post, status, claimed_by, opened_at, due)
			 VALUES (7, 't1', 'n2', '审查', 'SCJG', 'SH', 'open', NULL, ?, '2026-12-10')`
		).run(at.toISOString());
		const events = db.prepare('SELECT * FROM case_events ORDER BY case_id, seq').all();
		const tasks = db.prepare('SELECT * FROM case_tasks').all();

		expect(migrate(db)).toEqual({ from: 8, to: migrations.length });
		db.pragma('foreign_keys = ON');
		expect(db.prepare('SELECT * FROM case_events ORDER BY case_id, seq').all()).toEqual(events);
		expect(db.prepare('SELECT * FROM case_tasks').all()).toEqual(tasks);
		expect(distinctAuditActions(db)).toEqual(['case.accepted', 'task.claimed']);
		// A new action is listed as soon as it is recorded; the chain is untouched.
		appendAudit(
			db,
			{
				actorId: null,
				actorName: 't',
				role: null,
				action: 'case.closed',
				objectType: 'case',
				objectId: '1',
				payload: {}
			},
			at
		);
		expect(distinctAuditActions(db)).toEqual(['case.accepted', 'case.closed', 'task.claimed']);
		expect(verifyAuditChain(db).ok).toBe(true);
		expect(() => db.prepare("UPDATE case_events SET type = 'x' WHERE seq = 0").run()).toThrow(
			/CASE_EVENT_KEPT/
		);
		expect(() => db.prepare('DELETE FROM case_events').run()).toThrow(/CASE_EVENT_KEPT/);
		const indexes = (
			db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all() as { name: string }[]
		).map((r) => r.name);
		expect(indexes).toContain('case_tasks_post');
		expect(indexes).not.toContain('audit_log_actor');
		expect(indexes).not.toContain('audit_log_action');
	});

	it('migration 10 keeps every audit record and trigger of the log and drops only the index on hash', () => {
		const { db } = tempDb({ migrated: false });
		migrate(db, migrations.slice(0, 9));
		const record = (action: string, n: number) =>
			appendAudit(
				db,
				{
					actorId: null,
					actorName: '张三',
					role: null,
					action,
					objectType: 'case',
					objectId: String(n),
					payload: { n }
				},
				new Date(Date.UTC(2026, 11, 1, 2, 0, n))
			);
		for (let n = 0; n < 50; n++) record(n % 2 ? 'case.accepted' : 'task.claimed', n);
		const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').all();
		const autoIndexes = () =>
			db
				.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_log'")
				.all()
				.map((r) => (r as { name: string }).name);
		expect(autoIndexes()).toContain('sqlite_autoindex_audit_log_1');

		expect(migrate(db)).toEqual({ from: 9, to: migrations.length });
		expect(db.prepare('SELECT * FROM audit_log ORDER BY seq').all()).toEqual(rows);
		expect(autoIndexes()).toEqual(['audit_log_object']);
		expect(verifyAuditChain(db)).toMatchObject({ ok: true, checked: 50 });
		// Records still chain on, new actions are still listed, nothing can be changed or removed.
		record('case.closed', 50);
		expect(verifyAuditChain(db)).toMatchObject({ ok: true, checked: 51 });
		expect(distinctAuditActions(db)).toEqual(['case.accepted', 'case.closed', 'task.claimed']);
		expect(() => db.prepare("UPDATE audit_log SET action = 'x' WHERE seq = 1").run()).toThrow(
			/AUDIT_APPEND_ONLY/
		);
		expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 51').run()).toThrow(
			/AUDIT_APPEND_ONLY/
		);
		expect(
			db.prepare("SELECT seq FROM audit_log WHERE object_type = 'case' AND object_id = '7'").all()
		).toEqual([{ seq: 8 }]);
	});
});
