import { type APIRequestContext, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, DEMO_USERS, freshContext, hydrated, login, screenshotPath } from './helpers';

/**
 * 电子监察 end to end: a 政府信息公开 case goes overdue while the supervisor watches the live
 * overview; the red warning appears without a reload; the supervisor drills down to the case,
 * issues a 督办 notice, the department replies, the supervisor closes it with a finding; the
 * department finishes the case, the applicant evaluates it and complains, and the supervisor
 * answers the complaint.
 *
 * Time passes through test/e2e/fake-clock.mjs: the e2e server is started with it (see
 * playwright.config.ts) and reads how far ahead to run from a file. The product has no such hook.
 */
const CLOCK_FILE = join(process.cwd(), 'test/e2e/.tmp/clock-offset-ms');
const DAY = 86_400_000;
const setClock = (days: number) => writeFileSync(CLOCK_FILE, String(days * DAY));

const ITEM = '990001-ZFB-QT-0001';
const ANSWERS = {
	applicantType: 'person',
	mobile: '13800138000',
	address: '示例县人民路 1 号',
	content: '2026 年示例县财政预算执行情况',
	delivery: 'email'
};

test.afterAll(() => setClock(0));

async function apply(request: APIRequestContext, baseURL: string) {
	const upload = await request.post('/api/v1/uploads', {
		headers: { origin: baseURL },
		multipart: {
			file: {
				name: '身份证明.pdf',
				mimeType: 'application/pdf',
				buffer: Buffer.from(`%PDF-1.4\n% supervision ${Date.now()}\n%%EOF\n`)
			}
		}
	});
	expect(upload.status()).toBe(201);
	const proof = await upload.json();
	const res = await request.post('/api/v1/cases', {
		data: { item: ITEM, applicant: { name: '钱申请' }, answers: ANSWERS, uploads: { proof } }
	});
	expect(res.status()).toBe(201);
	return (await res.json()) as { caseNo: string; queryCode: string };
}

interface Acted {
	version: number;
	status: string;
	tasks: { id: string; node: string; status: string }[];
}

/** An officer action over the API with the page's session. */
async function act(page: Page, caseNo: string, body: Record<string, unknown>): Promise<Acted> {
	const res = await page.request.post(`/api/v1/cases/${caseNo}/events`, { data: body });
	expect(res.status(), await res.text()).toBe(200);
	return (await res.json()) as Acted;
}

/** Claims and completes the open task at `node`. */
async function handle(page: Page, caseNo: string, s: Acted, node: string, outcome?: string) {
	const task = s.tasks.find((t) => t.node === node)!;
	expect(task, `an open task at ${node}`).toBeTruthy();
	s = await act(page, caseNo, { type: 'claim', task: task.id, expectedVersion: s.version });
	return act(page, caseNo, {
		type: 'complete',
		task: task.id,
		opinion: '已办理',
		...(outcome ? { outcome } : {}),
		expectedVersion: s.version
	});
}

