import type { Migration } from './index';

/**
 * Signed checkpoints: each checkpoint carries the county's Ed25519 signature over its sequence
 * number, hash and time, and the id of the key that made it (SHA-256 of the public key). The key
 * itself lives in the data folder, never in the database. Checkpoints published before this
 * migration keep null in both.
 */
export const m012SignedCheckpoints: Migration = {
	version: 12,
	name: 'audit checkpoints carry an Ed25519 signature and the signing key id',
	sql: `
ALTER TABLE audit_checkpoints ADD COLUMN signature TEXT;
ALTER TABLE audit_checkpoints ADD COLUMN key_id TEXT;
`
};
