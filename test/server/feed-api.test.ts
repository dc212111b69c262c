import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DISCLOSURE_ANSWERS, DISCLOSURE_ITEM } from '../factories/intake';
import { api, issueToken } from '../factories/api-token';
import { postForm, signIn } from '../factories/http';
import { startServer, type ServerProcess } from './server-process';

/**
 * GET /api/v1/feed (实时报送) on servers of this file's own, restarted between pages, and the push
 * to an upstream that fails at first. Each test has its own database and server.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
	while (cleanups.length) await cleanups.pop()!();
});

function tempDbPath(): string {
	const dir = mkdtempSync(join(tmpdir(), 'sunlit-feed-'));
	cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
	return join(dir, 'sunlit.db');
}

async function server(dbPath: string, env: Record<string, string> = {}): Promise<ServerProcess> {
	const s = await startServer({ dbPath, env });
	cleanups.push(() => s.stop());
	return s;
}

interface Line {
	seq: number;
	kind: string;
	dataset: string;
	at: string;
	caseNo: string | null;
	departmentCode: string | null;
	record: Record<string, unknown>;
}

const parse = (body: string): Line[] =>
	body === ''
		? []
		: body
				.split('\n')
				.filter((l, i, all) => l !== '' || i !== all.length - 1)
				.map((l) => JSON.parse(l) as Line);

async function page(base: string, token: string, after: number, limit: number) {
	const res = await fetch(`${base}/api/v1/feed?after=${after}&limit=${limit}`, {
		headers: { authorization: `Bearer ${token}` }
	});
	const body = await res.text();
	return { status: res.status, headers: res.headers, body, lines: parse(body) };
}

/** Issues a feed token through the admin page; returns it in clear. */
async function feedToken(base: string, name: string): Promise<string> {
	const admin = await signIn(base, 'admin', 'demo-admin-2026');
	const res = await postForm(base, admin, '/admin/feed?/issue', { tokenName: name });
	const html = await res.text();
	const token = /sunlitfeed_[a-z2-7]{20,}/.exec(html)?.[0];
	expect(token, html.slice(0, 500)).toBeDefined();
	return token!;
}

const T0 = Math.floor(Date.now() / 1000) * 1000;
const ago = (hours: number) =>
	new Date(T0 - hours * 3600_000 + 8 * 3600_000).toISOString().slice(0, 19) + '+08:00';

/** Pushes a finished case for SCJG (received, two steps, closed: four events). */
async function pushCase(base: string, token: string, ref: string) {
	const res = await api(base, '/api/v1/departments/SCJG/cases', {
		token,
		body: {
			部门办件编号: ref,
			事项编码: '990001-SCJG-XK-0001',
			办事申请: { 办件类型: '承诺件', 申请者名称: '某超市', 申报来源: '窗口', 申请时间: ago(50) },
			事项受理: { 受理人员: '张受理', 受理时间: ago(49) },
			事项办理: [
				{
					环节名称: '材料审查',
					业务动作: '通过',
					环节处理人: '李审查',
					环节开始时间: ago(49),
					环节结束时间: ago(30)
				},
				{
					环节名称: '现场核查',
					业务动作: '通过',
					环节处理人: '赵核查',
					环节开始时间: ago(30),
					环节结束时间: ago(3)
				}
			],
			事项办结: { 办结时间: ago(2), 办结结果: '准予' }
		}
	});
	expect(res.status, JSON.stringify(res.body)).toBe(201);
	return res.body.caseNo as string;
}

