import Database from 'better-sqlite3';
import { dirname, join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { systemClock } from '../../src/lib/server/clock';
import { openDatabase } from '../../src/lib/server/db/connection';
import { ANONYMOUS_ACTOR } from '../../src/lib/server/services/context';
import { submitApplication } from '../../src/lib/server/services/runner-service';
import { api, issueToken, requestFrom } from '../factories/api-token';
import { signIn } from '../factories/http';

/**
 * Cases run outside the engine: pushed by a department system (实时报送) and registered offline
 * (线下办件登记); both tracked like other cases and exported as GB/T 39046 records.
 */
const base = inject('serverUrl');
const dbPath = inject('serverDb');
/** This file's own client address for lookups (see requestFrom). */
const ME = '127.0.0.31';
const ITEM = '990001-SCJG-XK-0001';

/** When this file started: every time below is counted back from it, so re-pushes repeat them exactly. */
const T0 = Math.floor(Date.now() / 1000) * 1000;
/** An instant `hours` before T0, with the China offset. */
function ago(hours: number): string {
	const d = new Date(T0 - hours * 3600_000 + 8 * 3600_000);
	return d.toISOString().slice(0, 19) + '+08:00';
}
/** The same as a datetime-local value (China time, minutes). */
const local = (hours: number) => ago(hours).slice(0, 16);

function pushPayload(ref: string) {
	return {
		部门办件编号: ref,
		事项编码: ITEM,
		办事申请: { 办件类型: '承诺件', 申请者名称: '某超市', 申报来源: '窗口', 申请时间: ago(50) },
		事项受理: { 受理人员: '张受理', 受理时间: ago(49), 受理文书编号: 'SCJG受字〔2026〕1号' },
		事项办理: [
			{
				环节名称: '材料审查',
				业务动作: '通过',
				环节处理人: '李审查',
				环节处理意见: '材料齐全',
				环节开始时间: ago(49),
				环节结束时间: ago(30)
			},
			{ 环节名称: '现场核查', 业务动作: '其他', 环节处理人: '赵核查', 环节开始时间: ago(30) }
		]
	} as Record<string, unknown> & { 事项办理: Record<string, unknown>[] };
}

async function track(caseNo: string, queryCode: string): Promise<string> {
	const r = await requestFrom(ME, `${base}/track?/lookup`, {
		method: 'POST',
		headers: {
			origin: base,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ caseNo, queryCode }).toString()
	});
	expect(r.status).toBe(200);
	return r.text;
}

