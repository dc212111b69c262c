import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { atPath, DEMO_USERS, hydrated, login, screenshotPath } from './helpers';

/**
 * Spreadsheets as departments use them: a template re-saved by openpyxl is read (issue 16,
 * item 22), and an export edited in a spreadsheet and imported back previews each row (新增 /
 * 修改 with the changed elements / 无改动), refuses bad rows by row and column, and on
 * confirmation makes new draft versions (item 23).
 */
test.describe.configure({ mode: 'serial' });

const CODE = '990001-SCJG-CJ-0001';
const IMPORT = '/studio/catalogue/import';

async function openImport(page: Page) {
	await login(page, DEMO_USERS.editor.username, DEMO_USERS.editor.password);
	await expect(page).toHaveURL(atPath('/studio'));
	await page.goto(IMPORT);
	await hydrated(page);
}

async function upload(page: Page, name: string, buffer: Buffer) {
	await page.locator('#import-file').setInputFiles({
		name,
		mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		buffer
	});
	await page.getByRole('button', { name: '检查并预览' }).click();
}

/** The studio's export, downloaded through the page's link. */
async function downloadExport(page: Page): Promise<Buffer> {
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: '导出本部门事项（Excel）' }).click()
	]);
	return readFileSync((await download.path())!);
}

/** The export with cells of the row of `code` changed, and optionally one new row copied from it. */
async function edit(
	xlsx: Buffer,
	cells: Record<string, string | number>,
	newName?: string
): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
	const ws = wb.getWorksheet('职权目录')!;
	const col = new Map<string, number>();
	ws.getRow(1).eachCell((c, n) => col.set(String(c.value), n));
	let target: ExcelJS.Row | undefined;
	ws.eachRow((row, n) => {
		if (n > 1 && row.getCell(1).value === CODE) target = row;
	});
	if (newName) {
		const copy = ws.addRow((target!.values as ExcelJS.CellValue[]).slice(1));
		copy.getCell(1).value = null;
		copy.getCell(col.get('事项名称')!).value = newName;
	}
	for (const [h, v] of Object.entries(cells)) target!.getCell(col.get(h)!).value = v;
	return Buffer.from(await wb.xlsx.writeBuffer());
}

test('a template saved by openpyxl, with its header comments, is read and previewed', async ({
	page
}) => {
	await openImport(page);
	const fixture = readFileSync(join(process.cwd(), 'test/fixtures/openpyxl-template.xlsx'));
	await upload(page, '导入模板（openpyxl）.xlsx', fixture);
	const preview = page.getByRole('region', { name: '“导入模板（openpyxl）.xlsx”的导入预览' });
	await expect(preview).toBeVisible();
	await expect(preview.getByRole('status')).toContainText('新增 1 个');
	await expect(preview.locator('tbody tr')).toHaveCount(1);
	await expect(preview.locator('tbody tr').first()).toContainText('新增');
	await expect(preview.locator('tbody tr').first()).toContainText('食品经营许可');
});

test('an edited export is previewed row by row, refused rows are named, and confirming makes a new draft version', async ({
	page
}) => {
	await openImport(page);
	const exported = await downloadExport(page);

	// A changed category is refused, with its row and column; nothing is imported.
	await upload(page, '目录-改类别.xlsx', await edit(exported, { 职权类别: '行政许可' }));
	const problems = page.getByRole('region', { name: '“目录-改类别.xlsx”中的问题' });
	await expect(problems.getByRole('alert')).toContainText('没有导入任何事项');
	await expect(problems.locator('tbody')).toContainText('C 列 · 职权类别');
	await expect(problems.locator('tbody')).toContainText(`事项 ${CODE} 的职权类别是“行政裁决”`);

	// Promised days and phone changed, one new row: the preview lists exactly that.
	const file = await edit(
		exported,
		{ '承诺办结时限（工作日）': 12, 咨询电话: '0000-76543210' },
		'计量器具强制检定（导入）'
	);
	await upload(page, '目录-修改.xlsx', file);
	const preview = page.getByRole('region', { name: '“目录-修改.xlsx”的导入预览' });
	await expect(preview.getByRole('status')).toContainText('新增 1 个，修改 1 个');
	const changed = preview.locator('tbody tr[data-action="update"]');
	await expect(changed).toHaveCount(1);
	await expect(changed).toContainText(CODE);
	await expect(changed).toContainText('在第 1 版基础上生成新的草稿版本');
	await expect(changed.locator('dt')).toHaveText(['承诺办结时限（工作日）', '咨询电话']);
	await expect(changed.locator('dd').first()).toContainText('15');
	await expect(changed.locator('dd').first()).toContainText('12');
	await expect(changed.locator('dd').nth(1)).toContainText('0000-76543210');
	await expect(preview.locator('tbody tr[data-action="create"]')).toContainText(
		'计量器具强制检定（导入）'
	);
	await expect(preview.locator('tbody tr[data-action="same"]').first()).toContainText('无改动');
	// Still nothing imported: the entry has no version in progress.
	await page.screenshot({ path: screenshotPath('catalogue-import-preview'), fullPage: true });

	await page.getByRole('button', { name: '确认导入' }).click();
	await expect(page.getByRole('status').first()).toContainText(
		'已从“目录-修改.xlsx”导入：新建 1 个事项，修改 1 个事项'
	);
	const revised = page.getByRole('region', { name: '修改的事项（新的草稿版本）' });
	await expect(revised.getByRole('link', { name: CODE })).toBeVisible();
	await expect(revised).toContainText('第 2 版草稿');
	await page.screenshot({ path: screenshotPath('catalogue-import-done'), fullPage: true });

	// The same file again: the entry now has a draft in progress, which matches the file.
	await upload(page, '目录-修改.xlsx', file);
	const again = page.getByRole('region', { name: '“目录-修改.xlsx”的导入预览' });
	await expect(again.locator(`tbody tr[data-action="update"]`)).toHaveCount(0);
});
