import { expect, test, freshContext, hydrated, screenshotPath } from './helpers';

/**
 * 外网受理: an anonymous applicant opens the service guide of 政府信息公开申请, applies online,
 * first with mistakes (sees each error at its field, everything typed kept), fixes them, uploads
 * the identity proof and submits; the receipt shows the case number and the query code once.
 */
const CODE = '990001-ZFB-QT-0001';

test('an anonymous applicant applies online and gets a printable receipt', async ({ browser }) => {
	const context = await freshContext(browser);
	const page = await context.newPage();
	await page.goto(`/catalogue/${CODE}`);
	await page
		.locator('header.panel')
		.first()
		.screenshot({ path: screenshotPath('intake-guide-link') });
	await page.getByTestId('apply-online').click();
	await expect(page).toHaveURL(new RegExp(`/items/${CODE}/apply$`));
	await hydrated(page);
	await expect(page.getByRole('heading', { level: 1, name: '政府信息公开申请' })).toBeVisible();
	await expect(page.getByTestId('runs-on')).toContainText('第 1 版固化定义');

	// First attempt: no applicant name, a mobile number that is not one.
	await page.getByLabel('公民', { exact: true }).check();
	await page.getByLabel('联系电话').fill('1380013');
	await page.getByLabel('通信地址').fill('示例县人民路 1 号');
	await page.getByLabel(/所需政府信息的名称/).fill('2025 年示例县财政预算执行情况');
	await page.getByLabel('获取信息的方式').selectOption('email');
	await page.getByRole('button', { name: '提交申请' }).click();
	await expect(page.getByTestId('intake-invalid')).toBeVisible();
	await expect(page.locator('#applicantName-error')).toHaveText('请填写“申请人姓名或名称”。');
	await expect(page.locator('#intake-mobile-error')).toContainText('“联系电话”不是有效的手机号码');
	await expect(page.locator('#intake-proof-error')).toHaveText('请填写“申请人身份证明”。');
	await expect(page.getByLabel('通信地址')).toHaveValue('示例县人民路 1 号');
	await expect(page.getByLabel(/所需政府信息的名称/)).toHaveValue('2025 年示例县财政预算执行情况');
	await expect(page).toHaveURL(new RegExp(`/items/${CODE}/apply$`));
	await page.screenshot({ path: screenshotPath('intake-form'), fullPage: true });

	// A file that is not a PDF/image is refused at the field.
	await page.locator('#intake-proof').setInputFiles({
		name: 'notes.pdf',
		mimeType: 'application/pdf',
		buffer: Buffer.from('just some text')
	});
	await expect(page.getByRole('alert').filter({ hasText: '上传失败' })).toContainText(
		'只能上传 PDF、JPEG、PNG 或 OFD'
	);

	// Fixed: the applicant's name, a real mobile number, the proof uploaded.
	await page.locator('#applicantName').fill('张三');
	await page.locator('#applicantId').fill('110101199003077777');
	await page.getByLabel('联系电话').fill('13800138000');
	await page.locator('#intake-proof').setInputFiles({
		name: '身份证明.pdf',
		mimeType: 'application/pdf',
		buffer: Buffer.from(`%PDF-1.4\n% e2e ${Date.now()}\n%%EOF\n`)
	});
	await expect(page.getByText('已上传：身份证明.pdf')).toBeVisible();
	await page.getByRole('button', { name: '提交申请' }).click();

	await expect(page).toHaveURL(new RegExp(`/items/${CODE}/receipt/\\d+$`));
	await expect(page.getByRole('heading', { level: 1, name: '受理回执' })).toBeVisible();
	const caseNo = (await page.getByTestId('case-no').textContent())?.trim() ?? '';
	expect(caseNo).toMatch(/^\d{14,}$/);
	expect(page.url()).toContain(caseNo);
	await expect(page.getByTestId('query-code')).toHaveText(/^[2-9A-Z]{8}$/);
	const queryCode = (await page.getByTestId('query-code').textContent())!.trim();
	const receipt = page.getByTestId('receipt');
	await expect(receipt).toContainText('政府信息公开申请');
	await expect(receipt).toContainText('法定 20 个工作日，承诺 15 个工作日');
	await expect(receipt).toContainText('张三');
	await expect(page.getByRole('button', { name: '打印回执' })).toBeVisible();
	await page.screenshot({ path: screenshotPath('intake-receipt'), fullPage: true });
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('button', { name: '打印回执' })).toBeHidden();
	await page.screenshot({ path: screenshotPath('intake-receipt-print'), fullPage: true });
	await page.emulateMedia({ media: 'screen' });

	// Shown once: a reload no longer shows the query code or the applicant.
	await page.reload();
	await expect(page.getByTestId('receipt-gone')).toContainText('回执只在提交后显示一次');

	// 外网反馈: the number and the query code from the receipt open the case on /track.
	await page.goto('/track');
	await page.getByLabel('办件编号').fill(caseNo);
	await page.getByLabel('查询码').fill(queryCode);
	await page.getByRole('button', { name: '查询' }).click();
	const tracked = page.getByTestId('case');
	await expect(tracked).toContainText(`办件 ${caseNo}`);
	await expect(tracked).toContainText('待受理');
	await expect(tracked).toContainText('政府信息公开申请');
	await expect(page.getByRole('region', { name: '通知记录' })).toContainText('已收到您的申请。');
	await page.screenshot({ path: screenshotPath('track'), fullPage: true });
	await context.close();
});

test('an item that the public does not apply for says it cannot be applied for online', async ({
	page
}) => {
	await page.goto('/catalogue/990001-SCJG-CF-0001');
	await expect(page.getByTestId('frozen')).toBeVisible();
	await expect(page.getByTestId('apply-online')).toHaveCount(0);
	await page.goto('/items/990001-SCJG-CF-0001/apply');
	await expect(page.getByTestId('not-online')).toHaveText(
		'本事项不能在线申请。请按办事指南到窗口办理或咨询。'
	);
});

test('without JavaScript the form still posts its text fields and keeps them when refused', async ({
	browser
}) => {
	const use = test.info().project.use;
	const context = await browser.newContext({
		baseURL: use.baseURL,
		locale: use.locale,
		javaScriptEnabled: false
	});
	const page = await context.newPage();
	await page.goto(`/items/${CODE}/apply`);
	// (Playwright's text engine skips <noscript>, so the notice is found by its class.)
	await expect(page.locator('p.notice')).toContainText('上传文件和填写多行表格需要启用 JavaScript');
	await page.locator('#applicantName').fill('李四');
	await page.getByLabel('通信地址').fill('示例县新华路 8 号');
	await page.getByRole('button', { name: '提交申请' }).click();
	await expect(page.getByTestId('intake-invalid')).toBeVisible();
	await expect(page.locator('#intake-mobile-error')).toHaveText('请填写“联系电话”。');
	await expect(page.locator('#applicantName')).toHaveValue('李四');
	await expect(page.getByLabel('通信地址')).toHaveValue('示例县新华路 8 号');
	await context.close();
});