describe('POST /api/v1/departments/{code}/cases (实时报送)', () => {
	it('creates a pushed case, adds only what is new on re-push, and refuses changes', async () => {
		const name = `审批业务系统 ${Date.now()}`;
		const { token } = await issueToken(base, dbPath, 'SCJG', name);
		const ref = `SCJG-${Date.now()}`;
		const path = '/api/v1/departments/SCJG/cases';

		const created = await api(base, path, { token, body: pushPayload(ref) });
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({ created: true, added: 3, status: 'in_progress' });
		const { caseNo, queryCode } = created.body as { caseNo: string; queryCode: string };
		expect(caseNo).toMatch(/^990001\d{12}$/);
		expect(queryCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);

		const again = await api(base, path, { token, body: pushPayload(ref) });
		expect(again.status).toBe(200);
		expect(again.body).toMatchObject({ caseNo, created: false, added: 0 });
		expect(again.body.queryCode).toBeUndefined();

		const finished = pushPayload(ref);
		finished.事项办理[1]!.环节结束时间 = ago(5);
		finished.事项办理[1]!.业务动作 = '通过';
		finished.事项办结 = {
			办结时间: ago(4),
			办结结果: '准予',
			结果证照名称: '食品经营许可证',
			结果证照编号: 'JY13299000000001'
		};
		const closed = await api(base, path, { token, body: finished });
		expect(closed.status).toBe(200);
		expect(closed.body).toMatchObject({ caseNo, added: 2, status: 'closed' });

		const changed = pushPayload(ref);
		(changed.办事申请 as Record<string, string>).申请者名称 = '另一家超市';
		const conflict = await api(base, path, { token, body: changed });
		expect(conflict.status).toBe(409);
		expect(conflict.body.error).toMatchObject({ code: 'PUSH_CONFLICT', field: '办事申请' });

		const db = new Database(dbPath, { readonly: true });
		const row = db.prepare('SELECT * FROM cases WHERE case_no = ?').get(caseNo) as Record<
			string,
			unknown
		>;
		expect(row).toMatchObject({
			origin: 'pushed',
			source_ref: ref,
			status: 'closed',
			outcome: 'approve',
			channel: 'window',
			content_hash: ''
		});
		const events = db
			.prepare('SELECT seq, type, actor FROM case_events WHERE case_id = ? ORDER BY seq')
			.all(row.id) as { seq: number; type: string; actor: string }[];
		expect(events.map((e) => e.type)).toEqual([
			'recorded.received',
			'recorded.step',
			'recorded.step',
			'recorded.step',
			'recorded.closed'
		]);
		expect(new Set(events.map((e) => e.actor))).toEqual(new Set([`token:SCJG/${name}`]));
		const audits = db
			.prepare(
				"SELECT action, actor_name, payload FROM audit_log WHERE object_type = 'case' AND object_id = ? AND action NOT LIKE 'supervision.%' ORDER BY seq"
			)
			.all(caseNo) as { action: string; actor_name: string; payload: string }[];
		expect(audits.map((a) => JSON.parse(a.payload).dataset)).toEqual([
			'办事申请',
			'事项受理',
			'事项办理',
			'事项办理',
			'事项办理',
			'事项办结'
		]);
		expect(audits.every((a) => a.actor_name === `token:SCJG/${name}`)).toBe(true);
		// Its steps were pushed two days after they happened: supervision records the delay.
		const late = db
			.prepare(
				"SELECT x.evidence FROM supervision_exceptions x JOIN cases c ON c.id = x.case_id WHERE c.case_no = ? AND x.type = 'late_push'"
			)
			.all(caseNo);
		expect(late.length).toBeGreaterThan(0);
		db.close();

		// The applicant follows it like any other case, on /track and over the API.
		const html = await track(caseNo, queryCode);
		expect(html).toContain('部门系统报送');
		expect(html).toContain('现场核查');
		expect(html).toContain('准予');
		expect(html).not.toContain('赵核查');
		const status = await requestFrom(ME, `${base}/api/v1/cases/${caseNo}`, {
			headers: { 'x-query-code': queryCode }
		});
		expect(JSON.parse(status.text)).toMatchObject({
			origin: 'pushed',
			status: 'closed',
			closure: { outcome: 'approve' }
		});

		// Exported as GB/T 39046 records to the department's token.
		const exported = await api(base, `/api/v1/cases/${caseNo}/gbt39046`, { token });
		expect(exported.status).toBe(200);
		expect(exported.body).toMatchObject({
			来源: 'pushed',
			办事申请: { 办件编号: caseNo, 部门办件编号: ref, 申请者名称: '某超市', 申报来源: '窗口' },
			事项受理: { 受理人员: '张受理', 受理文书编号: 'SCJG受字〔2026〕1号' },
			事项办结: { 办结结果: '准予', 结果证照编号: 'JY13299000000001' }
		});
		expect(exported.body.事项办理.map((s: { 环节办理状态: string }) => s.环节办理状态)).toEqual([
			'已办',
			'已办'
		]);
	});

	it('names every field at fault (422) and refuses other departments', async () => {
		const { token } = await issueToken(base, dbPath, 'SCJG', `校验测试 ${Date.now()}`);
		const zfb = (await issueToken(base, dbPath, 'ZFB', `校验测试 ${Date.now()}`)).token;
		const path = '/api/v1/departments/SCJG/cases';

		const bad = pushPayload(`BAD-${Date.now()}`);
		delete (bad.事项受理 as Record<string, unknown>).受理人员;
		(bad.办事申请 as Record<string, unknown>).申报来源 = '邮寄';
		const r = await api(base, path, { token, body: bad });
		expect(r.status).toBe(422);
		expect(r.body.error.code).toBe('RECORD_INVALID');
		const byField = Object.fromEntries(
			r.body.errors.map((e: { field: string; message: string }) => [e.field, e.message])
		);
		expect(byField['事项受理.受理人员']).toContain('受理人员');
		expect(byField['办事申请.申报来源']).toContain('申报来源');

		const order = pushPayload(`ORDER-${Date.now()}`);
		order.事项办理[0]!.环节结束时间 = ago(60);
		const o = await api(base, path, { token, body: order });
		expect(o.status).toBe(422);
		expect(o.body.errors).toContainEqual(
			expect.objectContaining({
				field: '事项办理.0.环节结束时间',
				code: 'TIME_ORDER',
				message: expect.stringContaining('第 1 个环节的环节结束时间')
			})
		);

		const noRef = pushPayload('x');
		delete noRef.部门办件编号;
		expect((await api(base, path, { token, body: noRef })).body.errors).toContainEqual(
			expect.objectContaining({ field: '部门办件编号', code: 'REQUIRED' })
		);
		const otherItem = { ...pushPayload(`ITEM-${Date.now()}`), 事项编码: '990001-ZFB-QT-0001' };
		const i = await api(base, path, { token, body: otherItem });
		expect(i.status).toBe(422);
		expect(i.body.errors[0]).toMatchObject({ field: '事项编码', code: 'ITEM_NOT_IN_CATALOGUE' });

		const foreign = await api(base, path, { token: zfb, body: pushPayload(`F-${Date.now()}`) });
		expect(foreign.status).toBe(403);
		expect(foreign.body.error.message).toContain('本部门');
		expect((await api(base, path, { body: pushPayload('anon') })).status).toBe(401);
		const officer = await signIn(base, 'officer', 'demo-officer-2026');
		expect((await api(base, path, { cookie: officer, body: pushPayload('officer') })).status).toBe(
			403
		);
		expect(
			(await api(base, path, { token: 'sunlit_revoked', body: pushPayload('t') })).status
		).toBe(401);
	});
});

