/**
 * The county's checkpoint signing key (审计检查点签名密钥): an Ed25519 key pair made at first
 * start and kept as a PKCS#8 PEM file, mode 0600, in the data folder (the directory of SUNLIT_DB)
 * — never in the database, so a copy or a rewrite of the database alone cannot sign a checkpoint.
 * Back it up apart from the database (docs/operations.md): a county that loses it starts a new
 * key, and checkpoints signed before stay verifiable only with the old public key.
 */
import {
	createHash,
	createPrivateKey,
	createPublicKey,
	generateKeyPairSync,
	sign,
	verify,
	type KeyObject
} from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkpointSigningText, type CheckpointStatement } from '../../domain/audit-checkpoint';

export const KEY_FILE_NAME = 'audit-signing-key.pem';

export interface CountyKey {
	privateKey: KeyObject;
	/** SPKI PEM, as published on /audit-checkpoints. */
	publicKeyPem: string;
	/** SHA-256 (hex) of the public key's DER (SPKI) bytes. */
	keyId: string;
	/** Where the private key is kept (null: an in-memory database's passing key). */
	path: string | null;
}

const keys = new Map<string, CountyKey>();

/** The key file beside the database file `dbPath`. */
export function keyPathOf(dbPath: string): string {
	return join(dirname(dbPath), KEY_FILE_NAME);
}

function fromPrivate(privateKey: KeyObject, path: string | null): CountyKey {
	const pub = createPublicKey(privateKey);
	return {
		privateKey,
		publicKeyPem: pub.export({ type: 'spki', format: 'pem' }).toString(),
		keyId: keyIdOf(pub),
		path
	};
}

export function keyIdOf(publicKey: KeyObject | string): string {
	const k = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
	return createHash('sha256')
		.update(k.export({ type: 'spki', format: 'der' }))
		.digest('hex');
}

/**
 * The signing key of the database at `dbPath`: read from the data folder, or made and written
 * there (exclusively, mode 0600) when there is none yet. `created` says it was made now.
 */
export function countyKey(dbPath: string): CountyKey & { created: boolean } {
	const known = keys.get(dbPath);
	if (known) return { ...known, created: false };
	if (dbPath === ':memory:' || dbPath === '') {
		const k = fromPrivate(generateKeyPairSync('ed25519').privateKey, null);
		keys.set(dbPath, k);
		return { ...k, created: true };
	}
	const path = keyPathOf(dbPath);
	let created = false;
	let pem: string;
	try {
		pem = readFileSync(path, 'utf8');
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
		const fresh = generateKeyPairSync('ed25519')
			.privateKey.export({ type: 'pkcs8', format: 'pem' })
			.toString();
		try {
			writeFileSync(path, fresh, { flag: 'wx', mode: 0o600 });
			chmodSync(path, 0o600);
			created = true;
			pem = fresh;
		} catch (e) {
			// Another process made it first: use that one.
			if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
			pem = readFileSync(path, 'utf8');
		}
	}
	const k = fromPrivate(createPrivateKey(pem), path);
	keys.set(dbPath, k);
	return { ...k, created };
}

/** The Ed25519 signature (base64) of a checkpoint. */
export function signCheckpoint(key: CountyKey, c: CheckpointStatement): string {
	return sign(null, Buffer.from(checkpointSigningText(c), 'utf8'), key.privateKey).toString(
		'base64'
	);
}

/** Whether `signature` (base64) is the signature of `c` by the key `publicKeyPem`. */
export function verifyCheckpointSignature(
	publicKeyPem: string,
	c: CheckpointStatement,
	signature: string
): boolean {
	try {
		return verify(
			null,
			Buffer.from(checkpointSigningText(c), 'utf8'),
			createPublicKey(publicKeyPem),
			Buffer.from(signature, 'base64')
		);
	} catch {
		return false;
	}
}
