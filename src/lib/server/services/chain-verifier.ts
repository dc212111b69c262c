/**
 * Whole-chain verification of the audit log (审计链全链校验). Checkpoints are published only over
 * a chain verified from its first record: the server verifies it from record 1 at start-up and
 * once a day, on a worker thread with its own read-only connection (a county's log runs to
 * millions of records; requests are served meanwhile), then checks the few records appended
 * since on the main thread. A break raises the `audit_chain` supervision exception and stops
 * checkpoint publishing in this process (a restart verifies again and finds it again).
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { chinaDate } from '../../domain/dates';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import {
	auditHashAt,
	auditHead,
	verifyAuditChain,
	type ChainBreak,
	type VerifyResult
} from '../repositories/audit-repository';
import * as sv from '../repositories/supervision-repository';
import { raiseException } from './supervision-service';

/** What this process knows of a database's chain. */
export type ChainState =
	| { status: 'unverified' }
	| { status: 'pending' }
	| { status: 'ok'; through: { seq: number; hash: string } }
	| { status: 'broken'; firstBreak: ChainBreak };

const states = new WeakMap<Db, ChainState>();

export function chainState(db: Db): ChainState {
	return states.get(db) ?? { status: 'unverified' };
}

/** The whole-chain verification has started: checkpoints wait for it. */
export function markChainPending(db: Db): void {
	if (chainState(db).status !== 'broken') states.set(db, { status: 'pending' });
}

/** Records verified from the first one through `through`. */
export function markChainVerified(db: Db, through: { seq: number; hash: string }): void {
	if (chainState(db).status !== 'broken') states.set(db, { status: 'ok', through });
}

/** The chain is broken (the caller raised the exception): no checkpoint is published over it. */
export function markChainBroken(db: Db, firstBreak: ChainBreak): void {
	states.set(db, { status: 'broken', firstBreak });
}

/**
 * The chain is broken: raises the `audit_chain` exception (keyed, so raised once per break; call
 * inside a write transaction) and stops checkpoint publishing in this process.
 */
export function chainBroke(
	db: Db,
	firstBreak: ChainBreak,
	at: Date,
	details: { checked: number; verifiedThrough: number }
): void {
	markChainBroken(db, firstBreak);
	raiseException(
		db,
		{
			// The same key as the supervision sweep's, so a break found by both is one exception.
			key: `audit_chain:${firstBreak.seq}:${firstBreak.kind}`,
			type: 'audit_chain',
			severity: 'high',
			caseId: null,
			caseNo: null,
			departmentId: null,
			evidence: {
				断点序号: firstBreak.seq,
				类型: firstBreak.kind,
				...('expected' in firstBreak ? { 应为: firstBreak.expected, 实为: firstBreak.found } : {}),
				已验证记录数: details.checked,
				已验证至: details.verifiedThrough
			},
			summary: `审计链在第 ${firstBreak.seq} 条记录处校验失败`
		},
		at
	);
}

/** The verification the worker thread ran, and the head it reached. */
export interface WorkerVerifyResult extends VerifyResult {
	headSeq: number;
}

