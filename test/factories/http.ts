import { expect } from 'vitest';

/** Signs in on the running server with the login form; returns the session cookie (name=value). */
export async function signIn(base: string, username: string, password: string): Promise<string> {
	const res = await postForm(base, '', '/login', { username, password });
	expect(res.status, `sign-in as ${username}`).toBe(303);
	return res.headers
		.getSetCookie()
		.find((c) => c.startsWith('sunlit_session='))!
		.split(';')[0]!;
}

/** A form POST as a browser without scripts sends it (same origin, HTML wanted, no redirects followed). */
export function postForm(
	base: string,
	cookie: string,
	path: string,
	form: Record<string, string>
): Promise<Response> {
	return fetch(base + path, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			...(cookie ? { cookie } : {}),
			origin: base,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams(form)
	});
}

/** A multipart form POST (text fields and files) as a browser sends it, no redirects followed. */
export function postMultipart(
	base: string,
	cookie: string,
	path: string,
	fields: Record<string, string>,
	files: { field: string; name: string; bytes: Uint8Array; type?: string }[] = []
): Promise<Response> {
	const body = new FormData();
	for (const [k, v] of Object.entries(fields)) body.append(k, v);
	for (const f of files)
		body.append(
			f.field,
			new Blob([new Uint8Array(f.bytes)], { type: f.type ?? 'application/pdf' }),
			f.name
		);
	return fetch(base + path, {
		method: 'POST',
		redirect: 'manual',
		headers: { ...(cookie ? { cookie } : {}), origin: base, accept: 'text/html' },
		body
	});
}
