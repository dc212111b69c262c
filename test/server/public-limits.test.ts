import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/lib/server/clock';
import { openDatabase } from '../../src/lib/server/db/connection';
import { getUserRowByUsername, rolesOf } from '../../src/lib/server/repositories/user-repository';
import { ANONYMOUS_ACTOR } from '../../src/lib/server/services/context';
import { applyEvent, submitApplication } from '../../src/lib/server/services/runner-service';
import { storeUpload } from '../../src/lib/server/uploads/store';
import { postMultipart } from '../factories/http';
import { DISCLOSURE_ANSWERS, DISCLOSURE_ITEM } from '../factories/intake';
import { startServer, type ServerProcess } from './server-process';

/**
 * The hourly limits on anonymous intake, on a server of this file's own with small limits and no
 * exempt address: 2 applications, 1 MB of uploads and 2 complaints per address and hour. Also
 * how refused anonymous requests are audited: counted per address and hour, not one record each.
 */
const ITEM = DISCLOSURE_ITEM;
const ANSWERS = DISCLOSURE_ANSWERS;

let server: ServerProcess;
let dir: string;
let dbPath: string;

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'sunlit-limits-'));
	dbPath = join(dir, 'sunlit.db');
	server = await startServer({
		dbPath,
		env: {
			SUNLIT_APPLICATIONS_PER_HOUR: '2',
			SUNLIT_UPLOAD_MB_PER_HOUR: '1',
			SUNLIT_COMPLAINTS_PER_HOUR: '2',
			SUNLIT_EVALUATIONS_PER_HOUR: '1',
			SUNLIT_SUPPLEMENTS_PER_HOUR: '1',
			SUNLIT_LIMIT_EXEMPT: ''
		}
	});
}, 60_000);

afterAll(async () => {
	await server?.stop();
	rmSync(dir, { recursive: true, force: true });
});

/** A PDF of about `kb` kilobytes whose bytes differ by `tag`. */
const pdf = (tag: string, kb = 1) =>
	Buffer.concat([Buffer.from(`%PDF-1.4\n% ${tag}\n`), Buffer.alloc(kb * 1024, 0x20)]);

async function upload(bytes: Buffer) {
	const body = new FormData();
	body.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), 'proof.pdf');
	const res = await fetch(`${server.url}/api/v1/uploads`, {
		method: 'POST',
		headers: { origin: server.url, accept: 'application/json' },
		body
	});
	return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() };
}

async function applyByApi(answers: Record<string, unknown>) {
	const res = await fetch(`${server.url}/api/v1/cases`, {
		method: 'POST',
		headers: { origin: server.url, 'content-type': 'application/json' },
		body: JSON.stringify({ item: ITEM, applicant: { name: '张三', idNumber: '' }, answers })
	});
	return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() };
}

const count = (sql: string) => {
	const db = new Database(dbPath, { readonly: true });
	const n = (db.prepare(sql).get() as { n: number }).n;
	db.close();
	return n;
};
const caseCount = () => count('SELECT COUNT(*) AS n FROM cases');
const storedFiles = () =>
	readdirSync(join(dirname(dbPath), 'uploads'), { recursive: true, withFileTypes: true }).filter(
		(e) => e.isFile()
	).length;

