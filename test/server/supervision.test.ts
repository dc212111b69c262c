import { describe, expect, it } from 'vitest';
import * as cases from '../../src/lib/server/repositories/case-repository';
import { recordCase } from '../../src/lib/server/services/recorded-case-service';
import { applyEvent, submitApplication } from '../../src/lib/server/services/runner-service';
import {
	sweepSupervision,
	sweepSupervisionInTurns
} from '../../src/lib/server/services/supervision-scheduler';
import { supervisionOverview } from '../../src/lib/server/services/supervision-service';
import { addWorkingDays } from '../../src/lib/domain/working-days';
import { holidayTable } from '../../src/lib/server/services/calendar-service';
import { FACTS, PENALTY, runnableCounty } from '../factories/county';

const setup = runnableCounty;

/** A China-noon instant on `date` (YYYY-MM-DD). */
const noon = (date: string) => new Date(`${date}T12:00:00+08:00`);

const rows = <T>(db: import('better-sqlite3').Database, sql: string, ...p: unknown[]) =>
	db.prepare(sql).all(...p) as T[];

describe('supervision: warnings kept in the database', () => {
	it('turns a step yellow at 80 % and red when overdue, on working days, once each, idempotently', async () => {
		const { db, root, applicant, as, clock } = await setup();
		const { caseNo } = submitApplication(applicant, root, {
			code: PENALTY,
			data: FACTS,
			applicant: { name: '张三' }
		});
		const r = applyEvent(as('officer'), root, caseNo, { type: 'accept', opinion: '予以立案' });
		const task = r.state.tasks[0]!;
		expect(task.limitDays).toBe(20);
		const row = () => cases.getCaseByNo(db, caseNo)!;
		expect(row().warning_level).toBe('none');
		const table = holidayTable(db);
		const day = (n: number) => addWorkingDays(task.openedOn, n, table).date;
		const warnings = () =>
			rows<{ scope: string; level: string; task: string }>(
				db,
				'SELECT scope, level, task FROM case_warnings WHERE case_id = ? ORDER BY scope',
				row().id
			);
		const feed = () =>
			rows<{ kind: string; record: string }>(
				db,
				"SELECT kind, record FROM feed_events WHERE case_no = ? AND dataset = '电子监察' ORDER BY seq",
				caseNo
			);

		// 15 of 20 working days used: nothing yet; 16 (80 %): the step turns yellow.
		sweepSupervision(db, noon(day(15)));
		expect(warnings().filter((w) => w.scope === 'step')).toEqual([]);
		sweepSupervision(db, noon(day(16)));
		expect(warnings().find((w) => w.scope === 'step')).toMatchObject({
			level: 'yellow',
			task: task.id
		});
		expect(row().warning_level).toBe('yellow');
		const yellowFeed = feed().length;
		expect(yellowFeed).toBeGreaterThan(0);
		// Sweeping again the same day records nothing new.
		sweepSupervision(db, noon(day(16)));
		expect(feed().length).toBe(yellowFeed);

		// The due day itself is still yellow; the next working day it is red, and an exception.
		sweepSupervision(db, noon(day(20)));
		expect(warnings().find((w) => w.scope === 'step')?.level).toBe('yellow');
		sweepSupervision(db, noon(day(21)));
		expect(warnings().find((w) => w.scope === 'step')?.level).toBe('red');
		expect(row().warning_level).toBe('red');
		const overdue = rows<{ type: string; severity: string; evidence: string }>(
			db,
			"SELECT type, severity, evidence FROM supervision_exceptions WHERE case_id = ? AND type = 'overdue'",
			row().id
		);
		expect(overdue.length).toBeGreaterThanOrEqual(1);
		expect(JSON.parse(overdue[0]!.evidence)).toMatchObject({ 时限: '环节时限', 时限工作日: 20 });
		const redFeed = feed();
		// GB/T 39046 电子监察: the card (红牌) and the rule of the limit (YJ-03 环节时限), as documented.
		expect(
			redFeed.some((f) => {
				const r = JSON.parse(f.record);
				return r.监察预警类型 === '红牌' && r.监察规则编号 === 'YJ-03';
			})
		).toBe(true);
		sweepSupervision(db, noon(day(22)));
		expect(feed().length).toBe(redFeed.length);
		expect(
			rows(
				db,
				"SELECT 1 FROM supervision_exceptions WHERE case_id = ? AND type = 'overdue'",
				row().id
			).length
		).toBe(overdue.length);

		// The overview counts the case red at SCJG.
		const scjg = supervisionOverview(db).departments.find((d) => d.code === 'SCJG')!;
		expect(scjg.inProgress).toBe(1);
		expect(scjg.redCases).toBe(1);
		expect(scjg.redWarnings).toBeGreaterThanOrEqual(1);
		expect(scjg.openExceptions).toBe(overdue.length);

		// Withdrawal closes the case: its warnings go, and the overview no longer counts it.
		clock.set(noon(day(22)));
		applyEvent(
			applicant,
			root,
			caseNo,
			{ type: 'withdraw', reason: '不再申请' },
			{ asApplicant: true }
		);
		expect(warnings()).toEqual([]);
		expect(row().warning_level).toBe('none');
		expect(row().working_days).toBe(22);
		// A case closed before the figures were kept gets them from the next sweep.
		const kept = { working_days: row().working_days, on_time: row().on_time };
		expect(kept.on_time).not.toBeNull();
		db.prepare('UPDATE cases SET working_days = NULL, on_time = NULL WHERE id = ?').run(row().id);
		expect(sweepSupervision(db, noon(day(23))).figured).toBe(1);
		expect(row()).toMatchObject(kept);
		expect(sweepSupervision(db, noon(day(23))).figured).toBe(0);
		expect(supervisionOverview(db).departments.find((d) => d.code === 'SCJG')!.inProgress).toBe(0);
	});

	it('raises a penalty decided outside the discretion benchmark, and refuses a malformed one', async () => {
		const { db, root, applicant, as } = await setup();
		const run = (amount: unknown, unit = '元') => {
			const { caseNo } = submitApplication(applicant, root, {
				code: PENALTY,
				data: FACTS,
				applicant: { name: '张三' }
			});
			let r = applyEvent(as('officer'), root, caseNo, { type: 'accept', opinion: '予以立案' });
			const task = r.state.tasks[0]!;
			r = applyEvent(as('officer.sh'), root, caseNo, { type: 'claim', task: task.id });
			return {
				caseNo,
				complete: () =>
					applyEvent(as('officer.sh'), root, caseNo, {
						type: 'complete',
						task: task.id,
						opinion: '拟处罚',
						penalty: { circumstance: 0, amount: amount as number, unit }
					})
			};
		};
		const exceptions = (caseNo: string) =>
			rows<{ evidence: string; severity: string }>(
				db,
				`SELECT x.evidence, x.severity FROM supervision_exceptions x JOIN cases c ON c.id = x.case_id
				 WHERE c.case_no = ? AND x.type = 'discretion_range'`,
				caseNo
			);
		// 轻微: 罚款 50,000–65,000 元. 60,000 is within; 1,000 is not; 60,000 倍 is the wrong unit.
		const within = run(60000);
		expect(within.complete().state.tasks[0]!.penalty).toEqual({
			circumstance: 0,
			amount: 60000,
			unit: '元'
		});
		expect(exceptions(within.caseNo)).toEqual([]);
		const below = run(1000);
		below.complete();
		const found = exceptions(below.caseNo);
		expect(found).toHaveLength(1);
		expect(found[0]!.severity).toBe('high');
		expect(JSON.parse(found[0]!.evidence)).toMatchObject({
			裁量基准: '50000–65000 元',
			决定: '1000 元'
		});
		const wrongUnit = run(60000, '倍');
		wrongUnit.complete();
		expect(exceptions(wrongUnit.caseNo)).toHaveLength(1);
		// Not a number: refused by the engine, naming the field; nothing recorded.
		const bad = run(Number.NaN);
		const err = (() => {
			try {
				bad.complete();
			} catch (e) {
				return e as { code: string; params: { field?: string } };
			}
		})();
		expect(err?.code).toBe('EVENT_INVALID');
		expect(err?.params.field).toBe('penalty.amount');
		expect(exceptions(bad.caseNo)).toEqual([]);
	});

	it('raises offline registrations missing facts and late pushes, once each', async () => {
		const { db, as, clock, scjg } = await setup();
		const ctx = as('officer');
		const at = (hoursAgo: number) =>
			new Date(clock.now().getTime() - hoursAgo * 3600_000).toISOString();
		const base = {
			事项编码: '990001-SCJG-XK-0001',
			办事申请: { 办件类型: '承诺件', 申请者名称: '某超市', 申报来源: '窗口', 申请时间: at(80) },
			事项受理: { 受理人员: '张受理', 受理时间: at(79) },
			事项办结: { 办结时间: at(2), 办结结果: '准予' }
		};
		const offline = recordCase(ctx, { origin: 'offline', department: scjg, payload: base });
		const ex = (type: string) =>
			rows<{ evidence: string; case_id: number }>(
				db,
				'SELECT evidence, case_id FROM supervision_exceptions WHERE type = ?',
				type
			);
		expect(ex('offline_incomplete')).toHaveLength(1);
		expect(JSON.parse(ex('offline_incomplete')[0]!.evidence).缺少要素).toEqual(
			expect.arrayContaining([
				'事项受理.受理文书编号',
				'事项受理.承诺办结时间',
				'事项办理',
				'事项办结.结果证照名称'
			])
		);
		const row = cases.getCaseByNo(db, offline.caseNo)!;
		expect(row.department_id).toBe(scjg.id);
		expect(row.working_days).not.toBeNull();

		// A department pushes a step two days after it happened: late; a timely re-push adds nothing.
		const pushed = {
			...base,
			部门办件编号: 'SCJG-1',
			事项受理: { ...base.事项受理, 受理文书编号: '1号', 承诺办结时间: '2026-03-20' },
			事项办结: undefined,
			事项办理: [
				{
					环节名称: '审查',
					业务动作: '通过',
					环节处理人: '李',
					环节开始时间: at(60),
					环节结束时间: at(48)
				}
			]
		};
		recordCase(ctx, { origin: 'pushed', department: scjg, payload: pushed });
		expect(ex('late_push')).toHaveLength(1);
		recordCase(ctx, { origin: 'pushed', department: scjg, payload: pushed });
		expect(ex('late_push')).toHaveLength(1);
		// A step pushed within the hour is on time.
		const step2 = {
			环节名称: '决定',
			业务动作: '通过',
			环节处理人: '王',
			环节开始时间: at(1),
			环节结束时间: at(0.5)
		};
		recordCase(ctx, {
			origin: 'pushed',
			department: scjg,
			payload: { ...pushed, 事项办理: [...pushed.事项办理, step2] }
		});
		expect(ex('late_push')).toHaveLength(1);
	});

	it('skips a case it cannot read, logs it once, and judges the others', async () => {
		const { db, root, applicant, as, clock } = await setup();
		const { caseNo } = submitApplication(applicant, root, {
			code: PENALTY,
			data: FACTS,
			applicant: { name: '张三' }
		});
		applyEvent(as('officer'), root, caseNo, { type: 'accept' });
		const good = cases.getCaseByNo(db, caseNo)!;
		db.prepare(
			`INSERT INTO cases (case_no, query_hash, entry_id, item_code, item_version, content_hash, channel,
				applicant_name, status, state, version, submitted_at, updated_at, origin)
			 VALUES ('BROKEN-1', 'x', ?, ?, 1, '', 'window', '某', 'in_progress', '{}', 1, ?, ?, 'offline')`
		).run(good.entry_id, good.item_code, good.submitted_at, good.submitted_at);
		const lines: string[] = [];
		const later = new Date(clock.now().getTime() + 40 * 86_400_000);
		const r = sweepSupervision(db, later, (l) => lines.push(l));
		expect(r.failed).toEqual(['BROKEN-1']);
		expect(r.cases).toBe(1);
		expect(cases.getCaseByNo(db, caseNo)!.warning_level).toBe('red');
		sweepSupervision(db, later, (l) => lines.push(l));
		expect(lines.filter((l) => l.includes('BROKEN-1'))).toHaveLength(1);
		// The scheduler's sweep, in turns between batches, comes to the same.
		const turns = await sweepSupervisionInTurns(db, later, (l) => lines.push(l));
		expect(turns).toMatchObject({ cases: 1, red: 1, failed: ['BROKEN-1'] });
	});

	it('raises an audit chain failure when a record is rewritten, and only once', async () => {
		const { db, clock } = await setup();
		expect(sweepSupervision(db, clock.now()).auditOk).toBe(true);
		db.exec('DROP TRIGGER audit_log_no_update');
		db.prepare("UPDATE audit_log SET payload = '{}' WHERE seq = 3").run();
		// The next day's full verification finds it.
		clock.advance(24 * 3600_000);
		expect(sweepSupervision(db, clock.now()).auditOk).toBe(false);
		const chain = rows<{ evidence: string; severity: string }>(
			db,
			"SELECT evidence, severity FROM supervision_exceptions WHERE type = 'audit_chain'"
		);
		expect(chain).toHaveLength(1);
		expect(JSON.parse(chain[0]!.evidence).断点序号).toBe(3);
		clock.advance(24 * 3600_000);
		sweepSupervision(db, clock.now());
		expect(
			rows(db, "SELECT 1 FROM supervision_exceptions WHERE type = 'audit_chain'")
		).toHaveLength(1);
	});
});
