import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
	export interface ProvidedContext {
		/** Base URL of a production build (`node build`) running on a fresh, seeded temporary database. */
		serverUrl: string;
		/** That database's file, for tests that read what the server wrote. */
		serverDb: string;
	}
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const address = srv.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			srv.close(() => resolve(port));
		});
	});
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string): Promise<void> {
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null)
			throw new Error(`The server exited with code ${child.exitCode}:\n${log()}`);
		try {
			const res = await fetch(`${url}/api/v1/health`);
			if (res.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`The server did not answer ${url}/api/v1/health within 30 s:\n${log()}`);
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
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	let output = '';
	const child = spawn(process.execPath, ['build'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: url,
			SUNLIT_DB: dbPath,
			BODY_SIZE_LIMIT: '6M'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
	child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
	await waitForHealth(url, child, () => output);
	project.provide('serverUrl', url);
	project.provide('serverDb', dbPath);
	return async () => {
		child.kill('SIGTERM');
		await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
		rmSync(dir, { recursive: true, force: true });
	};
}
