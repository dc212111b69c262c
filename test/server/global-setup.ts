import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startServer } from './server-process';

declare module 'vitest' {
	export interface ProvidedContext {
		/** Base URL of a production build (`node build`) running on a fresh, seeded temporary database. */
		serverUrl: string;
		/** That database's file, for tests that read what the server wrote. */
		serverDb: string;
	}
}

/**
 * Starts the production build once for the server project, on a free port and a temporary
 * database seeded with the demo county, and stops it afterwards.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	if (!existsSync('build/index.js'))
		throw new Error(
			'build/index.js is missing: run `npm run build` before the server tests (npm test does).'
		);
	const dir = mkdtempSync(join(tmpdir(), 'sunlit-server-'));
	const dbPath = join(dir, 'sunlit.db');
	const server = await startServer({ dbPath });
	project.provide('serverUrl', server.url);
	project.provide('serverDb', dbPath);
	return async () => {
		await server.stop();
		rmSync(dir, { recursive: true, force: true });
	};
}
