import Database from 'better-sqlite3';
import { request as httpRequest } from 'node:http';
import { expect } from 'vitest';
import { postForm, signIn } from './http';

/** The id of a department by its code, read from the server's database. */
export function departmentId(dbPath: string, code: string): number {
	const db = new Database(dbPath, { readonly: true });
	const row = db.prepare('SELECT id FROM departments WHERE code = ?').get(code) as { id: number };
	db.close();
	return row.id;
}

/** Issues an API token for the department through the admin page; returns it in clear. */
export async function issueToken(
	base: string,
	dbPath: string,
	code: string,
	name: string
): Promise<{ token: string; html: string; status: number }> {
	const admin = await signIn(base, 'admin', 'demo-admin-2026');
	const res = await postForm(
		base,
		admin,
		`/admin/departments/${departmentId(dbPath, code)}?/issueToken`,
		{
			tokenName: name
		}
	);
	const html = await res.text();
	const token = /sunlit_[a-z2-7]{20,}/.exec(html)?.[0] ?? '';
	return { token, html, status: res.status };
}

/** A JSON answer, loosely typed for assertions (fields are checked by the tests themselves). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test assertions read arbitrary fields
export type ApiBody = Record<string, any>;

/** JSON request with an optional bearer token or cookie. */
export async function api(
	base: string,
	path: string,
	opts: {
		method?: string;
		token?: string;
		cookie?: string;
		body?: unknown;
		headers?: Record<string, string>;
	} = {}
): Promise<{ status: number; body: ApiBody; headers: Headers }> {
	const headers: Record<string, string> = { accept: 'application/json', ...(opts.headers ?? {}) };
	if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
	if (opts.cookie) headers.cookie = opts.cookie;
	if (opts.body !== undefined) headers['content-type'] = 'application/json';
	const res = await fetch(base + path, {
		method: opts.method ?? (opts.body === undefined ? 'GET' : 'POST'),
		headers,
		body: opts.body === undefined ? undefined : JSON.stringify(opts.body)
	});
	const text = await res.text();
	let body: ApiBody = { text };
	try {
		body = JSON.parse(text);
	} catch {
		// not JSON
	}
	expect(res.status).toBeGreaterThan(0);
	return { status: res.status, body, headers: res.headers };
}

/**
 * A request from another loopback address (127.0.0.x): the lookup throttles count failures per
 * client address, so tests that look cases up use their own address and neither lock nor get
 * locked by other test files running at the same time.
 */
export function requestFrom(
	localAddress: string,
	url: string,
	opts: { method?: string; headers?: Record<string, string>; body?: string } = {}
): Promise<{
	status: number;
	text: string;
	headers: Record<string, string | string[] | undefined>;
}> {
	return new Promise((resolve, reject) => {
		const req = httpRequest(
			url,
			{ method: opts.method ?? 'GET', headers: opts.headers ?? {}, localAddress },
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (d: string) => (text += d));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, text, headers: res.headers }));
			}
		);
		req.on('error', reject);
		if (opts.body !== undefined) req.write(opts.body);
		req.end();
	});
}
