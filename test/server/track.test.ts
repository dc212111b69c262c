import { dirname, join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { systemClock } from '../../src/lib/server/clock';
import { openDatabase } from '../../src/lib/server/db/connection';
import { getUserRowByUsername, rolesOf } from '../../src/lib/server/repositories/user-repository';
import { ANONYMOUS_ACTOR } from '../../src/lib/server/services/context';
import { applyEvent, submitApplication } from '../../src/lib/server/services/runner-service';
import { postForm } from '../factories/http';

/** 外网反馈 on the running server: a case opened in its database, looked up on /track. */
const base = inject('serverUrl');
const dbPath = inject('serverDb');

const lookup = (caseNo: string, queryCode: string) =>
	postForm(base, '', '/track?/lookup', { caseNo, queryCode });

describe('/track', () => {
	it('shows the status, steps and notifications to whoever has the number and the query code', async () => {
		const db = openDatabase(dbPath);
		const root = join(dirname(dbPath), 'generated');
		const ctx = { db, clock: systemClock, actor: ANONYMOUS_ACTOR, ip: null };
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
		let html = await (await lookup(caseNo, queryCode.toLowerCase())).text();
		expect(html).toContain(`办件 ${caseNo}`);
		expect(html).toContain('待受理');
		expect(html).toContain('已收到您的申请。');
		expect(html).not.toContain(queryCode);

		const officer = getUserRowByUsername(db, 'officer')!;
		applyEvent(
			{ ...ctx, actor: { id: officer.id, name: 'officer', roles: rolesOf(db, officer.id) } },
			root,
			caseNo,
			{ type: 'accept', opinion: '予以立案' }
		);
		html = await (await lookup(caseNo, queryCode)).text();
		expect(html).toContain('办理中');
		expect(html).toContain('调查取证');
		db.close();

		const wrong = await lookup(caseNo, 'AAAAAAAA');
		expect(wrong.status).toBe(404);
		const text = await wrong.text();
		expect(text).toContain('办件编号或查询码不正确');
		expect(text).not.toContain('调查取证');
		const missing = await lookup('', '');
		expect(missing.status).toBe(400);
		expect(await missing.text()).toContain('请填写“办件编号”');

		// Guessing is throttled: after five wrong codes even the right one waits.
		for (let i = 0; i < 4; i++) expect((await lookup(caseNo, `WRONG${i}XY`)).status).toBe(404);
		const locked = await lookup(caseNo, queryCode);
		expect(locked.status).toBe(429);
		expect(await locked.text()).toContain('查询失败次数过多');
	});
});
