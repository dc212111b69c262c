import { type Page } from '@playwright/test';
import { expect, test, freshContext, hydrated, login, logout, screenshotPath } from './helpers';

/**
 * 外网受理 → 内网办理 → 外网反馈 on the demo items:
 * - 临时用地审批 (行政许可): an anonymous applicant applies and gets a receipt; 自然资源局 accepts;
 *   自然资源局 and 行政审批局 handle the joint steps (联合办理) in parallel; the person who handled
 *   受理审查 is refused at 现场踏勘 (a second person must do it); 法制办 does the legal review
 *   (法制审核); the decision closes the case; the applicant reads the result notice on /track.
 * - 政府信息公开申请: the officer asks for missing materials (补正), the tracking page shows the
 *   clock paused and takes the file, and the case goes on.
 */
const PERMIT = '990001-ZRZY-XK-0002';
const DISCLOSURE = '990001-ZFB-QT-0001';
const PASSWORD = 'demo-officer-2026';

const pdf = (name: string) => ({
	name,
	mimeType: 'application/pdf',
	buffer: Buffer.from(`%PDF-1.4\n% ${name} ${Date.now()} ${Math.random()}\n%%EOF\n`)
});

/** Uncaught errors in the pages' scripts (a render error would leave a page stale). */
function watchErrors(...pages: Page[]): string[] {
	const errors: string[] = [];
	for (const p of pages) p.on('pageerror', (e) => errors.push(e.message));
	return errors;
}

async function openCase(page: Page, username: string, caseNo: string): Promise<void> {
	await login(page, username, PASSWORD);
	await page.goto(`/work/cases/${caseNo}`);
	await hydrated(page);
	await expect(page.getByRole('heading', { level: 1, name: `办件 ${caseNo}` })).toBeVisible();
}

/** Claims the step named `step` and completes it with an opinion (and an outcome when given). */
async function handle(
	page: Page,
	step: string,
	opinion: string,
	extra: { outcome?: string; missing?: string; file?: string } = {}
): Promise<void> {
	const task = page.locator('[data-testid^="task-"]').filter({ hasText: step });
	await task.getByRole('button', { name: '认领' }).click();
	await expect(task.getByRole('button', { name: '办结本环节' })).toBeVisible();
	if (extra.outcome) await task.getByLabel('办理结果').selectOption(extra.outcome);
	if (extra.missing) await task.getByLabel(/缺少的材料/).fill(extra.missing);
	await task.getByLabel('承办意见').fill(opinion);
	if (extra.file) await task.getByLabel(/附件/).setInputFiles(pdf(extra.file));
	await task.getByRole('button', { name: '办结本环节' }).click();
	await expect(page.getByRole('status')).toHaveText('已办理。');
	await expect(page.locator('[data-testid^="task-"]').filter({ hasText: step })).toHaveCount(0);
}

async function track(page: Page, caseNo: string, queryCode: string): Promise<void> {
	await page.goto('/track');
	await hydrated(page);
	await page.getByLabel('办件编号').fill(caseNo);
	await page.getByLabel('查询码').fill(queryCode);
	await page.getByRole('button', { name: '查询', exact: true }).click();
	await expect(page.getByTestId('case')).toContainText(`办件 ${caseNo}`);
}

