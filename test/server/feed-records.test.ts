import { describe, expect, it } from 'vitest';
import type { CaseState } from '../../src/lib/engine/types';
import * as cases from '../../src/lib/server/repositories/case-repository';
import { readFeed } from '../../src/lib/server/repositories/feed-repository';
import { caseRecords, recordCase } from '../../src/lib/server/services/recorded-case-service';
import { applyEvent, submitApplication } from '../../src/lib/server/services/runner-service';
import { FACTS, PENALTY, runnableCounty } from '../factories/county';

/** 实时报送: which case transitions become feed records, and in which GB/T 39046 field names. */

async function setup() {
	const s = await runnableCounty();
	// The case datasets (电子监察 records — warnings, exceptions — have their own tests).
	const feed = () =>
		readFeed(s.db, 0, 1000)
			.filter((r) => r.dataset !== '电子监察')
			.map((r) => ({
				...r,
				record: JSON.parse(r.record) as Record<string, unknown>
			}));
	return { ...s, feed, scjg: s.scjg.id };
}

const open = (s: CaseState) => s.tasks.filter((t) => t.status === 'open' || t.status === 'claimed');

describe('feed records of case transitions', () => {
	it('reports acceptance, each finished step and the close of an engine-run case, as its GB/T 39046 export says', async () => {
		const { db, root, applicant, as, clock, feed } = await setup();
		const { caseNo } = submitApplication(applicant, root, {
			code: PENALTY,
			data: FACTS,
			applicant: { name: '张三', idNumber: '110101199001011234' }
		});
		// Submission (办事申请) is not reported: the case is not the body's until 受理.
		expect(feed()).toEqual([]);
		clock.advance(600_000);
		let r = applyEvent(as('officer'), root, caseNo, { type: 'accept', opinion: '予以立案' });
		const handle = (who: string) => {
			const t = open(r.state)[0]!;
			applyEvent(as(who), root, caseNo, { type: 'claim', task: t.id });
			clock.advance(3_600_000);
			r = applyEvent(as(who), root, caseNo, { type: 'complete', task: t.id, opinion: '已办理' });
		};
		// Claiming reports nothing.
		applyEvent(as('officer.sh'), root, caseNo, { type: 'claim', task: open(r.state)[0]!.id });
		expect(feed().map((e) => e.kind)).toEqual(['case_received']);
		applyEvent(as('officer.sh'), root, caseNo, { type: 'release', task: open(r.state)[0]!.id });
		for (const who of ['officer.sh', 'officer', 'officer.sp', 'officer.sh', 'officer.sp'])
			handle(who);
		expect(r.state.status).toBe('closed');

		const events = feed();
		expect(events.map((e) => e.kind)).toEqual([
			'case_received',
			'step_completed',
			'step_completed',
			'step_completed',
			'step_completed',
			'step_completed',
			'case_closed'
		]);
		expect(events.map((e) => e.dataset)).toEqual([
			'事项受理',
			...Array(5).fill('事项办理'),
			'事项办结'
		]);
		for (const e of events) {
			expect([e.case_no, e.department_code]).toEqual([caseNo, 'SCJG']);
			expect(e.record).toMatchObject({ 办件编号: caseNo, 事项编码: PENALTY });
		}
		const exported = caseRecords(as('supervisor'), root, cases.getCaseByNo(db, caseNo)!);
		expect(events[0]!.record).toEqual({
			办件编号: caseNo,
			事项编码: PENALTY,
			事项名称: exported.办事申请.事项名称,
			办件类型: exported.办事申请.办件类型,
			申请者名称: '张三',
			申报来源: '网上',
			申请时间: exported.办事申请.申请时间,
			...exported.事项受理,
			来源: 'engine'
		});
		// The applicant's ID number is never reported.
		expect(JSON.stringify(events)).not.toContain('110101199001011234');
		// Each step as the export has it, in the order they were finished.
		expect(events.slice(1, 6).map((e) => e.record)).toEqual(
			exported.事项办理.map((s) => ({ 办件编号: caseNo, 事项编码: PENALTY, ...s }))
		);
		expect(events[1]!.record).toMatchObject({
			业务动作: '通过',
			环节处理人: 'officer.sh',
			环节处理意见: '已办理',
			环节办理状态: '已办'
		});
		expect(events[6]!.record).toEqual({
			办件编号: caseNo,
			事项编码: PENALTY,
			...exported.事项办结
		});
		// Feed times are the events' own; seqs follow one another.
		expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => events[0]!.seq + i));
		expect(events[6]!.at).toBe(exported.事项办结!.办结时间);
	});

	it('reports 补正, 特别程序 and 延期 as 事项办理 records, and a refusal only by its close', async () => {
		const { root, applicant, as, clock, feed } = await setup();
		const a = submitApplication(applicant, root, {
			code: PENALTY,
			data: FACTS,
			applicant: { name: '李四' }
		});
		let r = applyEvent(as('officer'), root, a.caseNo, { type: 'accept' });
		const task = open(r.state)[0]!;
		applyEvent(as('officer.sh'), root, a.caseNo, { type: 'claim', task: task.id });
		clock.advance(60_000);
		applyEvent(as('officer.sh'), root, a.caseNo, {
			type: 'request_supplement',
			task: task.id,
			materials: ['营业执照复印件'],
			reason: '缺少营业执照'
		});
		clock.advance(86_400_000);
		applyEvent(
			applicant,
			root,
			a.caseNo,
			{ type: 'supplement_received', materials: ['营业执照复印件'] },
			{ asApplicant: true }
		);
		clock.advance(60_000);
		applyEvent(as('officer.sh'), root, a.caseNo, {
			type: 'special_start',
			kind: 'testing',
			reason: '货品需检验',
			basis: '《食品安全法》'
		});
		clock.advance(86_400_000);
		applyEvent(as('officer.sh'), root, a.caseNo, { type: 'special_end', result: '检验合格' });
		clock.advance(60_000);
		r = applyEvent(as('officer.sh'), root, a.caseNo, {
			type: 'extend',
			days: 5,
			approvedBy: '局长王某',
			reason: '案情复杂'
		});
		const b = submitApplication(applicant, root, {
			code: PENALTY,
			data: FACTS,
			applicant: { name: '王五' }
		});
		applyEvent(as('officer'), root, b.caseNo, { type: 'refuse', reason: '不属于本部门管辖' });

		const events = feed();
		expect(events.map((e) => [e.kind, e.record.环节名称 ?? e.record.办结结果 ?? null])).toEqual([
			['case_received', null],
			['step_completed', '补正告知'],
			['step_completed', '补正材料接收'],
			['step_completed', '特别程序'],
			['step_completed', '特别程序'],
			['step_completed', '延期'],
			['case_closed', '不予受理']
		]);
		const [, asked, got, started, ended, extended, refused] = events.map((e) => e.record);
		expect(asked).toMatchObject({
			业务动作: '退回',
			环节处理人: 'officer.sh',
			环节处理意见: '缺少营业执照',
			补正材料: ['营业执照复印件'],
			环节办理状态: '已办'
		});
		expect(got).toMatchObject({
			业务动作: '其他',
			环节处理人: '申请人',
			环节开始时间: asked!.环节开始时间,
			补正材料: ['营业执照复印件']
		});
		expect(started).toMatchObject({
			环节办理状态: '待办',
			特别程序: { 种类: '检验检测', 启动理由或依据: '货品需检验；《食品安全法》', 结束时间: null }
		});
		expect(started).not.toHaveProperty('环节结束时间');
		expect(ended).toMatchObject({
			环节办理状态: '已办',
			环节处理意见: '检验合格',
			特别程序: { 种类: '检验检测', 结果: '检验合格', 开始时间: started!.环节开始时间 }
		});
		expect(extended).toMatchObject({
			环节处理意见: '案情复杂',
			特别程序: { 种类: '延长审批', 结果: '延长 5 个工作日' },
			承诺办结时间: r.state.clock.promisedDue
		});
		expect(refused).toMatchObject({
			办件编号: b.caseNo,
			办结结果: '不予受理',
			结果说明: '不属于本部门管辖'
		});
	});

	it('reports recorded cases: received, finished steps (an open one once a re-push finishes it), the close', async () => {
		const { as, clock, feed, scjg } = await setup();
		const at = (h: number) => new Date(clock.now().getTime() - h * 3_600_000).toISOString();
		const payload = {
			部门办件编号: 'SYS-1',
			事项编码: '990001-SCJG-XK-0001',
			办事申请: {
				办件类型: '承诺件',
				申请者名称: '某超市',
				申请者证件号码: '91320000MA1234567X',
				申报来源: '窗口',
				申请时间: at(50)
			},
			事项受理: { 受理人员: '张受理', 受理时间: at(49) },
			事项办理: [
				{
					环节名称: '材料审查',
					业务动作: '通过',
					环节处理人: '李审查',
					环节开始时间: at(49),
					环节结束时间: at(30)
				},
				{ 环节名称: '现场核查', 业务动作: '其他', 环节处理人: '赵核查', 环节开始时间: at(30) }
			]
		};
		const dept = { id: scjg, code: 'SCJG', name: '示例县市场监督管理局' };
		const first = recordCase(as('officer'), { origin: 'pushed', department: dept, payload });
		expect(feed().map((e) => [e.kind, e.record.环节名称 ?? null])).toEqual([
			['case_received', null],
			['step_completed', '材料审查']
		]);
		expect(feed()[0]!.record).toMatchObject({
			办件编号: first.caseNo,
			事项编码: '990001-SCJG-XK-0001',
			申请者名称: '某超市',
			受理人员: '张受理',
			来源: 'pushed',
			部门办件编号: 'SYS-1'
		});
		expect(feed()[0]!.record).not.toHaveProperty('申请者证件号码');
		payload.事项办理[1] = { ...payload.事项办理[1]!, 环节结束时间: at(2) };
		const 事项办结 = { 办结时间: at(1), 办结结果: '准予' };
		recordCase(as('officer'), {
			origin: 'pushed',
			department: dept,
			payload: { ...payload, 事项办结 }
		});
		// A repeated push adds nothing, and reports nothing.
		recordCase(as('officer'), {
			origin: 'pushed',
			department: dept,
			payload: { ...payload, 事项办结 }
		});
		const events = feed();
		expect(events.map((e) => [e.kind, e.record.环节名称 ?? null])).toEqual([
			['case_received', null],
			['step_completed', '材料审查'],
			['step_completed', '现场核查'],
			['case_closed', null]
		]);
		expect(events[2]!.record).toMatchObject({ 环节办理状态: '已办', 环节结束时间: at(2) });
		expect(events[3]!.record).toEqual({
			办件编号: first.caseNo,
			事项编码: '990001-SCJG-XK-0001',
			...事项办结
		});
		expect(events.every((e) => e.department_code === 'SCJG')).toBe(true);
	});

	it('keeps reported events: they cannot be changed or deleted', async () => {
		const { db, root, applicant, as, feed } = await setup();
		const { caseNo } = submitApplication(applicant, root, {
			code: PENALTY,
			data: FACTS,
			applicant: { name: '张三' }
		});
		applyEvent(as('officer'), root, caseNo, { type: 'accept' });
		const seq = feed()[0]!.seq;
		expect(() => db.prepare("UPDATE feed_events SET kind = 'x' WHERE seq = ?").run(seq)).toThrow(
			/FEED_EVENT_KEPT/
		);
		expect(() => db.prepare('DELETE FROM feed_events WHERE seq = ?').run(seq)).toThrow(
			/FEED_EVENT_KEPT/
		);
	});
});
