import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/lib/server/db/connection';
import {
	startWalCheckpointer,
	type WalCheckpointer
} from '../../src/lib/server/db/wal-checkpointer';

const dirs: string[] = [];
const open: { db: Db; cp?: WalCheckpointer }[] = [];

afterEach(async () => {
	for (const o of open.splice(0)) {
		await o.cp?.stop();
		o.db.close();
	}
	for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function fresh(): { db: Db; path: string } {
	const dir = mkdtempSync(join(tmpdir(), 'sunlit-wal-'));
	dirs.push(dir);
	const path = join(dir, 's.db');
	const db = openDatabase(path);
	db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
	return { db, path };
}

/** `n` commits of one 3 KB row each: about one WAL page per commit, plus the table's growth. */
function write(db: Db, n: number): void {
	const ins = db.prepare('INSERT INTO t (body) VALUES (?)');
	for (let i = 0; i < n; i++) ins.run('x'.repeat(3000));
}

/** Frames in the WAL and how many of them are already in the database file (no work done). */
const walState = (db: Db) =>
	db.pragma('wal_checkpoint(NOOP)', { simple: false }) as unknown as [
		{ busy: number; log: number; checkpointed: number }
	];

const until = async (ok: () => boolean, ms = 5000) => {
	const end = Date.now() + ms;
	while (!ok()) {
		if (Date.now() > end) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 20));
	}
};

describe('WAL checkpoints on a worker thread', () => {
	it('copies committed pages into the database file while the writer only writes', async () => {
		const { db, path } = fresh();
		const cp = startWalCheckpointer(db, { intervalMs: 20, restartPages: 1_000_000 });
		open.push({ db, cp });
		// The writer's own automatic checkpoint is only the safety net now.
		expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(20_000);
		const before = statSync(path).size;
		write(db, 300);
		// 300 pages are far below the writer's 20000: only the worker can have copied them back.
		await until(() => statSync(path).size > before + 300 * 3000);
		const [state] = walState(db);
		expect(state.log).toBeGreaterThanOrEqual(300);
		await until(() => {
			const [s] = walState(db);
			return s.checkpointed === s.log;
		});
	});

	it('lets the log start again from its beginning, so the WAL does not grow without end', async () => {
		const { db } = fresh();
		const cp = startWalCheckpointer(db, { intervalMs: 20, restartPages: 200 });
		open.push({ db, cp });
		let smallest = Infinity;
		for (let round = 0; round < 20; round++) {
			write(db, 100);
			await new Promise((r) => setTimeout(r, 30));
			smallest = Math.min(smallest, walState(db)[0].log);
		}
		// 2000 commits in all; after a restart the log holds only what came since.
		expect(smallest).toBeLessThan(400);
		expect((db.prepare('SELECT COUNT(*) AS n FROM t').get() as { n: number }).n).toBe(2000);
	});

	it('stops after a last checkpoint and refuses a database that is not a WAL file', async () => {
		const { db, path } = fresh();
		const cp = startWalCheckpointer(db, { intervalMs: 60_000 });
		open.push({ db });
		write(db, 50);
		const before = statSync(path).size;
		await cp.stop();
		expect(statSync(path).size).toBeGreaterThan(before);
		const memory = openDatabase(':memory:');
		expect(() => startWalCheckpointer(memory)).toThrow(/WAL/);
		memory.close();
	});

	it('never keeps the process alive: a server stopped with SIGTERM still exits', () => {
		const dir = mkdtempSync(join(tmpdir(), 'sunlit-wal-'));
		dirs.push(dir);
		const run = spawnSync(
			process.execPath,
			['--import', 'tsx', 'test/factories/wal-checkpointer-exit.ts', dir],
			{ timeout: 20_000, encoding: 'utf8' }
		);
		expect(run.error, 'the process did not end by itself within 20 s').toBeUndefined();
		expect(run.stderr).toBe('');
		expect(run.status).toBe(0);
	});
});
