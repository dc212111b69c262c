import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * Starting the production build (`node build`) for tests: on a free port, a database file of the
 * test's choosing and extra environment, waiting until /api/v1/health answers. Used by the server
 * project's global setup and by tests that restart a server of their own (the feed).
 */

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
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

export interface ServerProcess {
	url: string;
	port: number;
	child: ChildProcess;
	/** Everything the server printed so far. */
	output(): string;
	/** Stops the server (SIGTERM by default) and waits for it to exit. */
	stop(signal?: NodeJS.Signals): Promise<void>;
}

async function waitForHealth(
	url: string,
	child: ChildProcess,
	log: () => string,
	anyAnswer = false
): Promise<void> {
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null)
			throw new Error(`The server exited with code ${child.exitCode}:\n${log()}`);
		try {
			const res = await fetch(`${url}/api/v1/health`);
			if (res.ok || (anyAnswer && res.status === 503)) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`The server did not answer ${url}/api/v1/health within 30 s:\n${log()}`);
}

/** Starts `node build` on `dbPath` (seeded with the demo county when empty) and waits for it. */
export async function startServer(opts: {
	dbPath: string;
	port?: number;
	env?: Record<string, string>;
	/** Up once health answers at all, even 503 (a test of an unhealthy server). */
	unhealthy?: boolean;
}): Promise<ServerProcess> {
	const port = opts.port ?? (await freePort());
	const url = `http://127.0.0.1:${port}`;
	let output = '';
	const child = spawn(process.execPath, ['build'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: url,
			SUNLIT_DB: opts.dbPath,
			// The demo county without its demo cases: tests count the cases they make.
			SUNLIT_DEMO_CASES: '0',
			BODY_SIZE_LIMIT: '6M',
			// Every test talks from this one address; public-limits.test.ts starts a server of its
			// own with the limits on (SUNLIT_LIMIT_EXEMPT empty).
			SUNLIT_LIMIT_EXEMPT: '127.0.0.1',
			...(opts.env ?? {})
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
	child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
	const stop = (signal: NodeJS.Signals = 'SIGTERM') =>
		new Promise<void>((resolve) => {
			if (child.exitCode !== null || child.signalCode !== null) return resolve();
			child.once('exit', () => resolve());
			child.kill(signal);
		});
	try {
		await waitForHealth(url, child, () => output, opts.unhealthy);
	} catch (err) {
		await stop('SIGKILL');
		throw err;
	}
	return { url, port, child, output: () => output, stop };
}
