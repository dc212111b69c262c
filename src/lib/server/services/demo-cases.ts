/**
 * Demo cases for a fresh demo county, so that the tracking page, the workbench, the statistics and
 * the supervision console show something on first start. They are made the way real ones are —
 * through intake, the runner, evaluation, offline registration and complaints, each with the clock
 * set to a past working day — so they are audited and reported like any other. Skipped with
 * SUNLIT_DEMO_CASES=0 (the test suites do: they count what they make).
 *
 * - 政府信息公开申请 accepted 8 working days ago: 登记与审查 (2 working days) is overdue — red.
 * - one accepted 2 working days ago: its step has used its limit — yellow.
 * - one waiting for 补正 (the clock stands still).
 * - one closed on time 5 working days ago and rated 非常满意 by the applicant.
 * - a 市场监管局 case registered offline without its acceptance document number — an exception.
 * - an open complaint about 政府办.
 */
import { addDays, isWorkingDay, type HolidayTable } from '../../domain/working-days';
import { chinaDate } from '../../domain/dates';
import type { Db } from '../db/connection';
import { listDepartments } from '../repositories/org-repository';
import { getUserRowByUsername, rolesOf } from '../repositories/user-repository';
import { keepFile } from '../uploads/store';
import { holidayTable } from './calendar-service';
import { fileComplaint } from './complaint-service';
import type { Actor, ServiceContext } from './context';
import { evaluateCase } from './evaluation-service';
import { submitIntake } from './intake-service';
import { recordCase } from './recorded-case-service';
import { applyEvent, type RunnerEvent } from './runner-service';
import { sweepSupervision } from './supervision-scheduler';

const ITEM = '990001-ZFB-QT-0001';
const PDF = `%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% 示例县演示材料\n%%EOF\n`;

/** The China date `n` working days before `today`, at hh:mm Beijing time. */
function workingDaysAgo(today: string, n: number, hhmm: string, table: HolidayTable): Date {
	let day = today;
	let left = n;
	while (left > 0) {
		day = addDays(day, -1);
		if (isWorkingDay(day, table).working) left--;
	}
	return new Date(`${day}T${hhmm}:00+08:00`);
}

function actorOf(db: Db, username: string): Actor {
	const row = getUserRowByUsername(db, username);
	if (!row) throw new Error(`demo user ${username} missing`);
	return { id: row.id, name: row.username, roles: rolesOf(db, row.id) };
}

