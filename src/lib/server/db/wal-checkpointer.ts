import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './connection';

/**
 * WAL checkpoints on their own thread. SQLite's automatic checkpoint runs inside the commit that
 * pushes the write-ahead log over 1000 pages: that commit copies every page back into the
 * database file and syncs it, 10–20 ms on these disks, so one event in fifty waited for it. The
 * server instead turns the automatic checkpoint down to a safety net and lets a worker thread
 * with its own connection run passive checkpoints (which never block the writer) every
 * `intervalMs`; if the log still outgrows `restartPages` (the writer never paused long enough for
 * a passive pass to catch up) one RESTART checkpoint waits for a gap between commits, so the log
 * starts again from its beginning. The worker's pages, syncs and waits are then off the path of
 * every request.
 */
export interface WalCheckpointer {
	/** Ends the worker after one last passive checkpoint; resolves when its connection is closed. */
	stop(): Promise<void>;
}

export interface WalCheckpointOptions {
	/** How often the worker checkpoints (ms). */
	intervalMs?: number;
	/** Above this many pages the worker asks for a RESTART checkpoint. */
	restartPages?: number;
	/** The writer's own automatic checkpoint, kept as a safety net should the worker stop. */
	fallbackPages?: number;
	log?: (line: string) => void;
}

// Runs in the worker (CommonJS, evaluated): one connection, a timer, and a stop message.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
const pass = (mode) => db.pragma('wal_checkpoint(' + mode + ')')[0];
let failed = false;
function tick() {
	try {
		if (pass('PASSIVE').log >= workerData.restartPages) pass('RESTART');
		failed = false;
	} catch (e) {
		// Busy beyond the timeout, or the disk refused: say so once, and try again next time.
		if (!failed) parentPort.postMessage({ error: String((e && e.message) || e) });
		failed = true;
	}
}
const timer = setInterval(tick, workerData.intervalMs);
parentPort.on('message', (m) => {
	if (m !== 'stop') return;
	clearInterval(timer);
	tick();
	db.close();
	parentPort.close();
});
`;

/**
 * Starts the checkpoint worker for the database file behind `db` (a file in WAL mode) and turns
 * the connection's own automatic checkpoint down to `fallbackPages`.
 */
export function startWalCheckpointer(db: Db, options: WalCheckpointOptions = {}): WalCheckpointer {
	const intervalMs = options.intervalMs ?? 100;
	const fallbackPages = options.fallbackPages ?? 20_000;
	const log = options.log ?? console.error;
	if (db.memory || db.pragma('journal_mode', { simple: true }) !== 'wal')
		throw new Error('the WAL checkpointer needs a database file in WAL mode');
	db.pragma(`wal_autocheckpoint = ${fallbackPages}`);
	const worker = new Worker(WORKER_SOURCE, {
		eval: true,
		workerData: {
			driver: createRequire(import.meta.url).resolve('better-sqlite3'),
			path: db.name,
			intervalMs,
			restartPages: options.restartPages ?? 4_000
		}
	});
	let exited = false;
	worker.once('exit', () => (exited = true));
	worker.on('message', (m: { error?: string }) => {
		if (m.error) log(`[sunlit] WAL 检查点失败（稍后重试）: ${m.error}`);
	});
	worker.on('error', (e) => {
		log(`[sunlit] WAL 检查点线程已停止，改由写入连接自行检查点: ${e.message}`);
		if (db.open) db.pragma('wal_autocheckpoint = 1000');
	});
	// After the listeners (a 'message' listener refs the worker's port again): the worker never
	// keeps the process alive on its own, so a server stopped with SIGTERM still exits; `stop()`
	// holds the process until the worker has ended.
	worker.unref();
	let stopped: Promise<void> | null = null;
	return {
		stop() {
			stopped ??= exited
				? Promise.resolve()
				: new Promise<void>((resolve) => {
						worker.ref();
						worker.once('exit', () => resolve());
						worker.postMessage('stop');
					});
			return stopped;
		}
	};
}
