import { mkdtempSync, readdirSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { diskReport, minFreeMbFromEnv } from '../../src/lib/server/disk-space';
import { keepFile, storeUpload, type StoreIo } from '../../src/lib/server/uploads/store';
import { startServer, type ServerProcess } from './server-process';

/**
 * A full disk (issue 16, item 12): an upload that fails mid-write leaves no partial temporary file,
 * and `/api/v1/health` reports low disk space instead of "ok".
 */
const dirs: string[] = [];
const temp = () => {
	const d = mkdtempSync(join(tmpdir(), 'sunlit-disk-'));
	dirs.push(d);
	return d;
};
let own: ServerProcess | undefined;
afterAll(async () => {
	await own?.stop();
	for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Writes half the bytes, then fails as a full disk does. */
const fullDisk: StoreIo = {
	writeFileSync: (path, bytes, opts) => {
		writeFileSync(path, bytes.subarray(0, bytes.length >> 1), opts);
		throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
	},
	renameSync,
	rmSync
};

const files = (dir: string) =>
	readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());

const pdf = new TextEncoder().encode('%PDF-1.4\n% disk\n%%EOF\n'.repeat(100));

describe('a full disk', () => {
	it('leaves no partial temporary file when a write fails', () => {
		const dir = temp();
		expect(() => storeUpload(dir, pdf, fullDisk)).toThrow(/ENOSPC/);
		expect(files(dir)).toEqual([]);
		// The same bytes are stored whole once there is room again.
		const ref = storeUpload(dir, pdf);
		expect(files(dir).map((e) => e.name)).toEqual([ref.slice('sha256-'.length)]);
	});

	it('refuses a form file on a full disk with STORAGE_FULL, not an exception', async () => {
		const dir = temp();
		// A rename that fails: the temporary file must go too.
		const failingRename: StoreIo = {
			writeFileSync,
			renameSync: () => {
				throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
			},
			rmSync
		};
		expect(() => storeUpload(dir, pdf, failingRename)).toThrow();
		expect(files(dir)).toEqual([]);
		const kept = await keepFile(
			dir,
			{ name: 'a.pdf', arrayBuffer: async () => pdf.buffer as ArrayBuffer },
			fullDisk
		);
		expect(kept).toEqual({ ok: false, code: 'STORAGE_FULL' });
		expect(files(dir)).toEqual([]);
	});

	it('judges free space against the minimum, with a fake statfs', () => {
		const fake = (bavail: number) => () => ({ bavail, bsize: 4096, blocks: 1_000_000 });
		// 100 MB free, 500 MB wanted: low, said in Chinese.
		const low = diskReport('/data', 500, fake(25_600));
		expect(low).toMatchObject({ status: 'low', freeBytes: 100 * 1024 * 1024 });
		expect(low.message).toContain('仅剩 100 MB，低于 500 MB');
		expect(diskReport('/data', 500, fake(1_000_000)).status).toBe('ok');
		const broken = diskReport('/data', 500, () => {
			throw new Error('EIO');
		});
		expect(broken.status).toBe('error');
		expect(minFreeMbFromEnv({})).toBe(500);
		expect(() => minFreeMbFromEnv({ SUNLIT_MIN_FREE_MB: 'lots' })).toThrow(/SUNLIT_MIN_FREE_MB/);
	});

	it('/api/v1/health says "ok" with room on the disk, and low-disk (503) below the minimum', async () => {
		const res = await fetch(`${inject('serverUrl')}/api/v1/health`);
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body.status).toBe('ok');
		expect(body.disk).toMatchObject({ status: 'ok' });
		expect(body.disk.freeBytes).toBeGreaterThan(0);

		// A minimum no disk here meets (1 EB): the same server reports low disk space.
		const dir = temp();
		own = await startServer({
			dbPath: join(dir, 'sunlit.db'),
			env: { SUNLIT_MIN_FREE_MB: String(1024 ** 4) },
			unhealthy: true
		});
		const low = await fetch(`${own.url}/api/v1/health`);
		expect(low.status).toBe(503);
		const lowBody = await low.json();
		expect(lowBody.status).toBe('low-disk');
		expect(lowBody.database.status).toBe('ok');
		expect(lowBody.disk.status).toBe('low');
		expect(lowBody.disk.message).toContain('数据目录所在磁盘仅剩');
	}, 60_000);
});
