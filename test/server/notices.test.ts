import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/lib/domain/errors';
import { readCatalogueSources } from '../../src/lib/server/catalogue/sources';
import { FakeClock } from '../../src/lib/server/clock';
import { openDatabase, type Db } from '../../src/lib/server/db/connection';
import { migrate } from '../../src/lib/server/db/migrate';
import { insertCase } from '../../src/lib/server/repositories/case-repository';
import { getEntryByCode } from '../../src/lib/server/repositories/catalogue-repository';
import {
	countAwaitingReply,
	departmentIdsOfUser,
	getNotice,
	listNotices
} from '../../src/lib/server/repositories/notice-repository';
import { loadPublishedSources } from '../../src/lib/server/services/catalogue-service';
import { SYSTEM_ACTOR, type ServiceContext } from '../../src/lib/server/services/context';
import {
	closeNotice,
	defaultReplyDue,
	issueNotice,
	replyNotice
} from '../../src/lib/server/services/notice-service';
import { seedDemoIfEmpty } from '../../src/lib/server/services/seed-service';
import { EXCEPTION_NAMES } from '../../src/lib/server/services/supervision-service';
import { EXCEPTION_TYPE_NAMES } from '../../src/lib/supervision/notices';

/** 督办: issue → reply → close, on a fresh database of the demo county with exceptions inserted. */
const dir = mkdtempSync(join(tmpdir(), 'sunlit-notices-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let db: Db;
const clock = new FakeClock(Date.parse('2026-11-02T10:00:00+08:00')); // a Monday
let caseNo: string;

function as(username: string): ServiceContext {
	const u = db
		.prepare(
			`SELECT u.id, u.username, group_concat(r.role) AS roles FROM users u
			 LEFT JOIN user_roles r ON r.user_id = u.id WHERE u.username = ? GROUP BY u.id`
		)
		.get(username) as { id: number; username: string; roles: string };
	return {
		db,
		clock,
		actor: { id: u.id, name: u.username, roles: u.roles.split(',') as never },
		ip: '127.0.0.1'
	};
}

let keyN = 0;
/** An exception row as detection would write it. */
function exception(type = 'overdue', department = 'SCJG', withCase = true): number {
	const dep = db.prepare('SELECT id FROM departments WHERE code = ?').get(department) as {
		id: number;
	};
	const caseId = withCase
		? (db.prepare('SELECT id FROM cases WHERE case_no = ?').get(caseNo) as { id: number }).id
		: null;
	return Number(
		db
			.prepare(
				`INSERT INTO supervision_exceptions (key, type, severity, case_id, department_id, evidence, raised_at)
				 VALUES (?, ?, 'high', ?, ?, ?, ?)`
			)
			.run(
				`test-${++keyN}`,
				type,
				caseId,
				dep.id,
				JSON.stringify({ 承诺办结时间: '2026-10-20', 超期工作日: 9 }),
				clock.now().toISOString()
			).lastInsertRowid
	);
}

const exceptionRow = (id: number) =>
	db.prepare('SELECT status, closed_at FROM supervision_exceptions WHERE id = ?').get(id) as {
		status: string;
		closed_at: string | null;
	};

function code(fn: () => unknown): string {
	try {
		fn();
	} catch (e) {
		if (e instanceof AppError) return e.field ? `${e.code}:${e.field}` : e.code;
		throw e;
	}
	return 'no error';
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

const audits = (no: string) =>
	db
		.prepare(
			"SELECT action, actor_name FROM audit_log WHERE object_type = 'notice' AND object_id = ? ORDER BY seq"
		)
		.all(no) as { action: string; actor_name: string }[];

beforeAll(async () => {
	db = openDatabase(join(dir, 'n.db'));
	migrate(db);
	await seedDemoIfEmpty(db, clock);
	loadPublishedSources({ db, clock, actor: SYSTEM_ACTOR, ip: null }, readCatalogueSources());
	const entry = getEntryByCode(db, '990001-SCJG-CF-0001')!;
	caseNo = '990001202610200001';
	insertCase(db, {
		case_no: caseNo,
		query_hash: 'x'.repeat(64),
		entry_id: entry.id,
		item_code: entry.code,
		item_version: 1,
		content_hash: 'h',
		channel: 'window',
		applicant_name: '某食品店',
		applicant_id: '',
		status: 'in_progress',
		state: '{}',
		version: 1,
		submitted_at: '2026-10-20T01:00:00.000Z',
		accepted_at: '2026-10-20T01:00:00.000Z',
		statutory_due: null,
		promised_due: '2026-10-20',
		closed_at: null,
		outcome: null,
		updated_at: '2026-10-20T01:00:00.000Z'
	});
});

describe('supervision notices (督办)', () => {
	it('reports exception types by the same names as detection', () => {
		expect(EXCEPTION_TYPE_NAMES).toEqual(EXCEPTION_NAMES);
	});

	it('runs from an exception: issued, replied by the department, closed with fault found', () => {
		const ex = exception();
		const supervisor = as('supervisor');
		const { noticeNo } = issueNotice(supervisor, {
			exceptionId: ex,
			departmentCode: '',
			subject: '关于办件超期的督办',
			content: '请说明超期原因。',
			replyDue: defaultReplyDue(supervisor)
		});
		expect(noticeNo).toBe('DB20261102001');
		let n = getNotice(db, noticeNo)!;
		// The department and case come from the exception.
		expect(n).toMatchObject({
			status: 'issued',
			department_code: 'SCJG',
			case_no: caseNo,
			exception_type: 'overdue',
			issuer_name: '监察局 赵监察',
			issuer_department: '县监察局',
			// Five working days after Monday 11-02.
			reply_due: '2026-11-09'
		});
		expect(exceptionRow(ex)).toEqual({ status: 'notified', closed_at: null });
		// The exception cannot be notified twice.
		expect(
			code(() =>
				issueNotice(supervisor, {
					exceptionId: ex,
					departmentCode: 'SCJG',
					subject: 's',
					content: 'c',
					replyDue: '2026-11-09'
				})
			)
		).toBe('EXCEPTION_NOT_OPEN:exception');

		// Closing before the reply is refused.
		expect(
			code(() => closeNotice(supervisor, noticeNo, { finding: '已核实', fault: 'none' }))
		).toBe('NOTICE_NOT_REPLIED');

		// An officer of another department may not reply; nor may the supervisor.
		expect(code(() => replyNotice(as('zfb'), noticeNo, '与我无关'))).toBe(
			'NOTICE_NOT_YOUR_DEPARTMENT'
		);
		expect(code(() => replyNotice(supervisor, noticeNo, '答复'))).toBe(
			'NOTICE_NOT_YOUR_DEPARTMENT'
		);
		expect(code(() => replyNotice(as('officer'), noticeNo, '   '))).toBe('FIELD_REQUIRED:reply');
		expect(countAwaitingReply(db, departmentIdsOfUser(db, as('officer').actor.id!))).toBe(1);

		clock.advance(3600_000);
		replyNotice(as('officer'), noticeNo, '经核查，系审核岗人员请假所致，已整改。');
		n = getNotice(db, noticeNo)!;
		expect(n).toMatchObject({ status: 'replied', replier_name: '市场监管局 张办理' });
		expect(countAwaitingReply(db, departmentIdsOfUser(db, as('officer').actor.id!))).toBe(0);
		// A second reply is refused, and the first one stays.
		expect(code(() => replyNotice(as('officer'), noticeNo, '再答复'))).toBe(
			'NOTICE_ALREADY_REPLIED'
		);
		expect(getNotice(db, noticeNo)!.reply).toBe('经核查，系审核岗人员请假所致，已整改。');

		// Only a supervisor closes; fault found needs its detail.
		expect(
			code(() => closeNotice(as('officer'), noticeNo, { finding: '自己结案', fault: 'none' }))
		).toBe('NOTICE_SUPERVISOR_ONLY');
		expect(
			code(() => closeNotice(supervisor, noticeNo, { finding: '超期属实', fault: 'found' }))
		).toBe('FAULT_DETAIL_REQUIRED:faultDetail');
		expect(code(() => closeNotice(supervisor, noticeNo, { finding: ' ', fault: 'none' }))).toBe(
			'FIELD_REQUIRED:finding'
		);
		expect(getNotice(db, noticeNo)!.status).toBe('replied');
		expect(exceptionRow(ex).status).toBe('notified');

		clock.advance(3600_000);
		closeNotice(supervisor, noticeNo, {
			finding: '超期属实，部门已整改。',
			fault: 'found',
			faultDetail: '审核岗李某未按时办理，予以通报批评。'
		});
		n = getNotice(db, noticeNo)!;
		expect(n).toMatchObject({
			status: 'closed',
			fault: 'found',
			fault_detail: '审核岗李某未按时办理，予以通报批评。',
			closer_name: '监察局 赵监察'
		});
		expect(exceptionRow(ex)).toEqual({ status: 'closed', closed_at: clock.now().toISOString() });
		expect(code(() => closeNotice(supervisor, noticeNo, { finding: 'x', fault: 'none' }))).toBe(
			'NOTICE_CLOSED'
		);

		// Every change on the audit log, by who made it.
		expect(audits(noticeNo)).toEqual([
			{ action: 'notice.issued', actor_name: 'supervisor' },
			{ action: 'notice.replied', actor_name: 'officer' },
			{ action: 'notice.closed', actor_name: 'supervisor' }
		]);
		// The feed reports issue and close in GB/T 39046 电子监察 field names.
		const issued = feed('notice_issued').at(-1)!;
		expect(issued).toMatchObject({ dataset: '电子监察', case_no: caseNo, department_code: 'SCJG' });
		expect(issued.record).toMatchObject({
			监察编号: noticeNo,
			督办内容: '关于办件超期的督办：请说明超期原因。',
			监察规则编号: 'JC-01',
			监察预警类型: '超期',
			责任部门: '县市场监督管理局',
			办件编号: caseNo
		});
		expect(issued.record.督办发出时间).toBe(n.issued_at);
		const closed = feed('notice_closed').at(-1)!;
		expect(closed.record).toMatchObject({
			监察编号: noticeNo,
			监察结果描述: '超期属实，部门已整改。',
			监察预警类型: '超期',
			状态产生时间: n.closed_at,
			办件编号: caseNo
		});
	});

	it('issues from a case or on its own, refusing bad input and storing nothing', () => {
		const supervisor = as('supervisor');
		const base = {
			caseNo,
			departmentCode: 'SCJG',
			subject: '关于办件的督办',
			content: '请核实。',
			replyDue: '2026-11-09'
		};
		const before = listNotices(db).length;
		const feedBefore = feed('notice_issued').length;
		expect(code(() => issueNotice(supervisor, { ...base, replyDue: '2026-11-01' }))).toBe(
			'REPLY_DUE_PAST:replyDue'
		);
		expect(code(() => issueNotice(supervisor, { ...base, replyDue: '2026-02-30' }))).toBe(
			'DATE_INVALID:replyDue'
		);
		expect(code(() => issueNotice(supervisor, { ...base, subject: '' }))).toBe(
			'FIELD_REQUIRED:subject'
		);
		expect(code(() => issueNotice(supervisor, { ...base, content: 'x'.repeat(2001) }))).toBe(
			'FIELD_TOO_LONG:content'
		);
		expect(code(() => issueNotice(supervisor, { ...base, departmentCode: 'NOPE' }))).toBe(
			'NOTICE_DEPARTMENT_UNKNOWN:department'
		);
		expect(code(() => issueNotice(supervisor, { ...base, caseNo: '990001209901010001' }))).toBe(
			'CASE_NOT_FOUND:case'
		);
		expect(code(() => issueNotice(supervisor, { ...base, exceptionId: 999999 }))).toBe(
			'EXCEPTION_NOT_FOUND:exception'
		);
		expect(code(() => issueNotice(as('officer'), base))).toBe('NOTICE_SUPERVISOR_ONLY');
		expect(listNotices(db).length).toBe(before);
		expect(feed('notice_issued').length).toBe(feedBefore);

		// Today is allowed; the case is on the notice, no exception type in the feed.
		const { noticeNo } = issueNotice(supervisor, { ...base, replyDue: '2026-11-02' });
		expect(getNotice(db, noticeNo)).toMatchObject({ case_no: caseNo, exception_id: null });
		const rec = feed('notice_issued').at(-1)!.record;
		expect(rec.办件编号).toBe(caseNo);
		expect(rec).not.toHaveProperty('监察预警类型');
		// A notice with no case at all.
		const plain = issueNotice(supervisor, { ...base, caseNo: '', departmentCode: 'ZFB' });
		expect(getNotice(db, plain.noticeNo)).toMatchObject({ case_no: null, department_code: 'ZFB' });
		expect(feed('notice_issued').at(-1)!.record).not.toHaveProperty('办件编号');
		// zfb answers for ZFB, officer does not.
		expect(code(() => replyNotice(as('officer'), plain.noticeNo, '答复'))).toBe(
			'NOTICE_NOT_YOUR_DEPARTMENT'
		);
		replyNotice(as('zfb'), plain.noticeNo, '已核实。');
		closeNotice(supervisor, plain.noticeNo, {
			finding: '无问题',
			fault: 'none',
			faultDetail: '忽略'
		});
		expect(getNotice(db, plain.noticeNo)).toMatchObject({ fault: 'none', fault_detail: null });
	});

	it('numbers notices per China day without gaps, refused issues taking no number', () => {
		const supervisor = as('supervisor');
		const issue = (subject: string) =>
			issueNotice(supervisor, {
				departmentCode: 'SCJG',
				subject,
				content: '请核实。',
				replyDue: '2026-12-31'
			}).noticeNo;
		clock.set('2026-11-03T00:30:00+08:00'); // just after midnight in China: a new day
		expect(issue('一')).toBe('DB20261103001');
		expect(code(() => issue(''))).toBe('FIELD_REQUIRED:subject');
		// A refusal after the checks of the exception takes no number either.
		const ex = exception('same_person');
		db.prepare("UPDATE supervision_exceptions SET status = 'closed' WHERE id = ?").run(ex);
		expect(
			code(() =>
				issueNotice(supervisor, {
					exceptionId: ex,
					departmentCode: 'SCJG',
					subject: 's',
					content: 'c',
					replyDue: '2026-12-31'
				})
			)
		).toBe('EXCEPTION_NOT_OPEN:exception');
		expect(issue('二')).toBe('DB20261103002');
		expect(issue('三')).toBe('DB20261103003');
		clock.set('2026-11-03T23:59:00+08:00');
		expect(issue('四')).toBe('DB20261103004');
		clock.set('2026-11-04T00:00:00+08:00');
		expect(issue('五')).toBe('DB20261104001');
		const nos = listNotices(db)
			.map((n) => n.notice_no)
			.filter((no) => no.startsWith('DB20261103'))
			.sort();
		expect(nos).toEqual(['DB20261103001', 'DB20261103002', 'DB20261103003', 'DB20261103004']);
	});
});
