/**
 * Issue 16 item 5: the audit chain is verified from its first record — at start-up, on a worker
 * thread, and daily — and a broken chain raises the audit-chain exception and stops checkpoint
 * publishing (a checkpoint published over an edited older record would vouch for it).
 */
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/lib/server/clock';
import { openDatabase, type Db } from '../../src/lib/server/db/connection';
import {
	listCheckpoints,
	verifyAuditChain
} from '../../src/lib/server/repositories/audit-repository';
import { recordCheckpoint } from '../../src/lib/server/services/checkpoint-service';
import {
	chainState,
	markChainPending,
	settleWholeChain,
	verifyChainInWorker,
	verifyWholeChain
} from '../../src/lib/server/services/chain-verifier';
import { sweepSupervision } from '../../src/lib/server/services/supervision-scheduler';
import { tempDb } from '../factories/db';
import { startServer } from './server-process';
import { appendSteps } from '../factories/audit';

/** Records with quotes, backslashes and addresses, so the worker hashes awkward bytes too. */
const append = (db: Db, n: number, at: Date) =>
	appendSteps(db, n, at, (i) => ({
		payload: { text: '审计 "quoted" \\ ' + i },
		ip: i % 2 ? '10.0.0.1' : null
	}));

/** Opens the file as an attacker would: plain SQL, with the append-only triggers dropped. */
function attacker(path: string): Db {
	const db = openDatabase(path);
	db.exec(
		'DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;'
	);
	return db;
}

function chainExceptions(db: Db): { key: string }[] {
	return db.prepare("SELECT key FROM supervision_exceptions WHERE type = 'audit_chain'").all() as {
		key: string;
	}[];
}

async function until(test: () => boolean, ms = 15_000): Promise<boolean> {
	const deadline = Date.now() + ms;
	while (Date.now() < deadline) {
		if (test()) return true;
		await new Promise((r) => setTimeout(r, 200));
	}
	return test();
}

describe('whole-chain verification', () => {
	it('the worker thread computes the same hashes as appendAudit, and finds an edited record', async () => {
		const { db, path } = tempDb();
		append(db, 25, new Date());
		const ok = await verifyChainInWorker(path);
		expect(ok).toMatchObject({ ok: true, checked: 25, headSeq: 25, firstBreak: null });
		expect(ok.headHash).toBe(verifyAuditChain(db).headHash);
		db.close();
		const evil = attacker(path);
		evil.prepare('UPDATE audit_log SET payload = \'{"i":99}\' WHERE seq = 3').run();
		const bad = await verifyChainInWorker(path);
		expect(bad.ok).toBe(false);
		expect(bad.firstBreak).toMatchObject({ seq: 3, kind: 'hash' });
		evil.close();
	});

	it('an edited older record raises the exception and no checkpoint is published over it', async () => {
		const { db } = tempDb();
		const clock = new FakeClock();
		append(db, 6, clock.now());
		expect('published' in recordCheckpoint(db, clock, 'start')).toBe(true);
		append(db, 3, clock.now());
		// Record 2 — before the last checkpoint — is edited behind the triggers' back.
		db.exec('DROP TRIGGER audit_log_no_update');
		db.prepare('UPDATE audit_log SET payload = \'{"i":42}\' WHERE seq = 2').run();
		markChainPending(db);
		expect('unchanged' in recordCheckpoint(db, clock, 'hourly')).toBe(true);
		const r = await verifyWholeChain(db, clock, () => {});
		expect(r.firstBreak).toMatchObject({ seq: 2, kind: 'hash' });
		expect(chainState(db).status).toBe('broken');
		expect(chainExceptions(db).map((e) => e.key)).toEqual(['audit_chain:2:hash']);
		// Stopped: neither the hourly nor a freeze checkpoint is published any more.
		expect(recordCheckpoint(db, clock, 'hourly')).toMatchObject({ broken: { seq: 2 } });
		expect(recordCheckpoint(db, clock, 'freeze')).toMatchObject({ broken: { seq: 2 } });
		expect(listCheckpoints(db).map((c) => c.seq)).toEqual([6]);
	});

	it('records appended while the worker ran are verified before the chain counts as verified', async () => {
		const { db, path } = tempDb();
		const clock = new FakeClock();
		append(db, 4, clock.now());
		const worker = await verifyChainInWorker(path);
		append(db, 2, clock.now());
		db.exec('DROP TRIGGER audit_log_no_update');
		db.prepare("UPDATE audit_log SET actor_name = 'x' WHERE seq = 6").run();
		const r = settleWholeChain(db, worker, clock.now());
		expect(r.firstBreak).toMatchObject({ seq: 6 });
		expect(chainState(db).status).toBe('broken');
	});

	it('the server verifies the whole chain at start even when the day was already verified', async () => {
		const { db, path } = tempDb();
		const clock = new FakeClock();
		append(db, 6, clock.now());
		recordCheckpoint(db, clock, 'start');
		append(db, 3, new Date());
		// Today's whole-chain verification has been done (so the sweep goes on incrementally).
		expect(sweepSupervision(db, new Date()).auditOk).toBe(true);
		db.close();
		const evil = attacker(path);
		evil.prepare('UPDATE audit_log SET payload = \'{"i":42}\' WHERE seq = 2').run();
		evil.close();

		const server = await startServer({ dbPath: path, env: { SUNLIT_NO_DEMO: '1' } });
		const look = openDatabase(path, { readonly: true });
		try {
			expect(await until(() => chainExceptions(look).length > 0)).toBe(true);
			expect(chainExceptions(look).map((e) => e.key)).toEqual(['audit_chain:2:hash']);
			// The start-up checkpoint was not published over the edited record.
			expect(listCheckpoints(look).map((c) => c.seq)).toEqual([6]);
			expect(server.output()).toContain('审计链在第 2 条记录处校验失败');
		} finally {
			look.close();
			await server.stop();
		}
	});

	it('over an intact chain the server publishes its start-up checkpoint once verified', async () => {
		const { db, path } = tempDb();
		append(db, 5, new Date());
		db.close();
		const server = await startServer({ dbPath: path, env: { SUNLIT_NO_DEMO: '1' } });
		const look = openDatabase(path, { readonly: true });
		try {
			expect(await until(() => listCheckpoints(look).length > 0)).toBe(true);
			expect(listCheckpoints(look)[0]).toMatchObject({ reason: 'start' });
			expect(chainExceptions(look)).toEqual([]);
		} finally {
			look.close();
			await server.stop();
		}
	});
});