describe('/work/offline (线下办件登记)', () => {
	const form = (over: Record<string, string> = {}) => {
		const f = new URLSearchParams({
			itemCode: ITEM,
			caseType: '承诺件',
			applicantName: '某药店',
			applicantId: '',
			receivedAt: local(30),
			acceptedBy: '窗口王',
			acceptDocNo: '',
			promisedDue: '',
			result: '准予',
			closedAt: local(2),
			resultNote: '准予许可'
		});
		for (const [k, v] of Object.entries(over)) f.set(k, v);
		const steps = [
			['受理审查', '窗口王', '通过', '材料齐全', local(30), local(20)],
			['现场核查', '执法刘', '通过', '符合条件', local(20), local(3)]
		];
		for (const s of steps) {
			['name', 'handler', 'action', 'opinion', 'start', 'end'].forEach((k, i) =>
				f.append(`step.${k}`, s[i]!)
			);
		}
		// An unused row, as the page sends it.
		['', '', '通过', '', '', ''].forEach((v, i) =>
			f.append(`step.${['name', 'handler', 'action', 'opinion', 'start', 'end'][i]}`, v)
		);
		return f;
	};
	const post = (cookie: string, body: URLSearchParams) =>
		fetch(`${base}/work/offline`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				cookie,
				origin: base,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body
		});

	it('records the case, shows its number and query code once, and the public can track it', async () => {
		const officer = await signIn(base, 'officer', 'demo-officer-2026');
		const page = await (
			await fetch(`${base}/work/offline`, { headers: { cookie: officer } })
		).text();
		expect(page).toContain(ITEM);
		expect(page).not.toContain('990001-ZFB-QT-0001');

		const res = await post(officer, form());
		expect(res.status).toBe(200);
		const html = await res.text();
		const caseNo = /data-testid="case-no">(\d+)</.exec(html)?.[1] ?? '';
		const queryCode = /data-testid="query-code">([2-9A-Z]{8})</.exec(html)?.[1] ?? '';
		expect(caseNo).toMatch(/^990001\d{12}$/);
		expect(queryCode).toHaveLength(8);

		const db = new Database(dbPath, { readonly: true });
		const row = db.prepare('SELECT * FROM cases WHERE case_no = ?').get(caseNo) as Record<
			string,
			unknown
		>;
		expect(row).toMatchObject({
			origin: 'offline',
			channel: 'offline',
			status: 'closed',
			source_ref: null,
			applicant_name: '某药店'
		});
		expect(
			(
				db.prepare('SELECT COUNT(*) AS n FROM case_events WHERE case_id = ?').get(row.id) as {
					n: number;
				}
			).n
		).toBe(4);
		const actors = db
			.prepare(
				"SELECT DISTINCT actor_name FROM audit_log WHERE object_type = 'case' AND object_id = ? AND action NOT LIKE 'supervision.%'"
			)
			.all(caseNo);
		expect(actors).toEqual([{ actor_name: 'officer' }]);
		db.close();

		const tracked = await track(caseNo, queryCode);
		expect(tracked).toContain('线下办理');
		expect(tracked).toContain('现场核查');
		expect(tracked).toContain('准予许可');
		expect(tracked).not.toContain('执法刘');
		// Closed: the result notice, addressed to the applicant, from the item's department.
		expect(tracked).toContain('办理结果告知书');
		expect(tracked).toContain('某药店：');

		// Nothing to handle on the workbench: the page says where the case can be seen.
		const handled = await fetch(`${base}/work/cases/${caseNo}`, { headers: { cookie: officer } });
		expect(handled.status).toBe(404);
		expect(await handled.text()).toContain('线下登记或部门系统报送');

		const exported = await api(base, `/api/v1/cases/${caseNo}/gbt39046`, { cookie: officer });
		expect(exported.status).toBe(200);
		expect(exported.body).toMatchObject({ 来源: 'offline', 办事申请: { 申报来源: '线下' } });
		expect(exported.body.事项办理.map((s: { 环节处理人: string }) => s.环节处理人)).toEqual([
			'窗口王',
			'执法刘'
		]);
	});

	it('names each problem in Chinese under its field and keeps everything typed', async () => {
		const officer = await signIn(base, 'officer', 'demo-officer-2026');
		const db = new Database(dbPath, { readonly: true });
		const count = () => (db.prepare('SELECT COUNT(*) AS n FROM cases').get() as { n: number }).n;
		const before = count();
		const f = form({ acceptedBy: '', closedAt: '' });
		f.set('applicantName', '某药店（待补）');
		const res = await post(officer, f);
		expect(res.status).toBe(400);
		const html = await res.text();
		expect(html).toContain('办件未登记');
		expect(html).toContain('请填写“受理人员”');
		expect(html).toContain('请填写“办结时间”');
		expect(html).toContain('某药店（待补）');
		expect(html).toContain('执法刘');
		expect(count()).toBe(before);
		db.close();
	});
});

