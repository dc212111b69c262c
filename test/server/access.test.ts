import Database from 'better-sqlite3';
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ROLES, type Role } from '../../src/lib/domain/roles';
import { ACCESS_TABLE, type Audience } from '../../src/lib/server/auth/access';

/**
 * Walks the one access table against the running production build: for every page, form action
 * and API handler, every demo role and an anonymous visitor either get through or are refused,
 * exactly as the table says. A second part proves the table lists every route in src/routes.
 */

const base = inject('serverUrl');
const dbPath = inject('serverDb');

const DEMO_PASSWORDS: Record<Role, string> = {
	admin: 'demo-admin-2026',
	legal: 'demo-legal-2026',
	editor: 'demo-editor-2026',
	officer: 'demo-officer-2026',
	supervisor: 'demo-supervisor-2026'
};

type Identity = Role | 'anonymous';
const IDENTITIES: readonly Identity[] = ['anonymous', ...ROLES];

function expected(audience: Audience, who: Identity): 'allow' | 'login' | 'forbidden' {
	if (audience === 'public') return 'allow';
	if (who === 'anonymous') return 'login';
	if (audience === 'signed-in') return 'allow';
	return audience.includes(who) ? 'allow' : 'forbidden';
}

/** A concrete URL for a route id: groups dropped, parameters set to an id that does not exist. */
function pathOf(routeId: string): string {
	const path = routeId
		.split('/')
		.filter((s) => !/^\(.+\)$/.test(s))
		.map((s) => (/^\[.+\]$/.test(s) ? '999999' : s))
		.join('/');
	return path === '' ? '/' : path;
}

