/**
 * The upload store of public intake: files an applicant attaches, kept content-addressed under
 * the data folder (`<dirname(db)>/uploads/<first 2 hex>/<sha256>`). The same bytes always get
 * the same ref (`sha256-<hex>`), so a retried upload stores nothing new; a file is written to a
 * temporary name and renamed into place, so a half-written file is never found by its ref.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { safeFileName } from '../../domain/visible-text';
import { MAX_UPLOAD_BYTES } from '../../forms/uploads';

export { MAX_UPLOAD_BYTES };

/** The allowed kinds, told by their first bytes (never by the name or the declared type). */
export const UPLOAD_TYPES = [
	'application/pdf',
	'image/jpeg',
	'image/png',
	'application/ofd'
] as const;
export type UploadType = (typeof UPLOAD_TYPES)[number];

const REF_RE = /^sha256-([0-9a-f]{64})$/;

export function uploadsDirOf(dbPath: string): string {
	return join(dirname(dbPath), 'uploads');
}

const startsWith = (bytes: Uint8Array, magic: number[]) =>
	bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

/**
 * The names of a ZIP archive's entries, read from its central directory (found through the end
 * record at the file's end), or null when `bytes` is not a readable ZIP.
 */
export function zipEntryNames(bytes: Uint8Array): string[] | null {
	const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	// The end of central directory record: 22 bytes plus a comment of at most 65535.
	const from = Math.max(0, buf.length - 22 - 0xffff);
	let end = -1;
	for (let i = buf.length - 22; i >= from; i--)
		if (buf.readUInt32LE(i) === 0x06054b50) {
			end = i;
			break;
		}
	if (end < 0) return null;
	const count = buf.readUInt16LE(end + 10);
	let at = buf.readUInt32LE(end + 16);
	const names: string[] = [];
	for (let n = 0; n < count; n++) {
		if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) return null;
		const nameLen = buf.readUInt16LE(at + 28);
		const extraLen = buf.readUInt16LE(at + 30);
		const commentLen = buf.readUInt16LE(at + 32);
		if (at + 46 + nameLen > buf.length) return null;
		names.push(buf.toString('utf8', at + 46, at + 46 + nameLen));
		at += 46 + nameLen + extraLen + commentLen;
	}
	return names;
}

/**
 * The type of a file by its bytes: PDF (`%PDF-`), JPEG (FF D8 FF), PNG (the 8-byte signature),
 * OFD (GB/T 33190: a ZIP container with the entry `OFD.xml` at its root, read from the ZIP's
 * directory — not merely the text `OFD.xml` somewhere in it); null otherwise. Never the name or
 * the type the client declared.
 */
export function sniffType(bytes: Uint8Array): UploadType | null {
	if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
	if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) && zipEntryNames(bytes)?.includes('OFD.xml'))
		return 'application/ofd';
	return null;
}

function pathOf(dir: string, hex: string): string {
	return join(dir, hex.slice(0, 2), hex);
}

/** The file operations `storeUpload` uses (tests hand in failing ones: a full disk). */
export interface StoreIo {
	writeFileSync: (path: string, bytes: Uint8Array, opts: { mode: number }) => void;
	renameSync: (from: string, to: string) => void;
	rmSync: (path: string, opts: { force: boolean }) => void;
}
const nodeIo: StoreIo = { writeFileSync, renameSync, rmSync };

/** Errors that mean the disk (or the quota) is full. */
export const isDiskFull = (e: unknown) =>
	['ENOSPC', 'EDQUOT'].includes(String((e as { code?: unknown })?.code));

/**
 * Stores `bytes` (once) and returns their ref: written to a temporary file and renamed into
 * place, and on any failure (a full disk mid-write) the temporary file is removed before the
 * error goes on, so no partial file is left behind.
 */
export function storeUpload(dir: string, bytes: Uint8Array, io: StoreIo = nodeIo): string {
	const hex = createHash('sha256').update(bytes).digest('hex');
	const target = pathOf(dir, hex);
	if (!existsSync(target)) {
		mkdirSync(dirname(target), { recursive: true });
		const temp = `${target}.${randomUUID()}.tmp`;
		try {
			io.writeFileSync(temp, bytes, { mode: 0o640 });
			io.renameSync(temp, target);
		} catch (e) {
			try {
				io.rmSync(temp, { force: true });
			} catch {
				// nothing more can be done; the original error matters
			}
			throw e;
		}
	}
	return `sha256-${hex}`;
}

/** Whether `ref` names a stored file. */
export function hasUpload(dir: string, ref: unknown): boolean {
	const m = typeof ref === 'string' ? REF_RE.exec(ref) : null;
	return !!m && existsSync(pathOf(dir, m[1]!));
}

export type FileRefusal = 'FILE_MISSING' | 'FILE_TOO_LARGE' | 'FILE_TYPE' | 'STORAGE_FULL';

/**
 * A file sent with a form, checked (size of the bytes received, type by its bytes) and stored, or
 * why not; its name made safe (`safeFileName`). What the client claimed (`file.size`,
 * `file.type`) decides nothing.
 */
export async function keepFile(
	dir: string,
	file: Pick<File, 'name' | 'arrayBuffer'>,
	io: StoreIo = nodeIo
): Promise<
	| { ok: true; ref: string; name: string; size: number; type: UploadType }
	| { ok: false; code: FileRefusal }
> {
	const bytes = new Uint8Array(await file.arrayBuffer());
	if (bytes.length === 0) return { ok: false, code: 'FILE_MISSING' };
	if (bytes.length > MAX_UPLOAD_BYTES) return { ok: false, code: 'FILE_TOO_LARGE' };
	const type = sniffType(bytes);
	if (!type) return { ok: false, code: 'FILE_TYPE' };
	const name = safeFileName(file.name);
	try {
		return { ok: true, ref: storeUpload(dir, bytes, io), name, size: bytes.length, type };
	} catch (e) {
		if (isDiskFull(e)) return { ok: false, code: 'STORAGE_FULL' };
		throw e;
	}
}

/** The size and type of a stored file as its bytes say, or null when `ref` names none. */
export function uploadFacts(dir: string, ref: string): { size: number; type: UploadType } | null {
	const found = readUpload(dir, ref);
	return found ? { size: found.bytes.length, type: found.type } : null;
}

/** The bytes of a stored file and their type, or null when `ref` names none. */
export function readUpload(dir: string, ref: string): { bytes: Buffer; type: UploadType } | null {
	const m = REF_RE.exec(ref);
	if (!m) return null;
	const path = pathOf(dir, m[1]!);
	if (!existsSync(path)) return null;
	const bytes = readFileSync(path);
	const type = sniffType(bytes);
	return type ? { bytes, type } : null;
}
