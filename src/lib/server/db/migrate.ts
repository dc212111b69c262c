import type { Db } from './connection';
import { migrations as defaultMigrations, type Migration } from './migrations/index';

export class MigrationError extends Error {
	readonly code = 'DB_MIGRATION_FAILED';
	constructor(
		readonly version: number,
		readonly migrationName: string,
		cause: unknown
	) {
		super(
			`迁移 ${version}（${migrationName}）失败，数据库保持原状：${(cause as Error)?.message ?? cause}`,
			{
				cause
			}
		);
	}
}

/** The schema version recorded in the file (0 for an empty database). */
export function schemaVersion(db: Db): number {
	const table = db
		.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
		.get();
	if (!table) return 0;
	const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as {
		v: number | null;
	};
	return row.v ?? 0;
}

/**
 * Applies every pending migration, in version order, inside one transaction: either all of them
 * land together with their rows in `schema_migrations`, or (on any error) none do and the file is
 * exactly as it was. Running it again when nothing is pending changes nothing.
 */
export function migrate(
	db: Db,
	migrations: readonly Migration[] = defaultMigrations
): { from: number; to: number } {
	const sorted = [...migrations].sort((a, b) => a.version - b.version);
	sorted.forEach((m, i) => {
		if (m.version !== i + 1) throw new Error(`迁移编号必须从 1 连续编号，发现 ${m.version}`);
	});
	const from = schemaVersion(db);
	const pending = sorted.filter((m) => m.version > from);
	if (pending.length === 0) return { from, to: from };
	const apply = db.transaction(() => {
		db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
			version INTEGER PRIMARY KEY,
			name TEXT NOT NULL,
			applied_at TEXT NOT NULL
		)`);
		for (const m of pending) {
			try {
				db.exec(m.sql);
			} catch (err) {
				throw new MigrationError(m.version, m.name, err);
			}
			db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
				m.version,
				m.name,
				new Date().toISOString()
			);
		}
	});
	apply.immediate();
	return { from, to: pending[pending.length - 1]!.version };
}
