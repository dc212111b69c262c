/**
 * Issue 16 item 6: signed checkpoints. A correctly hashed record appended at the end, or records
 * deleted together with the checkpoints after them, leave a chain intact in itself: only a copy
 * held elsewhere — checkpoints signed with the county's Ed25519 key, which is in the data folder
 * and not in the database — shows them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { FakeClock } from '../../src/lib/server/clock';
import { openDatabase, type Db } from '../../src/lib/server/db/connection';
import {
	auditHead,
	recordHash,
	type AuditRow
} from '../../src/lib/server/repositories/audit-repository';
import {
	publicCheckpoints,
	recordCheckpoint
} from '../../src/lib/server/services/checkpoint-service';
import {
	KEY_FILE_NAME,
	verifyCheckpointSignature
} from '../../src/lib/server/services/checkpoint-signing';
import { tempDb } from '../factories/db';
import { appendSteps } from '../factories/audit';

const base = inject('serverUrl');

const append = (db: Db, n: number, clock: FakeClock) => appendSteps(db, n, clock.now());

function verifyCli(dbPath: string, ...args: string[]): { status: number | null; out: string } {
	const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts', ...args], {
		env: { ...process.env, SUNLIT_DB: dbPath },
		encoding: 'utf8'
	});
	return { status: r.status, out: r.stdout + r.stderr };
}

/** Opens the file as an attacker would: plain SQL, every append-only trigger dropped. */
function attacker(path: string): Db {
	const db = openDatabase(path);
	db.exec(`DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;
		DROP TRIGGER audit_checkpoints_no_update; DROP TRIGGER audit_checkpoints_no_delete;`);
	return db;
}

/** A log of 10 records with a signed checkpoint at 10, saved "elsewhere" as the hall's JSON. */
function savedCounty() {
	const { db, path } = tempDb();
	const clock = new FakeClock();
	append(db, 6, clock);
	recordCheckpoint(db, clock, 'start');
	append(db, 4, clock);
	recordCheckpoint(db, clock, 'hourly');
	const saved = join(dirname(path), 'saved-checkpoints.json');
	writeFileSync(saved, JSON.stringify(publicCheckpoints(db)));
	db.close();
	return { path, saved };
}