/** Submits an application over the API and accepts it with a ZFB token: one event (received). */
async function engineCase(base: string, zfbToken: string) {
	const upload = new FormData();
	upload.append(
		'file',
		new Blob([new Uint8Array(Buffer.from(`%PDF-1.4\n% feed ${Math.random()}\n%%EOF\n`))], {
			type: 'application/pdf'
		}),
		'身份证明.pdf'
	);
	const proof = await (
		await fetch(`${base}/api/v1/uploads`, {
			method: 'POST',
			body: upload
		})
	).json();
	const created = await api(base, '/api/v1/cases', {
		body: {
			item: DISCLOSURE_ITEM,
			applicant: { name: '张三' },
			answers: DISCLOSURE_ANSWERS,
			uploads: { proof }
		}
	});
	expect(created.status, JSON.stringify(created.body)).toBe(201);
	const caseNo = created.body.caseNo as string;
	const accepted = await api(base, `/api/v1/cases/${caseNo}/events`, {
		token: zfbToken,
		body: { type: 'accept', expectedVersion: 1 }
	});
	expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
	return caseNo;
}

function dbFeed(dbPath: string): { seq: number; kind: string; record: string }[] {
	const db = new Database(dbPath, { readonly: true });
	try {
		return db.prepare('SELECT seq, kind, record FROM feed_events ORDER BY seq').all() as {
			seq: number;
			kind: string;
			record: string;
		}[];
	} finally {
		db.close();
	}
}