test('a case goes overdue live, is supervised by notice, closed, evaluated and complained about', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	setClock(0);
	const errors: string[] = [];
	const watch = (p: Page) => p.on('pageerror', (e) => errors.push(e.message));

	// The applicant applies; 政府办 accepts the application (受理).
	const applicant = await (await freshContext(browser)).newPage();
	watch(applicant);
	const { caseNo, queryCode } = await apply(applicant.request, baseURL!);
	const zfb = await (await freshContext(browser)).newPage();
	watch(zfb);
	await login(zfb, 'zfb', 'demo-officer-2026');
	let s = await act(zfb, caseNo, { type: 'accept', opinion: '予以受理', expectedVersion: 1 });
	expect(s.status).toBe('in_progress');

	// The supervisor watches the overview.
	const sv = await (await freshContext(browser)).newPage();
	watch(sv);
	await login(sv, DEMO_USERS.supervisor.username, DEMO_USERS.supervisor.password);
	await sv.goto('/supervision');
	await hydrated(sv);
	await expect(sv.getByTestId('live-status')).toHaveAttribute('data-connected', 'true');
	const red = sv.locator('tr[data-department="ZFB"] td[data-column="redCases"]');
	const before = Number(await red.textContent());
	await sv.evaluate(() => ((window as unknown as { marker: number }).marker = 1));

	// Twenty days pass: 登记与审查 (2 working days) is long overdue. The scheduler sweeps, and the
	// overview turns red on its own — the same document, no reload.
	setClock(20);
	await expect
		.poll(async () => Number(await red.textContent()), { timeout: 20_000 })
		.toBeGreaterThan(before);
	await expect(red).toHaveClass(/red/);
	expect(await sv.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
	await sv.screenshot({ path: screenshotPath('supervision-overview-red'), fullPage: true });

	// A new day, a new sign-in (sessions end after hours): drill down from the number to the case.
	await login(sv, DEMO_USERS.supervisor.username, DEMO_USERS.supervisor.password);
	await sv.goto('/supervision');
	await hydrated(sv);
	await red.getByRole('link').click();
	await expect(sv).toHaveURL(/\/supervision\/departments\/ZFB\?show=red/);
	await sv.getByRole('link', { name: caseNo }).click();
	await expect(sv.getByRole('heading', { level: 1 })).toContainText(caseNo);
	await expect(sv.getByTestId('case-warning')).toHaveText('红色预警');
	await expect(sv.getByTestId('case-warnings')).toContainText('环节时限：登记与审查');
	await expect(sv.getByTestId('case-events')).toContainText('提交申请');
	await expect(sv.getByTestId('case-audit')).toContainText('supervision.warning');
	await expect(sv.getByTestId('case-definition')).toContainText('拟定答复并法制审核');
	await expect(sv.getByText('超期').first()).toBeVisible();
	await sv.screenshot({ path: screenshotPath('supervision-case'), fullPage: true });

	// 督办 from the overdue exception: the supervisor issues a notice to 政府办 with a deadline.
	await sv.goto('/supervision/exceptions?department=ZFB&type=overdue');
	await hydrated(sv);
	const exception = sv.locator('tr', { has: sv.getByRole('link', { name: caseNo }) }).first();
	await exception.getByRole('link', { name: '发出督办' }).click();
	await expect(sv.getByRole('heading', { level: 1, name: '新建督办' })).toBeVisible();
	await expect(sv.locator('#department')).toHaveValue('ZFB');
	await sv.locator('#subject').fill(`关于办件 ${caseNo} 超期的督办`);
	await sv.locator('#content').fill('请说明登记与审查超期的原因，并于期限内答复整改措施。');
	await sv.getByRole('button', { name: '发出督办' }).click();
	await expect(sv).toHaveURL(/\/supervision\/notices\/DB\d{11}/);
	const noticeNo = /notices\/(DB\d{11})/.exec(sv.url())![1]!;
	await expect(sv.getByTestId('notice-status')).toHaveText('待答复');

	// 政府办 answers on its workbench.
	await login(zfb, 'zfb', 'demo-officer-2026');
	await zfb.goto('/work/notices');
	await hydrated(zfb);
	await zfb.getByRole('link', { name: noticeNo }).click();
	await hydrated(zfb);
	await zfb.locator('#reply').fill('受理岗人员外出培训未交接，已落实 AB 岗，今日办理。');
	await zfb.getByRole('button', { name: '提交答复' }).click();
	await expect(zfb.getByTestId('notice-reply')).toContainText('AB 岗');

	// The supervisor closes it with a finding of fault (过错责任).
	await sv.goto(`/supervision/notices/${noticeNo}`);
	await hydrated(sv);
	await expect(sv.getByTestId('notice-status')).toHaveText('已答复');
	await sv.locator('#finding').fill('超期属实，部门已整改。');
	await sv.getByLabel('存在过错责任').check();
	await sv.locator('#faultDetail').fill('受理岗未按时办理，予以提醒谈话。');
	await sv.getByRole('button', { name: '办结督办' }).click();
	await expect(sv.getByTestId('notice-status')).toHaveText('已办结');
	await expect(sv.getByTestId('notice-finding')).toContainText('存在过错责任');
	await sv.screenshot({ path: screenshotPath('supervision-notice-closed'), fullPage: true });

	// The department finishes the case: 审查, 检索, and 法制审核 by a second person.
	s = await act(zfb, caseNo, { type: 'claim', task: s.tasks[0]!.id, expectedVersion: s.version });
	s = await act(zfb, caseNo, {
		type: 'complete',
		task: s.tasks[0]!.id,
		outcome: '内容明确',
		opinion: '申请内容明确',
		expectedVersion: s.version
	});
	s = await handle(zfb, caseNo, s, 'n5');
	const sh = await (await freshContext(browser)).newPage();
	watch(sh);
	await login(sh, 'zfb-sh', 'demo-officer-2026');
	s = await handle(sh, caseNo, s, 'n6', '予以公开');
	expect(s.status).toBe('closed');

	// The closed case has no warning any more and leaves the red list (other cases of earlier
	// journeys may have gone red too while the clock ran ahead); the applicant rates it once.
	await sv.goto(`/supervision/cases/${caseNo}`);
	await expect(sv.getByTestId('case-warning')).toHaveText('无');
	await sv.goto('/supervision/departments/ZFB?show=red');
	await expect(sv.getByRole('link', { name: caseNo })).toHaveCount(0);
	await applicant.goto('/track');
	await hydrated(applicant);
	await applicant.getByLabel('办件编号').fill(caseNo);
	await applicant.getByLabel('查询码').fill(queryCode);
	await applicant.getByRole('button', { name: '查询', exact: true }).click();
	await expect(applicant.getByTestId('case')).toContainText('已办结');
	const form = applicant.getByTestId('evaluation-form');
	await form.getByLabel('2 不满意').check();
	await form.getByLabel('文字评价').fill('超过期限才答复。');
	await form.getByRole('button', { name: '提交评价' }).click();
	await expect(applicant.getByTestId('evaluation-level')).toHaveText('不满意（2 分）');

	// The applicant also complains about the late answer; the supervisor replies in the console and
	// the applicant reads the reply by complaint number and query code.
	await applicant.goto('/complaints');
	await hydrated(applicant);
	await applicant.getByRole('radio', { name: '办件' }).check();
	await applicant.locator('#caseNo').fill(caseNo);
	await applicant.getByLabel('标题').fill('政府信息公开答复超期');
	await applicant.getByLabel('内容').fill('申请受理后两周多才处理，期间没有任何延期告知。');
	await applicant.getByLabel('姓名').fill('钱申请');
	await applicant.getByLabel('联系方式').fill('13800138000');
	await applicant.getByRole('button', { name: '提交', exact: true }).click();
	await expect(applicant.getByTestId('complaint-receipt')).toBeVisible();
	const complaintNo = (await applicant.getByTestId('complaint-no').textContent())!.trim();
	const complaintCode = (await applicant.getByTestId('complaint-query-code').textContent())!.trim();
	await sv.goto(`/supervision/complaints/${complaintNo}`);
	await hydrated(sv);
	await sv
		.getByLabel('反馈信息')
		.fill('经查属实，已督办政府办并认定过错责任，今后超期须书面告知。');
	await sv.getByRole('button', { name: '提交答复' }).click();
	await expect(sv.getByTestId('reply')).toContainText('已督办政府办');
	await applicant.goto('/complaints/track');
	await hydrated(applicant);
	await applicant.getByLabel('投诉编号').fill(complaintNo);
	await applicant.getByLabel('查询码').fill(complaintCode);
	await applicant.getByRole('button', { name: '查询', exact: true }).click();
	await expect(applicant.getByTestId('complaint-reply')).toContainText('已督办政府办');

	expect(errors).toEqual([]);
	for (const p of [applicant, zfb, sv, sh]) await p.context().close();
});
