import { createHash } from 'node:crypto';
import { canonicalJson } from '../../domain/canonical-json';
import { cachedStatement, type Db } from '../db/connection';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
	actorId: number | null;
	actorName: string;
	role: string | null;
	action: string;
	objectType: string;
	objectId: string | number | null;
	payload: unknown;
	ip?: string | null;
}

export interface AuditRow {
	seq: number;
	at: string;
	actor_id: number | null;
	actor_name: string;
	role: string | null;
	action: string;
	object_type: string;
	object_id: string | null;
	payload: string;
	ip: string | null;
	prev_hash: string;
	hash: string;
}

/**
 * The hash of a record: SHA-256 over the previous hash and the record's canonical JSON (UTF-8),
 * as lower-case hex — the same bytes as `sha256Hex` of the domain, computed by Node's crypto.
 */
export function recordHash(row: Omit<AuditRow, 'hash'>): string {
	// Every field is a string, a number or null (the payload is already its canonical JSON), so
	// this object, its keys written in sorted order, is its own canonical JSON: the same bytes as
	// `canonicalJson` of the record, without sorting and copying it again for every record.
	const body = {
		action: row.action,
		actor_id: row.actor_id,
		actor_name: row.actor_name,
		at: row.at,
		ip: row.ip,
		object_id: row.object_id,
		object_type: row.object_type,
		payload: row.payload,
		prev_hash: row.prev_hash,
		role: row.role,
		seq: row.seq
	};
	return createHash('sha256')
		.update(row.prev_hash + JSON.stringify(body), 'utf8')
		.digest('hex');
}

/**
 * Appends one record to the chain. Call it inside the transaction of the change it records, so
 * both land or neither does.
 */
export function appendAudit(db: Db, entry: AuditEntry, at: Date): AuditRow {
	const last = cachedStatement(
		db,
		'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1'
	).get() as { seq: number; hash: string } | undefined;
	const row: Omit<AuditRow, 'hash'> = {
		seq: (last?.seq ?? 0) + 1,
		at: at.toISOString(),
		actor_id: entry.actorId,
		actor_name: entry.actorName,
		role: entry.role,
		action: entry.action,
		object_type: entry.objectType,
		object_id: entry.objectId === null ? null : String(entry.objectId),
		payload: canonicalJson(entry.payload ?? {}),
		ip: entry.ip ?? null,
		prev_hash: last?.hash ?? GENESIS_HASH
	};
	const full: AuditRow = { ...row, hash: recordHash(row) };
	cachedStatement(
		db,
		`INSERT INTO audit_log (seq, at, actor_id, actor_name, role, action, object_type, object_id, payload, ip, prev_hash, hash)
		 VALUES (@seq, @at, @actor_id, @actor_name, @role, @action, @object_type, @object_id, @payload, @ip, @prev_hash, @hash)`
	).run(full);
	return full;
}

export type ChainBreak =
	| { seq: number; kind: 'missing' }
	| { seq: number; kind: 'prev_hash' | 'hash'; expected: string; found: string };

export interface VerifyResult {
	ok: boolean;
	checked: number;
	headHash: string;
	firstBreak: ChainBreak | null;
}

/**
 * Re-computes the chain, oldest first, and stops at the first broken record. With `after`, only the
 * records after that (already trusted) record are checked, linked to its hash.
 */
export function verifyAuditChain(db: Db, after?: { seq: number; hash: string }): VerifyResult {
	let expectedSeq = (after?.seq ?? 0) + 1;
	let prev = after?.hash ?? GENESIS_HASH;
	let checked = 0;
	const rows = db
		.prepare('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq')
		.iterate(after?.seq ?? 0) as IterableIterator<AuditRow>;
	for (const row of rows) {
		let firstBreak: ChainBreak | null = null;
		if (row.seq !== expectedSeq) firstBreak = { seq: expectedSeq, kind: 'missing' };
		else if (row.prev_hash !== prev)
			firstBreak = { seq: row.seq, kind: 'prev_hash', expected: prev, found: row.prev_hash };
		else {
			const h = recordHash(row);
			if (h !== row.hash) firstBreak = { seq: row.seq, kind: 'hash', expected: h, found: row.hash };
		}
		if (firstBreak) {
			rows.return?.();
			return { ok: false, checked, headHash: prev, firstBreak };
		}
		prev = row.hash;
		expectedSeq++;
		checked++;
	}
	return { ok: true, checked, headHash: prev, firstBreak: null };
}