/** Makes the demo cases; returns how many cases it made. */
export async function seedDemoCases(
	db: Db,
	root: string,
	uploadsDir: string,
	now: Date
): Promise<number> {
	const table = holidayTable(db);
	const today = chinaDate(now);
	const at = (n: number, hhmm: string) => workingDaysAgo(today, n, hhmm, table);
	const ctx = (actor: Actor, when: Date): ServiceContext => ({
		db,
		clock: { now: () => when },
		actor,
		ip: null
	});
	const anonymous: Actor = { id: null, name: 'anonymous', roles: [] };
	const zfb = actorOf(db, 'zfb');
	const zfbSh = actorOf(db, 'zfb-sh');

	const kept = await keepFile(
		uploadsDir,
		new File([PDF], '身份证明.pdf', { type: 'application/pdf' })
	);
	if (!kept.ok) throw new Error(`demo upload refused: ${kept.code}`);
	const proof = { ref: kept.ref, name: kept.name, size: kept.size, type: kept.type };
	const apply = (when: Date, name: string, content: string) =>
		submitIntake(ctx(anonymous, when), root, uploadsDir, {
			code: ITEM,
			data: {
				applicantType: 'person',
				mobile: '13800138000',
				address: '示例县人民路 1 号',
				content,
				delivery: 'email',
				proof
			},
			applicant: { name, idNumber: '' }
		});
	const act = (actor: Actor, when: Date, caseNo: string, event: RunnerEvent) =>
		applyEvent(ctx(actor, when), root, caseNo, event);
	/** Claims and completes the case's first open task. */
	const handle = (
		actor: Actor,
		when: Date,
		caseNo: string,
		tasks: { id: string; status: string }[],
		extra: Partial<Extract<RunnerEvent, { type: 'complete' }>> = {}
	) => {
		const task = tasks.find((t) => t.status === 'open')!;
		act(actor, when, caseNo, { type: 'claim', task: task.id });
		return act(actor, new Date(when.getTime() + 3_600_000), caseNo, {
			type: 'complete',
			task: task.id,
			opinion: '已办理',
			...extra
		});
	};

	// Overdue (red): accepted 8 working days ago, nobody has handled 登记与审查 since.
	const red = apply(at(8, '09:10'), '周明', '2026 年示例县城区道路改造项目的立项批复');
	act(zfb, at(8, '10:00'), red.caseNo, { type: 'accept', opinion: '材料齐全，予以受理' });

	// Yellow: accepted 2 working days ago; its 2-day step is due today.
	const yellow = apply(at(2, '09:20'), '吴芳', '示例县 2026 年义务教育阶段学校招生计划');
	act(zfb, at(2, '09:40'), yellow.caseNo, { type: 'accept', opinion: '予以受理' });

	// Waiting for 补正: the request was unclear; the clock stands still.
	const waiting = apply(at(3, '14:00'), '郑强', '关于某某事项的文件');
	let s = act(zfb, at(3, '15:00'), waiting.caseNo, { type: 'accept', opinion: '予以受理' }).state;
	handle(zfb, at(2, '10:00'), waiting.caseNo, s.tasks, {
		outcome: '需要补正',
		opinion: '申请内容不明确',
		missingMaterials: ['所需信息的名称、文号或便于查询的其他特征描述']
	});

	// Closed on time and rated by the applicant.
	const done = apply(at(12, '09:00'), '王丽', '示例县 2025 年财政预算执行情况');
	s = act(zfb, at(12, '09:30'), done.caseNo, { type: 'accept', opinion: '予以受理' }).state;
	s = handle(zfb, at(11, '10:00'), done.caseNo, s.tasks, {
		outcome: '内容明确',
		opinion: '申请内容明确'
	}).state;
	s = handle(zfb, at(7, '10:00'), done.caseNo, s.tasks, { opinion: '已检索到相关信息' }).state;
	handle(zfbSh, at(6, '15:00'), done.caseNo, s.tasks, {
		outcome: '予以公开',
		opinion: '属于主动公开范围，予以公开'
	});
	evaluateCase(ctx(anonymous, at(5, '20:00')), {
		caseNo: done.caseNo,
		queryCode: done.queryCode,
		level: 5,
		comment: '答复及时，说明清楚。'
	});

	// Registered offline without its acceptance document number: supervision flags it.
	const scjg = listDepartments(db).find((d) => d.code === 'SCJG');
	if (scjg) {
		const received = at(6, '09:00').toISOString();
		const closed = at(4, '16:00').toISOString();
		recordCase(ctx(actorOf(db, 'officer'), at(4, '17:00')), {
			origin: 'offline',
			department: { id: scjg.id, code: scjg.code, name: scjg.name },
			payload: {
				事项编码: '990001-SCJG-XK-0001',
				办事申请: {
					办件类型: '承诺件',
					申请者名称: '示例县便民超市',
					申报来源: '窗口',
					申请时间: received
				},
				事项受理: { 受理人员: '窗口 李受理', 受理时间: received, 承诺办结时间: addDays(today, 10) },
				事项办理: [
					{
						环节名称: '审查决定',
						业务动作: '通过',
						环节处理人: '审批 赵审批',
						环节处理意见: '符合条件，准予许可',
						环节开始时间: received,
						环节结束时间: closed
					}
				],
				事项办结: { 办结时间: closed, 办结结果: '准予', 结果证照名称: '食品经营许可证' }
			}
		});
	}

	// An open complaint about 政府办.
	fileComplaint(ctx(anonymous, at(1, '11:00')), {
		kind: 'complaint',
		subject: 'department',
		departmentCode: 'ZFB',
		title: '依申请公开答复超期',
		content: '本人申请公开城区道路改造项目的立项批复，至今未收到答复，也没有延期告知。',
		anonymous: false,
		name: '周明',
		contact: '13800138000'
	});

	sweepSupervision(db, now);
	return 5;
}
