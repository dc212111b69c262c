import { describe, expect, inject, it } from 'vitest';
import { dirname, join } from 'node:path';
import { systemClock } from '../../src/lib/server/clock';
import { openDatabase } from '../../src/lib/server/db/connection';
import { getUserRowByUsername, rolesOf } from '../../src/lib/server/repositories/user-repository';
import { ANONYMOUS_ACTOR, type ServiceContext } from '../../src/lib/server/services/context';
import { createUser } from '../../src/lib/server/services/org-service';
import { applyEvent, submitApplication } from '../../src/lib/server/services/runner-service';
import { postForm, signIn } from '../factories/http';

/**
 * 内网办理 on the running server: the officer's queue and case page, and 100 concurrent attempts
 * to complete the same step, of which exactly one may succeed.
 */
const base = inject('serverUrl');
const dbPath = inject('serverDb');

describe('the officers’ workbench', () => {
	it('queues the work at the officer’s posts; of 100 concurrent completions exactly one succeeds', async () => {
		const db = openDatabase(dbPath);
		const root = join(dirname(dbPath), 'generated');
		const sys: ServiceContext = { db, clock: systemClock, actor: ANONYMOUS_ACTOR, ip: null };
		const actor = (username: string): ServiceContext => {
			const u = getUserRowByUsername(db, username)!;
			return { ...sys, actor: { id: u.id, name: username, roles: rolesOf(db, u.id) } };
		};
		const scjg = db.prepare("SELECT id FROM departments WHERE code = 'SCJG'").get() as {
			id: number;
		};
		const sh = db
			.prepare("SELECT id FROM posts WHERE department_id = ? AND code = 'SH'")
			.get(scjg.id) as { id: number };
		await createUser(actor('admin'), {
			username: 'workbench.b',
			password: 'long-enough-1',
			displayName: '执法人员乙',
			departmentId: scjg.id,
			roles: ['officer'],
			postIds: [sh.id]
		});
		const { caseNo } = submitApplication(sys, root, {
			code: '990001-SCJG-CF-0001',
			data: {
				party: '某食品店',
				facts: '未取得食品经营许可销售预包装食品',
				goodsValue: 3000,
				firstOffence: 'yes'
			},
			applicant: { name: '某食品店' }
		});

		// The demo officer (受理岗, 审核岗) sees the registration waiting in the queue.
		const cookie = await signIn(base, 'officer', 'demo-officer-2026');
		const queue = await (await fetch(`${base}/work`, { headers: { cookie } })).text();
		expect(queue).toContain(caseNo);
		expect(queue).toContain('立案');

		// Registered by the second officer; 调查取证 (two officers) then falls to the demo officer.
		const accepted = applyEvent(actor('workbench.b'), root, caseNo, { type: 'accept' });
		const task = accepted.state.tasks.find((t) => t.status === 'open')!;
		const claimed = await postForm(base, cookie, `/work/cases/${caseNo}?/claim`, {
			version: String(accepted.version),
			task: task.id
		});
		expect(claimed.status).toBe(200);
		const version = (
			db.prepare('SELECT version FROM cases WHERE case_no = ?').get(caseNo) as { version: number }
		).version;
		const page = await (
			await fetch(`${base}/work/cases/${caseNo}`, { headers: { cookie } })
		).text();
		expect(page).toContain('办结本环节');

		const attempts = await Promise.all(
			Array.from({ length: 100 }, (_, i) =>
				postForm(base, cookie, `/work/cases/${caseNo}?/complete`, {
					version: String(version),
					task: task.id,
					opinion: `第 ${i + 1} 次提交：已调查取证`
				})
			)
		);
		const statuses = attempts.map((r) => r.status);
		expect(statuses.filter((s) => s === 200)).toHaveLength(1);
		expect(statuses.filter((s) => s === 409 || s === 400)).toHaveLength(99);
		const completed = db
			.prepare(
				"SELECT COUNT(*) AS n FROM audit_log WHERE object_type = 'case' AND object_id = ? AND action = 'task.completed'"
			)
			.get(caseNo) as { n: number };
		expect(completed.n).toBe(1);
		const events = db
			.prepare(
				"SELECT COUNT(*) AS n FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.case_no = ? AND e.type = 'complete'"
			)
			.get(caseNo) as { n: number };
		expect(events.n).toBe(1);
		db.close();
	}, 60_000);
});
