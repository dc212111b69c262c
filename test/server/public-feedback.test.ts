import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AppError } from '../../src/lib/domain/errors';
import { readCatalogueSources } from '../../src/lib/server/catalogue/sources';
import { FakeClock } from '../../src/lib/server/clock';
import { openDatabase, type Db } from '../../src/lib/server/db/connection';
import { migrate } from '../../src/lib/server/db/migrate';
import { insertCase } from '../../src/lib/server/repositories/case-repository';
import { getEntryByCode } from '../../src/lib/server/repositories/catalogue-repository';
import { loadPublishedSources } from '../../src/lib/server/services/catalogue-service';
import {
	complaintDetail,
	complaintForApplicant,
	ComplaintInvalidError,
	fileComplaint,
	listComplaints,
	replyComplaint,
	type ComplaintInput
} from '../../src/lib/server/services/complaint-service';
import {
	ANONYMOUS_ACTOR,
	SYSTEM_ACTOR,
	type ServiceContext
} from '../../src/lib/server/services/context';
import { evaluateCase } from '../../src/lib/server/services/evaluation-service';
import { queryHash } from '../../src/lib/server/services/runner-service';
import { seedDemoIfEmpty } from '../../src/lib/server/services/seed-service';
import { requestFrom } from '../factories/api-token';

/**
 * 公众评议 and 投诉举报 on a fresh database of known cases: an evaluation once per finished case,
 * complaints checked field by field, their reply date on the working-day calendar, the answer's
 * lifecycle, and the audit and feed rows each change writes.
 */
