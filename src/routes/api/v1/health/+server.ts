import { json } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { schemaVersion } from '$lib/server/db/migrate';
import { migrations } from '$lib/server/db/migrations/index';
import pkg from '../../../../../package.json' with { type: 'json' };
import type { RequestHandler } from './$types';

/** Liveness and readiness: app version, schema version and whether the database answers. */
export const GET: RequestHandler = () => {
	let database: {
		status: 'ok' | 'error';
		schemaVersion: number | null;
		expectedSchemaVersion: number;
		message?: string;
	};
	const expected = migrations.length;
	try {
		const { db } = getApp();
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
	const ok = database.status === 'ok';
	return json(
		{
			status: ok ? 'ok' : 'error',
			app: 'sunlit',
			version: pkg.version,
			schemaVersion: database.schemaVersion,
			database
		},
		{ status: ok ? 200 : 503, headers: { 'cache-control': 'no-store' } }
	);
};
