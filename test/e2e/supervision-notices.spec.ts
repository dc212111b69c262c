import { type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { expect, test, DEMO_USERS, freshContext, hydrated, login, screenshotPath } from './helpers';

/**
 * 异常处理 / 督办: an exception (as detection writes it) is on the supervisor's list; the supervisor
 * sends a notice to 县市场监督管理局, its officer replies on the workbench, another department's
 * officer cannot see it, and the supervisor closes it finding 过错责任. The notice prints as a
 * 督办通知书.
 */
const DB_PATH = join(process.cwd(), 'test/e2e/.tmp/e2e.db');
const CASE_NO = '990001202610200901';

/** A case of 市场监管局 and an overdue exception about it, written straight into the e2e database. */
function insertFixtures(): number {
	const db = new Database(DB_PATH);
	try {
		const entry = db
			.prepare("SELECT id, code FROM catalogue_entries WHERE code = '990001-SCJG-CF-0001'")
			.get() as { id: number; code: string };
		const at = '2026-10-20T01:00:00.000Z';
		const caseId = Number(
			db
				.prepare(
					`INSERT INTO cases (case_no, query_hash, entry_id, item_code, item_version, content_hash,
						channel, applicant_name, status, state, version, submitted_at, accepted_at,
						promised_due, updated_at, origin)
					 VALUES (?, ?, ?, ?, 1, 'h', 'window', '某食品店', 'in_progress', '{}', 1, ?, ?,
						'2026-10-30', ?, 'offline')`
				)
				.run(CASE_NO, 'x'.repeat(64), entry.id, entry.code, at, at, at).lastInsertRowid
		);
		const dep = db.prepare("SELECT id FROM departments WHERE code = 'SCJG'").get() as {
			id: number;
		};
		return Number(
			db
				.prepare(
					`INSERT INTO supervision_exceptions (key, type, severity, case_id, department_id, evidence, raised_at)
					 VALUES ('e2e-overdue', 'overdue', 'high', ?, ?, ?, ?)`
				)
				.run(
					caseId,
					dep.id,
					JSON.stringify({ 承诺办结时间: '2026-10-30', 超期工作日: 9, 当前环节: '审核' }),
					new Date().toISOString()
				).lastInsertRowid
		);
	} finally {
		db.close();
	}
}

/** A notice issued long ago and never answered (issuing refuses a past reply date). */
function insertOverdueNotice() {
	const db = new Database(DB_PATH);
	try {
		db.prepare(
			`INSERT INTO supervision_notices (notice_no, department_id, subject, content, reply_due, issued_at)
			 SELECT 'DB20261001001', id, '关于投诉处理迟缓的督办', '请说明情况。', '2026-10-09',
				'2026-10-01T02:00:00.000Z' FROM departments WHERE code = 'SCJG'`
		).run();
	} finally {
		db.close();
	}
}

async function open(page: Page, path: string) {
	await page.goto(path);
	await hydrated(page);
}

test('a supervisor sends a 督办 notice, the department replies, the supervisor closes it with fault found', async ({
	browser
}) => {
	const exceptionId = insertFixtures();
	const errors: string[] = [];
	const supervisor = await (await freshContext(browser)).newPage();
	supervisor.on('pageerror', (e) => errors.push(e.message));
	await login(supervisor, DEMO_USERS.supervisor.username, DEMO_USERS.supervisor.password);

	// The exception list: Chinese type, severity, evidence as key/value, the case.
	await open(supervisor, '/supervision/exceptions');
	await expect(supervisor.getByRole('heading', { level: 1, name: '异常处理' })).toBeVisible();
	const row = supervisor.locator(`tr[data-exception="${exceptionId}"]`);
	await expect(row).toContainText('超期');
	await expect(row).toContainText('高');
	await expect(row).toContainText('超期工作日');
	await expect(row).toContainText('县市场监督管理局');
	await expect(row.getByRole('link', { name: CASE_NO })).toHaveAttribute(
		'href',
		`/supervision/cases/${CASE_NO}`
	);
	await expect(row).toContainText('待处理');
	// Filters: another type hides it.
	await supervisor.locator('#f-type').selectOption('late_push');
	await supervisor.getByRole('button', { name: '筛选' }).click();
	await expect(supervisor.locator(`tr[data-exception="${exceptionId}"]`)).toHaveCount(0);
	await open(supervisor, '/supervision/exceptions?type=overdue&department=SCJG');
	await supervisor.screenshot({ path: screenshotPath('supervision-exceptions'), fullPage: true });

	// From a case the form is prefilled with the case's department too.
	await open(supervisor, `/supervision/notices/new?case=${CASE_NO}`);
	await expect(supervisor.locator('#department')).toHaveValue('SCJG');
	await expect(supervisor.locator('#subject')).toHaveValue(`关于办件 ${CASE_NO} 的督办`);

	// 发出督办 from the exception: prefilled; an empty subject is refused, the rest kept.
	await open(supervisor, '/supervision/exceptions');
	await supervisor
		.locator(`tr[data-exception="${exceptionId}"]`)
		.getByRole('link', { name: '发出督办' })
		.click();
	await expect(supervisor.getByRole('heading', { level: 1, name: '新建督办' })).toBeVisible();
	await hydrated(supervisor);
	await expect(supervisor.locator('#department')).toHaveValue('SCJG');
	await expect(supervisor.locator('#content')).toHaveValue(/超期工作日：9/);
	await expect(supervisor.locator('#replyDue')).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
	await supervisor.locator('#subject').fill('');
	await supervisor.locator('#content').fill('请说明办件超期原因，提出整改措施。');
	await supervisor.getByRole('button', { name: '发出督办' }).click();
	await expect(supervisor.locator('#subject-error')).toContainText('请填写“督办事由”');
	await expect(supervisor.locator('#content')).toHaveValue('请说明办件超期原因，提出整改措施。');
	await supervisor.screenshot({ path: screenshotPath('supervision-notice-new'), fullPage: true });
	await supervisor.locator('#subject').fill('关于办件超期的督办');
	await supervisor.getByRole('button', { name: '发出督办' }).click();
	await expect(supervisor).toHaveURL(/\/supervision\/notices\/DB\d{11}\?issued=1$/);
	const noticeNo = /notices\/(DB\d{11})/.exec(supervisor.url())![1]!;
	await expect(supervisor.getByRole('status')).toContainText(`督办 ${noticeNo} 已发出`);
	await expect(supervisor.getByTestId('notice-status')).toHaveText('待答复');
	await expect(supervisor.getByText('部门答复后方可作出处理结论。')).toBeVisible();

	// The officer of 市场监管局 sees the count on the workbench and replies.
	const officer = await (await freshContext(browser)).newPage();
	officer.on('pageerror', (e) => errors.push(e.message));
	await login(officer, DEMO_USERS.officer.username, DEMO_USERS.officer.password);
	await open(officer, '/work');
	await expect(officer.getByTestId('notices-link')).toContainText('1 件待答复');
	await officer.screenshot({ path: screenshotPath('work-notices-badge') });
	await officer.getByTestId('notices-link').click();
	await expect(officer.getByRole('heading', { level: 1, name: '督办答复' })).toBeVisible();
	await officer.getByRole('link', { name: noticeNo }).click();
	await hydrated(officer);
	await expect(officer.getByTestId('notice-document')).toContainText('县市场监督管理局：');
	await officer.getByRole('button', { name: '提交答复' }).click();
	await expect(officer.locator('#reply-error')).toContainText('请填写“答复内容”');
	await officer.locator('#reply').fill('经核查，审核岗人员休假未交接导致超期，已建立 AB 岗制度。');
	await officer.getByRole('button', { name: '提交答复' }).click();
	await expect(officer.getByRole('status')).toContainText('答复已提交');
	await expect(officer.getByTestId('notice-reply')).toContainText('AB 岗制度');
	await expect(officer.getByRole('button', { name: '提交答复' })).toHaveCount(0);

	// Another department's officer does not see it.
	const zfb = await (await freshContext(browser)).newPage();
	await login(zfb, 'zfb', 'demo-officer-2026');
	const res = await zfb.goto(`/work/notices/${noticeNo}`);
	expect(res!.status()).toBe(404);
	await zfb.goto('/work/notices');
	await expect(zfb.getByText('没有发给本部门的督办。')).toBeVisible();

	// The supervisor closes it: fault found needs its detail.
	await open(supervisor, `/supervision/notices/${noticeNo}`);
	await expect(supervisor.getByTestId('notice-status')).toHaveText('已答复');
	await supervisor.locator('#finding').fill('超期属实，部门已整改。');
	await supervisor.getByLabel('存在过错责任').check();
	await supervisor.getByRole('button', { name: '办结督办' }).click();
	await expect(supervisor.locator('#faultDetail-error')).toContainText(
		'认定存在过错责任时，请填写“过错责任说明”'
	);
	await expect(supervisor.locator('#finding')).toHaveValue('超期属实，部门已整改。');
	await supervisor.locator('#faultDetail').fill('审核岗李某未按时办理，予以通报批评。');
	await supervisor.getByRole('button', { name: '办结督办' }).click();
	await expect(supervisor.getByRole('status')).toContainText('督办已办结');
	await expect(supervisor.getByTestId('notice-status')).toHaveText('已办结');
	const finding = supervisor.getByTestId('notice-finding');
	await expect(finding).toContainText('存在过错责任');
	await expect(finding).toContainText('通报批评');
	await expect(supervisor.getByText('办结督办 · supervisor')).toBeVisible();
	await supervisor.screenshot({ path: screenshotPath('supervision-notice'), fullPage: true });

	// Printed: only the 督办通知书.
	await supervisor.emulateMedia({ media: 'print' });
	await expect(supervisor.getByTestId('notice-finding')).toBeHidden();
	await expect(supervisor.getByTestId('notice-document')).toContainText('督办通知书');
	await expect(supervisor.getByTestId('notice-document')).toContainText('县监察局');
	await supervisor.screenshot({ path: screenshotPath('supervision-notice-print'), fullPage: true });
	await supervisor.emulateMedia({ media: 'screen' });

	// The list and the exception follow; a notice past its reply date without a reply is in red.
	insertOverdueNotice();
	await open(supervisor, '/supervision/notices');
	await expect(supervisor.locator(`tr[data-notice="${noticeNo}"]`)).toContainText('已办结');
	const late = supervisor.locator('tr[data-notice="DB20261001001"]');
	await expect(late).toContainText('逾期未答复');
	await expect(late).toHaveCSS('background-color', 'rgb(253, 232, 230)');
	await expect(supervisor.locator(`tr[data-notice="${noticeNo}"]`)).not.toContainText('逾期');
	await supervisor.screenshot({ path: screenshotPath('supervision-notices'), fullPage: true });
	await open(supervisor, '/supervision/exceptions');
	const done = supervisor.locator(`tr[data-exception="${exceptionId}"]`);
	await expect(done).toContainText('已办结');
	await expect(done.getByRole('link', { name: `查看督办 ${noticeNo}` })).toBeVisible();

	expect(errors).toEqual([]);
});