const dir = mkdtempSync(join(tmpdir(), 'sunlit-feedback-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ITEM = '990001-SCJG-CF-0001';
const CODE = 'ABCD2345';
let db: Db;
let clock: FakeClock;
let ctx: ServiceContext;
let n = 0;

/** A case of ITEM in the given status, with the query code CODE; returns its number. */
function addCase(status: string): string {
	const entry = getEntryByCode(db, ITEM)!;
	const caseNo = `990001202609210${String(++n).padStart(3, '0')}`;
	const closed = ['closed', 'refused', 'withdrawn'].includes(status);
	insertCase(db, {
		case_no: caseNo,
		query_hash: queryHash(CODE),
		entry_id: entry.id,
		item_code: ITEM,
		item_version: 1,
		content_hash: 'h',
		channel: 'window',
		applicant_name: `申请人${n}`,
		applicant_id: '',
		status,
		state: '{}',
		version: 1,
		submitted_at: '2026-09-01T01:00:00.000Z',
		accepted_at: '2026-09-01T01:00:00.000Z',
		statutory_due: null,
		promised_due: null,
		closed_at: closed ? '2026-09-10T02:00:00.000Z' : null,
		outcome: closed ? status : null,
		updated_at: '2026-09-10T02:00:00.000Z'
	});
	return caseNo;
}

const feed = (kind: string) =>
	(
		db.prepare('SELECT * FROM feed_events WHERE kind = ? ORDER BY seq').all(kind) as {
			case_no: string | null;
			department_code: string | null;
			dataset: string;
			record: string;
		}[]
	).map((r) => ({ ...r, record: JSON.parse(r.record) as Record<string, unknown> }));

const audits = (action: string) =>
	db.prepare('SELECT * FROM audit_log WHERE action = ? ORDER BY seq').all(action) as {
		object_id: string;
		payload: string;
		actor_name: string;
	}[];

function refusal(fn: () => unknown): AppError {
	try {
		fn();
	} catch (e) {
		if (e instanceof AppError) return e;
		throw e;
	}
	throw new Error('expected a refusal');
}

beforeAll(async () => {
	db = openDatabase(join(dir, 'f.db'));
	migrate(db);
	// Monday 21 September 2026, 10:00 in China: Mid-Autumn and National Day lie ahead.
	clock = new FakeClock(Date.parse('2026-09-21T10:00:00+08:00'));
	await seedDemoIfEmpty(db, clock);
	loadPublishedSources({ db, clock, actor: SYSTEM_ACTOR, ip: null }, readCatalogueSources());
	ctx = { db, clock, actor: ANONYMOUS_ACTOR, ip: '127.0.0.9' };
});
afterAll(() => db.close());

describe('public evaluation (公众评议)', () => {
	it('refuses a wrong query code, naming the case number, and stores nothing', () => {
		const caseNo = addCase('closed');
		const e = refusal(() => evaluateCase(ctx, { caseNo, queryCode: 'WRONG234', level: '5' }));
		expect(e).toMatchObject({ code: 'CASE_NOT_FOUND', field: 'caseNo' });
		expect(db.prepare('SELECT COUNT(*) AS n FROM evaluations').get()).toEqual({ n: 0 });
	});

	it('refuses a case that is still running or was withdrawn', () => {
		for (const status of ['submitted', 'in_progress', 'supplement', 'withdrawn']) {
			const caseNo = addCase(status);
			const e = refusal(() => evaluateCase(ctx, { caseNo, queryCode: CODE, level: '4' }));
			expect(e, status).toMatchObject({ code: 'EVALUATION_NOT_FINAL', field: 'caseNo' });
		}
		expect(db.prepare('SELECT COUNT(*) AS n FROM evaluations').get()).toEqual({ n: 0 });
	});

	it('refuses a level outside 1…5 and a comment over 500 characters, naming the field', () => {
		const caseNo = addCase('closed');
		for (const level of ['', '0', '6', '4.5', 'x', undefined]) {
			const e = refusal(() => evaluateCase(ctx, { caseNo, queryCode: CODE, level }));
			expect(e, String(level)).toMatchObject({ code: 'EVALUATION_LEVEL_INVALID', field: 'level' });
		}
		const e = refusal(() =>
			evaluateCase(ctx, { caseNo, queryCode: CODE, level: '3', comment: '好'.repeat(501) })
		);
		expect(e).toMatchObject({ code: 'FIELD_TOO_LONG', field: 'comment', params: { max: 500 } });
		expect(db.prepare('SELECT COUNT(*) AS n FROM evaluations').get()).toEqual({ n: 0 });
	});

	it('stores one evaluation of a closed or refused case with its audit and feed records', () => {
		const closed = addCase('closed');
		const given = evaluateCase(ctx, {
			caseNo: closed,
			queryCode: ` ${CODE.toLowerCase()} `,
			level: '4',
			comment: '  办事效率高。 '
		});
		expect(given).toMatchObject({
			caseNo: closed,
			level: 4,
			levelName: '满意',
			comment: '办事效率高。'
		});
		const again = refusal(() => evaluateCase(ctx, { caseNo: closed, queryCode: CODE, level: '1' }));
		expect(again).toMatchObject({ code: 'EVALUATION_DONE', field: 'caseNo' });
		const refused = addCase('refused');
		evaluateCase(ctx, { caseNo: refused, queryCode: CODE, level: '1' });

		const rows = db.prepare('SELECT level, comment FROM evaluations ORDER BY case_id').all();
		expect(rows).toEqual([
			{ level: 4, comment: '办事效率高。' },
			{ level: 1, comment: '' }
		]);
		const audited = audits('case.evaluate');
		expect(audited.map((a) => a.object_id)).toEqual([closed, refused]);
		expect(JSON.parse(audited[0]!.payload)).toEqual({ level: 4, comment: '办事效率高。' });
		const events = feed('evaluation');
		expect(events).toHaveLength(2);
		expect(events[0]).toMatchObject({
			dataset: '服务评价',
			case_no: closed,
			department_code: 'SCJG'
		});
		expect(events[0]!.record).toEqual({
			办件编号: closed,
			评价渠道: '网上',
			评价人: '申请人7',
			评价时间: clock.now().toISOString(),
			满意度: { 代码: 4, 名称: '满意' },
			文字评价: '办事效率高。'
		});
	});
});

const valid = (over: Partial<ComplaintInput> = {}): ComplaintInput => ({
	kind: 'complaint',
	subject: 'department',
	departmentCode: 'SCJG',
	title: '窗口人员态度差',
	content: '九月十八日上午在受理窗口办理时，工作人员拒绝解释退回理由。',
	anonymous: false,
	name: '王某',
	contact: '13800138000',
	...over
});

function problems(input: ComplaintInput): Record<string, string> {
	try {
		fileComplaint(ctx, input);
	} catch (e) {
		if (e instanceof ComplaintInvalidError)
			return Object.fromEntries(e.problems.map((p) => [p.field, p.code]));
		throw e;
	}
	throw new Error('expected a refusal');
}

describe('complaints (投诉举报)', () => {
	it('names every field at fault and stores nothing', () => {
		const before = (db.prepare('SELECT COUNT(*) AS n FROM complaints').get() as { n: number }).n;
		expect(problems({ kind: '', subject: '', title: '', content: '', anonymous: false })).toEqual({
			kind: 'FIELD_CHOICE',
			subject: 'FIELD_CHOICE',
			title: 'FIELD_REQUIRED',
			content: 'FIELD_REQUIRED',
			name: 'FIELD_REQUIRED',
			contact: 'FIELD_REQUIRED'
		});
		expect(problems(valid({ departmentCode: '' }))).toEqual({ departmentCode: 'FIELD_REQUIRED' });
		expect(problems(valid({ departmentCode: 'NOPE' }))).toEqual({
			departmentCode: 'COMPLAINT_DEPARTMENT_UNKNOWN'
		});
		expect(problems(valid({ subject: 'item', itemCode: '990001-XX-0000' }))).toEqual({
			itemCode: 'COMPLAINT_ITEM_UNKNOWN'
		});
		expect(problems(valid({ subject: 'case', caseNo: '990001209901010001' }))).toEqual({
			caseNo: 'COMPLAINT_CASE_UNKNOWN'
		});
		expect(problems(valid({ title: '标'.repeat(101), content: '太短' }))).toEqual({
			title: 'FIELD_TOO_LONG',
			content: 'FIELD_TOO_SHORT'
		});
		expect(problems(valid({ content: '长'.repeat(2001) }))).toEqual({ content: 'FIELD_TOO_LONG' });
		expect(problems(valid({ contact: 'call me' }))).toEqual({ contact: 'CONTACT_INVALID' });
		expect(problems(valid({ name: '  ', contact: '' }))).toEqual({
			name: 'FIELD_REQUIRED',
			contact: 'FIELD_REQUIRED'
		});
		expect(db.prepare('SELECT COUNT(*) AS n FROM complaints').get()).toEqual({ n: before });
	});

	it('accepts phones and e-mail addresses as contact', () => {
		for (const contact of ['13800138000', '0516-83211234', 'wang@example.cn', '+86 138 0013 8000'])
			expect(fileComplaint(ctx, valid({ contact })).complaintNo, contact).toMatch(/^TS990001/);
	});

	it('files anonymously without name or contact, keeping neither when typed', () => {
		const filed = fileComplaint(
			ctx,
			valid({ kind: 'report', anonymous: true, name: '不该保存', contact: 'not-a-contact' })
		);
		const row = db
			.prepare('SELECT anonymous, name, contact, kind FROM complaints WHERE complaint_no = ?')
			.get(filed.complaintNo);
		expect(row).toEqual({ anonymous: 1, name: null, contact: null, kind: 'report' });
		const event = feed('complaint').find((e) => e.record.投诉编号 === filed.complaintNo)!;
		expect(event.record.投诉人).toBe('匿名');
		expect(event.record.投诉类型).toBe('举报');
	});

	it('numbers the complaint, keeps only the query code hash, and answers within 15 working days on the calendar', () => {
		const caseNo = addCase('closed');
		const filed = fileComplaint(ctx, valid({ subject: 'case', caseNo }));
		expect(filed.complaintNo).toMatch(/^TS99000120260921\d{4}$/);
		expect(filed.queryCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
		// 15 working days from Monday 09-21 pass Mid-Autumn and National Day: 10-19, not 10-12.
		expect(filed.replyDue).toBe('2026-10-19');
		expect(filed.target).toBe('县市场监督管理局');
		const row = db
			.prepare('SELECT * FROM complaints WHERE complaint_no = ?')
			.get(filed.complaintNo) as Record<string, unknown>;
		expect(row).toMatchObject({
			query_hash: queryHash(filed.queryCode),
			subject: 'case',
			item_code: ITEM,
			reply_due: '2026-10-19',
			status: 'open'
		});
		expect(JSON.stringify(row)).not.toContain(filed.queryCode);
		expect(complaintForApplicant(db, filed.complaintNo, 'WRONG234', clock.now())).toBeUndefined();
		const shown = complaintForApplicant(db, filed.complaintNo, filed.queryCode, clock.now())!;
		expect(shown).toMatchObject({ caseNo, status: 'open', reply: null, remaining: 15 });
		expect(shown).not.toHaveProperty('contact');
		expect(shown).not.toHaveProperty('name');

		const audited = audits('complaint.file').find((a) => a.object_id === filed.complaintNo)!;
		expect(JSON.parse(audited.payload)).toMatchObject({
			subject: 'case',
			caseNo,
			anonymous: false
		});
		const event = feed('complaint').find((e) => e.record.投诉编号 === filed.complaintNo)!;
		expect(event).toMatchObject({ dataset: '办事互动', case_no: caseNo, department_code: 'SCJG' });
		expect(event.record).toEqual({
			投诉编号: filed.complaintNo,
			投诉类型: '投诉',
			投诉标题: '窗口人员态度差',
			投诉人: '王某',
			被投诉单位: '县市场监督管理局',
			事项编码: ITEM,
			办件编号: caseNo,
			投诉内容: valid().content,
			承办单位: '县监察局',
			承诺时限: '2026-10-19',
			投诉时间: clock.now().toISOString()
		});
	});

	it('is answered once: open with days left, then replied, audited and reported', () => {
		const filed = fileComplaint(ctx, valid({ subject: 'item', itemCode: ITEM }));
		const supervisor = {
			...ctx,
			actor: { id: null, name: 'supervisor', roles: ['supervisor' as const] }
		};
		clock.set('2026-10-09T10:00:00+08:00'); // Friday: the 10th working day after filing
		const open = listComplaints(db, clock.now(), { status: 'open' }).find(
			(c) => c.complaintNo === filed.complaintNo
		)!;
		// 10-10 (Saturday) is worked; 10-12 … 10-16 and 10-19: 7 working days left.
		expect(open).toMatchObject({ status: 'open', remaining: 7, late: false, overdueDays: 0 });
		expect(refusal(() => replyComplaint(supervisor, filed.complaintNo, '  '))).toMatchObject({
			code: 'FIELD_REQUIRED',
			field: 'reply'
		});
		expect(refusal(() => replyComplaint(supervisor, 'TS000', '答复'))).toMatchObject({
			code: 'COMPLAINT_NOT_FOUND'
		});
		const done = replyComplaint(supervisor, filed.complaintNo, '经核查，已责成整改。');
		expect(done).toMatchObject({ status: 'replied', reply: '经核查，已责成整改。', late: false });
		expect(refusal(() => replyComplaint(supervisor, filed.complaintNo, '再答'))).toMatchObject({
			code: 'COMPLAINT_REPLIED'
		});
		expect(
			listComplaints(db, clock.now(), { status: 'open' }).map((c) => c.complaintNo)
		).not.toContain(filed.complaintNo);
		const shown = complaintForApplicant(db, filed.complaintNo, filed.queryCode, clock.now())!;
		expect(shown).toMatchObject({ status: 'replied', reply: '经核查，已责成整改。' });
		expect(audits('complaint.reply').find((a) => a.object_id === filed.complaintNo)).toMatchObject({
			actor_name: 'supervisor'
		});
		const event = feed('complaint_replied').find((e) => e.record.投诉编号 === filed.complaintNo)!;
		expect(event.record).toMatchObject({
			反馈信息: '经核查，已责成整改。',
			超期天数: 0,
			承诺时限: '2026-10-19',
			被投诉单位: '县市场监督管理局'
		});
	});

	it('counts the working days an answer is late', () => {
		clock.set('2026-09-21T10:00:00+08:00');
		const filed = fileComplaint(ctx, valid());
		// Thursday 10-22: 10-20, 10-21 and 10-22 are past the 10-19 date.
		clock.set('2026-10-22T15:00:00+08:00');
		const late = complaintDetail(db, filed.complaintNo, clock.now())!;
		expect(late).toMatchObject({ late: true, overdueDays: 3, remaining: null });
		replyComplaint(ctx, filed.complaintNo, '迟到的答复。');
		const event = feed('complaint_replied').find((e) => e.record.投诉编号 === filed.complaintNo)!;
		expect(event.record.超期天数).toBe(3);
		// Once answered the lateness stays what it was, whatever day it is read.
		clock.set('2026-11-30T10:00:00+08:00');
		expect(complaintDetail(db, filed.complaintNo, clock.now())).toMatchObject({
			late: true,
			overdueDays: 3
		});
	});
});

describe('the hall pages', () => {
	const base = inject('serverUrl');
	const ME = '127.0.0.47';
	const post = (path: string, form: Record<string, string>) =>
		requestFrom(ME, `${base}${path}`, {
			method: 'POST',
			headers: {
				origin: base,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams(form).toString()
		});

	it('files a complaint, shows its receipt, and throttles wrong query codes like /track', async () => {
		const filed = await post('/complaints', {
			kind: 'complaint',
			subject: 'department',
			departmentCode: 'ZFB',
			title: '信息公开答复超期',
			content: '申请政府信息公开已超过二十个工作日仍未答复。',
			anonymous: 'on'
		});
		expect(filed.status).toBe(200);
		const no = /TS\d{18}/.exec(filed.text)?.[0];
		expect(no).toBeDefined();
		expect(filed.text).toContain('投诉举报回执');
		const refused = await post('/complaints', { kind: 'complaint', subject: 'department' });
		expect(refused.status).toBe(400);
		expect(refused.text).toContain('请填写“被投诉部门”');
		expect(refused.text).toContain('请填写“联系方式”');
		let last = 0;
		for (let i = 0; i < 7; i++)
			last = (await post('/complaints/track', { complaintNo: no!, queryCode: 'WRONG234' })).status;
		expect(last).toBe(429);
	});
});