describe('signed checkpoints', () => {
	it('are signed with a key made in the data folder (mode 0600), never in the database', () => {
		const { db, path } = tempDb();
		const clock = new FakeClock();
		append(db, 3, clock);
		const r = recordCheckpoint(db, clock, 'start');
		const keyFile = join(dirname(path), KEY_FILE_NAME);
		expect(existsSync(keyFile)).toBe(true);
		expect(statSync(keyFile).mode & 0o777).toBe(0o600);
		const pub = publicCheckpoints(db);
		expect(pub.publicKey.algorithm).toBe('Ed25519');
		expect(pub.publicKey.pem).toContain('BEGIN PUBLIC KEY');
		const c = pub.checkpoints[0]!;
		expect('published' in r && r.published.seq).toBe(3);
		expect(c.keyId).toBe(pub.publicKey.keyId);
		expect(verifyCheckpointSignature(pub.publicKey.pem, c, c.signature!)).toBe(true);
		expect(verifyCheckpointSignature(pub.publicKey.pem, { ...c, seq: 2 }, c.signature!)).toBe(
			false
		);
		// The private key is nowhere in the database file or its log.
		db.pragma('wal_checkpoint(TRUNCATE)');
		const secret = readFileSync(keyFile, 'utf8').split('\n')[1]!;
		expect(secret.length).toBeGreaterThan(20);
		const bytes = readFileSync(path).toString('latin1');
		expect(bytes.includes(secret)).toBe(false);
		expect(bytes.includes(c.signature!)).toBe(true);
	});

	it('go upstream in the reporting feed, with the public key', () => {
		const { db } = tempDb();
		const clock = new FakeClock();
		append(db, 2, clock);
		recordCheckpoint(db, clock, 'start');
		const events = db
			.prepare("SELECT kind, dataset, record FROM feed_events WHERE kind = 'audit_checkpoint'")
			.all() as { kind: string; dataset: string; record: string }[];
		expect(events).toHaveLength(1);
		const record = JSON.parse(events[0]!.record) as Record<string, unknown>;
		const pub = publicCheckpoints(db);
		expect(record).toMatchObject({
			审计记录序号: 2,
			审计链哈希: auditHead(db).hash,
			签名算法: 'Ed25519',
			签名: pub.checkpoints[0]!.signature,
			公钥: pub.publicKey.pem,
			公钥标识: pub.publicKey.keyId
		});
	});

	it('GET /audit-checkpoints shows the public key of the key file in the data folder', async () => {
		const keyPem = (await (await fetch(`${base}/api/v1/audit/checkpoints`)).json()) as {
			publicKey: { pem: string; keyId: string };
			checkpoints: { seq: number; hash: string; at: string; signature: string | null }[];
		};
		const keyFile = join(dirname(inject('serverDb')), KEY_FILE_NAME);
		expect(existsSync(keyFile)).toBe(true);
		const res = await fetch(`${base}/audit-checkpoints`);
		expect(res.status).toBe(200);
		const html = await res.text();
		const body = keyPem.publicKey.pem.split('\n')[1]!;
		expect(html).toContain('BEGIN PUBLIC KEY');
		expect(html).toContain(body);
		expect(html).toContain(keyPem.publicKey.keyId);
		expect(keyPem.checkpoints.length).toBeGreaterThan(0);
		for (const c of keyPem.checkpoints)
			expect(verifyCheckpointSignature(keyPem.publicKey.pem, c, c.signature!)).toBe(true);
	});

	it('audit:verify --against an intact log reports it consistent (file and URL)', () => {
		const { path, saved } = savedCounty();
		const r = verifyCli(path, '--against', saved);
		expect(r.out).toContain('2 个签名有效');
		expect(r.out).toContain('与签名检查点一致，直到第 10 条记录');
		expect(r.status).toBe(0);
		const url = verifyCli(inject('serverDb'), '--against', `${base}/api/v1/audit/checkpoints`);
		expect(url.out).toContain('签名有效');
		expect(url.out).not.toMatch(/截断|改写|无效/);
	});

	it('audit:verify --against reports a correctly hashed record appended past the signed head', () => {
		const { path, saved } = savedCounty();
		const evil = attacker(path);
		const last = evil
			.prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1')
			.get() as AuditRow;
		const row = { ...last, seq: 11, payload: '{"i":"forged"}', prev_hash: last.hash };
		evil
			.prepare(
				`INSERT INTO audit_log (seq, at, actor_id, actor_name, role, action, object_type, object_id, payload, ip, prev_hash, hash)
				 VALUES (@seq, @at, @actor_id, @actor_name, @role, @action, @object_type, @object_id, @payload, @ip, @prev_hash, @hash)`
			)
			.run({ ...row, hash: recordHash(row) });
		// Without a signing key the attacker can only add an unsigned (or badly signed) checkpoint.
		evil
			.prepare(
				"INSERT INTO audit_checkpoints (seq, hash, at, reason, signature, key_id) VALUES (11, ?, ?, 'hourly', 'AAAA', 'x')"
			)
			.run(recordHash(row), row.at);
		evil.close();
		expect(verifyCli(path).status).toBe(0); // intact in itself: the chain alone cannot tell
		const r = verifyCli(path, '--against', saved);
		expect(r.out).toContain('日志在签名链头之后有扩展：第 11–11 条记录');
		expect(r.status).toBe(3);
	});

	it('audit:verify refuses a stored checkpoint that claims the county key without its signature', () => {
		const { path, saved } = savedCounty();
		const keyId = (JSON.parse(readFileSync(saved, 'utf8')) as { publicKey: { keyId: string } })
			.publicKey.keyId;
		const evil = attacker(path);
		const last = evil
			.prepare('SELECT seq, hash, at FROM audit_log WHERE seq = 8')
			.get() as AuditRow;
		evil
			.prepare(
				"INSERT INTO audit_checkpoints (seq, hash, at, reason, signature, key_id) VALUES (8, ?, ?, 'hourly', 'AAAA', ?)"
			)
			.run(last.hash, last.at, keyId);
		evil.close();
		const r = verifyCli(path);
		expect(r.out).toContain('数据库中第 8 条记录的检查点签名无效');
		expect(r.status).toBe(1);
	});

	it('audit:verify --against reports records deleted with the checkpoints after them', () => {
		const { path, saved } = savedCounty();
		const evil = attacker(path);
		evil.exec('DELETE FROM audit_log WHERE seq > 7; DELETE FROM audit_checkpoints WHERE seq > 7;');
		evil.close();
		expect(verifyCli(path).status).toBe(0);
		const r = verifyCli(path, '--against', saved);
		expect(r.out).toContain('审计日志被截断：签名检查点的第 10 条记录已不存在');
		expect(r.status).toBe(1);
	});

	it('audit:verify --against reports a rewritten chain, and a saved checkpoint altered to match', () => {
		const { path, saved } = savedCounty();
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
		evil.exec('DELETE FROM audit_checkpoints');
		evil.close();
		expect(verifyCli(path).status).toBe(0);
		const r = verifyCli(path, '--against', saved);
		expect(r.out).toContain('审计日志被改写：第 10 条记录');
		expect(r.out).toContain('审计日志被改写：第 6 条记录');
		expect(r.status).toBe(1);

		// Editing the saved copy to the new hashes breaks its signatures.
		const copy = JSON.parse(readFileSync(saved, 'utf8')) as {
			checkpoints: { seq: number; hash: string }[];
		};
		copy.checkpoints[0]!.hash = prev;
		writeFileSync(saved, JSON.stringify(copy));
		const forged = verifyCli(path, '--against', saved);
		expect(forged.out).toContain('第 10 条记录的检查点签名无效');
		expect(forged.status).toBe(1);
	});
});
