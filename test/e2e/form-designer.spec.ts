import { type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expect, test, DEMO_USERS, freshContext, hydrated, login, screenshotPath } from './helpers';

/**
 * Designing an application form: an editor adds four fields from the palette, names them, fills
 * in the live preview and sees the ID number's check character refused, then accepted once
 * fixed; saves, reloads and finds the fields. A second tab opened before the save is refused
 * when it saves its own change, and keeps it on the page.
 */

const ITEM = '食品经营许可证核发';
const CODE = '990001-SCJG-XK-0001';

/** A 居民身份证号码 with the GB 11643 check character for its first 17 digits. */
function idNumber(base17: string): string {
	const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
	const sum = weights.reduce((s, w, i) => s + w * Number(base17[i]), 0);
	return base17 + '10X98765432'.charAt(sum % 11);
}
const VALID_ID = idNumber('11010519491231002');
const WRONG_ID = VALID_ID.slice(0, 17) + (VALID_ID.endsWith('1') ? '2' : '1');

async function openDesigner(page: Page) {
	await login(page, DEMO_USERS.editor.username, DEMO_USERS.editor.password);
	await page.getByRole('link', { name: ITEM }).click();
	await hydrated(page);
	await page.getByRole('link', { name: '申请表单设计' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`申请表单设计：${ITEM}`);
	await hydrated(page);
}

/** Adds a field of the palette kind `kind`, then names it (and marks it required). */
async function addField(page: Page, kind: string, label: string, required = false) {
	await page.getByRole('group', { name: '添加字段' }).getByRole('button', { name: kind }).click();
	await expect(page.getByRole('status').filter({ hasText: `已添加字段“${kind}”` })).toBeVisible();
	await page.getByLabel('名称', { exact: true }).fill(label);
	if (required) await page.getByLabel('必填', { exact: true }).check();
	await expect(page.getByRole('heading', { name: `字段属性：${label}` })).toBeVisible();
}

test('an editor designs a four-field form, sees the ID check in the preview, saves; a stale tab is refused', async ({
	page,
	browser
}) => {
	test.setTimeout(120_000);
	// A second tab opened now is still based on the unsaved (empty) form when the first saves.
	const other = await freshContext(browser);
	const otherTab = await other.newPage();
	await openDesigner(otherTab);

	await openDesigner(page);
	const preview = page.getByRole('region', { name: '预览' });
	await expect(preview).toContainText('这张表单还没有字段。');
	await expect(page.getByRole('textbox', { name: '表单标题' })).toHaveValue(`${ITEM}申请表`);

	await addField(page, '单行文本', '姓名', true);
	await addField(page, '身份证号', '身份证号码', true);
	await addField(page, '手机号', '联系电话');
	await addField(page, '地址', '经营场所');

	const list = page.getByRole('list', { name: '字段（4 个）' });
	await expect(list.getByRole('listitem')).toHaveCount(4);
	await expect(list.getByRole('listitem')).toHaveText([
		/姓名.*单行文本 · text1/,
		/身份证号码.*身份证号 · idCard1/,
		/联系电话.*手机号 · mobile1/,
		/经营场所.*地址 · address1/
	]);
	await expect(page.getByRole('heading', { name: '表单定义没有发现问题。' })).toBeVisible();

	// The preview renders the four fields, required ones marked.
	await expect(preview.getByLabel('姓名')).toBeVisible();
	await expect(preview.getByText('身份证号码（必填）')).toBeVisible();
	await expect(preview.getByLabel('联系电话')).toBeVisible();
	await expect(preview.getByLabel('经营场所')).toBeVisible();

	// A wrong check character is refused at the field, in Chinese, naming the field.
	const idInput = preview.getByLabel('身份证号码');
	await idInput.fill(WRONG_ID);
	await preview.getByRole('button', { name: '检查填写' }).click();
	const idError = '“身份证号码”不是有效的居民身份证号码';
	await expect(preview.getByText(idError)).toBeVisible();
	await expect(idInput).toHaveAttribute('aria-invalid', 'true');
	await expect(preview.getByText('请填写“姓名”。')).toBeVisible();
	await expect(preview.getByRole('status')).toHaveText('发现 2 处填写问题，已标在相应字段下。');
	// The error is tied to its input for screen readers.
	const describedBy = await idInput.getAttribute('aria-describedby');
	expect(describedBy).toBeTruthy();
	await expect(page.locator(`[id="${describedBy}"]`)).toContainText(idError);
	await page.evaluate(() => window.scrollTo(0, 0));
	await page.screenshot({ path: screenshotPath('form-designer'), fullPage: true });

	// Fixing it clears the error as it is typed.
	await preview.getByLabel('姓名').fill('张三');
	await idInput.fill(VALID_ID);
	await expect(preview.getByText(idError)).toHaveCount(0);
	await expect(idInput).toHaveAttribute('aria-invalid', 'false');
	await expect(preview.getByRole('status')).toHaveText('填写无误。');

	// Save, reload: the four fields are there.
	await page.getByRole('button', { name: '保存表单' }).click();
	await expect(page.getByRole('status').filter({ hasText: '已保存为第 1 版' })).toBeVisible();
	await page.reload();
	await hydrated(page);
	await expect(page.getByText('当前为第 1 版，市场监管局 李填报')).toBeVisible();
	await expect(page.getByRole('list', { name: '字段（4 个）' }).getByRole('listitem')).toHaveText([
		/姓名/,
		/身份证号码/,
		/联系电话/,
		/经营场所/
	]);
	await expect(page.getByRole('region', { name: '预览' }).getByLabel('经营场所')).toBeVisible();

	// The other tab, opened before the save, saves its own change and is refused; nothing is lost.
	await addField(otherTab, '日期', '开业日期');
	await otherTab.getByRole('button', { name: '保存表单' }).click();
	const refused = otherTab.getByRole('alert').filter({ hasText: '保存被拒绝' });
	await expect(refused).toContainText('市场监管局 李填报');
	await expect(refused).toContainText('第 1 版');
	await expect(refused).toContainText('您的修改仍保留在本页');
	await expect(otherTab.getByRole('list', { name: '字段（1 个）' })).toContainText('开业日期');
	await expect(otherTab.getByRole('region', { name: '预览' }).getByLabel('开业日期')).toBeVisible();
	await expect(otherTab.getByRole('status').filter({ hasText: '有尚未保存的修改' })).toBeVisible();
	// …and can take its work away as a file.
	const [download] = await Promise.all([
		otherTab.waitForEvent('download'),
		refused.getByRole('button', { name: '下载我的修改（表单文件）' }).click()
	]);
	expect(download.suggestedFilename()).toBe(`${CODE}.form.json`);
	const mine = readFileSync(await download.path());
	await other.close();

	// The first tab imports that file (after refusing one of another item) to merge by hand.
	const importInput = page.getByLabel('导入表单文件');
	const foreign = { format: 'sunlit.form', version: 1, item: '990001-ZRZY-XK-0002', fields: [] };
	await importInput.setInputFiles({
		name: 'foreign.form.json',
		mimeType: 'application/json',
		buffer: Buffer.from(JSON.stringify(foreign))
	});
	await expect(page.getByRole('alert')).toHaveText(
		`无法导入“foreign.form.json”：该文件属于事项 990001-ZRZY-XK-0002，不是本事项 ${CODE}。`
	);
	await importInput.setInputFiles({
		name: `${CODE}.form.json`,
		mimeType: 'application/json',
		buffer: mine
	});
	await expect(page.getByRole('status').filter({ hasText: '已导入' })).toBeVisible();
	await expect(page.getByRole('list', { name: '字段（1 个）' })).toContainText('开业日期');
	await expect(page.getByRole('status').filter({ hasText: '有尚未保存的修改' })).toBeVisible();
});
