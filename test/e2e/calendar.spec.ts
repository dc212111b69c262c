import { expect, test, atPath, DEMO_USERS, login, screenshotPath } from './helpers';

/**
 * An administrator enters 2027, a year the built-in national schedule does not cover: the page
 * warns that deadlines assume Monday–Friday, a holiday on a Saturday is refused with a clear
 * message that keeps what was typed, a weekday holiday and a weekend make-up workday are entered,
 * and confirming the year puts them in force. Every run starts from a freshly seeded database.
 */
test('admin enters and confirms the 2027 holidays', async ({ page }) => {
	await login(page, DEMO_USERS.admin.username, DEMO_USERS.admin.password);
	await expect(page).toHaveURL(atPath('/admin'));
	await expect(page.getByRole('link', { name: /工作日历/ })).toHaveAttribute(
		'href',
		'/admin/calendar'
	);

	await page.goto('/admin/calendar?year=2027');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('工作日历 2027 年');
	const status = page.locator('#calendar-status');
	await expect(status).toContainText('2027 年：尚无节假日数据，期限按周一至周五推算');
	await expect(status).toHaveClass(/\bwarn\b/);
	await expect(page.getByText('没有生效的节假日数据：周一至周五均按工作日计算。')).toBeVisible();
	await expect(page.getByText('尚未录入。')).toBeVisible();
	const years = page.getByRole('navigation', { name: '选择年份' });
	await expect(years.getByRole('link', { name: /上一年/ })).toHaveAttribute('href', '?year=2026');
	await expect(years.getByRole('link', { name: /下一年/ })).toHaveAttribute('href', '?year=2028');

	// A holiday on a Saturday is refused, naming the field; what was typed stays.
	await page.getByLabel('日期').fill('2027-10-02');
	await page.getByLabel('类型').selectOption({ label: '节假日' });
	await page.getByLabel('说明').fill('国庆节');
	await page.getByRole('button', { name: '录入', exact: true }).click();
	const message =
		'“日期”2027-10-02 是周六或周日：节假日只录入落在周一至周五的放假日，周末本来就休息。';
	const summary = page.locator('.alert[role="alert"]');
	await expect(summary).toContainText('提交未成功，请修改以下内容：');
	await expect(summary).toContainText(message);
	await expect(page.locator('#cal-date-error')).toHaveText(message);
	await expect(page.getByLabel('日期')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByLabel('日期')).toHaveValue('2027-10-02');
	await expect(page.getByLabel('类型')).toHaveValue('holiday');
	await expect(page.getByLabel('说明')).toHaveValue('国庆节');
	await expect(page.getByText('尚未录入。')).toBeVisible();

	// A weekday holiday…
	await page.getByLabel('日期').fill('2027-10-01');
	await page.getByRole('button', { name: '录入', exact: true }).click();
	await expect(page.getByRole('status').filter({ hasText: '已录入' })).toHaveText(
		'已录入 2027-10-01（节假日）。'
	);
	await expect(summary).toHaveCount(0);
	const entered = page.getByRole('table', { name: '管理员录入（2027 年）' });
	await expect(entered.getByRole('row').filter({ hasText: '2027-10-01' })).toContainText('星期五');

	// …and a weekend make-up workday (the form was cleared after the success).
	await expect(page.getByLabel('日期')).toHaveValue('');
	await page.getByLabel('日期').fill('2027-10-09');
	await page.getByLabel('类型').selectOption({ label: '调休上班日' });
	await page.getByLabel('说明').fill('国庆节调休');
	await page.getByRole('button', { name: '录入', exact: true }).click();
	await expect(page.getByRole('status').filter({ hasText: '已录入' })).toHaveText(
		'已录入 2027-10-09（调休上班日）。'
	);
	const workdayRow = entered.getByRole('row').filter({ hasText: '2027-10-09' });
	await expect(workdayRow.getByRole('cell')).toHaveText([
		'2027-10-09',
		'星期六',
		'调休上班日',
		'国庆节调休',
		/^\d{4}-\d{2}-\d{2}$/,
		'删除'
	]);
	await expect(page.getByRole('button', { name: '删除 2027-10-09' })).toBeVisible();
	// Entered but not yet in force.
	await expect(status).toContainText('尚无节假日数据');
	await expect(status).toContainText('管理员录入的 2 天尚未确认，暂不生效。');

	// Beside a normal year's counts; one holiday is far off, so confirming asks again.
	await expect(page.getByText(/^正常年份（2024–2026 年）：节假日 \d+–\d+ 天/).last()).toBeVisible();
	await page.getByRole('button', { name: '确认 2027 年数据' }).click();
	await expect(page.getByRole('alert').filter({ hasText: '相差很大' })).toContainText(
		'2027 年只有节假日 1 天、调休上班日 1 天'
	);
	await expect(status).toContainText('尚无节假日数据');
	await page.getByRole('button', { name: '仍然确认 2027 年' }).click();
	await expect(page.getByRole('status').filter({ hasText: '已确认 2027 年的数据' })).toHaveText(
		'已确认 2027 年的数据，期限按管理员录入的数据推算。'
	);
	await expect(status).toContainText('2027 年：管理员已确认');
	await expect(status).toContainText('系统管理员');
	await expect(status).not.toHaveClass(/\bwarn\b/);
	const inForce = page.getByRole('table', { name: '2027 年生效的节假日和调休上班日' });
	await expect(inForce.getByRole('row')).toHaveCount(3);
	await expect(inForce.getByRole('row').nth(1).getByRole('cell')).toHaveText([
		'2027-10-01',
		'星期五',
		'节假日',
		'国庆节'
	]);
	await expect(inForce.getByRole('row').nth(2).getByRole('cell')).toHaveText([
		'2027-10-09',
		'星期六',
		'调休上班日',
		'国庆节调休'
	]);
	await expect(page.getByRole('button', { name: '撤销确认' })).toBeVisible();
	await page.screenshot({ path: screenshotPath('admin-calendar'), fullPage: true });

	// The confirmation is on the audit log.
	await page.goto('/audit?action=calendar.year.confirm');
	await expect(page.locator('table.audit tbody tr').first()).toContainText('calendar.year.confirm');
});