async function signIn(role: Role): Promise<string> {
	const res = await fetch(`${base}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: base,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ username: role, password: DEMO_PASSWORDS[role] })
	});
	expect(res.status, `sign-in as ${role}`).toBe(303);
	const cookie = res.headers.getSetCookie().find((c) => c.startsWith('sunlit_session='));
	expect(cookie, `session cookie for ${role}`).toBeDefined();
	return cookie!.split(';')[0]!;
}

interface Case {
	routeId: string;
	kind: 'page' | 'action' | 'method';
	/** Action name or HTTP method. */
	name: string;
	audience: Audience;
}

const cases: Case[] = ACCESS_TABLE.flatMap((rule) => [
	...(rule.page
		? [{ routeId: rule.route, kind: 'page' as const, name: 'GET', audience: rule.page }]
		: []),
	...Object.entries(rule.actions ?? {}).map(([name, audience]) => ({
		routeId: rule.route,
		kind: 'action' as const,
		name,
		audience
	})),
	...Object.entries(rule.methods ?? {}).map(([name, audience]) => ({
		routeId: rule.route,
		kind: 'method' as const,
		name,
		audience
	}))
]);
// Signing out ends the session the walk is using, so that case goes last.
cases.sort(
	(a, b) =>
		Number(a.routeId === '/logout' && a.kind === 'action') -
		Number(b.routeId === '/logout' && b.kind === 'action')
);

type Outcome = 'allow' | 'login' | 'forbidden';

async function attempt(
	c: Case,
	cookie: string | null
): Promise<{ outcome: Outcome; status: number; detail: string }> {
	const path = pathOf(c.routeId);
	const headers: Record<string, string> = { origin: base, accept: 'text/html' };
	if (cookie) headers.cookie = cookie;
	let res: Response;
	if (c.kind === 'page' || (c.kind === 'method' && c.name === 'GET')) {
		res = await fetch(base + path, { redirect: 'manual', headers });
	} else {
		const url =
			c.kind === 'action' && c.name !== 'default' ? `${base}${path}?/${c.name}` : base + path;
		res = await fetch(url, {
			method: c.kind === 'action' ? 'POST' : c.name,
			redirect: 'manual',
			headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
			body: ''
		});
	}
	const location = res.headers.get('location') ?? '';
	// A live stream (server-sent events) never ends: its 200 and content type are the answer.
	if (res.status === 200 && res.headers.get('content-type')?.startsWith('text/event-stream')) {
		await res.body?.cancel();
		return { outcome: 'allow', status: res.status, detail: '200 event-stream' };
	}
	const body = await res.text();
	const detail = `${res.status} ${location} ${body.slice(0, 200)}`;
	if (res.status === 303 && location.startsWith('/login?next='))
		return { outcome: 'login', status: res.status, detail };
	if (res.status === 303 && location.startsWith('/forbidden?from='))
		return { outcome: 'forbidden', status: res.status, detail };
	const isJson = res.headers.get('content-type')?.startsWith('application/json') ?? false;
	if (res.status === 401 && isJson && body.includes('"AUTH_REQUIRED"'))
		return { outcome: 'login', status: res.status, detail };
	if (res.status === 403 && isJson && body.includes('"FORBIDDEN"'))
		return { outcome: 'forbidden', status: res.status, detail };
	// The one page whose own answer is 403: it shows a refusal the hook already made elsewhere.
	if (res.status === 403 && c.routeId === '/forbidden')
		return { outcome: 'allow', status: res.status, detail };
	if (res.status === 401 || res.status === 403)
		throw new Error(`Unexpected refusal shape: ${detail}`);
	return { outcome: 'allow', status: res.status, detail };
}

describe('the access table, walked against the running server', () => {
	const cookies = new Map<Identity, string | null>();
	beforeAll(async () => {
		cookies.set('anonymous', null);
		for (const role of ROLES) cookies.set(role, await signIn(role));
	});

	it('has cases for pages, form actions and API handlers', () => {
		expect(cases.filter((c) => c.kind === 'page').length).toBeGreaterThan(10);
		expect(cases.filter((c) => c.kind === 'action').length).toBeGreaterThan(10);
		expect(cases.filter((c) => c.kind === 'method').length).toBeGreaterThan(0);
	});

	for (const who of IDENTITIES) {
		it(`${who}: every case is allowed or refused exactly as the table says, and refusals are audited`, async () => {
			const since = (
				new Database(dbPath, { readonly: true })
					.prepare('SELECT COALESCE(MAX(seq), 0) AS s FROM audit_log')
					.get() as { s: number }
			).s;
			// Anonymous refusals are counted per address and hour (denial_tally), flushed later as one
			// `access.denied.tally` record each: the counters plus what was flushed since `since`.
			const tallied = () => {
				const db = new Database(dbPath, { readonly: true });
				const n = (
					db
						.prepare(
							`SELECT (SELECT COALESCE(SUM(count), 0) FROM denial_tally) +
							 (SELECT COALESCE(SUM(json_extract(payload, '$.count')), 0) FROM audit_log
							  WHERE action = 'access.denied.tally' AND seq > ?) AS n`
						)
						.get(since) as { n: number }
				).n;
				db.close();
				return n;
			};
			const talliedBefore = tallied();
			const mismatches: string[] = [];
			const audited: { method: string; path: string; action: string | null }[] = [];
			for (const c of cases) {
				const want = expected(c.audience, who);
				const got = await attempt(c, cookies.get(who) ?? null);
				if (got.outcome !== want)
					mismatches.push(
						`${c.kind} ${c.name} ${c.routeId}: expected ${want}, got ${got.outcome} (${got.detail})`
					);
				const method = c.kind === 'page' ? 'GET' : c.kind === 'action' ? 'POST' : c.name;
				if (want !== 'allow' && (who !== 'anonymous' || method !== 'GET'))
					audited.push({
						method,
						path: pathOf(c.routeId),
						action: c.kind === 'action' ? c.name : null
					});
			}
			expect(mismatches).toEqual([]);

			const db = new Database(dbPath, { readonly: true });
			const rows = db
				.prepare(
					"SELECT actor_name, payload FROM audit_log WHERE action = 'access.denied' AND seq > ? ORDER BY seq"
				)
				.all(since) as { actor_name: string; payload: string }[];
			db.close();
			const mine = rows
				.filter((r) =>
					who === 'anonymous' ? !JSON.parse(r.payload).signedIn : r.actor_name === who
				)
				.map(
					(r) => JSON.parse(r.payload) as { method: string; path: string; action: string | null }
				);
			if (who === 'anonymous') {
				expect(mine).toEqual([]);
				expect(tallied() - talliedBefore).toBeGreaterThanOrEqual(audited.length);
			} else
				for (const a of audited)
					expect(mine, `audit of ${who} ${a.method} ${a.path} ${a.action ?? ''}`).toContainEqual(
						expect.objectContaining(a)
					);
			if (who !== 'anonymous') expect(audited.length).toBeGreaterThan(0);
		});
	}
});

describe('the access table covers the whole application', () => {
	const routesDir = join(process.cwd(), 'src', 'routes');
	function walk(dir: string): string[] {
		return readdirSync(dir).flatMap((name) => {
			const full = join(dir, name);
			return statSync(full).isDirectory() ? walk(full) : [full];
		});
	}
	const files = walk(routesDir);
	const routeIdOf = (file: string) => {
		const dir = relative(routesDir, join(file, '..')).split(sep).join('/');
		return dir === '' ? '/' : `/${dir}`;
	};
	const tableIds = new Set(ACCESS_TABLE.map((r) => r.route));

	it('lists every page and endpoint, and nothing that does not exist', () => {
		const routeIds = new Set(
			files.filter((f) => /[/\\]\+(page\.svelte|server\.ts)$/.test(f)).map(routeIdOf)
		);
		expect([...routeIds].filter((id) => !tableIds.has(id))).toEqual([]);
		expect([...tableIds].filter((id) => !routeIds.has(id))).toEqual([]);
	});

	it('lists every form action and every HTTP handler by name', async () => {
		const pageModules = import.meta.glob<{ actions?: Record<string, unknown> }>(
			'/src/routes/**/+page.server.ts'
		);
		const serverModules = import.meta.glob<Record<string, unknown>>('/src/routes/**/+server.ts');
		const routeIdOfModule = (key: string) => routeIdOf(join(process.cwd(), key));
		for (const [key, load] of Object.entries(pageModules)) {
			const rule = ACCESS_TABLE.find((r) => r.route === routeIdOfModule(key));
			const actions = Object.keys((await load()).actions ?? {}).sort();
			expect(Object.keys(rule?.actions ?? {}).sort(), `actions of ${key}`).toEqual(actions);
		}
		for (const [key, load] of Object.entries(serverModules)) {
			const rule = ACCESS_TABLE.find((r) => r.route === routeIdOfModule(key));
			const methods = Object.keys(await load())
				.filter((k) => /^[A-Z]+$/.test(k))
				.sort();
			expect(Object.keys(rule?.methods ?? {}).sort(), `methods of ${key}`).toEqual(methods);
		}
		expect(Object.keys(pageModules).length).toBeGreaterThan(5);
	});
});
