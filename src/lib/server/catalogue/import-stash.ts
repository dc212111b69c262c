/**
 * The file an editor uploaded for an import preview, kept in memory until they confirm it (the
 * browser cannot send a chosen file twice without script, and the preview must be of the very
 * file imported). One file per editor, the latest upload replacing the previous one, for at
 * most `STASH_MINUTES`; a restart forgets it and the page asks for the file again.
 */
import { createHash } from 'node:crypto';

export const STASH_MINUTES = 30;

interface Stashed {
	digest: string;
	filename: string;
	bytes: Buffer;
	at: number;
}

const stash = new Map<number, Stashed>();

function sweep(now: Date) {
	for (const [user, s] of stash)
		if (now.getTime() - s.at > STASH_MINUTES * 60_000) stash.delete(user);
}

/** Keeps the user's upload for confirming and returns its SHA-256 digest (hex). */
export function keepUpload(userId: number, filename: string, bytes: Buffer, now: Date): string {
	sweep(now);
	const digest = createHash('sha256').update(bytes).digest('hex');
	stash.set(userId, { digest, filename, bytes, at: now.getTime() });
	return digest;
}

/** The user's kept upload with that digest, if it is still there. */
export function keptUpload(
	userId: number,
	digest: string,
	now: Date
): { filename: string; bytes: Buffer } | undefined {
	sweep(now);
	const s = stash.get(userId);
	return s && s.digest === digest ? { filename: s.filename, bytes: s.bytes } : undefined;
}

/** Forgets the user's kept upload (after it was imported). */
export function dropUpload(userId: number): void {
	stash.delete(userId);
}
