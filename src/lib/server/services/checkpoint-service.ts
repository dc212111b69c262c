/**
 * Audit chain checkpoints (审计链公示): the sequence number and hash of the chain's head,
 * published on the hall at start-up, every hour the log has grown, and at every freeze. A
 * checkpoint is published only over a chain verified from its first record (see
 * `chain-verifier.ts`), so a published hash always belongs to an intact chain; anyone who saved one can later ask for the hash of that
 * record and so detect a truncated or rewritten log.
 */
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import { CHECKPOINT_SIGNING_TEMPLATE, checkpointFeedRecord } from '../../domain/audit-checkpoint';
import * as audit from '../repositories/audit-repository';
import { appendFeed } from '../repositories/feed-repository';
import { countyKey, signCheckpoint } from './checkpoint-signing';
import { chainBroke, chainState, markChainVerified } from './chain-verifier';

export const CHECKPOINT_INTERVAL_MS = 60 * 60_000;

export type CheckpointResult =
	| { published: audit.CheckpointRow }
	| { unchanged: audit.CheckpointRow | null }
	| { broken: audit.ChainBreak };

/**
 * Publishes the current head unless it already is the last checkpoint — only over a chain verified
 * from its first record. In the server the worker thread of `chain-verifier.ts` verified it whole
 * (until then publishing waits); here the records since are verified, linked to the last verified
 * or published record (whose hash must still be the one it had). Elsewhere (tools, tests) the
 * whole chain is verified here. A broken chain raises the `audit_chain` exception, is reported,
 * and nothing is published from then on.
 */
export function recordCheckpoint(
	db: Db,
	clock: Clock,
	reason: audit.CheckpointReason
): CheckpointResult {
	return db
		.transaction((): CheckpointResult => {
			const state = chainState(db);
			const last = audit.lastCheckpoint(db) ?? null;
			if (state.status === 'broken') return { broken: state.firstBreak };
			if (state.status === 'pending') return { unchanged: last };
			const head = audit.auditHead(db);
			if (head.seq === 0 || (last && last.seq === head.seq)) return { unchanged: last };
			const trusted =
				state.status === 'ok'
					? last && last.seq > state.through.seq
						? last
						: state.through
					: null;
			const check = verifySince(db, trusted);
			if (!check.ok) {
				chainBroke(db, check.firstBreak!, clock.now(), {
					checked: check.checked,
					verifiedThrough: trusted?.seq ?? 0
				});
				return { broken: check.firstBreak! };
			}
			const at = clock.now().toISOString();
			const key = countyKey(db.name);
			const signature = signCheckpoint(key, { seq: head.seq, hash: head.hash, at });
			const row: audit.CheckpointRow = {
				seq: head.seq,
				hash: head.hash,
				at,
				reason,
				signature,
				key_id: key.keyId
			};
			audit.insertCheckpoint(db, row);
			// Upstream holds a copy the county cannot take back (the feed is append-only too).
			appendFeed(db, {
				kind: 'audit_checkpoint',
				dataset: '电子监察',
				caseNo: null,
				departmentCode: null,
				at,
				record: checkpointFeedRecord({ ...row, keyId: key.keyId, signature }, key.publicKeyPem)
			});
			markChainVerified(db, head);
			return { published: row };
		})
		.immediate();
}

/** The chain from the first record, or from `trusted` (which must still have its hash). */
function verifySince(db: Db, trusted: { seq: number; hash: string } | null): audit.VerifyResult {
	if (!trusted || trusted.seq === 0) return audit.verifyAuditChain(db);
	const now = audit.auditHashAt(db, trusted.seq);
	if (now !== trusted.hash)
		return {
			ok: false,
			checked: 0,
			headHash: trusted.hash,
			firstBreak:
				now === undefined
					? { seq: trusted.seq, kind: 'missing' }
					: { seq: trusted.seq, kind: 'hash', expected: trusted.hash, found: now }
		};
	return audit.verifyAuditChain(db, trusted);
}

/**
 * Publishes at start-up — once `verified` (the whole-chain verification) resolves — and then every
 * hour (the timer does not keep the process alive).
 */
export function startCheckpoints(
	db: Db,
	clock: Clock,
	log: (line: string) => void = console.warn,
	verified: Promise<unknown> = Promise.resolve()
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
	void verified.then(() => run('start'));
	const timer = setInterval(() => run('hourly'), CHECKPOINT_INTERVAL_MS);
	timer.unref();
	return () => clearInterval(timer);
}

export interface PublicCheckpoint {
	seq: number;
	hash: string;
	at: string;
	reason: audit.CheckpointReason;
	/** Ed25519 signature (base64) of `checkpointSigningText`; null before checkpoints were signed. */
	signature: string | null;
	keyId: string | null;
}

export interface PublicCheckpoints {
	head: { seq: number; hash: string } | null;
	/** The county's checkpoint signing key (public half). */
	publicKey: { algorithm: 'Ed25519'; keyId: string; pem: string };
	/** What is signed, with the checkpoint's values in place of the placeholders. */
	signedText: string;
	checkpoints: PublicCheckpoint[];
}

export function publicCheckpoints(db: Db, limit = 200): PublicCheckpoints {
	const head = audit.auditHead(db);
	const key = countyKey(db.name);
	return {
		head: head.seq ? head : null,
		publicKey: { algorithm: 'Ed25519', keyId: key.keyId, pem: key.publicKeyPem },
		signedText: CHECKPOINT_SIGNING_TEMPLATE,
		checkpoints: audit.listCheckpoints(db, limit).map((c) => ({
			seq: c.seq,
			hash: c.hash,
			at: c.at,
			reason: c.reason,
			signature: c.signature,
			keyId: c.key_id
		}))
	};
}

/** The hash record `seq` has now, to compare with a saved checkpoint. */
export function hashAt(db: Db, seq: number): string | null {
	return audit.auditHashAt(db, seq) ?? null;
}
