/**
 * Audit chain checkpoints (审计链公示): the sequence number and hash of the chain's head,
 * published on the hall at start-up, every hour the log has grown, and at every freeze. A
 * checkpoint is published only after the records since the previous one verify, so a published
 * hash always belongs to an intact chain; anyone who saved one can later ask for the hash of that
 * record and so detect a truncated or rewritten log.
 */
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import * as audit from '../repositories/audit-repository';

export const CHECKPOINT_INTERVAL_MS = 60 * 60_000;

export type CheckpointResult =
	| { published: audit.CheckpointRow }
	| { unchanged: audit.CheckpointRow | null }
	| { broken: audit.ChainBreak };

/**
 * Publishes the current head unless it already is the last checkpoint. Verifies the records
 * since the last checkpoint first (and that record's hash still being the published one); a
 * broken chain is reported and nothing is published.
 */
export function recordCheckpoint(
	db: Db,
	clock: Clock,
	reason: audit.CheckpointReason
): CheckpointResult {
	return db
		.transaction((): CheckpointResult => {
			const head = audit.auditHead(db);
			const last = audit.lastCheckpoint(db) ?? null;
			if (head.seq === 0 || (last && last.seq === head.seq)) return { unchanged: last };
			if (last && audit.auditHashAt(db, last.seq) !== last.hash)
				return {
					broken: {
						seq: last.seq,
						kind: 'hash',
						expected: last.hash,
						found: audit.auditHashAt(db, last.seq) ?? ''
					}
				};
			const check = audit.verifyAuditChain(db, last ?? undefined);
			if (!check.ok) return { broken: check.firstBreak! };
			const row: audit.CheckpointRow = {
				seq: head.seq,
				hash: head.hash,
				at: clock.now().toISOString(),
				reason
			};
			audit.insertCheckpoint(db, row);
			return { published: row };
		})
		.immediate();
}

/** Publishes at start-up and then every hour (the timer does not keep the process alive). */
export function startCheckpoints(
	db: Db,
	clock: Clock,
	log: (line: string) => void = console.warn
): () => void {
	const run = (reason: audit.CheckpointReason) => {
		try {
			const r = recordCheckpoint(db, clock, reason);
			if ('broken' in r)
				log(
					`[sunlit] 警告：审计链在第 ${r.broken.seq} 条记录处校验失败，未发布检查点。请运行 npm run audit:verify。`
				);
		} catch (err) {
			log(`[sunlit] 发布审计检查点失败：${String(err)}`);
		}
	};
	run('start');
	const timer = setInterval(() => run('hourly'), CHECKPOINT_INTERVAL_MS);
	timer.unref();
	return () => clearInterval(timer);
}

export interface PublicCheckpoints {
	head: { seq: number; hash: string } | null;
	checkpoints: audit.CheckpointRow[];
}

export function publicCheckpoints(db: Db, limit = 200): PublicCheckpoints {
	const head = audit.auditHead(db);
	return { head: head.seq ? head : null, checkpoints: audit.listCheckpoints(db, limit) };
}

/** The hash record `seq` has now, to compare with a saved checkpoint. */
export function hashAt(db: Db, seq: number): string | null {
	return audit.auditHashAt(db, seq) ?? null;
}
