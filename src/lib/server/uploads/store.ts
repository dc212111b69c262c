/**
 * The upload store of public intake: files an applicant attaches, kept content-addressed under
 * the data folder (`<dirname(db)>/uploads/<first 2 hex>/<sha256>`). The same bytes always get
 * the same ref (`sha256-<hex>`), so a retried upload stores nothing new; a file is written to a
 * temporary name and renamed into place, so a half-written file is never found by its ref.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

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
 * The type of a file by its magic bytes: PDF (`%PDF-`), JPEG (FF D8 FF), PNG (the 8-byte
 * signature), OFD (GB/T 33190: a ZIP container whose entries include `OFD.xml`); null otherwise.
 */
export function sniffType(bytes: Uint8Array): UploadType | null {
	if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
	if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) && Buffer.from(bytes).includes('OFD.xml'))
		return 'application/ofd';
	return null;
}

function pathOf(dir: string, hex: string): string {
	return join(dir, hex.slice(0, 2), hex);
}

/** Stores `bytes` (once) and returns their ref. */
export function storeUpload(dir: string, bytes: Uint8Array): string {
	const hex = createHash('sha256').update(bytes).digest('hex');
	const target = pathOf(dir, hex);
	if (!existsSync(target)) {
		mkdirSync(dirname(target), { recursive: true });
		const temp = `${target}.${randomUUID()}.tmp`;
		writeFileSync(temp, bytes, { mode: 0o640 });
		renameSync(temp, target);
	}
	return `sha256-${hex}`;
}

/** Whether `ref` names a stored file. */
export function hasUpload(dir: string, ref: unknown): boolean {
	const m = typeof ref === 'string' ? REF_RE.exec(ref) : null;
	return !!m && existsSync(pathOf(dir, m[1]!));
}

export type FileRefusal = 'FILE_MISSING' | 'FILE_TOO_LARGE' | 'FILE_TYPE';

/** A file sent with a form, checked (size, type by its first bytes) and stored, or why not. */
export async function keepFile(
	dir: string,
	file: File
): Promise<
	| { ok: true; ref: string; name: string; size: number; type: UploadType }
	| { ok: false; code: FileRefusal }
> {
	if (file.size === 0) return { ok: false, code: 'FILE_MISSING' };
	if (file.size > MAX_UPLOAD_BYTES) return { ok: false, code: 'FILE_TOO_LARGE' };
	const bytes = new Uint8Array(await file.arrayBuffer());
	const type = sniffType(bytes);
	if (!type) return { ok: false, code: 'FILE_TYPE' };
	const name = file.name.trim().slice(0, 255) || 'file';
	return { ok: true, ref: storeUpload(dir, bytes), name, size: bytes.length, type };
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
