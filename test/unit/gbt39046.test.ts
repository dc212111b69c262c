import { describe, expect, it } from 'vitest';
import {
	CASE_RECORD_SCHEMA,
	engineCaseRecords,
	foldRecorded,
	laterEvents,
	receivedEvent,
	reconcile,
	recordedCaseRecords,
	recordedTimeline,
	recordProblems,
	type CaseRecordPayload
} from '../../src/lib/domain/gbt39046/index';
import { createValidator } from '../../src/lib/forms/ajv';
import { CaseDriver, golden, user } from './engine-helpers';

const NOW = '2026-03-10T12:00:00+08:00';

const payload = (): CaseRecordPayload => ({
	部门办件编号: 'SCJG-2026-0001',
	事项编码: '990001-SCJG-XK-0001',
	办事申请: {
		办件类型: '承诺件',
		申请者名称: '某食品店',
		申报来源: '窗口',
		申请时间: '2026-03-02T09:00:00+08:00'
	},
	事项受理: { 受理人员: '张受理', 受理时间: '2026-03-02T09:30:00+08:00' },
	事项办理: [
		{
			环节名称: '审查',
			业务动作: '通过',
			环节处理人: '李审查',
			环节处理意见: '材料齐全',
			环节开始时间: '2026-03-02T09:30:00+08:00',
			环节结束时间: '2026-03-03T10:00:00+08:00'
		},
		{
			环节名称: '决定',
			业务动作: '通过',
			环节处理人: '王局长',
			环节开始时间: '2026-03-03T10:00:00+08:00'
		}
	]
});

describe('the GB/T 39046 record schema and checks', () => {
	const validate = createValidator(CASE_RECORD_SCHEMA);

	it('accepts a well-formed record and names every field at fault otherwise', () => {
		expect(validate(payload()).errors).toEqual([]);
		const bad = payload() as unknown as Record<string, Record<string, unknown>>;
		bad.办事申请!.申报来源 = '邮寄';
		delete bad.事项受理!.受理人员;
		bad.事项受理!.受理时间 = '2026-03-02 09:30';
		const fields = validate(bad).errors.map((e) => `${e.field}:${e.code}`);
		expect(fields).toEqual(
			expect.arrayContaining([
				'办事申请.申报来源:ENUM',
				'事项受理.受理人员:REQUIRED',
				'事项受理.受理时间:PATTERN'
			])
		);
	});

	it('requires times in order, the open step last, and nothing in the future', () => {
		expect(recordProblems(payload(), NOW)).toEqual([]);
		const p = payload();
		p.事项受理.受理时间 = '2026-03-01T09:00:00+08:00';
		p.事项办理![0]!.环节结束时间 = '2026-03-02T08:00:00+08:00';
		p.事项办结 = { 办结时间: '2026-03-20T10:00:00+08:00', 办结结果: '准予' };
		expect(recordProblems(p, NOW).map((x) => `${x.field}:${x.code}`)).toEqual([
			'事项受理.受理时间:TIME_ORDER',
			'事项办理.0.环节结束时间:TIME_ORDER',
			'事项办理.1.环节结束时间:STEP_STILL_OPEN',
			'事项办结.办结时间:TIME_IN_FUTURE'
		]);
	});
});

