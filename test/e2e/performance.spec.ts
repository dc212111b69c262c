import { expect, test, hydrated, login, screenshotPath } from './helpers';

/** 绩效评估 in the supervision console: the period picker, the charts and the printable report. */
test('the supervisor sees performance charts and prints the monthly report', async ({ page }) => {
	await login(page, 'supervisor', 'demo-supervisor-2026');
	await page.goto('/supervision/performance?from=2024-01-01&to=2028-12-31&by=department');
	await hydrated(page);
	await expect(page.getByRole('heading', { level: 1, name: '绩效评估' })).toBeVisible();
	// Both charts are drawn as SVG inside their named containers.
	await expect(page.getByRole('img', { name: '各部门收件数、办结数和按期办结率' })).toBeVisible();
	await expect(
		page.locator('[data-chart][aria-label="各部门收件数、办结数和按期办结率"] svg')
	).toBeVisible();
	await expect(page.locator('[data-chart][aria-label^="近 12 个月"] svg')).toBeVisible();
	// The table is the accessible alternative, with the totals.
	await expect(page.getByRole('table').first()).toContainText('县市场监督管理局');
	await expect(page.getByRole('row', { name: /合计/ })).toBeVisible();
	await page.screenshot({ path: screenshotPath('performance'), fullPage: true });

	// A bad date keeps what was typed and names the field.
	await page.goto('/supervision/performance?from=2026-02-30&to=2026-03-01');
	await expect(page.getByRole('alert')).toContainText('开始日期');
	await expect(page.locator('#perf-to')).toHaveValue('2026-03-01');

	// By item within one department.
	await page.goto('/supervision/performance');
	await page.locator('#perf-by').selectOption('item');
	await page.locator('#perf-department').selectOption('SCJG');
	await page.getByRole('button', { name: '查询' }).click();
	await expect(page).toHaveURL(/by=item/);
	await expect(page).toHaveURL(/department=SCJG/);

	await page.goto('/supervision/report?month=2026-11');
	await hydrated(page);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('月度绩效评估报告');
	await expect(page.getByText('编制单位')).toBeVisible();
	await expect(page.getByRole('button', { name: '打印', exact: true })).toBeVisible();
	await expect(page.locator('[data-chart][aria-label^="近 12 个月"] svg')).toBeVisible();
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('button', { name: '打印', exact: true })).toBeHidden();
	await page.screenshot({ path: screenshotPath('performance-report-print'), fullPage: true });
});
