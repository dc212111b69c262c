import Database from 'better-sqlite3';
import { dirname, join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { DISCLOSURE_ANSWERS } from '../factories/intake';
import { systemClock } from '../../src/lib/server/clock';
import { openDatabase } from '../../src/lib/server/db/connection';
import { ANONYMOUS_ACTOR } from '../../src/lib/server/services/context';
import { submitApplication } from '../../src/lib/server/services/runner-service';
import { api, issueToken, requestFrom } from '../factories/api-token';
import { signIn } from '../factories/http';

/** /api/v1/cases: intake, status by number + query code, and officer actions by session or token. */
const base = inject('serverUrl');
const dbPath = inject('serverDb');
/** This file's own client address, so its lookups have their own throttle (see requestFrom). */
const ME = '127.0.0.21';

const ANSWERS = DISCLOSURE_ANSWERS;

function lookup(caseNo: string, code: string, how: 'header' | 'query' = 'header') {
	const url =
		how === 'query'
			? `${base}/api/v1/cases/${caseNo}?code=${encodeURIComponent(code)}`
			: `${base}/api/v1/cases/${caseNo}`;
	return requestFrom(ME, url, {
		headers: { accept: 'application/json', ...(how === 'header' ? { 'x-query-code': code } : {}) }
	}).then((r) => ({ status: r.status, body: JSON.parse(r.text), headers: r.headers }));
}

function penaltyCase() {
	const db = openDatabase(dbPath);
	const root = join(dirname(dbPath), 'generated');
	const out = submitApplication(
		{ db, clock: systemClock, actor: ANONYMOUS_ACTOR, ip: null },
		root,
		{
			code: '990001-SCJG-CF-0001',
			data: {
				party: '某食品店',
				facts: '未取得食品经营许可销售预包装食品',
				goodsValue: 3000,
				firstOffence: 'yes'
			},
			applicant: { name: '某食品店' }
		}
	);
	db.close();
	return out;
}

describe('POST /api/v1/cases', () => {
	it('opens a case like the application page and answers its number, query code and receipt', async () => {
		const body = new FormData();
		const pdf = Buffer.from(`%PDF-1.4\n% cases-api ${Date.now()}\n%%EOF\n`);
		body.append(
			'file',
			new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }),
			'身份证明.pdf'
		);
		const proof = await (await fetch(`${base}/api/v1/uploads`, { method: 'POST', body })).json();
		const res = await api(base, '/api/v1/cases', {
			body: {
				item: '990001-ZFB-QT-0001',
				applicant: { name: '张三', idNumber: '' },
				answers: ANSWERS,
				uploads: { proof }
			}
		});
		expect(res.status).toBe(201);
		expect(res.body.caseNo).toMatch(/^990001\d{12}$/);
		expect(res.body.queryCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
		expect(res.body.receiptUrl).toBe(`/items/990001-ZFB-QT-0001/receipt/${res.body.caseNo}`);
		const status = await lookup(res.body.caseNo, res.body.queryCode);
		expect(status.status).toBe(200);
		expect(status.body).toMatchObject({
			caseNo: res.body.caseNo,
			origin: 'engine',
			status: 'submitted'
		});
		const viaQuery = await lookup(res.body.caseNo, res.body.queryCode.toLowerCase(), 'query');
		expect(viaQuery.status).toBe(200);
	});

	it('refuses an invalid application with 422 naming every field, and stores nothing', async () => {
		const db = new Database(dbPath, { readonly: true });
		const count = () => (db.prepare('SELECT COUNT(*) AS n FROM cases').get() as { n: number }).n;
		const before = count();
		const res = await api(base, '/api/v1/cases', {
			body: {
				item: '990001-ZFB-QT-0001',
				applicant: { name: '  ' },
				answers: { ...ANSWERS, mobile: '12345' },
				uploads: {
					proof: {
						name: 'x.pdf',
						size: 10,
						type: 'application/pdf',
						ref: `sha256-${'0'.repeat(64)}`
					}
				}
			}
		});
		expect(res.status).toBe(422);
		expect(res.body.error.code).toBe('APPLICATION_INVALID');
		const fields = res.body.errors.map((e: { field: string }) => e.field);
		expect(fields).toContain('applicant.name');
		expect(fields).toContain('answers.mobile');
		expect(res.body.errors).toContainEqual(
			expect.objectContaining({ field: 'answers.proof', code: 'UPLOAD_MISSING' })
		);
		const nameError = res.body.errors.find((e: { field: string }) => e.field === 'applicant.name');
		expect(nameError.message).toContain('申请人姓名或名称');
		expect(count()).toBe(before);
		db.close();

		const offline = await api(base, '/api/v1/cases', {
			body: { item: '990001-SCJG-CF-0001', applicant: { name: '某' }, answers: {} }
		});
		expect(offline.status).toBe(422);
		expect(offline.body.errors[0]).toMatchObject({ field: 'item', code: 'ITEM_NOT_ONLINE' });
		const garbage = await fetch(`${base}/api/v1/cases`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '[1, 2'
		});
		expect(garbage.status).toBe(400);
	});
});

