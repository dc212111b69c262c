import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const srv = createServer();
		srv.listen(0, '127.0.0.1', () => {
			const a = srv.address();
			srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
		});
	});
}

/**
 * `npm start` / `npm run serve` run scripts/serve.sh. With nothing configured, a browser at
 * http://localhost:PORT must be able to sign in: the form post's origin has to be accepted.
 */
describe('scripts/serve.sh', () => {
	it('accepts sign-in from http://localhost:PORT with no ORIGIN configured, and large uploads', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'sunlit-serve-'));
		const port = await freePort();
		const env: NodeJS.ProcessEnv = {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			SUNLIT_DB: join(dir, 's.db')
		};
		delete env.ORIGIN;
		delete env.BODY_SIZE_LIMIT;
		const child = spawn('bash', ['scripts/serve.sh'], { env, stdio: 'ignore' });
		try {
			const base = `http://127.0.0.1:${port}`;
			for (let i = 0; i < 100; i++) {
				const ok = await fetch(`${base}/api/v1/health`).then(
					(r) => r.ok,
					() => false
				);
				if (ok) break;
				await new Promise((r) => setTimeout(r, 200));
			}
			const res = await fetch(`${base}/login`, {
				method: 'POST',
				redirect: 'manual',
				headers: {
					origin: `http://localhost:${port}`,
					accept: 'text/html',
					'content-type': 'application/x-www-form-urlencoded'
				},
				body: new URLSearchParams({ username: 'editor', password: 'demo-editor-2026' })
			});
			expect(res.status).toBe(303);
			expect(res.headers.get('location')).toBe('/studio');
			// A 1 MB upload reaches the import action (adapter-node's default limit is 512 KB).
			const cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
			const form = new FormData();
			form.set('file', new Blob([new Uint8Array(1024 * 1024)]), 'big.xlsx');
			const big = await fetch(`${base}/studio/catalogue/import?/upload`, {
				method: 'POST',
				headers: { origin: `http://localhost:${port}`, accept: 'application/json', cookie },
				body: form
			});
			expect(big.status).not.toBe(413);
			const text = await big.text();
			// Refused by the app for not being a spreadsheet, not for a body cut off by the server.
			expect(text).toContain('"type":"failure"');
			expect(text).not.toContain('未能收到上传的文件');
		} finally {
			child.kill('SIGTERM');
			await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
