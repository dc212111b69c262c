import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CaseState } from '../../src/lib/engine/types';
import { verifyAuditChain } from '../../src/lib/server/repositories/audit-repository';
import * as cases from '../../src/lib/server/repositories/case-repository';
import {
	applyEvent,
	ApplicationInvalidError,
	deliverPending,
	EventRefusedError,
	findCaseForApplicant,
	RECORDING_ADAPTER,
	setNotificationAdapter,
	submitApplication
} from '../../src/lib/server/services/runner-service';
import { FACTS, PENALTY, runnableCounty } from '../factories/county';
import { thrown } from '../factories/errors';

const setup = runnableCounty;

/** Lets the delivery pass scheduled by the events of this tick run. */
const nextTick = () => new Promise((resolve) => setImmediate(resolve));

const auditCount = (db: import('better-sqlite3').Database) =>
	(db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;

describe('the case runner', () => {
	it('refuses invalid applications naming each field, storing nothing', async () => {
		const { db, root, applicant } = await setup();
		const err = thrown(() =>
			submitApplication(applicant, root, {
				code: PENALTY,
				data: { ...FACTS, goodsValue: 'a lot', firstOffence: 'maybe', extra: 1 },
				applicant: { name: '张三' }
			})
		);
		expect(err).toBeInstanceOf(ApplicationInvalidError);
		expect((err as ApplicationInvalidError).errors.map((e) => e.field).sort()).toEqual([
			'extra',
			'firstOffence',
			'goodsValue'
		]);
		expect(
			thrown(() =>
				submitApplication(applicant, root, { code: PENALTY, data: FACTS, applicant: { name: ' ' } })
			).field
		).toBe('applicantName');
		expect(
			thrown(() =>
				submitApplication(applicant, root, {
					code: '990001-SCJG-XK-0001',
					data: {},
					applicant: { name: '张三' }
				})
			).code
		).toBe('ITEM_NOT_RUNNABLE');
		expect((db.prepare('SELECT COUNT(*) AS n FROM cases').get() as { n: number }).n).toBe(0);
	});

	it('numbers cases per region and day, gives a query code, and pins the frozen version', async () => {
		const { db, root, applicant } = await setup();
		const a = submitApplication(applicant, root, {
			code: PENALTY,
			data: FACTS,
			applicant: { name: '张三' }
		});
		const b = submitApplication(applicant, root, {
			code: PENALTY,
			data: FACTS,
			applicant: { name: '李四' }
		});
		expect(a.caseNo).toBe('990001202603020001');
		expect(b.caseNo).toBe('990001202603020002');
		expect(a.queryCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
		expect(findCaseForApplicant(db, a.caseNo, a.queryCode.toLowerCase())?.case_no).toBe(a.caseNo);
		expect(findCaseForApplicant(db, a.caseNo, b.queryCode)).toBeUndefined();
		const row = cases.getCaseByNo(db, a.caseNo)!;
		const manifest = JSON.parse(readFileSync(join(root, PENALTY, 'v1', 'manifest.json'), 'utf8'));
		expect([row.item_version, row.content_hash]).toEqual([1, manifest.contentHash]);
		expect(row.query_hash).not.toContain(a.queryCode);
		// 受理 waits at the start's post; the applicant was told the case was received, once.
		expect(
			cases.tasksAtPosts(db, [{ department: 'SCJG', post: 'SH' }]).map((t) => t.task_id)
		).toEqual(['accept', 'accept']);
		// Delivered by the pass scheduled after the commit, once the current tick is done.
		expect(cases.notificationsOf(db, row.id).map((n) => [n.kind, n.channel])).toEqual([
			['received', null]
		]);
		await nextTick();
		const sent = cases.notificationsOf(db, row.id);
		expect(sent.map((n) => [n.kind, n.channel !== null])).toEqual([['received', true]]);
	});

	it('runs a case through its chart: posts checked, second person enforced, refusals change nothing', async () => {
		const { db, root, applicant, as, clock } = await setup();
		const { caseNo } = submitApplication(applicant, root, {
			code: PENALTY,
			data: FACTS,
			applicant: { name: '张三' }
		});
		const officer = as('officer');
		let r = applyEvent(officer, root, caseNo, { type: 'accept', opinion: '予以立案' });
		expect(r.state.status).toBe('in_progress');
		const open = (s: CaseState) =>
			s.tasks.filter((t) => t.status === 'open' || t.status === 'claimed');

		// 调查取证 at 审核岗: the approver (审批岗) may not take it; nothing changes.
		const task = open(r.state)[0]!;
		const before = cases.getCaseByNo(db, caseNo)!;
		const audits = auditCount(db);
		const refused = thrown(() =>
			applyEvent(as('officer.sp'), root, caseNo, { type: 'claim', task: task.id })
		);
		expect(refused).toBeInstanceOf(EventRefusedError);
		expect(refused.code).toBe('WRONG_POST');
		expect(cases.getCaseByNo(db, caseNo)).toEqual(before);
		expect(auditCount(db)).toBe(audits);

		// Optimistic concurrency: an action based on an old version is refused.
		expect(
			thrown(() =>
				applyEvent(
					officer,
					root,
					caseNo,
					{ type: 'claim', task: task.id },
					{ expectedVersion: before.version - 1 }
				)
			).code
		).toBe('CASE_STALE');

		const handle = (who: string, outcome?: string) => {
			const t = open(r.state)[0]!;
			applyEvent(as(who), root, caseNo, { type: 'claim', task: t.id });
			clock.advance(3_600_000);
			r = applyEvent(as(who), root, caseNo, {
				type: 'complete',
				task: t.id,
				opinion: '已办理',
				...(outcome ? { outcome } : {})
			});
			return t;
		};
		// 调查取证 needs two enforcement officers: not the one who registered the case.
		const first = open(r.state)[0]!;
		expect(
			thrown(() => applyEvent(officer, root, caseNo, { type: 'claim', task: first.id })).code
		).toBe('SECOND_PERSON_REQUIRED');
		handle('officer.sh'); // 调查取证 → decision by goodsValue < 10000 → 拟定处罚（货值不足一万元）
		expect(r.state.tasks.at(-1)!.node).toBe('n4');
		handle('officer'); // 拟定处罚 → 法制审核 (审批岗, second person)
		expect(open(r.state)[0]!.node).toBe('n6');
		handle('officer.sp'); // 法制审核 by the approver, a second person
		handle('officer.sh'); // 告知陈述申辩和听证权利
		// 作出处罚决定 (集体讨论, second person) — sp handled 法制审核, not the previous step.
		handle('officer.sp');
		expect(r.state.status).toBe('closed');
		const row = cases.getCaseByNo(db, caseNo)!;
		expect([row.status, row.outcome, row.closed_at !== null]).toEqual(['closed', 'other', true]);
		expect(cases.tasksAtPosts(db, [{ department: 'SCJG', post: 'SP' }])).toEqual([]);
		expect(cases.listEvents(db, row.id).map((e) => e.seq)).toEqual(
			Array.from({ length: row.version }, (_, i) => i)
		);
		const kinds = cases.notificationsOf(db, row.id).map((n) => n.kind);
		expect(kinds[0]).toBe('received');
		expect(kinds.at(-1)).toBe('closed');
		expect(new Set(cases.notificationsOf(db, row.id).map((n) => n.key)).size).toBe(kinds.length);
		const trail = db
			.prepare(
				"SELECT action, payload FROM audit_log WHERE object_type = 'case' AND object_id = ? ORDER BY seq"
			)
			.all(caseNo) as { action: string; payload: string }[];
		expect(trail.length).toBeGreaterThanOrEqual(row.version);
		expect(new Set(trail.map((t) => JSON.parse(t.payload).dataset))).toEqual(
			new Set(['办事申请', '事项受理', '事项办理', '事项办结'])
		);
		expect(verifyAuditChain(db).ok).toBe(true);
	});

	it('delivers the notifications of one tick in one pass after the commits, each once', async () => {
		const { db, root, applicant, as } = await setup();
		const handed: string[] = [];
		setNotificationAdapter({ name: 'test', deliver: (n) => handed.push(`${n.caseNo}:${n.kind}`) });
		try {
			const nos = [0, 1, 2].map(
				(i) =>
					submitApplication(applicant, root, {
						code: PENALTY,
						data: FACTS,
						applicant: { name: `申请人${i}` }
					}).caseNo
			);
			for (const caseNo of nos) applyEvent(as('officer'), root, caseNo, { type: 'accept' });
			const pending = () => cases.pendingNotifications(db).length;
			expect([pending(), handed]).toEqual([6, []]);
			await nextTick();
			expect(pending()).toBe(0);
			expect(handed.sort()).toEqual(nos.flatMap((n) => [`${n}:accepted`, `${n}:received`]).sort());
			// Nothing is handed over twice: a second pass finds nothing to deliver.
			expect(deliverPending(db, new Date())).toBe(0);
			expect(handed).toHaveLength(6);
			const rows = nos.flatMap((n) => cases.notificationsOf(db, cases.getCaseByNo(db, n)!.id));
			expect(new Set(rows.map((n) => n.channel))).toEqual(new Set(['test']));
		} finally {
			setNotificationAdapter(RECORDING_ADAPTER);
		}
	});

	it('refuses to run a case on a definition edited on disk', async () => {
		const { db, root, applicant, as } = await setup();
		const { caseNo } = submitApplication(applicant, root, {
			code: PENALTY,
			data: FACTS,
			applicant: { name: '张三' }
		});
		const path = join(root, PENALTY, 'v1', 'definition.json');
		writeFileSync(path, readFileSync(path, 'utf8').replace('"limitDays": 20', '"limitDays": 2'));
		const refusals = () =>
			db
				.prepare(
					"SELECT object_id, payload FROM audit_log WHERE action = 'freeze.definition_refused'"
				)
				.all() as { object_id: string; payload: string }[];
		expect(refusals()).toEqual([]);
		const version = cases.getCaseByNo(db, caseNo)!.version;
		expect(thrown(() => applyEvent(as('officer'), root, caseNo, { type: 'accept' })).code).toBe(
			'DEFINITION_TAMPERED'
		);
		// The refusal is on the record, once, although the event's transaction was rolled back.
		expect(refusals()).toHaveLength(1);
		expect(refusals()[0]!.object_id).toBe(PENALTY);
		expect(JSON.parse(refusals()[0]!.payload)).toMatchObject({ version: 1 });
		expect(cases.getCaseByNo(db, caseNo)!.version).toBe(version);
		expect(
			thrown(() =>
				submitApplication(applicant, root, {
					code: PENALTY,
					data: FACTS,
					applicant: { name: '李四' }
				})
			).code
		).toBe('DEFINITION_TAMPERED');
	});
});
