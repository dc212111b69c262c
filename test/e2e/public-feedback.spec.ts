import { type Page } from '@playwright/test';
import { expect, test, DEMO_USERS, freshContext, hydrated, login, screenshotPath } from './helpers';

/**
 * 公众评议 and 投诉举报: an applicant rates a finished case on /track and sees it counted on the
 * statistics page; someone files an anonymous complaint about a department, the supervisor answers
 * it in the console, and the complainant reads the answer with number and query code.
 */

/** An officer registers a finished offline case; returns its number, query code and item code. */
async function closedCase(page: Page) {
	await login(page, DEMO_USERS.officer.username, DEMO_USERS.officer.password);
	await page.goto('/work/offline');
	await hydrated(page);
	const item = page.locator('#itemCode');
	const itemCode = (await item.locator('option').nth(1).getAttribute('value'))!;
	await item.selectOption(itemCode);
	await page.locator('#applicantName').fill('示例县百姓药店');
	await page.locator('#receivedAt').fill('2026-11-02T09:30');
	await page.locator('#acceptedBy').fill('窗口王');
	await page.locator('#step-0-name').fill('审批决定');
	await page.locator('#step-0-handler').fill('审批赵');
	await page.locator('#step-0-start').fill('2026-11-02T10:00');
	await page.locator('#step-0-end').fill('2026-11-03T11:00');
	await page.locator('#result').selectOption('准予');
	await page.locator('#closedAt').fill('2026-11-03T11:00');
	await page.getByRole('button', { name: '登记办件' }).click();
	await expect(page.getByTestId('offline-receipt')).toBeVisible();
	return {
		caseNo: (await page.getByTestId('case-no').textContent())!.trim(),
		queryCode: (await page.getByTestId('query-code').textContent())!.trim(),
		itemCode
	};
}

async function lookUp(page: Page, caseNo: string, queryCode: string) {
	await page.goto('/track');
	await hydrated(page);
	await page.getByLabel('办件编号').fill(caseNo);
	await page.getByLabel('查询码').fill(queryCode);
	await page.getByRole('button', { name: '查询', exact: true }).click();
	await expect(page.getByTestId('case')).toContainText('已办结');
}

test('an applicant rates a closed case once and the rating is published', async ({ browser }) => {
	const errors: string[] = [];
	const officer = await (await freshContext(browser)).newPage();
	officer.on('pageerror', (e) => errors.push(e.message));
	const { caseNo, queryCode, itemCode } = await closedCase(officer);

	const page = await (await freshContext(browser)).newPage();
	page.on('pageerror', (e) => errors.push(e.message));
	await lookUp(page, caseNo, queryCode);
	const evalForm = page.getByTestId('evaluation-form');
	await expect(evalForm).toBeVisible();
	await expect(evalForm.getByRole('radio')).toHaveCount(5);
	await page.screenshot({ path: screenshotPath('evaluation-form'), fullPage: true });

	// By keyboard: focus 5 非常满意, arrow down to 4 满意.
	await evalForm.getByLabel('5 非常满意').check();
	await evalForm.getByLabel('5 非常满意').press('ArrowDown');
	await expect(evalForm.getByLabel('4 满意')).toBeChecked();
	await evalForm.getByLabel('文字评价').fill('窗口解释清楚，办得快。');
	await evalForm.getByRole('button', { name: '提交评价' }).click();
	const given = page.getByTestId('evaluation');
	await expect(given).toContainText('感谢您的评价');
	await expect(page.getByTestId('evaluation-level')).toHaveText('满意（4 分）');
	await expect(given).toContainText('窗口解释清楚，办得快。');
	await expect(page.getByTestId('evaluation-form')).toHaveCount(0);
	await page.screenshot({ path: screenshotPath('evaluation-given'), fullPage: true });

	// Looked up again, the evaluation is shown and no second one is offered.
	await lookUp(page, caseNo, queryCode);
	await expect(page.getByTestId('evaluation-level')).toHaveText('满意（4 分）');
	await expect(page.getByTestId('evaluation-form')).toHaveCount(0);

	await page.goto('/statistics');
	await expect(page.getByTestId(`satisfaction-${itemCode}`)).toHaveText('4.0（1 人评价）');
	expect(errors).toEqual([]);
	await page.context().close();
	await officer.context().close();
});

