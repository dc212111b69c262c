/**
 * Signed audit checkpoints, the pure part: the exact text a county signs for a checkpoint, and the
 * record that reports it upstream in the feed (kind `audit_checkpoint`, docs/feed.md). Signing and
 * verifying (Ed25519, node:crypto) are done by the server and `npm run audit:verify`.
 */

/** What a checkpoint states: record `seq` of the audit chain has hash `hash`, published at `at`. */
export interface CheckpointStatement {
	seq: number;
	hash: string;
	at: string;
}

/**
 * The signed bytes (as UTF-8): one line, so anyone can rebuild it from a published checkpoint,
 * e.g. `sunlit-audit-checkpoint/v1 seq=42 hash=<64 hex> at=2026-12-04T08:00:00.000Z`.
 */
export function checkpointSigningText(c: CheckpointStatement): string {
	return CHECKPOINT_SIGNING_TEMPLATE.replace('{seq}', String(c.seq))
		.replace('{hash}', c.hash)
		.replace('{at}', c.at);
}

/** The signed text with placeholders, as published beside the public key. */
export const CHECKPOINT_SIGNING_TEMPLATE =
	'sunlit-audit-checkpoint/v1 seq={seq} hash={hash} at={at}';

/** A published, signed checkpoint. */
export interface SignedCheckpoint extends CheckpointStatement {
	reason: string;
	/** Ed25519 signature of `checkpointSigningText`, base64. */
	signature: string;
	/** SHA-256 (hex) of the signing public key's DER (SPKI) bytes. */
	keyId: string;
}

const REASON_NAMES: Record<string, string> = {
	start: '启动',
	hourly: '每小时',
	freeze: '批准固化'
};

/** The feed record of a checkpoint (Chinese element names like the other feed records). */
export function checkpointFeedRecord(
	c: SignedCheckpoint,
	publicKeyPem: string
): Record<string, unknown> {
	return {
		审计记录序号: c.seq,
		审计链哈希: c.hash,
		公布时间: c.at,
		公布原因: REASON_NAMES[c.reason] ?? c.reason,
		签名算法: 'Ed25519',
		签名原文: checkpointSigningText(c),
		签名: c.signature,
		公钥标识: c.keyId,
		公钥: publicKeyPem
	};
}
