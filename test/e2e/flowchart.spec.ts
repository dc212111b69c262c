import { expect, test, screenshotPath } from './helpers';

test('a visitor sees a demo item’s published flowchart with posts, time limits and control points', async ({
	page
}) => {
	await page.goto('/catalogue/990001-ZRZY-XK-0002');
	const section = page.locator('section.flow');
	await expect(section.getByRole('heading', { name: '流程图' })).toBeVisible();
	const chart = section.getByRole('img', { name: /流程图：临时用地审批流程/ });
	await expect(chart).toBeVisible();
	await expect(chart).toContainText('现场踏勘');
	await expect(chart).toContainText('县行政审批局 · 审查岗');
	await expect(chart).toContainText('▲ 法制审核');
	const steps = section.getByRole('table', { name: '办理环节一览' });
	const legal = steps
		.getByRole('row')
		.filter({ has: page.getByRole('rowheader', { name: '法制审核' }) });
	await expect(legal).toContainText('县政府法制办公室 · 合法性审核岗');
	await expect(legal).toContainText('2 个工作日');
	await expect(legal).toContainText('法制审核（须两人以上）');
	await expect(section.getByRole('link', { name: '下载 BPMN 2.0 文件' })).toHaveAttribute(
		'href',
		'/api/v1/items/990001-ZRZY-XK-0002/flow.bpmn'
	);
	await section.screenshot({ path: screenshotPath('public-flowchart') });
});
