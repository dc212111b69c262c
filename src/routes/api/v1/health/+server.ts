import { json } from '@sveltejs/kit';
import { dirname } from 'node:path';
import { getApp } from '$lib/server/app';
import { diskReport, type DiskReport } from '$lib/server/disk-space';
import { schemaVersion } from '$lib/server/db/migrate';
import { migrations } from '$lib/server/db/migrations/index';
import pkg from '../../../../../package.json' with { type: 'json' };
import type { RequestHandler } from './$types';

/**
 * Liveness and readiness: app version, schema version, whether the database answers, and the free
 * space of the data folder's disk. Anything not ok makes the answer 503: `status` is "error"
 * for the database, "low-disk" when the disk has less than `SUNLIT_MIN_FREE_MB` free (or cannot be
 * read), with `disk.message` saying so.
 */
export const GET: RequestHandler = () => {
	let database: {
		status: 'ok' | 'error';
		schemaVersion: number | null;
		expectedSchemaVersion: number;
		message?: string;
	};
	const expected = migrations.length;
	let disk: DiskReport | null = null;
	try {
		const { db, dbPath, minFreeMb } = getApp();
		if (minFreeMb > 0) disk = diskReport(dirname(dbPath), minFreeMb);
		db.prepare('SELECT 1').get();
		const v = schemaVersion(db);
		database = {
			status: v === expected ? 'ok' : 'error',
			schemaVersion: v,
			expectedSchemaVersion: expected
		};
	} catch (err) {
		database = {
			status: 'error',
			schemaVersion: null,
			expectedSchemaVersion: expected,
			message: (err as Error).message
		};
	}
	const ok = database.status === 'ok' && (!disk || disk.status === 'ok');
	return json(
		{
			status: ok ? 'ok' : database.status === 'ok' ? 'low-disk' : 'error',
			app: 'sunlit',
			version: pkg.version,
			schemaVersion: database.schemaVersion,
			database,
			...(disk ? { disk } : {})
		},
		{ status: ok ? 200 : 503, headers: { 'cache-control': 'no-store' } }
	);
};
