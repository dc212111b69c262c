import { type Page } from '@playwright/test';
import {
	expect,
	test,
	atPath,
	DEMO_USERS,
	freshContext,
	hydrated,
	login,
	logout,
	screenshotPath
} from './helpers';

/**
 * The catalogue cycle through the real UI: an editor declares a new item (first with mistakes),
 * the legal office returns it with a comment on one element, the editor fixes and resubmits, the
 * legal office approves, and an anonymous visitor finds it by a word from its legal basis and
 * prints the service guide. The steps build on each other, so they run in order.
 */
test.describe.configure({ mode: 'serial' });

const item = {
	name: '小餐饮经营许可',
	law: '《示例省小餐饮管理条例》',
	article: '第十条',
	excerpt: '利用临街铺面从事小餐饮经营的，应当向县级市场监督管理部门申请小餐饮经营许可。',
	searchWord: '临街铺面'
};
let entryPath = '';

async function asEditor(page: Page) {
	await login(page, DEMO_USERS.editor.username, DEMO_USERS.editor.password);
	await expect(page).toHaveURL(atPath('/studio'));
}
async function asLegal(page: Page) {
	await login(page, DEMO_USERS.legal.username, DEMO_USERS.legal.password);
	await expect(page).toHaveURL(atPath('/studio'));
}

test('an editor creates an item, submits it with mistakes and sees each field named, input kept', async ({
	page
}) => {
	await asEditor(page);
	await page.getByRole('link', { name: '新建事项' }).click();
	await hydrated(page);
	await page.getByLabel('职权类别').selectOption({ label: '行政许可' });
	await page.getByLabel('事项名称').fill(item.name);
	await page.getByRole('button', { name: '创建草稿' }).click();
	await expect(page).toHaveURL(/\/studio\/catalogue\/\d+\?created=1$/);
	entryPath = new URL(page.url()).pathname;
	await hydrated(page);
	await expect(page.getByRole('status').filter({ hasText: '已创建事项' })).toContainText(
		'990001-SCJG-XK-'
	);

	await page.getByLabel('承办处室').fill('食品经营许可科');
	await page.getByLabel('承办岗位').fill('受理岗');
	await page.getByLabel('法律法规名称').fill(item.law);
	await page.getByLabel('条款').fill(item.article);
	await page.getByLabel('条文内容').fill(item.excerpt);
	await page.getByLabel('公开范围').fill('社会公众');
	await page.getByLabel('承诺办结时限（工作日）').fill('30'); // more than the statutory 20
	await page.getByRole('button', { name: '提交法制办审核' }).click();

	const summary = page.getByRole('alert').filter({ hasText: '处需要修改' });
	await expect(summary).toBeVisible();
	await expect(summary).toContainText(
		'“承诺办结时限（工作日）”不能超过法定办结时限（20 个工作日）。'
	);
	await expect(summary).toContainText('请填写“咨询电话”。');
	await expect(summary).toContainText('申请类事项的“申请材料”至少需要一项。');
	// Each problem also sits at its field, which is marked invalid; nothing typed was lost.
	await expect(page.getByLabel('咨询电话')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.locator('#f-promisedDays-error')).toContainText('不能超过法定办结时限');
	await expect(page.getByLabel('承办处室')).toHaveValue('食品经营许可科');
	await expect(page.getByLabel('条文内容')).toHaveValue(item.excerpt);
	await expect(page.getByLabel('承诺办结时限（工作日）')).toHaveValue('30');
	await page.screenshot({ path: screenshotPath('catalogue-editor-errors'), fullPage: true });

	// The summary links to the field.
	await summary.getByRole('link', { name: /咨询电话/ }).click();
	await expect(page.getByLabel('咨询电话')).toBeFocused();

	// Fix everything and submit.
	await page.getByLabel('承诺办结时限（工作日）').fill('15');
	await page.getByLabel('受理条件').fill('有与经营规模相适应的临街经营场所和食品安全管理制度。');
	await page.getByRole('button', { name: '添加一项材料' }).click();
	await page.getByLabel('材料名称').fill('小餐饮经营许可申请表');
	await page.getByLabel('窗口地址').fill('示例县政务服务中心二楼 12 号窗口');
	await page.getByLabel('办公时间').fill('周一至周五 9:00-12:00 13:30-17:00');
	await page.getByLabel('咨询电话').fill('0000-12345678');
	await page.getByLabel('投诉举报途径及方式').fill('示例县纪委监委 12388');
	await page.getByRole('button', { name: '提交法制办审核' }).click();
	await expect(page.getByRole('status').filter({ hasText: '已提交法制办审核' })).toContainText(
		/应于 \d{4}-\d{2}-\d{2} 前答复/
	);
	await expect(page.getByText('当前版本状态为“待审核”，不能修改。')).toBeVisible();
});

