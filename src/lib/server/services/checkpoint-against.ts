/**
 * `npm run audit:verify -- --against <file or URL>`: the audit log against signed checkpoints saved
 * elsewhere (the JSON of `GET /api/v1/audit/checkpoints`, or feed events of kind
 * `audit_checkpoint` as an upstream hall keeps them). Only checkpoints whose signature verifies
 * with the saved public key count; against them the log may be
 * - truncated: a signed checkpoint's record is gone;
 * - rewritten: a signed checkpoint's record has another hash now;
 * - extended past the signed head: records after the last signed checkpoint (the saved ones, or
 *   the database's own whose signature verifies with the same key and matches the chain) that no
 *   signature covers — normal for the last hour's records, a sign of records added behind the
 *   server's back otherwise.
 */
import type { Db } from '../db/connection';
import { auditHashAt, auditHead, listCheckpoints } from '../repositories/audit-repository';
import { keyIdOf, verifyCheckpointSignature } from './checkpoint-signing';

export interface SavedCheckpoint {
	seq: number;
	hash: string;
	at: string;
	signature: string | null;
}

export interface SavedCheckpoints {
	publicKeyPem: string | null;
	checkpoints: SavedCheckpoint[];
}

/** Reads what was saved: the checkpoints JSON of the hall, feed events, or a list of either. */
export function parseSavedCheckpoints(json: unknown): SavedCheckpoints {
	let publicKeyPem: string | null = null;
	const checkpoints: SavedCheckpoint[] = [];
	const take = (v: unknown) => {
		if (!v || typeof v !== 'object') return;
		const o = v as Record<string, unknown>;
		if (Array.isArray(o.checkpoints)) {
			const key = o.publicKey as { pem?: unknown } | undefined;
			if (typeof key?.pem === 'string') publicKeyPem ??= key.pem;
			for (const c of o.checkpoints) take(c);
		} else if (Array.isArray(o.events)) for (const e of o.events) take(e);
		else if (o.kind === 'audit_checkpoint' && o.record && typeof o.record === 'object') {
			const r = o.record as Record<string, unknown>;
			if (typeof r.公钥 === 'string') publicKeyPem ??= r.公钥;
			add(r.审计记录序号, r.审计链哈希, r.公布时间, r.签名);
		} else if ('seq' in o && 'hash' in o) add(o.seq, o.hash, o.at, o.signature);
	};
	const add = (seq: unknown, hash: unknown, at: unknown, signature: unknown) => {
		if (typeof seq !== 'number' || typeof hash !== 'string' || typeof at !== 'string') return;
		checkpoints.push({
			seq,
			hash,
			at,
			signature: typeof signature === 'string' ? signature : null
		});
	};
	if (Array.isArray(json)) json.forEach(take);
	else take(json);
	return { publicKeyPem, checkpoints };
}

export type AgainstFinding =
	| { kind: 'no_key' }
	| { kind: 'bad_signature'; seq: number }
	| { kind: 'truncated'; seq: number; head: number }
	| { kind: 'rewritten'; seq: number; saved: string; found: string }
	| { kind: 'extended'; signedHead: number; head: number };

export interface AgainstResult {
	/** Saved checkpoints whose signature verified. */
	signed: number;
	/** Saved checkpoints without a signature (published before signing), not counted. */
	unsigned: number;
	keyId: string | null;
	signedHead: number;
	head: number;
	findings: AgainstFinding[];
}

/** Checks the log of `db` against `saved` (and `publicKeyPem`, when given, over the saved key). */
export function checkAgainst(
	db: Db,
	saved: SavedCheckpoints,
	publicKeyPem: string | null = saved.publicKeyPem
): AgainstResult {
	const head = auditHead(db).seq;
	const findings: AgainstFinding[] = [];
	let keyId: string | null = null;
	try {
		keyId = publicKeyPem ? keyIdOf(publicKeyPem) : null;
	} catch {
		keyId = null;
	}
	if (!publicKeyPem || !keyId)
		return {
			signed: 0,
			unsigned: saved.checkpoints.length,
			keyId: null,
			signedHead: 0,
			head,
			findings: [{ kind: 'no_key' }]
		};
	let signed = 0;
	let unsigned = 0;
	let signedHead = 0;
	const seen = new Set<number>();
	for (const c of [...saved.checkpoints].sort((a, b) => a.seq - b.seq)) {
		if (seen.has(c.seq)) continue;
		seen.add(c.seq);
		if (!c.signature) {
			unsigned++;
			continue;
		}
		if (!verifyCheckpointSignature(publicKeyPem, c, c.signature)) {
			findings.push({ kind: 'bad_signature', seq: c.seq });
			continue;
		}
		signed++;
		const now = auditHashAt(db, c.seq);
		if (now === undefined) findings.push({ kind: 'truncated', seq: c.seq, head });
		else if (now !== c.hash)
			findings.push({ kind: 'rewritten', seq: c.seq, saved: c.hash, found: now });
		else signedHead = Math.max(signedHead, c.seq);
	}
	// The database's own checkpoints signed by the same key, whose record still has that hash,
	// cover the records up to them as well (a database alone cannot make such a signature).
	for (const c of listCheckpoints(db, Number.MAX_SAFE_INTEGER))
		if (
			c.seq > signedHead &&
			c.signature &&
			verifyCheckpointSignature(publicKeyPem, c, c.signature) &&
			auditHashAt(db, c.seq) === c.hash
		)
			signedHead = c.seq;
	const broken = findings.some((f) => f.kind === 'truncated' || f.kind === 'rewritten');
	if (!broken && head > signedHead) findings.push({ kind: 'extended', signedHead, head });
	return { signed, unsigned, keyId, signedHead, head, findings };
}