describe('hourly limits on anonymous intake', () => {
	it('takes 2 applications an hour from an address; refused ones do not count; the 3rd is refused with 429 on the API and the page, keeping what was typed', async () => {
		const before = caseCount();
		// Refused for its contents: not counted.
		const invalid = await applyByApi({ ...ANSWERS, mobile: '12345' });
		expect(invalid.status).toBe(422);
		for (const tag of ['a', 'b']) {
			const proof = await upload(pdf(`application ${tag}`));
			expect(proof.status).toBe(201);
			const ok = await applyByApi({ ...ANSWERS, proof: proof.body });
			expect(ok.status).toBe(201);
		}
		expect(caseCount()).toBe(before + 2);

		const proof = await upload(pdf('application c'));
		const third = await applyByApi({ ...ANSWERS, proof: proof.body });
		expect(third.status).toBe(429);
		expect(third.body.error.code).toBe('RATE_LIMITED');
		expect(third.body.error.message).toContain('已达 2 件的上限');
		expect(third.body.error.message).toMatch(/请 \d+ 分钟后再提交/);
		expect(third.body.error.message).not.toContain('本页');
		const seconds = Number(third.retryAfter);
		expect(seconds).toBeGreaterThan(3000);
		expect(seconds).toBeLessThanOrEqual(3600);

		// The hall's page (posted without JavaScript): 429, the message, and the typed values kept.
		const page = await fetch(`${server.url}/items/${ITEM}/apply`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				origin: server.url,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({
				applicantName: '李四',
				applicantId: 'A-typed-id',
				answers: JSON.stringify({ ...ANSWERS, content: '一份关于限额的信息', proof: proof.body })
			})
		});
		expect(page.status).toBe(429);
		const html = await page.text();
		expect(html).toContain('本网络地址一小时内提交的申请已达 2 件的上限');
		expect(html).toContain('value="A-typed-id"');
		expect(html).toContain('一份关于限额的信息');
		expect(caseCount()).toBe(before + 2);
	});

	it('stores 1 MB of uploads an hour from an address; a refused file is neither stored nor counted', async () => {
		// The first test stored 3 small files (about 3 KB).
		const first = await upload(pdf('big one', 600));
		expect(first.status).toBe(201);
		const files = storedFiles();
		const second = await upload(pdf('big two', 600));
		expect(second.status).toBe(429);
		expect(second.body.error).toMatchObject({ code: 'RATE_LIMITED', field: 'file' });
		expect(second.body.error.message).toContain('已达 1 MB 的上限');
		expect(Number(second.retryAfter)).toBeGreaterThan(0);
		expect(storedFiles()).toBe(files);
		// The refused 600 KB did not count: 300 KB more still fit in the hour.
		const third = await upload(pdf('small', 300));
		expect(third.status).toBe(201);
		expect(storedFiles()).toBe(files + 1);
	});

	it('takes 2 complaints an hour from an address; the 3rd is refused with 429 in Chinese, keeping what was typed', async () => {
		const complain = (title: string) =>
			fetch(`${server.url}/complaints`, {
				method: 'POST',
				redirect: 'manual',
				headers: {
					origin: server.url,
					accept: 'text/html',
					'content-type': 'application/x-www-form-urlencoded'
				},
				body: new URLSearchParams({
					kind: 'complaint',
					subject: 'department',
					departmentCode: 'ZFB',
					title,
					content: '申请政府信息公开已超过二十个工作日仍未答复。',
					anonymous: 'on'
				})
			});
		const complaints = () => count('SELECT COUNT(*) AS n FROM complaints');
		const before = complaints();
		// Refused for its contents: not counted.
		const invalid = await fetch(`${server.url}/complaints`, {
			method: 'POST',
			headers: {
				origin: server.url,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({ kind: 'complaint', subject: 'department' })
		});
		expect(invalid.status).toBe(400);
		for (const n of [1, 2]) expect((await complain(`第 ${n} 件投诉`)).status).toBe(200);
		const third = await complain('第三件投诉的标题');
		expect(third.status).toBe(429);
		const html = await third.text();
		expect(html).toContain('本网络地址一小时内提交的投诉举报已达 2 件的上限');
		expect(html).toContain('value="第三件投诉的标题"');
		expect(html).toContain('申请政府信息公开已超过二十个工作日仍未答复。');
		expect(complaints()).toBe(before + 2);
	});

	it('counts 600 bad tokens from an address in its hour instead of writing 600 audit records', async () => {
		const denied = () =>
			count("SELECT COUNT(*) AS n FROM audit_log WHERE action LIKE 'access.denied%'");
		const tallied = () => count('SELECT COALESCE(SUM(count), 0) AS n FROM denial_tally');
		const [records, counted] = [denied(), tallied()];
		for (let i = 0; i < 600; i++) {
			const res = await fetch(`${server.url}/api/v1/feed`, {
				headers: { authorization: `Bearer sl_not-a-token-${i}` }
			});
			expect(res.status).toBe(401);
			await res.arrayBuffer();
		}
		// Anonymous posts refused by the access table are counted the same way.
		const post = await fetch(`${server.url}/admin/users?/create`, {
			method: 'POST',
			headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
			body: 'username=x'
		});
		expect(post.status).toBe(401);
		expect(denied()).toBe(records);
		expect(tallied()).toBe(counted + 601);
	});

	it('takes 1 evaluation an hour from an address; the next is refused with 429, keeping the comment', async () => {
		// Two applications refused (不予受理) by the officer: each may be evaluated.
		const db = openDatabase(dbPath);
		const ctx = { db, clock: systemClock, actor: ANONYMOUS_ACTOR, ip: null };
		const officer = getUserRowByUsername(db, 'officer')!;
		const asOfficer = {
			...ctx,
			actor: { id: officer.id, name: 'officer', roles: rolesOf(db, officer.id) }
		};
		const root = join(dirname(dbPath), 'generated');
		const refused = [1, 2].map(() => {
			const { caseNo, queryCode } = submitApplication(ctx, root, {
				code: '990001-SCJG-CF-0001',
				data: {
					party: '某食品店',
					facts: '未取得食品经营许可销售预包装食品',
					goodsValue: 3000,
					firstOffence: 'yes'
				},
				applicant: { name: '某食品店' }
			});
			applyEvent(asOfficer, root, caseNo, { type: 'refuse', reason: '不属于本机关职责' });
			return { caseNo, queryCode };
		});
		db.close();
		const evaluate = (
			{ caseNo, queryCode }: { caseNo: string; queryCode: string },
			comment: string
		) =>
			fetch(`${server.url}/track?/evaluate`, {
				method: 'POST',
				headers: {
					origin: server.url,
					accept: 'text/html',
					'content-type': 'application/x-www-form-urlencoded'
				},
				body: new URLSearchParams({ caseNo, queryCode, level: '5', comment })
			});
		const first = await evaluate(refused[0]!, '答复清楚');
		expect(first.status).toBe(200);
		const second = await evaluate(refused[1]!, '第二条评价的文字');
		expect(second.status).toBe(429);
		const html = await second.text();
		expect(html).toContain('本网络地址一小时内提交的评价已达 1 件的上限');
		expect(html).toContain('第二条评价的文字');
		expect(count('SELECT COUNT(*) AS n FROM evaluations')).toBe(1);
	});

	it('takes 1 supplement an hour from an address; the next is refused with 429 and the case still waits', async () => {
		const db = openDatabase(dbPath);
		const ctx = { db, clock: systemClock, actor: ANONYMOUS_ACTOR, ip: null };
		const root = join(dirname(dbPath), 'generated');
		const as = (username: string) => {
			const u = getUserRowByUsername(db, username)!;
			return { ...ctx, actor: { id: u.id, name: username, roles: rolesOf(db, u.id) } };
		};
		const proof = storeUpload(join(dirname(dbPath), 'uploads'), pdf('supplement proof'));
		const waiting = [1, 2].map(() => {
			const { caseNo, queryCode } = submitApplication(ctx, root, {
				code: ITEM,
				data: {
					...ANSWERS,
					proof: { ref: proof, name: 'proof.pdf', size: 1041, type: 'application/pdf' }
				},
				applicant: { name: '张三' }
			});
			const r = applyEvent(as('zfb'), root, caseNo, { type: 'accept' });
			const task = r.state.tasks.find((t) => t.status === 'open')!;
			applyEvent(as('zfb'), root, caseNo, { type: 'claim', task: task.id });
			applyEvent(as('zfb'), root, caseNo, {
				type: 'request_supplement',
				task: task.id,
				materials: ['身份证明'],
				reason: '缺少身份证明'
			});
			return { caseNo, queryCode };
		});
		const status = (caseNo: string) =>
			(db.prepare('SELECT status FROM cases WHERE case_no = ?').get(caseNo) as { status: string })
				.status;
		const send = (c: { caseNo: string; queryCode: string }, tag: string) =>
			postMultipart(server.url, '', '/track?/supplement', c, [
				{ field: 'file-0', name: '营业执照.pdf', bytes: pdf(`licence ${tag}`) }
			]);
		expect((await send(waiting[0]!, 'a')).status).toBe(200);
		const refused = await send(waiting[1]!, 'b');
		expect(refused.status).toBe(429);
		expect(await refused.text()).toContain('本网络地址一小时内提交的补正材料已达 1 次的上限');
		expect(status(waiting[0]!.caseNo)).not.toBe('supplement');
		expect(status(waiting[1]!.caseNo)).toBe('supplement');
		db.close();
	});
});
