import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export type Db = Database.Database;

/** The database file: `SUNLIT_DB`, or `data/sunlit.db` under the working directory. */
export function databasePath(env: NodeJS.ProcessEnv = process.env): string {
	return resolve(env.SUNLIT_DB || 'data/sunlit.db');
}

/**
 * Opens (creating if needed) the SQLite file with the pragmas every connection needs:
 * WAL so readers never block the writer, foreign keys enforced, and a busy timeout so a
 * concurrent backup or CLI run waits instead of failing.
 */
export function openDatabase(path: string, options: { readonly?: boolean } = {}): Db {
	if (!options.readonly && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
	const db = new Database(path, {
		readonly: options.readonly ?? false,
		fileMustExist: options.readonly ?? false
	});
	db.pragma('busy_timeout = 5000');
	if (!options.readonly) {
		db.pragma('journal_mode = WAL');
		db.pragma('synchronous = NORMAL');
	}
	db.pragma('foreign_keys = ON');
	return db;
}

const statements = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * The statement for `sql` on this connection, compiled on first use and reused after
 * (better-sqlite3 compiles on every `db.prepare`). Only for fixed SQL text run with `get`, `all`
 * or `run`: a statement that is iterated or switched to pluck/raw/expand mode must be prepared
 * on its own, and SQL built from input would fill the cache.
 */
export function cachedStatement(db: Db, sql: string): Database.Statement {
	let bySql = statements.get(db);
	if (!bySql) statements.set(db, (bySql = new Map()));
	let statement = bySql.get(sql);
	if (!statement) bySql.set(sql, (statement = db.prepare(sql)));
	return statement;
}