describe('GET /api/v1/cases/{caseNo}/gbt39046', () => {
	it('exports an engine-run case through the mapper, to supervisors and its own department only', async () => {
		const db = openDatabase(dbPath);
		const { caseNo } = submitApplication(
			{ db, clock: systemClock, actor: ANONYMOUS_ACTOR, ip: null },
			join(dirname(dbPath), 'generated'),
			{
				code: '990001-SCJG-CF-0001',
				data: {
					party: '某食品店',
					facts: '未取得食品经营许可销售预包装食品',
					goodsValue: 3000,
					firstOffence: 'yes'
				},
				applicant: { name: '某食品店' },
				channel: 'window'
			}
		);
		db.close();
		const officer = await signIn(base, 'officer', 'demo-officer-2026');
		const accepted = await api(base, `/api/v1/cases/${caseNo}/events`, {
			cookie: officer,
			body: { type: 'accept', opinion: '予以立案', expectedVersion: 1 }
		});
		expect(accepted.status).toBe(200);

		const supervisor = await signIn(base, 'supervisor', 'demo-supervisor-2026');
		const r = await api(base, `/api/v1/cases/${caseNo}/gbt39046`, { cookie: supervisor });
		expect(r.status).toBe(200);
		expect(r.body).toMatchObject({
			标准: 'GB/T 39046-2020',
			来源: 'engine',
			办事申请: {
				办件编号: caseNo,
				事项编码: '990001-SCJG-CF-0001',
				申请者名称: '某食品店',
				申报来源: '窗口'
			},
			事项受理: { 受理人员: '市场监管局 张办理' },
			事项办结: null
		});
		expect(r.body.事项办理).toEqual([
			expect.objectContaining({ 环节名称: '调查取证', 环节办理状态: '待办' })
		]);
		expect((await api(base, `/api/v1/cases/${caseNo}/gbt39046`, { cookie: officer })).status).toBe(
			200
		);
		const zfb = (await issueToken(base, dbPath, 'ZFB', `导出测试 ${Date.now()}`)).token;
		// Another department's case is not found (record-level access), not merely forbidden.
		expect((await api(base, `/api/v1/cases/${caseNo}/gbt39046`, { token: zfb })).status).toBe(404);
		expect((await api(base, `/api/v1/cases/${caseNo}/gbt39046`)).status).toBe(401);
		expect(
			(await api(base, '/api/v1/cases/990001000000000000/gbt39046', { cookie: supervisor })).status
		).toBe(404);
	});
});