// Runs in the worker (CommonJS, evaluated). The record hash is `recordHash` of the audit
// repository, written out again here (a worker cannot import the bundled module); the tests
// verify chains written by `appendAudit` with it, so the two cannot drift apart unnoticed.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
function recordHash(r) {
	const body = { action: r.action, actor_id: r.actor_id, actor_name: r.actor_name, at: r.at,
		ip: r.ip, object_id: r.object_id, object_type: r.object_type, payload: r.payload,
		prev_hash: r.prev_hash, role: r.role, seq: r.seq };
	return createHash('sha256').update(r.prev_hash + JSON.stringify(body), 'utf8').digest('hex');
}
let expectedSeq = 1;
let prev = '0'.repeat(64);
let checked = 0;
let firstBreak = null;
try {
	for (const row of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate()) {
		if (row.seq !== expectedSeq) firstBreak = { seq: expectedSeq, kind: 'missing' };
		else if (row.prev_hash !== prev)
			firstBreak = { seq: row.seq, kind: 'prev_hash', expected: prev, found: row.prev_hash };
		else {
			const h = recordHash(row);
			if (h !== row.hash) firstBreak = { seq: row.seq, kind: 'hash', expected: h, found: row.hash };
		}
		if (firstBreak) break;
		prev = row.hash;
		expectedSeq++;
		checked++;
	}
	parentPort.postMessage({ result: { ok: !firstBreak, checked, headHash: prev,
		headSeq: expectedSeq - 1, firstBreak } });
} catch (e) {
	parentPort.postMessage({ error: String((e && e.message) || e) });
} finally {
	db.close();
}
`;

/** Verifies the chain of the database file at `path` from its first record, on a worker thread. */
export function verifyChainInWorker(path: string): Promise<WorkerVerifyResult> {
	return new Promise((resolve, reject) => {
		const worker = new Worker(WORKER_SOURCE, {
			eval: true,
			workerData: { driver: createRequire(import.meta.url).resolve('better-sqlite3'), path }
		});
		let settled = false;
		worker.once('message', (m: { result?: WorkerVerifyResult; error?: string }) => {
			settled = true;
			if (m.result) resolve(m.result);
			else reject(new Error(m.error ?? 'audit chain worker failed'));
		});
		worker.once('error', (e) => {
			settled = true;
			reject(e);
		});
		worker.once('exit', (code) => {
			if (!settled) reject(new Error(`audit chain worker exited with code ${code}`));
		});
		// A server stopped while the worker runs still exits.
		worker.unref();
	});
}

/**
 * Takes the worker's verdict on the main thread, in one write transaction: the records appended
 * since the worker read the log are verified, linked to the head it reached (and that record
 * must still have the hash it had). On a break the exception is raised and publishing stops.
 */
export function settleWholeChain(db: Db, worker: WorkerVerifyResult, at: Date): VerifyResult {
	return db
		.transaction((): VerifyResult => {
			let r: VerifyResult = worker;
			if (worker.ok) {
				const head = auditHead(db);
				const now = worker.headSeq ? auditHashAt(db, worker.headSeq) : undefined;
				if (head.seq < worker.headSeq)
					r = { ...worker, ok: false, firstBreak: { seq: head.seq + 1, kind: 'missing' } };
				else if (worker.headSeq && now !== worker.headHash)
					r = {
						...worker,
						ok: false,
						firstBreak: {
							seq: worker.headSeq,
							kind: 'hash',
							expected: worker.headHash,
							found: now ?? ''
						}
					};
				else {
					const rest = verifyAuditChain(
						db,
						worker.headSeq ? { seq: worker.headSeq, hash: worker.headHash } : undefined
					);
					r = { ...rest, checked: worker.checked + rest.checked };
				}
			}
			if (!r.ok && r.firstBreak) {
				chainBroke(db, r.firstBreak, at, { checked: r.checked, verifiedThrough: 0 });
				return r;
			}
			const head = auditHead(db);
			markChainVerified(db, head);
			// The supervision sweep goes on from here (records since are its incremental part).
			sv.saveRun(db, 'audit-verify', at, { seq: head.seq, hash: head.hash });
			sv.saveRun(db, 'audit-verify-full', at, { checked: r.checked });
			return r;
		})
		.immediate();
}

/** Verifies the whole chain now (worker, then the main thread's short remainder). */
export async function verifyWholeChain(
	db: Db,
	clock: Clock,
	log: (line: string) => void = console.warn
): Promise<VerifyResult> {
	const r = settleWholeChain(db, await verifyChainInWorker(db.name), clock.now());
	if (!r.ok && r.firstBreak)
		log(
			`[sunlit] 警告：审计链在第 ${r.firstBreak.seq} 条记录处校验失败（已记录异常），停止发布检查点。请运行 npm run audit:verify。`
		);
	return r;
}

/** How often the server looks whether today's whole-chain verification is still to do. */
export const WHOLE_CHAIN_CHECK_MS = 60 * 60_000;

/**
 * Verifies the whole chain right away (the returned promise: checkpoints wait for it), and again
 * each China day. Errors are logged, never thrown; a failed run leaves checkpoints waiting.
 */
export function startChainVerification(
	db: Db,
	clock: Clock,
	log: (line: string) => void = console.warn
): { first: Promise<boolean>; stop(): void } {
	let running: Promise<boolean> | null = null;
	const run = (): Promise<boolean> =>
		(running ??= verifyWholeChain(db, clock, log)
			.then((r) => r.ok)
			.catch((e: unknown) => {
				log(`[sunlit] 审计链全链校验未能完成：${(e as Error).message}`);
				return false;
			})
			.finally(() => (running = null)));
	markChainPending(db);
	const first = run();
	const timer = setInterval(() => {
		if (chainState(db).status === 'broken' || running) return;
		const full = sv.lastRun(db, 'audit-verify-full');
		if (!full || chinaDate(new Date(full.last_run_at)) !== chinaDate(clock.now())) void run();
	}, WHOLE_CHAIN_CHECK_MS);
	timer.unref();
	return { first, stop: () => clearInterval(timer) };
}
