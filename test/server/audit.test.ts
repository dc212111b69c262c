import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/connection';
import { canonicalJson } from '../../src/lib/domain/canonical-json';
import { sha256Hex } from '../../src/lib/domain/hash';
import {
	appendAudit,
	recordHash,
	verifyAuditChain,
	type AuditRow
} from '../../src/lib/server/repositories/audit-repository';
import { tempDb } from '../factories/db';

/** A database with ten audit records, closed so another process can open it. */
function chainOfTen(): string {
	const { db, path } = tempDb();
	for (let i = 1; i <= 10; i++)
		appendAudit(
			db,
			{
				actorId: null,
				actorName: 'system',
				role: null,
				action: 'test.step',
				objectType: 'test',
				objectId: i,
				payload: { i, 说明: '第' + i + '步' },
				ip: '10.0.0.1'
			},
			new Date(Date.UTC(2026, 10, 23, 8, 0, i))
		);
	db.close();
	return path;
}

/** Opens the file as an attacker would: plain SQL, with the append-only triggers dropped. */
function tamper(path: string, sql: string): void {
	const db = openDatabase(path);
	db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
	db.exec(sql);
	db.close();
}

function verifyCli(path: string): { status: number | null; out: string } {
	const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], {
		env: { ...process.env, SUNLIT_DB: path },
		encoding: 'utf8'
	});
	return { status: r.status, out: r.stdout + r.stderr };
}

describe('audit chain', () => {
	it('hashes each record as SHA-256 over the previous hash and the canonical JSON of the record', () => {
		const { db } = tempDb();
		const entries = [
			{ actorId: 7, actorName: '孙受理', role: 'officer,admin', objectId: 'C-1', ip: '10.0.0.9' },
			{ actorId: null, actorName: 'system', role: null, objectId: null, ip: undefined }
		];
		for (const [i, e] of entries.entries())
			appendAudit(
				db,
				{ ...e, action: 'test.step', objectType: 'test', payload: { z: [2, { b: 1, a: i }] } },
				new Date(Date.UTC(2026, 10, 23, 8, 0, i))
			);
		const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditRow[];
		expect(rows).toHaveLength(2);
		for (const { hash, ...row } of rows) {
			// Written out independently: the fields in table order, sorted by canonicalJson.
			const body = {
				seq: row.seq,
				at: row.at,
				actor_id: row.actor_id,
				actor_name: row.actor_name,
				role: row.role,
				action: row.action,
				object_type: row.object_type,
				object_id: row.object_id,
				payload: row.payload,
				ip: row.ip,
				prev_hash: row.prev_hash
			};
			expect(hash).toBe(sha256Hex(row.prev_hash + canonicalJson(body)));
			expect(recordHash(row)).toBe(hash);
		}
		expect(rows[1]!.object_id).toBeNull();
		expect(rows[1]!.ip).toBeNull();
		expect(rows[0]!.payload).toBe('{"z":[2,{"a":0,"b":1}]}');
		db.close();
	});

	it('is refused UPDATE and DELETE by the triggers', () => {
		const path = chainOfTen();
		const db = openDatabase(path);
		expect(() => db.prepare("UPDATE audit_log SET actor_name = 'x' WHERE seq = 3").run()).toThrow(
			/AUDIT_APPEND_ONLY/
		);
		expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 3').run()).toThrow(
			/AUDIT_APPEND_ONLY/
		);
		expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/AUDIT_APPEND_ONLY/);
		expect(verifyAuditChain(db)).toMatchObject({ ok: true, checked: 10 });
		db.close();
	});

	it('verifies intact through npm run audit:verify (exit 0)', () => {
		const r = verifyCli(chainOfTen());
		expect(r.out).toContain('审计链完整');
		expect(r.out).toContain('10 records');
		expect(r.status).toBe(0);
	});

	it('reports an edited record at its sequence number', () => {
		const path = chainOfTen();
		tamper(
			path,
			`UPDATE audit_log SET payload = replace(payload, '第4步', '第四步') WHERE seq = 4`
		);
		const db = openDatabase(path, { readonly: true });
		expect(verifyAuditChain(db)).toMatchObject({
			ok: false,
			checked: 3,
			firstBreak: { seq: 4, kind: 'hash' }
		});
		db.close();
		const r = verifyCli(path);
		expect(r.status).toBe(1);
		expect(r.out).toContain('审计链在第 4 条记录处断裂');
		expect(r.out).toContain('record altered');
	});

	it('reports a record given a forged hash at that record', () => {
		const path = chainOfTen();
		// The attacker rewrites record 6 and replaces its hash with one of their choosing.
		tamper(
			path,
			`UPDATE audit_log SET actor_name = 'someone', hash = '${'f'.repeat(64)}' WHERE seq = 6`
		);
		const db = openDatabase(path, { readonly: true });
		expect(verifyAuditChain(db).firstBreak?.seq).toBe(6);
		db.close();
		expect(verifyCli(path).status).toBe(1);
	});

	it('reports a deleted record at the missing sequence number', () => {
		const path = chainOfTen();
		tamper(path, 'DELETE FROM audit_log WHERE seq = 7');
		const r = verifyCli(path);
		expect(r.status).toBe(1);
		expect(r.out).toContain('审计链在第 7 条记录处断裂');
		expect(r.out).toContain('record missing');
	});

	it('reports an inserted record at its sequence number', () => {
		const path = chainOfTen();
		// A forged record appended after the last one, copying an old record's content.
		tamper(
			path,
			`INSERT INTO audit_log (seq, at, actor_id, actor_name, role, action, object_type, object_id, payload, ip, prev_hash, hash)
			 SELECT 11, at, actor_id, actor_name, role, action, object_type, object_id, payload, ip, prev_hash, '${'a'.repeat(64)}'
			 FROM audit_log WHERE seq = 2`
		);
		const r = verifyCli(path);
		expect(r.status).toBe(1);
		expect(r.out).toContain('审计链在第 11 条记录处断裂');
		expect(r.out).toContain('chain spliced');
	});

	it('reports a record slipped into a gap at its sequence number', () => {
		const path = chainOfTen();
		// Renumber 5..10 up by one, then slip a record in as 5: 5's predecessor link is wrong.
		tamper(
			path,
			`UPDATE audit_log SET seq = seq + 100 WHERE seq >= 5;
			 UPDATE audit_log SET seq = seq - 99 WHERE seq >= 105;
			 INSERT INTO audit_log (seq, at, actor_id, actor_name, role, action, object_type, object_id, payload, ip, prev_hash, hash)
			 VALUES (5, '2026-11-23T08:00:04.500Z', NULL, 'system', NULL, 'test.step', 'test', '99', '{}', NULL, '${'0'.repeat(64)}', '${'b'.repeat(64)}')`
		);
		const db = openDatabase(path, { readonly: true });
		expect(verifyAuditChain(db).firstBreak).toMatchObject({ seq: 5, kind: 'prev_hash' });
		db.close();
		expect(verifyCli(path).out).toContain('审计链在第 5 条记录处断裂');
	});
});