describe('re-pushing a recorded case', () => {
	const recorded = () =>
		foldRecorded([receivedEvent(payload(), '市场监管局'), ...laterEvents(payload())]);

	it('adds nothing when the same data comes again', () => {
		expect(reconcile(recorded(), payload(), '市场监管局')).toEqual({ events: [] });
	});

	it('adds the finished open step, new steps and the close', () => {
		const p = payload();
		p.事项办理![1]!.环节结束时间 = '2026-03-04T10:00:00+08:00';
		p.事项办理![1]!.环节处理意见 = '准予许可';
		p.事项办结 = { 办结时间: '2026-03-04T11:00:00+08:00', 办结结果: '准予', 结果证照编号: 'JY001' };
		const r = reconcile(recorded(), p, '市场监管局');
		expect('events' in r && r.events.map((e) => e.type)).toEqual([
			'recorded.step',
			'recorded.closed'
		]);
		const after = foldRecorded([
			receivedEvent(payload(), '市场监管局'),
			...laterEvents(payload()),
			...('events' in r ? r.events : [])
		]);
		expect(after.事项办理[1]).toMatchObject({ 环节办理状态: '已办', 环节处理意见: '准予许可' });
		expect(after.事项办结?.办结结果).toBe('准予');
	});

	it('refuses to change what is recorded, naming the field', () => {
		const p = payload();
		p.事项办理![0]!.环节处理人 = '别人';
		expect(reconcile(recorded(), p, '市场监管局')).toEqual({
			conflict: { field: '事项办理.0', code: 'PUSH_CONFLICT', params: {} }
		});
		const q = payload();
		q.办事申请.申请者名称 = '另一家店';
		expect(reconcile(recorded(), q, '市场监管局')).toMatchObject({
			conflict: { field: '办事申请' }
		});
		const fewer = payload();
		fewer.事项办理 = [];
		expect(reconcile(recorded(), fewer, '市场监管局')).toMatchObject({
			conflict: { field: '事项办理' }
		});
	});
});

const header = {
	caseNo: '99000120260914 0001'.replace(' ', ''),
	itemCode: 'G-01',
	itemName: '示例许可',
	department: '市场监管局',
	applicantName: '张三',
	applicantId: ''
};

describe('the mapper', () => {
	it('maps an engine-run case to 办事申请, 事项受理, 事项办理 and 事项办结', () => {
		const def = golden('01-linear');
		const c = new CaseDriver(def, '2026-09-14');
		c.do({ type: 'accept', actor: user('sl', 'SCJG/SL'), opinion: '材料齐全' });
		c.handle('n2', user('sh', 'SCJG/SH'), { opinion: '同意' });
		c.handle('n3', user('sp', 'SCJG/SP'), { opinion: '准予' });
		const names = Object.fromEntries(Object.entries(def.nodes).map(([id, n]) => [id, n!.name]));
		const r = engineCaseRecords(header, c.state, names);
		expect(r.标准).toBe('GB/T 39046-2020');
		expect(r.办事申请).toMatchObject({
			办件编号: header.caseNo,
			办件类型: '承诺件',
			申请者名称: '张三',
			申报来源: '网上',
			申请时间: c.state.submittedAt
		});
		expect(r.事项受理).toMatchObject({
			受理单位: '市场监管局',
			受理人员: '用户sl',
			承诺办结时间: c.state.clock.promisedDue
		});
		expect(r.事项办理.map((s) => [s.环节名称, s.业务动作, s.环节处理人, s.环节办理状态])).toEqual([
			[def.nodes.n2!.name, '通过', '用户sh', '已办'],
			[def.nodes.n3!.name, '通过', '用户sp', '已办']
		]);
		expect(r.事项办理[0]!.环节处理意见).toBe('同意');
		expect(r.事项办结).toMatchObject({ 办结结果: '准予', 办结时间: c.state.closure!.at });
	});

	it('maps a recorded case and its public timeline (no names)', () => {
		const proj = foldRecorded([receivedEvent(payload(), '市场监管局'), ...laterEvents(payload())]);
		const r = recordedCaseRecords(header, 'pushed', proj, 'SCJG-2026-0001');
		expect(r.来源).toBe('pushed');
		expect(r.办事申请.部门办件编号).toBe('SCJG-2026-0001');
		expect(r.事项受理?.受理单位).toBe('市场监管局');
		expect(r.事项办理.map((s) => s.环节办理状态)).toEqual(['已办', '待办']);
		const timeline = recordedTimeline(proj);
		expect(timeline.map((e) => e.step)).toEqual(['申请', '受理', '审查', '决定']);
		expect(JSON.stringify(timeline)).not.toContain('李审查');
	});
});
