/**
 * Run by test/server/wal-checkpointer.test.ts in a process of its own: starts the WAL checkpointer
 * on a fresh database (the folder is argv[2]), writes, and returns without stopping it. The
 * process must then end by itself, as a server stopped with SIGTERM must.
 */
import { join } from 'node:path';
import { openDatabase } from '../../src/lib/server/db/connection';
import { startWalCheckpointer } from '../../src/lib/server/db/wal-checkpointer';

const db = openDatabase(join(process.argv[2]!, 's.db'));
startWalCheckpointer(db, { intervalMs: 10 });
db.exec('CREATE TABLE t (x TEXT)');
db.prepare('INSERT INTO t VALUES (?)').run('x');