describe('GET /api/v1/feed', () => {
	it('gives a consumer reading from after=0 in pages every event exactly once, in order, across a restart', async () => {
		const dbPath = tempDbPath();
		let s = await server(dbPath);
		const token = await feedToken(s.url, '省政务服务大厅');
		const { token: scjg } = await issueToken(s.url, dbPath, 'SCJG', '审批系统');
		const { token: zfb } = await issueToken(s.url, dbPath, 'ZFB', '依申请公开系统');
		for (let i = 0; i < 3; i++) await pushCase(s.url, scjg, `FEED-A-${i}`);
		await engineCase(s.url, zfb);

		const seen: Line[] = [];
		let after = 0;
		const read = async (base: string) => {
			const p = await page(base, token, after, 5);
			expect(p.status).toBe(200);
			expect(p.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
			expect(p.lines.length).toBeLessThanOrEqual(5);
			if (p.lines.length) expect(p.body.endsWith('\n')).toBe(true);
			else expect(p.body).toBe('');
			expect(Number(p.headers.get('sunlit-feed-last'))).toBe(p.lines.at(-1)?.seq ?? after);
			seen.push(...p.lines);
			after = Number(p.headers.get('sunlit-feed-last'));
			return p.lines.length;
		};
		// Two pages, then the server goes down and comes back on the same database.
		expect(await read(s.url)).toBe(5);
		expect(await read(s.url)).toBe(5);
		await s.stop();
		s = await server(dbPath);
		// Events made after the restart come after those made before it.
		await pushCase(s.url, scjg, 'FEED-B-0');
		await engineCase(s.url, zfb);
		while ((await read(s.url)) > 0);
		// Once everything is read: an empty body, and the same position.
		const empty = await page(s.url, token, after, 5);
		expect([empty.status, empty.body, empty.headers.get('sunlit-feed-last')]).toEqual([
			200,
			'',
			String(after)
		]);

		const stored = dbFeed(dbPath);
		// The cases' own events; supervision adds 电子监察 records (late pushes) on top.
		// Signed audit checkpoints (audit_checkpoint) come and go with start-ups and the hour.
		expect(
			stored.filter((r) => !r.kind.endsWith('_raised') && r.kind !== 'audit_checkpoint').length
		).toBe(3 * 4 + 1 + 4 + 1);
		expect(seen.map((l) => l.seq)).toEqual(stored.map((r) => r.seq));
		expect(new Set(seen.map((l) => l.seq)).size).toBe(seen.length);
		expect(seen.map((l) => [l.kind, l.record])).toEqual(
			stored.map((r) => [r.kind, JSON.parse(r.record)])
		);
		expect(seen.filter((l) => l.kind === 'case_received').map((l) => l.departmentCode)).toEqual([
			'SCJG',
			'SCJG',
			'SCJG',
			'ZFB',
			'SCJG',
			'ZFB'
		]);
		// A larger page from any point gives the same lines.
		const again = await page(s.url, token, seen[6]!.seq, 1000);
		expect(again.lines).toEqual(seen.slice(7));
	});

	it('admits feed tokens and supervisors only, and names a bad parameter', async () => {
		const dbPath = tempDbPath();
		const s = await server(dbPath);
		const token = await feedToken(s.url, '市政务服务大厅');
		expect((await page(s.url, token, 0, 10)).status).toBe(200);

		const none = await api(s.url, '/api/v1/feed');
		expect(none.status).toBe(401);
		// One character of the secret changed (its last characters carry padding bits and end in
		// "aa" one time in 64, so changing them to "aa" was no change at all then).
		const first = token.indexOf('_') + 1;
		const other = token[first] === 'a' ? 'b' : 'a';
		const wrong = await page(s.url, token.slice(0, first) + other + token.slice(first + 1), 0, 10);
		expect(wrong.status).toBe(401);

		const supervisor = await signIn(s.url, 'supervisor', 'demo-supervisor-2026');
		expect((await api(s.url, '/api/v1/feed?after=0', { cookie: supervisor })).status).toBe(200);
		const officer = await signIn(s.url, 'officer', 'demo-officer-2026');
		expect((await api(s.url, '/api/v1/feed', { cookie: officer })).status).toBe(403);
		// A department's API token is not a feed token; a feed token opens nothing else.
		const { token: dept } = await issueToken(s.url, dbPath, 'SCJG', '审批系统');
		expect((await api(s.url, '/api/v1/feed', { token: dept })).status).toBe(403);
		expect((await api(s.url, '/api/v1/cases/990001/gbt39046', { token })).status).toBe(403);

		for (const [query, field] of [
			['after=-1', 'after'],
			['after=abc', 'after'],
			['after=1.5', 'after'],
			['limit=0', 'limit'],
			['limit=1001', 'limit'],
			['limit=', 'limit']
		] as const) {
			const bad = await api(s.url, `/api/v1/feed?${query}`, { token });
			expect(bad.status, query).toBe(400);
			expect(bad.body.error.field, query).toBe(field);
			expect(bad.body.error.message, query).toContain(`“${field}”`);
		}

		// Revoked on the admin page (audited): the token no longer reads; its use was noted.
		const db = new Database(dbPath, { readonly: true });
		const row = db.prepare('SELECT id, last_used_at FROM feed_tokens').get() as {
			id: number;
			last_used_at: string | null;
		};
		expect(row.last_used_at).not.toBeNull();
		const admin = await signIn(s.url, 'admin', 'demo-admin-2026');
		expect(
			(await postForm(s.url, admin, '/admin/feed?/revoke', { tokenId: String(row.id) })).status
		).toBe(200);
		expect((await page(s.url, token, 0, 10)).status).toBe(401);
		const actions = (
			db
				.prepare("SELECT action FROM audit_log WHERE object_type = 'feed_token' ORDER BY seq")
				.all() as { action: string }[]
		).map((a) => a.action);
		expect(actions).toEqual(['feed_token.issued', 'feed_token.revoked']);
		expect(
			(db.prepare('SELECT token_hash FROM feed_tokens').get() as { token_hash: string }).token_hash
		).not.toContain(token.slice(11));
		db.close();
	});
});

describe('push to an upstream', () => {
	let receiver: Server | null = null;
	afterEach(() => new Promise<void>((r) => (receiver ? receiver.close(() => r()) : r())));

	it('retries with growing waits, then delivers every event once, in order, and resumes after a restart', async () => {
		const requests: { at: number; status: number; body: string; auth: string; region: string }[] =
			[];
		let failFirst = 3;
		receiver = createServer((req: IncomingMessage, res) => {
			let body = '';
			req.setEncoding('utf8');
			req.on('data', (d: string) => (body += d));
			req.on('end', () => {
				const status = failFirst-- > 0 ? 503 : 204;
				requests.push({
					at: Date.now(),
					status,
					body,
					auth: String(req.headers.authorization),
					region: String(req.headers['sunlit-region'])
				});
				res.statusCode = status;
				res.end();
			});
		});
		await new Promise<void>((r) => receiver!.listen(0, '127.0.0.1', () => r()));
		const address = receiver.address();
		const port = typeof address === 'object' && address ? address.port : 0;

		const dbPath = tempDbPath();
		const env = {
			SUNLIT_FEED_PUSH_URL: `http://127.0.0.1:${port}/county/990001`,
			SUNLIT_FEED_PUSH_TOKEN: 'upstream-secret',
			SUNLIT_FEED_PUSH_BACKOFF_MS: '300',
			SUNLIT_FEED_PUSH_INTERVAL_MS: '100',
			SUNLIT_FEED_PUSH_BATCH: '3'
		};
		let s = await server(dbPath, env);
		const { token: scjg } = await issueToken(s.url, dbPath, 'SCJG', '审批系统');
		await pushCase(s.url, scjg, 'PUSH-A');
		await pushCase(s.url, scjg, 'PUSH-B');
		const delivered = () =>
			requests.filter((r) => r.status === 204).flatMap((r) => parse(r.body).map((l) => l.seq));
		// The cases' events, without the signed audit checkpoints each start-up adds.
		const deliveredCaseEvents = () =>
			requests
				.filter((r) => r.status === 204)
				.flatMap((r) => parse(r.body).filter((l) => l.kind !== 'audit_checkpoint'));
		const waitFor = async (what: () => boolean, ms = 20_000) => {
			const end = Date.now() + ms;
			while (!what()) {
				if (Date.now() > end) throw new Error(`timed out; requests: ${JSON.stringify(requests)}`);
				await new Promise((r) => setTimeout(r, 50));
			}
		};
		// Each pushed case: received, two steps, closed, and its late-push exception (电子监察).
		await waitFor(() => deliveredCaseEvents().length === 10);

		// Three failures, each wait at least half of 300, 600, 1200 ms (jitter in the upper half).
		const failed = requests.filter((r) => r.status === 503);
		expect(failed.length).toBe(3);
		const gaps = requests.slice(1, 4).map((r, i) => r.at - requests[i]!.at);
		expect(gaps[0]).toBeGreaterThanOrEqual(150 - 20);
		expect(gaps[1]).toBeGreaterThanOrEqual(300 - 20);
		expect(gaps[2]).toBeGreaterThanOrEqual(600 - 20);
		// The failed batch is sent again: from the same event (it may have grown meanwhile, when the
		// start-up's audit checkpoint was alone in the feed at the first attempt).
		expect(new Set(requests.slice(0, 4).map((r) => parse(r.body)[0]!.seq)).size).toBe(1);
		expect(requests.every((r) => r.auth === 'Bearer upstream-secret')).toBe(true);
		expect(requests.every((r) => r.region === '990001')).toBe(true);

		// After a restart the push carries on from where it stopped: nothing is sent twice.
		await s.stop();
		s = await server(dbPath, env);
		await pushCase(s.url, scjg, 'PUSH-C');
		await waitFor(() => deliveredCaseEvents().length === 15);
		await new Promise((r) => setTimeout(r, 400));
		const stored = dbFeed(dbPath).map((r) => r.seq);
		expect(delivered()).toEqual(stored);
		const db = new Database(dbPath, { readonly: true });
		const state = db.prepare('SELECT * FROM feed_push').get() as Record<string, unknown>;
		db.close();
		expect(state).toMatchObject({ last_seq: stored.at(-1), failures: 0, last_error: null });

		// The admin page shows the push status.
		const admin = await signIn(s.url, 'admin', 'demo-admin-2026');
		const html = await (await fetch(`${s.url}/admin/feed`, { headers: { cookie: admin } })).text();
		expect(html).toContain(`http://127.0.0.1:${port}/county/990001`);
		expect(html).toContain('已推送至序号');
	});
});