describe('GET /api/v1/cases/{caseNo}', () => {
	it('answers one indistinct 404 for a wrong number or code, and throttles guessing like /track', async () => {
		const { caseNo, queryCode } = penaltyCase();
		expect((await lookup(caseNo, '')).status).toBe(400);
		const wrong = await lookup(caseNo, 'AAAAAAAA');
		expect(wrong.status).toBe(404);
		expect(wrong.body.error.message).toContain('办件编号或查询码不正确');
		expect(JSON.stringify(wrong.body)).not.toContain('某食品店');
		for (let i = 0; i < 4; i++) expect((await lookup(caseNo, `WRONG${i}XY`)).status).toBe(404);
		const locked = await lookup(caseNo, queryCode);
		expect(locked.status).toBe(429);
		expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
	});
});

describe('POST /api/v1/cases/{caseNo}/events', () => {
	it('acts as a department token or a signed-in officer, with versions, engine codes and the second-person rule', async () => {
		const { caseNo } = penaltyCase();
		const path = `/api/v1/cases/${caseNo}/events`;
		const name = `执法办案系统 ${Date.now()}`;
		const { token } = await issueToken(base, dbPath, 'SCJG', name);
		const other = (await issueToken(base, dbPath, 'ZFB', `政务公开系统 ${Date.now()}`)).token;
		const officer = await signIn(base, 'officer', 'demo-officer-2026');

		// Authentication and authorisation.
		expect((await api(base, path, { body: { type: 'accept', expectedVersion: 1 } })).status).toBe(
			401
		);
		const bad = await api(base, path, {
			token: 'sunlit_wrong',
			body: { type: 'accept', expectedVersion: 1 }
		});
		expect(bad.status).toBe(401);
		expect(bad.body.error.code).toBe('TOKEN_INVALID');
		const admin = await signIn(base, 'admin', 'demo-admin-2026');
		expect(
			(await api(base, path, { cookie: admin, body: { type: 'accept', expectedVersion: 1 } }))
				.status
		).toBe(403);
		const foreign = await api(base, path, {
			token: other,
			body: { type: 'accept', expectedVersion: 1 }
		});
		// A case its department takes no part in is not found for the token (record-level access).
		expect(foreign.status).toBe(404);

		// Validation.
		const noVersion = await api(base, path, { token, body: { type: 'accept' } });
		expect(noVersion.status).toBe(422);
		expect(noVersion.body.error.field).toBe('expectedVersion');
		const unknown = await api(base, path, {
			token,
			body: { type: 'withdraw', expectedVersion: 1 }
		});
		expect(unknown.status).toBe(422);
		expect(unknown.body.error).toMatchObject({ code: 'EVENT_UNKNOWN', field: 'type' });
		expect(
			(
				await api(base, '/api/v1/cases/990001000000000000/events', {
					token,
					body: { type: 'accept', expectedVersion: 1 }
				})
			).status
		).toBe(404);

		// The token registers the case (立案) as its department.
		const accepted = await api(base, path, {
			token,
			body: { type: 'accept', opinion: '予以立案', expectedVersion: 1 }
		});
		expect(accepted.status).toBe(200);
		expect(accepted.body).toMatchObject({ caseNo, version: 2, status: 'in_progress' });
		const task = accepted.body.tasks[0];
		expect(task).toMatchObject({ status: 'open', post: { department: 'SCJG', post: 'SH' } });

		// Someone acted first: 409, nothing changes.
		const stale = await api(base, path, {
			token,
			body: { type: 'claim', task: task.id, expectedVersion: 1 }
		});
		expect(stale.status).toBe(409);
		expect(stale.body.error.code).toBe('CASE_STALE');

		// 调查取证 needs a second person: every token of the department is the one who registered it.
		const second = await issueToken(base, dbPath, 'SCJG', `${name} 乙`);
		const refused = await api(base, path, {
			token: second.token,
			body: { type: 'claim', task: task.id, expectedVersion: 2 }
		});
		expect(refused.status).toBe(422);
		expect(refused.body.error.code).toBe('SECOND_PERSON_REQUIRED');
		expect(refused.body.error.message).toContain('另一人');

		// A signed-in officer is another person.
		const claimed = await api(base, path, {
			cookie: officer,
			body: { type: 'claim', task: task.id, expectedVersion: 2 }
		});
		expect(claimed.status).toBe(200);
		expect(claimed.body.tasks[0].claimedBy).toBe('市场监管局 张办理');
		const done = await api(base, path, {
			cookie: officer,
			body: { type: 'complete', task: task.id, opinion: '已调查取证', expectedVersion: 3 }
		});
		expect(done.status).toBe(200);
		expect(done.body.version).toBe(4);
		expect(done.body.timeline.map((e: { step: string }) => e.step)).toContain('调查取证');

		const db = new Database(dbPath, { readonly: true });
		const actors = db
			.prepare(
				"SELECT actor_name, action FROM audit_log WHERE object_type = 'case' AND object_id = ? ORDER BY seq"
			)
			.all(caseNo) as { actor_name: string; action: string }[];
		expect(actors).toContainEqual({ actor_name: `token:SCJG/${name}`, action: 'case.accepted' });
		expect(actors).toContainEqual({ actor_name: 'officer', action: 'task.completed' });
		db.close();
	});
});