test('the legal office sees it in the queue and returns it with a comment on one element', async ({
	page
}) => {
	await asLegal(page);
	const queue = page
		.getByRole('region', { name: /待审核的申报/ })
		.or(page.locator('section').filter({ hasText: '待审核的申报' }));
	const row = queue.getByRole('row').filter({ hasText: item.name });
	await expect(row).toContainText('县市场监督管理局');
	await row.getByRole('link', { name: item.name }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`审核：${item.name}`);
	await hydrated(page);
	await expect(page.getByText('首次申报，尚无公布版本。')).toBeVisible();
	const limitRow = page
		.getByRole('row')
		.filter({ has: page.getByRole('rowheader', { name: '承诺办结时限（工作日）' }) });
	await expect(limitRow).toContainText('15');
	// Returning with no comment is refused, clearly.
	await page.getByRole('button', { name: '退回修改' }).click();
	await expect(page.getByRole('alert')).toHaveText('退回时至少填写一条意见。');
	await page
		.getByLabel('对“承诺办结时限（工作日）”的意见')
		.fill('同类事项承诺时限为 10 个工作日，请压缩。');
	await page.screenshot({ path: screenshotPath('catalogue-review'), fullPage: true });
	await page.getByRole('button', { name: '退回修改' }).click();
	await expect(page).toHaveURL(/\/studio\?returned=/);
	await expect(page.getByRole('status')).toContainText('已退回');
	await expect(page.getByRole('row').filter({ hasText: item.name })).toHaveCount(0);
});

test('the editor sees the comment at the element, fixes it and resubmits', async ({ page }) => {
	await asEditor(page);
	await page.goto(entryPath);
	await hydrated(page);
	await expect(page.locator('.tag.status-returned')).toHaveText('已退回');
	await expect(page.getByRole('note').filter({ hasText: '请压缩' })).toContainText(
		'法制办意见：同类事项承诺时限为 10 个工作日，请压缩。'
	);
	await page.getByLabel('承诺办结时限（工作日）').fill('10');
	// Autosave: the draft is saved without pressing anything, and survives a reload.
	await expect(page.getByRole('status').filter({ hasText: '草稿已保存' })).toBeVisible();
	await page.reload();
	await hydrated(page);
	await expect(page.getByLabel('承诺办结时限（工作日）')).toHaveValue('10');
	await page.getByRole('button', { name: '提交法制办审核' }).click();
	await expect(page.getByRole('status').filter({ hasText: '已提交法制办审核' })).toBeVisible();
});

test('the legal office approves, and the item is published', async ({ page }) => {
	await asLegal(page);
	await page
		.getByRole('row')
		.filter({ hasText: item.name })
		.getByRole('link', { name: item.name })
		.click();
	await expect(
		page
			.getByRole('row')
			.filter({ has: page.getByRole('rowheader', { name: '承诺办结时限（工作日）' }) })
	).toContainText('10');
	await page.getByRole('button', { name: '审核通过并公布' }).click();
	await expect(page).toHaveURL(/\/studio\?approved=/);
	await expect(page.getByRole('status')).toContainText('已审核通过并公布 990001-SCJG-XK-');
	await logout(page);
});

test('an anonymous visitor finds it by a word from its legal basis and prints the guide', async ({
	browser
}) => {
	const context = await freshContext(browser);
	const page = await context.newPage();
	await page.goto('/');
	await page.getByLabel('搜索事项').fill(item.searchWord);
	await page.getByRole('button', { name: '搜索' }).click();
	await expect(
		page.getByRole('heading', { name: `“${item.searchWord}”共找到 1 项` })
	).toBeVisible();
	const hit = page.locator('li.hit').filter({ hasText: item.name });
	await expect(hit.locator('mark').first()).toHaveText(item.searchWord);
	await expect(hit).toContainText('命中：设定依据');
	await page.screenshot({ path: screenshotPath('catalogue-search'), fullPage: true });

	await hit.getByRole('link', { name: item.name }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(item.name);
	await expect(page.getByText(/第 1 版 · \d{4}-\d{2}-\d{2} 公布/).first()).toBeVisible();
	await expect(page.getByText(item.excerpt)).toBeVisible();
	await expect(page.getByRole('cell', { name: '小餐饮经营许可申请表' })).toBeVisible();
	await expect(page.getByRole('button', { name: '打印办事指南' })).toBeVisible();
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('button', { name: '打印办事指南' })).toBeHidden();
	await expect(page.getByRole('navigation', { name: '主导航' })).toBeHidden();
	await page.screenshot({ path: screenshotPath('catalogue-guide-print'), fullPage: true });
	await context.close();
});