export interface AuditFilter {
	action?: string;
	actor?: string;
	objectType?: string;
	objectId?: string;
	from?: string;
	to?: string;
	limit?: number;
	beforeSeq?: number;
}

/** Newest first, filtered; `beforeSeq` pages backwards. */
export function listAudit(db: Db, f: AuditFilter): AuditRow[] {
	const where: string[] = [];
	const params: Record<string, unknown> = {};
	if (f.action) {
		where.push('action LIKE @action');
		params.action = `${f.action}%`;
	}
	if (f.actor) {
		where.push('actor_name LIKE @actor');
		params.actor = `%${f.actor}%`;
	}
	if (f.objectType) {
		where.push('object_type = @objectType');
		params.objectType = f.objectType;
	}
	if (f.objectId) {
		where.push('object_id = @objectId');
		params.objectId = f.objectId;
	}
	if (f.from) {
		where.push('at >= @from');
		params.from = f.from;
	}
	if (f.to) {
		where.push('at < @to');
		params.to = f.to;
	}
	if (f.beforeSeq) {
		where.push('seq < @beforeSeq');
		params.beforeSeq = f.beforeSeq;
	}
	const sql = `SELECT * FROM audit_log ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY seq DESC LIMIT @limit`;
	return db.prepare(sql).all({ ...params, limit: f.limit ?? 50 }) as AuditRow[];
}

/** Every action that occurs in the log (kept by a trigger on insert, see migration 9). */
export function distinctAuditActions(db: Db): string[] {
	return (
		cachedStatement(db, 'SELECT action FROM audit_actions ORDER BY action').all() as {
			action: string;
		}[]
	).map((r) => r.action);
}

/** The newest record's sequence number and hash (cheap; `verifyAuditChain` does the full check). */
export function auditHead(db: Db): { seq: number; hash: string } {
	const row = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
		{ seq: number; hash: string } | undefined;
	return row ?? { seq: 0, hash: GENESIS_HASH };
}

/** Record `seq` as stored now (undefined when there is no such record). */
export function auditRecordAt(db: Db, seq: number): AuditRow | undefined {
	return cachedStatement(db, 'SELECT * FROM audit_log WHERE seq = ?').get(seq) as
		AuditRow | undefined;
}

/** The stored hash of record `seq` now (undefined when there is no such record). */
export function auditHashAt(db: Db, seq: number): string | undefined {
	return (
		db.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(seq) as { hash: string } | undefined
	)?.hash;
}

export type CheckpointReason = 'start' | 'hourly' | 'freeze';

export interface CheckpointRow {
	seq: number;
	hash: string;
	at: string;
	reason: CheckpointReason;
	/** Ed25519 signature (base64) by the county key; null for checkpoints before migration 11. */
	signature: string | null;
	/** SHA-256 of the signing public key (see checkpoint-signing.ts); null with `signature`. */
	key_id: string | null;
}

export function insertCheckpoint(db: Db, c: CheckpointRow): void {
	db.prepare(
		`INSERT INTO audit_checkpoints (seq, hash, at, reason, signature, key_id)
		 VALUES (@seq, @hash, @at, @reason, @signature, @key_id)`
	).run(c);
}

export function lastCheckpoint(db: Db): CheckpointRow | undefined {
	return db.prepare('SELECT * FROM audit_checkpoints ORDER BY seq DESC LIMIT 1').get() as
		CheckpointRow | undefined;
}

/** Newest first. */
export function listCheckpoints(db: Db, limit = 200): CheckpointRow[] {
	return db
		.prepare('SELECT * FROM audit_checkpoints ORDER BY seq DESC LIMIT ?')
		.all(limit) as CheckpointRow[];
}