test('an anonymous complaint about a department is answered in the console and read by number', async ({
	browser
}) => {
	const errors: string[] = [];
	const page = await (await freshContext(browser)).newPage();
	page.on('pageerror', (e) => errors.push(e.message));
	await page.goto('/');
	await page
		.getByRole('navigation', { name: '主导航' })
		.getByRole('link', { name: '投诉举报' })
		.click();
	await hydrated(page);
	await expect(page.getByRole('heading', { level: 1, name: '投诉举报' })).toBeVisible();

	// Nothing but the title: each missing field is named and what was typed stays.
	await page.getByLabel('标题').fill('窗口不一次性告知补正材料');
	await page.getByRole('button', { name: '提交', exact: true }).click();
	await expect(page.getByTestId('complaint-errors')).toBeVisible();
	await expect(page.getByText('请填写“被投诉部门”。')).toBeVisible();
	await expect(page.getByText('请填写“联系方式”。')).toBeVisible();
	await expect(page.getByLabel('标题')).toHaveValue('窗口不一次性告知补正材料');

	await page.locator('#departmentCode').selectOption({ label: '县市场监督管理局' });
	await page
		.getByLabel('内容')
		.fill('十一月二日办理食品经营许可，窗口三次要求补充不同材料，没有一次性告知。');
	await page.getByLabel('匿名提交').check();
	await expect(page.getByLabel('姓名')).toBeHidden();
	await page.getByRole('button', { name: '提交', exact: true }).click();
	const receipt = page.getByTestId('complaint-receipt');
	await expect(receipt).toBeVisible();
	await expect(receipt).toContainText('县市场监督管理局');
	const no = (await page.getByTestId('complaint-no').textContent())!.trim();
	const code = (await page.getByTestId('complaint-query-code').textContent())!.trim();
	expect(no).toMatch(/^TS990001\d{12}$/);
	await expect(page.getByTestId('complaint-due')).toContainText('15 个工作日');
	await page.screenshot({ path: screenshotPath('complaint-receipt'), fullPage: true });

	const sv = await (await freshContext(browser)).newPage();
	sv.on('pageerror', (e) => errors.push(e.message));
	await login(sv, DEMO_USERS.supervisor.username, DEMO_USERS.supervisor.password);
	await sv.goto('/supervision/complaints?status=open');
	await hydrated(sv);
	const row = sv.getByTestId(`complaint-${no}`);
	await expect(row).toContainText('窗口不一次性告知补正材料');
	await expect(row).toContainText('15 个工作日');
	await sv.screenshot({ path: screenshotPath('supervision-complaints'), fullPage: true });
	await row.getByRole('link', { name: no }).click();
	await hydrated(sv);
	await expect(sv.getByTestId('complaint-detail')).toContainText('匿名');
	await sv.getByRole('button', { name: '提交答复' }).click();
	await expect(sv.getByText('请填写“反馈信息”。')).toBeVisible();
	await sv
		.getByLabel('反馈信息')
		.fill('经核查情况属实，已责成该局一次性告知补正材料并约谈窗口负责人。');
	await sv.getByRole('button', { name: '提交答复' }).click();
	await expect(sv.getByTestId('reply')).toContainText('已责成该局一次性告知');
	await sv.screenshot({ path: screenshotPath('supervision-complaint'), fullPage: true });
	await sv.goto('/supervision/complaints?status=open');
	await expect(sv.getByTestId(`complaint-${no}`)).toHaveCount(0);

	await page.goto('/complaints/track');
	await hydrated(page);
	await page.getByLabel('投诉编号').fill(no);
	await page.getByLabel('查询码').fill(code);
	await page.getByRole('button', { name: '查询', exact: true }).click();
	await expect(page.getByTestId('complaint-status')).toHaveText('已答复');
	await expect(page.getByTestId('complaint-reply')).toContainText('已责成该局一次性告知');
	await page.screenshot({ path: screenshotPath('complaint-tracked'), fullPage: true });
	expect(errors).toEqual([]);
	await sv.context().close();
	await page.context().close();
});
