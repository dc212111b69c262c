import { expect, test, DEMO_USERS, freshContext, hydrated, login, screenshotPath } from './helpers';

/**
 * 线下办件登记: an officer records a case handled at the window (two steps and the result); it
 * gets a number and a query code, and the public follows it on /track like any other case,
 * without the officers' names.
 */
test('an officer registers an offline case and the applicant tracks it with its result', async ({
	browser
}) => {
	const context = await freshContext(browser);
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	await login(page, DEMO_USERS.officer.username, DEMO_USERS.officer.password);
	await page.goto('/work/offline');
	await hydrated(page);
	await expect(page.getByRole('heading', { level: 1, name: '线下办件登记' })).toBeVisible();

	// Nothing chosen: each missing fact is named and nothing is recorded.
	await page.locator('#applicantName').fill('示例县百姓药店');
	await page.getByRole('button', { name: '登记办件' }).click();
	await expect(page.getByTestId('offline-errors')).toBeVisible();
	await expect(page.locator('#applicantName')).toHaveValue('示例县百姓药店');

	const item = page.locator('#itemCode');
	const firstItem = await item.locator('option').nth(1).getAttribute('value');
	await item.selectOption(firstItem!);
	await page.locator('#receivedAt').fill('2026-11-02T09:30');
	await page.locator('#acceptedBy').fill('窗口王');
	await page.locator('#step-0-name').fill('材料审查');
	await page.locator('#step-0-handler').fill('审查李');
	await page.locator('#step-0-start').fill('2026-11-02T10:00');
	await page.locator('#step-0-end').fill('2026-11-03T16:00');
	// After a refusal only the rows that were filled come back; add one for the second step.
	if (!(await page.locator('#step-1-name').count()))
		await page.getByRole('button', { name: '添加环节' }).click();
	await page.locator('#step-1-name').fill('审批决定');
	await page.locator('#step-1-handler').fill('审批赵');
	await page.locator('#step-1-start').fill('2026-11-04T09:00');
	await page.locator('#step-1-end').fill('2026-11-04T11:00');
	await page.locator('#step-1-opinion').fill('符合条件，准予。');
	await page.locator('#result').selectOption('准予');
	await page.locator('#closedAt').fill('2026-11-04T11:00');
	await page.locator('#resultNote').fill('准予，证书编号 SL-2026-0042');
	await page.getByRole('button', { name: '登记办件' }).click();

	const receipt = page.getByTestId('offline-receipt');
	await expect(receipt).toBeVisible();
	await expect(receipt).toContainText('示例县百姓药店');
	const caseNo = (await page.getByTestId('case-no').textContent())!.trim();
	const queryCode = (await page.getByTestId('query-code').textContent())!.trim();
	expect(caseNo).toMatch(/^990001\d{12}$/);
	await page.screenshot({ path: screenshotPath('offline-receipt'), fullPage: true });

	const applicant = await (await freshContext(browser)).newPage();
	applicant.on('pageerror', (e) => errors.push(e.message));
	await applicant.goto('/track');
	await hydrated(applicant);
	await applicant.getByLabel('办件编号').fill(caseNo);
	await applicant.getByLabel('查询码').fill(queryCode);
	await applicant.getByRole('button', { name: '查询', exact: true }).click();
	const tracked = applicant.getByTestId('case');
	await expect(tracked).toContainText('线下办理');
	await expect(tracked).toContainText('已办结');
	await expect(tracked).toContainText('按登记或报送的办理过程记录');
	await expect(applicant.getByRole('region', { name: '办理过程' })).toContainText('材料审查');
	await expect(applicant.getByTestId('decision')).toContainText('证书编号 SL-2026-0042');
	await expect(applicant.locator('main')).not.toContainText('审查李');
	await applicant.screenshot({ path: screenshotPath('offline-tracked'), fullPage: true });
	expect(errors).toEqual([]);
	await applicant.context().close();
	await context.close();
});