/**
 * An administrator pastes the State Council's notice for 2027, previews what it says and
 * confirms it. The notice is MADE UP for the test: the real 2027 schedule is not in the data.
 */
test('admin pastes a (made-up) 2027 notice, previews it and confirms', async ({ page }) => {
	const madeUpNotice = [
		'国务院办公厅关于2027年部分节假日安排的通知',
		'一、元旦：１月１日（周五）至３日（周日）放假，共３天。',
		'二、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。',
		'三、劳动节：5月1日前后休息。'
	].join('\n');
	await login(page, DEMO_USERS.admin.username, DEMO_USERS.admin.password);
	await page.goto('/admin/calendar?year=2027');
	// The journey above confirms 2027 by hand in the same database: withdraw that first.
	const withdraw = page.getByRole('button', { name: '撤销确认' });
	if (await withdraw.isVisible()) {
		await withdraw.click();
		await expect(page.getByRole('status').filter({ hasText: '已撤销' })).toBeVisible();
	}
	await page.getByLabel('通知全文').fill(madeUpNotice);
	await page.getByRole('button', { name: '预览' }).click();
	const table = page.getByRole('table', { name: '2027 年通知的内容（尚未录入）' });
	await expect(table.getByRole('row')).toHaveCount(3);
	await expect(table.getByRole('row').nth(2).getByRole('cell')).toHaveText([
		'国庆节',
		'2027-10-01 至 2027-10-07（7 天）',
		'2027-09-26、2027-10-09'
	]);
	await expect(
		page.getByText('将录入：节假日 6 天（周一至周五放假），调休上班日 2 天（周末上班）。')
	).toBeVisible();
	await expect(page.getByRole('alert')).toContainText('未能识别，没有录入：“5月1日前后休息”。');
	await expect(page.getByLabel('通知全文')).toHaveValue(madeUpNotice);
	await expect(page.locator('#calendar-status')).toContainText('尚无节假日数据');

	await page.getByRole('button', { name: '确认录入 2027 年' }).click();
	// Six weekdays off is far from a normal year: a second, explicit confirmation.
	await expect(page.getByRole('alert').filter({ hasText: '相差很大' })).toContainText(
		'2027 年只有节假日 6 天、调休上班日 2 天'
	);
	await page.getByRole('button', { name: '仍然确认 2027 年' }).click();
	await expect(page.getByRole('status').filter({ hasText: '已按通知录入' })).toHaveText(
		'已按通知录入并确认 2027 年：节假日 6 天，调休上班日 2 天。'
	);
	await expect(page.locator('#calendar-status')).toContainText('2027 年：管理员已确认');
	const inForce = page.getByRole('table', { name: '2027 年生效的节假日和调休上班日' });
	await expect(inForce.getByRole('row')).toHaveCount(9);
	await page.screenshot({ path: screenshotPath('admin-calendar-notice'), fullPage: true });
});
