import { describe, expect, it } from 'vitest';
import { migrate, MigrationError, schemaVersion } from '../../src/lib/server/db/migrate';
import { migrations } from '../../src/lib/server/db/migrations/index';
import { tempDb } from '../factories/db';
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
});
