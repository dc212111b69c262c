import { statfsSync } from 'node:fs';

/**
 * Free space on the disk of the data folder, for `/api/v1/health`: below the minimum
 * (`SUNLIT_MIN_FREE_MB`, default 500) the health check says so instead of "ok", before uploads and
 * database writes start to fail.
 */
export const DEFAULT_MIN_FREE_MB = 500;

export function minFreeMbFromEnv(env: NodeJS.ProcessEnv): number {
	const raw = env.SUNLIT_MIN_FREE_MB?.trim();
	if (!raw) return DEFAULT_MIN_FREE_MB;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < 0)
		throw new Error(
			`环境变量 SUNLIT_MIN_FREE_MB 应为不小于 0 的整数（兆字节，0 表示不检查），现为“${raw}”。` +
				` SUNLIT_MIN_FREE_MB must be a whole number of at least 0 (megabytes; 0: no check), not "${raw}".`
		);
	return n;
}

/** What `statfs` reports that matters here (a test hands in a fake). */
export type StatFs = (path: string) => { bavail: number; bsize: number; blocks: number };

export interface DiskReport {
	status: 'ok' | 'low' | 'error';
	freeBytes: number | null;
	totalBytes: number | null;
	minFreeBytes: number;
	message?: string;
}

/** The free space of the disk holding `path`, judged against `minFreeMb`. */
export function diskReport(
	path: string,
	minFreeMb: number,
	statfs: StatFs = statfsSync
): DiskReport {
	const minFreeBytes = minFreeMb * 1024 * 1024;
	try {
		const s = statfs(path);
		const freeBytes = s.bavail * s.bsize;
		const low = freeBytes < minFreeBytes;
		return {
			status: low ? 'low' : 'ok',
			freeBytes,
			totalBytes: s.blocks * s.bsize,
			minFreeBytes,
			...(low
				? {
						message:
							`数据目录所在磁盘仅剩 ${Math.floor(freeBytes / 1024 / 1024)} MB，低于 ${minFreeMb} MB 的下限：` +
							'请尽快清理或扩容，否则上传和办件写入将失败。'
					}
				: {})
		};
	} catch (e) {
		return {
			status: 'error',
			freeBytes: null,
			totalBytes: null,
			minFreeBytes,
			message: `无法读取数据目录所在磁盘的剩余空间：${(e as Error).message}`
		};
	}
}