test('a permit runs through joint handling by two departments and a legal review by a second person', async ({
	browser
}) => {
	test.setTimeout(120_000);
	// ── 外网受理 ──
	const applicant = await (await freshContext(browser)).newPage();
	await applicant.goto(`/items/${PERMIT}/apply`);
	await hydrated(applicant);
	await expect(applicant.getByRole('heading', { level: 1, name: '临时用地审批' })).toBeVisible();
	await applicant.locator('#applicantName').fill('示例县路桥建设有限公司');
	await applicant.locator('#applicantId').fill('91350100M000100Y43');
	await applicant.getByLabel('申请单位').fill('示例县路桥建设有限公司');
	await applicant.getByLabel('统一社会信用代码').fill('91350100M000100Y43');
	await applicant.getByLabel('联系人').fill('陈工');
	await applicant.getByLabel('联系电话').fill('13900139000');
	await applicant.getByLabel('用地位置').fill('示例县城关镇东环路与滨河路交叉口东北侧');
	await applicant.getByLabel('用地面积（平方米）').fill('3200');
	await applicant.getByLabel('用途').selectOption('construction');
	await applicant.getByLabel('拟使用至').fill('2027-06-30');
	for (const [id, label] of [
		['letter', '临时用地申请书'],
		['contract', '临时使用土地合同'],
		['reclamation', '土地复垦方案报告表'],
		['survey', '勘测定界图及界址点坐标'],
		['approval', '建设项目批准文件']
	]) {
		await applicant.locator(`#intake-${id}`).setInputFiles(pdf(`${label}.pdf`));
		await expect(applicant.getByText(`已上传：${label}.pdf`)).toBeVisible();
	}
	await applicant.getByRole('button', { name: '提交申请' }).click();
	await expect(applicant.getByRole('heading', { level: 1, name: '受理回执' })).toBeVisible();
	const caseNo = (await applicant.getByTestId('case-no').textContent())!.trim();
	const queryCode = (await applicant.getByTestId('query-code').textContent())!.trim();
	await applicant.screenshot({ path: screenshotPath('permit-receipt'), fullPage: true });

	// ── 内网办理: 自然资源局 accepts and checks the materials ──
	const ctx = await freshContext(browser);
	const page = await ctx.newPage();
	const errors = watchErrors(applicant, page);
	await openCase(page, 'zrzy-sl', caseNo);
	const accept = page.getByTestId('task-accept');
	await accept.getByLabel('承办意见').fill('材料齐全，予以受理。');
	await accept.getByRole('button', { name: '受理', exact: true }).click();
	await expect(page.getByRole('status')).toHaveText('已办理。');
	await expect(page.getByRole('link', { name: '临时用地申请书.pdf' })).toHaveAttribute(
		'href',
		/^\/work\/files\/sha256-/
	);
	await handle(page, '受理审查', '材料齐全，符合法定形式。', { file: '受理审查记录.pdf' });
	await expect(page.getByTestId('case-files')).toContainText('受理审查记录.pdf');

	// 联合办理: both joint steps are open at once, in two departments.
	const survey = page.locator('[data-testid^="task-"]').filter({ hasText: '现场踏勘' });
	await expect(survey).toContainText('须由另一人办理');
	await expect(
		page.locator('[data-testid^="task-"]').filter({ hasText: '规划与建设意见会签' })
	).toContainText('该环节不在您的承办岗位');
	// The one who handled 受理审查 may not do 现场踏勘 (回避 control point: a second person).
	await survey.getByRole('button', { name: '认领' }).click();
	await expect(page.getByRole('alert')).toHaveText(
		'该环节是监督制约环节，须由上一环节办理人以外的另一人办理。'
	);
	await page.screenshot({ path: screenshotPath('permit-parallel'), fullPage: true });
	await logout(page);

	await openCase(page, 'xzsp-sc', caseNo);
	await handle(page, '规划与建设意见会签', '符合临时建设规划条件，同意。');
	// The join waits for the other branch: the legal review is not open yet.
	await expect(page.locator('[data-testid^="task-"]').filter({ hasText: '法制审核' })).toHaveCount(
		0
	);
	await logout(page);

	await openCase(page, 'zrzy-sc', caseNo);
	await handle(page, '现场踏勘', '现场核实位置、面积与申请一致，复垦方案可行。');
	await logout(page);

	// ── 法制审核 by the legal office, then the decision ──
	await openCase(page, 'fzb-sh', caseNo);
	const review = page.locator('[data-testid^="task-"]').filter({ hasText: '法制审核' });
	await expect(review).toContainText('须由另一人办理');
	await handle(page, '法制审核', '主体合法、程序正当、依据充分，同意。');
	await logout(page);

	await openCase(page, 'zrzy-sl', caseNo);
	await handle(page, '审批决定', '经审查，准予临时使用土地，使用期限至 2027 年 6 月 30 日。', {
		outcome: '准予'
	});
	await expect(page.locator('h1 + p .tag')).toHaveText('已办结');
	await ctx.close();

	// ── 外网反馈 ──
	await track(applicant, caseNo, queryCode);
	await expect(applicant.getByTestId('case')).toContainText('已办结');
	await expect(applicant.getByTestId('result')).toContainText('准予');
	const timeline = applicant.getByRole('region', { name: '办理过程' });
	for (const step of ['受理审查', '现场踏勘', '规划与建设意见会签', '法制审核', '审批决定'])
		await expect(timeline).toContainText(step);
	// The public sees no officer names.
	await expect(applicant.locator('main')).not.toContainText('孙受理');
	const notice = applicant.getByTestId('decision');
	await expect(notice).toContainText('临时用地审批办理结果告知书');
	await expect(notice).toContainText('示例县路桥建设有限公司：');
	await expect(applicant.getByTestId('decision-result')).toHaveText('准予临时用地');
	await expect(notice).toContainText('准予临时使用土地');
	await expect(notice).toContainText('县自然资源局');
	await applicant.screenshot({ path: screenshotPath('permit-tracked'), fullPage: true });
	await applicant.emulateMedia({ media: 'print' });
	await notice.screenshot({ path: screenshotPath('permit-decision-print') });
	expect(errors).toEqual([]);
	await applicant.context().close();
});

