import { request as httpRequest } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startServer, type ServerProcess } from './server-process';

/**
 * Issue 16, items 13 and 15, against the production build: the security headers of every answer
 * (CSP with frame-ancestors on all HTML, nosniff, referrer policy, HSTS over HTTPS), and the
 * read-only public API for other sites and caches (CORS, preflight, ETag, 304, compression).
 */
const base = inject('serverUrl');
const FROZEN = '/api/v1/items/990001-ZFB-QT-0001/frozen/v1/definition.json';

interface Raw {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: Buffer;
}

/** A request without fetch's automatic decompression, to see the bytes sent. */
function raw(
	url: string,
	opts: { method?: string; headers?: Record<string, string>; body?: string } = {}
): Promise<Raw> {
	return new Promise((resolve, reject) => {
		const req = httpRequest(url, { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () =>
				resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) })
			);
		});
		req.on('error', reject);
		req.end(opts.body);
	});
}

async function signIn(username: string, password: string): Promise<string> {
	const res = await fetch(`${base}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: base,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ username, password })
	});
	expect(res.status).toBe(303);
	return res.headers
		.getSetCookie()
		.find((c) => c.startsWith('sunlit_session='))!
		.split(';')[0]!;
}

/** The directives of a policy, by name. */
function directives(csp: string): Map<string, string[]> {
	return new Map(
		csp
			.split(';')
			.map((d) => d.trim().split(/\s+/))
			.filter((d) => d[0])
			.map(([name, ...values]) => [name!, values])
	);
}

describe('security headers (issue 16, item 13)', () => {
	let cookies: Record<string, string>;
	beforeAll(async () => {
		cookies = {
			admin: await signIn('admin', 'demo-admin-2026'),
			editor: await signIn('editor', 'demo-editor-2026'),
			legal: await signIn('legal', 'demo-legal-2026'),
			officer: await signIn('officer', 'demo-officer-2026'),
			supervisor: await signIn('supervisor', 'demo-supervisor-2026')
		};
	});

	const pages: [string, string | null][] = [
		['/', null],
		['/?page=1e300', null],
		['/login', null],
		['/track', null],
		['/complaints', null],
		['/statistics', null],
		['/audit-checkpoints', null],
		['/catalogue/990001-ZFB-QT-0001', null],
		['/items/990001-ZFB-QT-0001/apply', null],
		['/no-such-page', null],
		['/catalogue/NO-SUCH-CODE', null],
		['/admin', 'admin'],
		['/admin/departments', 'admin'],
		['/audit', 'admin'],
		['/studio', 'editor'],
		['/studio', 'legal'],
		['/work', 'officer'],
		['/supervision', 'supervisor'],
		['/supervision/report', 'supervisor']
	];

	it('sends every HTML page a CSP with frame-ancestors none and no inline script without a nonce', async () => {
		const problems: string[] = [];
		for (const [path, who] of pages) {
			const res = await fetch(base + path, {
				redirect: 'manual',
				headers: { accept: 'text/html', ...(who ? { cookie: cookies[who]! } : {}) }
			});
			const html = await res.text();
			const label = `${path}${who ? ` as ${who}` : ''} (${res.status})`;
			if (!res.headers.get('content-type')?.startsWith('text/html')) {
				problems.push(`${label}: not HTML`);
				continue;
			}
			const csp = res.headers.get('content-security-policy');
			if (!csp) {
				problems.push(`${label}: no Content-Security-Policy`);
				continue;
			}
			const d = directives(csp);
			if (d.get('frame-ancestors')?.join(' ') !== "'none'")
				problems.push(`${label}: frame-ancestors ${d.get('frame-ancestors')}`);
			const script = d.get('script-src') ?? d.get('default-src') ?? [];
			if (script.includes("'unsafe-inline'")) problems.push(`${label}: script-src 'unsafe-inline'`);
			const nonce = script.find((v) => v.startsWith("'nonce-"))?.slice(7, -1);
			for (const tag of html.match(/<script\b[^>]*>/g) ?? []) {
				if (/\bsrc=/.test(tag)) continue;
				if (!nonce || !tag.includes(`nonce="${nonce}"`))
					problems.push(`${label}: inline script without the nonce: ${tag}`);
			}
			if (res.headers.get('x-content-type-options') !== 'nosniff')
				problems.push(`${label}: no nosniff`);
			if (res.headers.get('referrer-policy') !== 'same-origin')
				problems.push(`${label}: referrer-policy ${res.headers.get('referrer-policy')}`);
			if (res.headers.get('x-frame-options') !== 'DENY') problems.push(`${label}: x-frame-options`);
			if (res.headers.has('strict-transport-security')) problems.push(`${label}: HSTS over http`);
		}
		expect(problems).toEqual([]);
	});

	it('sends HTML the hook itself answers (refusals) a CSP that runs no script', async () => {
		const refused = await fetch(`${base}/track?/lookup`, {
			method: 'POST',
			headers: { origin: base, 'content-type': 'text/plain', accept: 'text/html' },
			body: 'x'
		});
		expect(refused.status).toBe(415);
		const d = directives(refused.headers.get('content-security-policy') ?? '');
		expect(d.get('frame-ancestors')).toEqual(["'none'"]);
		expect(d.get('default-src')).toEqual(["'none'"]);
	});

	it('sends nosniff, the referrer policy and X-Frame-Options on JSON and downloads too', async () => {
		for (const path of ['/api/v1/health', '/api/v1/catalogue', '/catalogue.csv', FROZEN]) {
			const res = await fetch(base + path);
			expect(res.status, path).toBe(200);
			expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
			expect(res.headers.get('referrer-policy'), path).toBe('same-origin');
			expect(res.headers.get('x-frame-options'), path).toBe('DENY');
			await res.arrayBuffer();
		}
	});

	describe('served over HTTPS (ORIGIN https://…, behind a TLS proxy)', () => {
		let server: ServerProcess;
		let dir: string;
		beforeAll(async () => {
			dir = mkdtempSync(join(tmpdir(), 'sunlit-https-'));
			server = await startServer({
				dbPath: join(dir, 'sunlit.db'),
				env: { ORIGIN: 'https://sunlit.example' }
			});
		});
		afterAll(async () => {
			await server?.stop();
			rmSync(dir, { recursive: true, force: true });
		});
		it('sends Strict-Transport-Security', async () => {
			const res = await fetch(`${server.url}/`);
			expect(res.headers.get('strict-transport-security')).toMatch(/^max-age=\d{7,}/);
			expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
		});
	});
});

describe('the read-only public API for other sites and caches (issue 16, item 15)', () => {
	const readOnly = [
		'/api/v1/catalogue',
		'/api/v1/catalogue/990001-ZFB-QT-0001',
		'/api/v1/audit/checkpoints',
		'/api/v1/items/990001-ZRZY-XK-0002/flow.bpmn',
		FROZEN,
		'/catalogue.csv',
		'/catalogue.xlsx'
	];

	it('answers a preflight from another site with 204, before any login is asked', async () => {
		for (const path of [...readOnly, '/api/v1/uploads', '/api/v1/cases']) {
			const res = await raw(base + path, {
				method: 'OPTIONS',
				headers: {
					origin: 'https://other-hall.example',
					'access-control-request-method': 'GET',
					'access-control-request-headers': 'authorization, if-none-match'
				}
			});
			expect(res.status, path).toBe(204);
			expect(res.headers['access-control-allow-origin'], path).toBe('*');
			expect(String(res.headers['access-control-allow-methods']), path).toContain('GET');
			expect(String(res.headers['access-control-allow-headers']).toLowerCase(), path).toContain(
				'authorization'
			);
		}
	});

	it('sends Access-Control-Allow-Origin: * on every read-only answer, never credentials', async () => {
		for (const path of readOnly) {
			const res = await raw(base + path, { headers: { origin: 'https://other-hall.example' } });
			expect(res.status, path).toBe(200);
			expect(res.headers['access-control-allow-origin'], path).toBe('*');
			expect(res.headers['access-control-allow-credentials'], path).toBeUndefined();
		}
	});

	const cached = [
		['/api/v1/catalogue', true],
		['/api/v1/catalogue/990001-ZFB-QT-0001', true],
		['/catalogue.csv', true],
		['/catalogue.xlsx', false],
		[FROZEN, true]
	] as const;

	it.each(cached)('%s: a strong ETag and Cache-Control, and 304 to If-None-Match', async (path) => {
		const first = await raw(base + path);
		expect(first.status).toBe(200);
		const etag = String(first.headers.etag);
		expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
		expect(first.headers['cache-control']).toMatch(/public/);
		const again = await raw(base + path, { headers: { 'if-none-match': etag } });
		expect(again.status).toBe(304);
		expect(again.body.length).toBe(0);
		expect(again.headers.etag).toBe(etag);
		const other = await raw(base + path, { headers: { 'if-none-match': '"something-else"' } });
		expect(other.status).toBe(200);
	});

	it.each(cached.filter(([, text]) => text))(
		'%s: compressed with br or gzip as asked, Vary: Accept-Encoding',
		async (path) => {
			const plain = await raw(base + path);
			expect(plain.headers['content-encoding']).toBeUndefined();
			expect(String(plain.headers.vary)).toMatch(/accept-encoding/i);
			const gz = await raw(base + path, { headers: { 'accept-encoding': 'gzip' } });
			expect(gz.headers['content-encoding']).toBe('gzip');
			expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
			expect(gz.body.length).toBeLessThan(plain.body.length);
			const br = await raw(base + path, { headers: { 'accept-encoding': 'gzip;q=0.5, br' } });
			expect(br.headers['content-encoding']).toBe('br');
			expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
			// The compressed answer's tag still matches the same bytes.
			const again = await raw(base + path, {
				headers: { 'accept-encoding': 'br', 'if-none-match': String(br.headers.etag) }
			});
			expect(again.status).toBe(304);
			const none = await raw(base + path, { headers: { 'accept-encoding': 'br;q=0, gzip;q=0' } });
			expect(none.headers['content-encoding']).toBeUndefined();
		}
	);
});
