import { describe, expect, inject, it } from 'vitest';
import { requestFrom } from '../factories/api-token';

/**
 * Issue 16, items 8, 9 and 14: requests that answered 500, an open redirect, and an upload
 * endpoint that only took posts carrying this server's own Origin. Against the production build.
 */
const base = inject('serverUrl');

const FORM = 'application/x-www-form-urlencoded';

async function signIn(username: string, password: string): Promise<string> {
	const res = await fetch(`${base}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: base, accept: 'text/html', 'content-type': FORM },
		body: new URLSearchParams({ username, password })
	});
	expect(res.status, `sign-in as ${username}`).toBe(303);
	return res.headers
		.getSetCookie()
		.find((c) => c.startsWith('sunlit_session='))!
		.split(';')[0]!;
}

interface Probe {
	label: string;
	path: string;
	method?: string;
	headers?: Record<string, string>;
	body?: string;
	/** A word of the Chinese message naming what is wrong. */
	names: string;
	signedIn?: 'admin';
}

const BROKEN_MULTIPART = '--zz\r\nContent-Disposition: form-data; name="caseNo"\r\n\r\nabc';

function bodyProbes(path: string): Probe[] {
	return [
		{
			label: `${path} text/plain`,
			path,
			headers: { 'content-type': 'text/plain' },
			body: 'caseNo=1',
			names: '表单内容'
		},
		{
			label: `${path} text/plain (enhanced form)`,
			path,
			headers: {
				'content-type': 'text/plain',
				accept: 'application/json',
				'x-sveltekit-action': 'true'
			},
			body: 'caseNo=1',
			names: '表单内容'
		},
		{
			label: `${path} broken multipart`,
			path,
			headers: { 'content-type': 'multipart/form-data; boundary=zz' },
			body: BROKEN_MULTIPART,
			names: '表单内容'
		},
		{
			label: `${path} multipart without boundary`,
			path,
			headers: { 'content-type': 'multipart/form-data', accept: 'application/json' },
			body: 'garbage',
			names: '表单内容'
		}
	];
}

const PROBES: Probe[] = [
	...bodyProbes('/track?/lookup'),
	...bodyProbes('/track?/evaluate'),
	...bodyProbes('/complaints'),
	...bodyProbes('/complaints/track'),
	...bodyProbes('/login'),
	{ label: 'hall page=1e300', path: '/?page=1e300', method: 'GET', names: '页码' },
	{ label: 'hall page=2.5', path: '/?page=2.5', method: 'GET', names: '页码' },
	{ label: 'hall page=-1', path: '/?page=-1', method: 'GET', names: '页码' },
	{
		label: 'API page=1e300',
		path: '/api/v1/catalogue?page=1e300',
		method: 'GET',
		names: '页码'
	},
	{
		label: 'API page=99999999999999999999',
		path: '/api/v1/catalogue?page=99999999999999999999',
		method: 'GET',
		names: '页码'
	},
	{
		label: 'API pageSize=1e2',
		path: '/api/v1/catalogue?pageSize=1e2',
		method: 'GET',
		names: '每页条数'
	},
	{
		label: 'audit before=1e400',
		path: '/audit?before=1e400',
		method: 'GET',
		names: '翻页位置',
		signedIn: 'admin'
	},
	{
		label: '/lang with JSON',
		path: '/lang',
		headers: { 'content-type': 'application/json' },
		body: '{"lang":"en"}',
		names: '表单内容'
	},
	{
		label: '/lang with broken multipart',
		path: '/lang',
		headers: { 'content-type': 'multipart/form-data; boundary=zz' },
		body: BROKEN_MULTIPART,
		names: '表单内容'
	},
	...['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'].flatMap(
		(name): Probe[] => [
			{
				label: `/login?/${name}`,
				path: `/login?/${name}`,
				headers: { 'content-type': FORM },
				body: '',
				names: '不存在'
			},
			{
				label: `/track?/${name} signed in`,
				path: `/track?/${name}`,
				headers: { 'content-type': FORM },
				body: '',
				names: '不存在',
				signedIn: 'admin'
			},
			{
				label: `/admin/users/1?/${name} signed in`,
				path: `/admin/users/1?/${name}`,
				headers: { 'content-type': FORM },
				body: '',
				names: '不存在',
				signedIn: 'admin'
			}
		]
	),
	...['disable', 'enable'].flatMap((action): Probe[] => [
		{
			label: `${action} a department that does not exist`,
			path: `/admin/departments/999999?/${action}`,
			headers: { 'content-type': FORM, accept: 'application/json', 'x-sveltekit-action': 'true' },
			body: '',
			names: '所在部门',
			signedIn: 'admin'
		},
		{
			label: `${action} a department that does not exist (no script)`,
			path: `/admin/departments/999999?/${action}`,
			headers: { 'content-type': FORM, accept: 'text/html' },
			body: '',
			names: '不存在',
			signedIn: 'admin'
		},
		{
			label: `${action} department id 0`,
			path: `/admin/departments/abc?/${action}`,
			headers: { 'content-type': FORM, accept: 'application/json', 'x-sveltekit-action': 'true' },
			body: '',
			names: '所在部门',
			signedIn: 'admin'
		}
	])
];

describe('no 5xx on bad input (issue 16, item 8)', () => {
	it('answers every probe with a 4xx and a Chinese message naming what is wrong', async () => {
		const admin = await signIn('admin', 'demo-admin-2026');
		const problems: string[] = [];
		for (const p of PROBES) {
			const method = p.method ?? 'POST';
			const res = await fetch(base + p.path, {
				method,
				redirect: 'manual',
				headers: {
					...(method === 'POST' ? { origin: base } : {}),
					...(p.headers ?? {}),
					...(p.signedIn ? { cookie: admin } : {})
				},
				body: method === 'POST' ? (p.body ?? '') : undefined
			});
			const text = await res.text();
			// A form action asked for JSON answers 200 with its own status inside.
			const status = /^\{"type":"(failure|error)"/.test(text)
				? ((JSON.parse(text) as { status?: number }).status ?? res.status)
				: res.status;
			if (status < 400 || status >= 500)
				problems.push(`${p.label}: ${status} ${text.slice(0, 160)}`);
			else if (!text.includes(p.names))
				problems.push(`${p.label}: ${res.status} does not say “${p.names}”: ${text.slice(0, 160)}`);
		}
		expect(problems).toEqual([]);
	});

	it('still takes a page number that is a plain whole number', async () => {
		expect((await fetch(`${base}/?page=2`)).status).toBe(200);
		const api = await fetch(`${base}/api/v1/catalogue?page=1&pageSize=100`);
		expect(api.status).toBe(200);
		expect(((await api.json()) as { pageSize: number }).pageSize).toBe(100);
	});

	it('keeps a form action that reads its (now checked) form working', async () => {
		// From an address of its own: a wrong lookup counts against the address (track.test.ts
		// counts the failures of 127.0.0.1 on the same shared server).
		const res = await requestFrom('127.0.0.81', `${base}/track?/lookup`, {
			method: 'POST',
			headers: { origin: base, 'content-type': FORM, accept: 'application/json' },
			body: new URLSearchParams({ caseNo: 'NO-SUCH-CASE', queryCode: 'x' }).toString()
		});
		expect(res.status).toBe(200);
		expect((JSON.parse(res.text) as { status: number }).status).toBe(404);
	});
});

describe('/lang goes back to same-site paths only (issue 16, item 9)', () => {
	const cases: [string, string][] = [
		['/\\evil.example', '/'],
		['//evil.example', '/'],
		['/%5Cevil.example', '/'],
		['/%2F%2Fevil.example', '/'],
		['/%5c%5cevil.example', '/'],
		['https://evil.example/', '/'],
		['javascript:alert(1)', '/'],
		['/\tevil', '/'],
		['/\r\nSet-Cookie: x=1', '/'],
		['/\u0000x', '/'],
		['', '/'],
		['/track?caseNo=A1', '/track?caseNo=A1'],
		['/catalogue/990001-ZFB-QT-0001', '/catalogue/990001-ZFB-QT-0001']
	];
	it.each(cases)('redirect=%j → %s', async (redirect, expected) => {
		const res = await fetch(`${base}/lang`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: base, 'content-type': FORM },
			body: new URLSearchParams({ lang: 'zh', redirect })
		});
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe(expected);
	});
});

describe('outside systems and CSRF (issue 16, item 14)', () => {
	const pdf = Buffer.from('%PDF-1.4\n% from an outside system\n%%EOF\n');
	const form = () => {
		const body = new FormData();
		body.append('file', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), '材料.pdf');
		return body;
	};

	it('takes an upload with no Origin header (a server-to-server client): 201', async () => {
		const res = await fetch(`${base}/api/v1/uploads`, { method: 'POST', body: form() });
		expect(res.status).toBe(201);
		expect(((await res.json()) as { type: string }).type).toBe('application/pdf');
	});

	it('takes an upload from a browser app on another site, readable there (CORS)', async () => {
		const res = await fetch(`${base}/api/v1/uploads`, {
			method: 'POST',
			headers: { origin: 'https://other-system.example' },
			body: form()
		});
		expect(res.status).toBe(201);
		expect(res.headers.get('access-control-allow-origin')).toBe('*');
	});

	it('takes JSON intake with no Origin header', async () => {
		const res = await fetch(`${base}/api/v1/cases`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ item: 'NO-SUCH-ITEM', applicant: { name: '张三' }, answers: {} })
		});
		expect(res.status).toBeGreaterThanOrEqual(400);
		expect(res.status).toBeLessThan(500);
		expect(res.status).not.toBe(403);
	});

	it('keeps the CSRF check on form actions: another Origin, or none, is refused', async () => {
		for (const origin of ['https://evil.example', null]) {
			const res = await fetch(`${base}/login`, {
				method: 'POST',
				redirect: 'manual',
				headers: { ...(origin ? { origin } : {}), 'content-type': FORM },
				body: new URLSearchParams({ username: 'admin', password: 'demo-admin-2026' })
			});
			expect(res.status, String(origin)).toBe(403);
			expect(res.headers.getSetCookie().some((c) => c.startsWith('sunlit_session='))).toBe(false);
			expect(await res.text()).toContain('本站');
		}
		for (const type of ['text/plain', 'multipart/form-data; boundary=zz']) {
			const res = await fetch(`${base}/lang`, {
				method: 'POST',
				redirect: 'manual',
				headers: { origin: 'https://evil.example', 'content-type': type },
				body: 'lang=en'
			});
			expect(res.status, type).toBe(403);
		}
	});

	it('never acts with the session cookie on a cross-origin API call', async () => {
		const supervisor = await signIn('supervisor', 'demo-supervisor-2026');
		const same = await fetch(`${base}/api/v1/feed`, { headers: { cookie: supervisor } });
		expect(same.status).toBe(200);
		const cross = await fetch(`${base}/api/v1/feed`, {
			headers: { cookie: supervisor, origin: 'https://evil.example' }
		});
		expect(cross.status).toBe(401);
	});
});