test('补正: the clock pauses until the applicant sends the materials from the tracking page', async ({
	browser
}) => {
	test.setTimeout(90_000);
	const applicant = await (await freshContext(browser)).newPage();
	await applicant.goto(`/items/${DISCLOSURE}/apply`);
	await hydrated(applicant);
	await applicant.getByLabel('公民', { exact: true }).check();
	await applicant.locator('#applicantName').fill('李四');
	await applicant.getByLabel('联系电话').fill('13700137000');
	await applicant.getByLabel('通信地址').fill('示例县解放路 9 号');
	await applicant.getByLabel(/所需政府信息的名称/).fill('示例县 2025 年农村公路建设项目清单');
	await applicant.getByLabel('获取信息的方式').selectOption('email');
	await applicant.locator('#intake-proof').setInputFiles(pdf('身份证明.pdf'));
	await expect(applicant.getByText('已上传：身份证明.pdf')).toBeVisible();
	await applicant.getByRole('button', { name: '提交申请' }).click();
	await expect(applicant.getByRole('heading', { level: 1, name: '受理回执' })).toBeVisible();
	const caseNo = (await applicant.getByTestId('case-no').textContent())!.trim();
	const queryCode = (await applicant.getByTestId('query-code').textContent())!.trim();

	const ctx = await freshContext(browser);
	const page = await ctx.newPage();
	const errors = watchErrors(applicant, page);
	await openCase(page, 'zfb', caseNo);
	await page.getByTestId('task-accept').getByRole('button', { name: '受理', exact: true }).click();
	await expect(page.getByRole('status')).toHaveText('已办理。');
	await handle(page, '登记与审查', '所需信息的描述不够明确，请补正。', {
		outcome: '需要补正',
		missing: '所需信息的具体名称、文号或时间范围'
	});
	await expect(page.locator('h1 + p .tag')).toHaveText('待补正（暂停计时）');

	// 外网反馈: the case waits for the applicant; the clock stands still.
	await track(applicant, caseNo, queryCode);
	const tracked = applicant.getByTestId('case');
	await expect(tracked).toContainText('待补正（暂停计时）');
	await expect(tracked).toContainText('补正期间暂停计时');
	await expect(tracked).toContainText('所需信息的具体名称、文号或时间范围');
	const form = applicant.getByTestId('supplement-form');
	// Sending nothing names the material that is missing.
	await form.getByRole('button', { name: '提交补正材料' }).click();
	await expect(applicant.locator('#file-0')).toHaveJSProperty('validity.valueMissing', true);
	await applicant.screenshot({ path: screenshotPath('supplement-track'), fullPage: true });
	await form.locator('#file-0').setInputFiles(pdf('补正说明.pdf'));
	await form.getByRole('button', { name: '提交补正材料' }).click();
	await expect(applicant.getByRole('status')).toHaveText('补正材料已提交，办理期限恢复计算。');
	await expect(tracked).toContainText('办理中');
	await expect(tracked).not.toContainText('补正期间暂停计时');
	await expect(applicant.getByRole('region', { name: '办理过程' })).toContainText('补正材料');
	await applicant.screenshot({ path: screenshotPath('supplement-received'), fullPage: true });

	// The officer finds the material with the case and handles the step again.
	await page.reload();
	await expect(page.getByTestId('case-files')).toContainText('补正说明.pdf');
	await expect(page.locator('h1 + p .tag')).toHaveText('办理中');
	await expect(
		page.locator('[data-testid^="task-"]').filter({ hasText: '登记与审查' })
	).toBeVisible();
	await page.screenshot({ path: screenshotPath('supplement-workbench'), fullPage: true });
	expect(errors).toEqual([]);
	await ctx.close();
	await applicant.context().close();
});
