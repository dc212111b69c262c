import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/lib/server/clock';
import { openDatabase, type Db } from '../../src/lib/server/db/connection';
import {
	listCheckpoints,
	recordHash,
	type AuditRow
} from '../../src/lib/server/repositories/audit-repository';
import {
	publicCheckpoints,
	recordCheckpoint
} from '../../src/lib/server/services/checkpoint-service';
import { tempDb } from '../factories/db';
import { appendSteps } from '../factories/audit';

const append = (db: Db, n: number, clock: FakeClock) => appendSteps(db, n, clock.now());

function verifyCli(path: string): { status: number | null; out: string } {
	const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], {
		env: { ...process.env, SUNLIT_DB: path },
		encoding: 'utf8'
	});
	return { status: r.status, out: r.stdout + r.stderr };
}

/** Opens the file as an attacker would: plain SQL, with the append-only triggers dropped. */
function attacker(path: string): Db {
	const db = openDatabase(path);
	db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
	return db;
}

describe('audit checkpoints', () => {
	it('publish the head once per growth, never twice for the same head, and cannot be changed', () => {
		const { db } = tempDb();
		const clock = new FakeClock();
		expect(recordCheckpoint(db, clock, 'start')).toEqual({ unchanged: null });
		append(db, 5, clock);
		const first = recordCheckpoint(db, clock, 'start');
		expect('published' in first && first.published.seq).toBe(5);
		expect('unchanged' in recordCheckpoint(db, clock, 'hourly')).toBe(true);
		append(db, 3, clock);
		const second = recordCheckpoint(db, clock, 'freeze');
		expect('published' in second && [second.published.seq, second.published.reason]).toEqual([
			8,
			'freeze'
		]);
		expect(publicCheckpoints(db).checkpoints.map((c) => c.seq)).toEqual([8, 5]);
		expect(publicCheckpoints(db).head?.seq).toBe(8);
		expect(() => db.prepare("UPDATE audit_checkpoints SET hash = 'x'").run()).toThrow(
			/CHECKPOINT_IMMUTABLE/
		);
		expect(() => db.prepare('DELETE FROM audit_checkpoints').run()).toThrow(/CHECKPOINT_IMMUTABLE/);
	});

	it('are not published over a broken chain', () => {
		const { db, path } = tempDb();
		const clock = new FakeClock();
		append(db, 4, clock);
		recordCheckpoint(db, clock, 'start');
		append(db, 4, clock);
		db.close();
		const evil = attacker(path);
		evil.prepare('UPDATE audit_log SET payload = \'{"i":99}\' WHERE seq = 6').run();
		const r = recordCheckpoint(evil, clock, 'hourly');
		expect('broken' in r && r.broken.seq).toBe(6);
		expect(listCheckpoints(evil).map((c) => c.seq)).toEqual([4]);
		evil.close();
	});

	it('let npm run audit:verify detect a truncated log and a recomputed chain', () => {
		const { db, path } = tempDb();
		const clock = new FakeClock();
		append(db, 10, clock);
		recordCheckpoint(db, clock, 'hourly');
		db.close();
		expect(verifyCli(path).status).toBe(0);

		// Cut off the last three records: the chain that is left is intact in itself.
		const cut = attacker(path);
		cut.exec('DELETE FROM audit_log WHERE seq > 7');
		cut.close();
		const truncated = verifyCli(path);
		expect(truncated.status).toBe(1);
		expect(truncated.out).toContain('审计日志被截断');
	});

	it('detect an edited record whose chain was recomputed', () => {
		const { db, path } = tempDb();
		const clock = new FakeClock();
		append(db, 6, clock);
		recordCheckpoint(db, clock, 'hourly');
		db.close();
		const evil = attacker(path);
		const rows = evil.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditRow[];
		let prev = rows[0]!.prev_hash;
		for (const row of rows) {
			const edited = { ...row, prev_hash: prev, payload: row.seq === 2 ? '{"i":42}' : row.payload };
			const hash = recordHash(edited);
			evil
				.prepare('UPDATE audit_log SET payload = ?, prev_hash = ?, hash = ? WHERE seq = ?')
				.run(edited.payload, prev, hash, row.seq);
			prev = hash;
		}
		evil.close();
		const r = verifyCli(path);
		expect(r.status).toBe(1);
		expect(r.out).toContain('审计日志被改写：第 6 条记录');
	});
});
