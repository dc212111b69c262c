import { type Page } from '@playwright/test';
import { expect, test, atPath, DEMO_USERS, freshContext, login, SESSION_COOKIE } from './helpers';

/**
 * One administrator's journey, step by step: a department and a post, an officer bound to that
 * post (after a rejected attempt), the officer signing in, then the account being disabled while
 * the officer is still signed in elsewhere. The steps build on each other, so they run in order.
 */
test.describe.configure({ mode: 'serial' });

// Every run starts from a freshly seeded database (see playwright.config.ts), so plain,
// realistic names are used: they also appear in the public hall's screenshot.
const dept = { code: 'JYJ', name: '县教育局', kindLabel: '业务部门' };
const post = { code: 'SL', name: '受理岗', duty: '审查教师资格认定申请材料是否齐全' };
const newUser = {
	username: 'jyj.qian',
	displayName: '教育局 钱办理',
	password: 'jyj-officer-2026'
};
let userPath = '';

async function signInAsAdmin(page: Page) {
	await login(page, DEMO_USERS.admin.username, DEMO_USERS.admin.password);
	await expect(page).toHaveURL(atPath('/admin'));
}

test('admin creates a department and a post in it', async ({ page }) => {
	await signInAsAdmin(page);
	await page.goto('/admin/departments');
	await expect(page.getByRole('heading', { level: 1, name: '部门与岗位' })).toBeVisible();
	await expect(page.getByRole('link', { name: dept.name })).toHaveCount(0);

	await page.getByLabel('部门编码').fill(dept.code);
	await page.getByLabel('部门名称').fill(dept.name);
	await page.getByLabel('部门类型').selectOption({ label: dept.kindLabel });
	await page.getByRole('button', { name: '创建部门' }).click();

	await expect(page).toHaveURL(/\/admin\/departments\/\d+\?created=1$/);
	await expect(page.getByRole('status')).toHaveText(`已创建部门 ${dept.name}。`);
	await expect(page.getByRole('heading', { level: 1 })).toContainText(dept.name);
	await expect(page.getByRole('heading', { level: 1 })).toContainText(dept.code);
	await expect(page.getByText('该部门尚无岗位。')).toBeVisible();

	await page.getByLabel('岗位编码').fill(post.code);
	await page.getByLabel('岗位名称').fill(post.name);
	await page.getByLabel('职责要求').fill(post.duty);
	await page.getByRole('button', { name: '创建岗位' }).click();
	await expect(page.getByRole('status').filter({ hasText: '已创建岗位' })).toHaveText(
		`已创建岗位 ${post.name}。`
	);
	const postRow = page.getByRole('row').filter({ hasText: post.code });
	await expect(postRow).toContainText(post.name);
	await expect(postRow).toContainText(post.duty);

	// The department list counts it, with one post and no users yet.
	await page.goto('/admin/departments');
	const deptRow = page
		.getByRole('row')
		.filter({ has: page.getByRole('link', { name: dept.name }) });
	await expect(deptRow.getByRole('cell')).toHaveText([
		dept.code,
		dept.name,
		dept.kindLabel,
		'1',
		'0',
		'正常'
	]);
});

test('creating an officer without a post is refused with a clear error, keeping what was typed', async ({
	page
}) => {
	await signInAsAdmin(page);
	await page.goto('/admin/users');
	await expect(page.getByRole('heading', { level: 1, name: '用户管理' })).toBeVisible();

	await page.getByLabel('用户名').fill(newUser.username);
	await page.getByLabel('姓名').fill(newUser.displayName);
	await page.getByLabel('所在部门').selectOption({ label: dept.name });
	await page.getByLabel('办件人员').check();
	// The post list follows the chosen department.
	const postBox = page.getByLabel(`${dept.name} · ${post.name}`);
	await expect(postBox).toBeVisible();
	await expect(postBox).not.toBeChecked();
	await page.getByLabel('初始密码').fill(newUser.password);
	await page.getByRole('button', { name: '创建用户' }).click();

	const summary = page.locator('.alert[role="alert"]');
	await expect(summary).toContainText('提交未成功，请修改以下内容：');
	await expect(summary).toContainText('办件人员必须绑定至少一个“承办岗位”。');
	// The error also sits next to the field it is about.
	const postsFieldset = page.getByRole('group', { name: '承办岗位' });
	await expect(postsFieldset.getByRole('alert')).toHaveText('办件人员必须绑定至少一个“承办岗位”。');

	await expect(page).toHaveURL(atPath('/admin/users'));
	await expect(page.getByLabel('用户名')).toHaveValue(newUser.username);
	await expect(page.getByLabel('姓名')).toHaveValue(newUser.displayName);
	await expect(page.getByLabel('所在部门')).toHaveValue(/\d+/);
	await expect(page.getByLabel('所在部门').locator('option:checked')).toHaveText(dept.name);
	await expect(page.getByLabel('办件人员')).toBeChecked();
	// No user was created.
	await expect(page.getByRole('link', { name: newUser.username, exact: true })).toHaveCount(0);

	// A password that is too short is named as such, and the other fields still stay.
	await postBox.check();
	await page.getByLabel('初始密码').fill('short');
	await page.getByRole('button', { name: '创建用户' }).click();
	await expect(summary).toContainText('至少需要 8 个字符');
	await expect(page.locator('#new-password-error')).toContainText('密码');
	await expect(page.getByLabel('用户名')).toHaveValue(newUser.username);
	await expect(page.getByLabel('姓名')).toHaveValue(newUser.displayName);
	await expect(postBox).toBeChecked();
	await expect(page.getByRole('link', { name: newUser.username, exact: true })).toHaveCount(0);
});

test('admin creates the officer bound to the new post', async ({ page }) => {
	await signInAsAdmin(page);
	await page.goto('/admin/users');

	await page.getByLabel('用户名').fill(newUser.username);
	await page.getByLabel('姓名').fill(newUser.displayName);
	await page.getByLabel('所在部门').selectOption({ label: dept.name });
	await page.getByLabel('办件人员').check();
	await page.getByLabel(`${dept.name} · ${post.name}`).check();
	await page.getByLabel('初始密码').fill(newUser.password);
	await page.getByRole('button', { name: '创建用户' }).click();

	await expect(page).toHaveURL(/\/admin\/users\/\d+\?created=1$/);
	await expect(page.getByRole('status')).toHaveText(`已创建用户 ${newUser.username}。`);
	await expect(page.getByRole('heading', { level: 1 })).toContainText(newUser.displayName);
	userPath = new URL(page.url()).pathname;

	// The edit form shows what was stored.
	await expect(page.getByLabel('所在部门').locator('option:checked')).toHaveText(dept.name);
	await expect(page.getByLabel('办件人员')).toBeChecked();
	await expect(page.getByLabel('系统管理员')).not.toBeChecked();
	await expect(page.getByLabel(`${dept.name} · ${post.name}`)).toBeChecked();

	await page.goto('/admin/users');
	const row = page
		.getByRole('row')
		.filter({ has: page.getByRole('link', { name: newUser.username, exact: true }) });
	await expect(row).toContainText(newUser.displayName);
	await expect(row).toContainText(dept.name);
	await expect(row).toContainText('办件人员');
	await expect(row).toContainText('正常');
});

test('the new officer signs in; disabling the account ends their open session', async ({
	page,
	browser
}) => {
	expect(userPath, 'the user was created by the previous step').toMatch(/^\/admin\/users\/\d+$/);

	// The officer works in a browser of their own.
	const officerContext = await freshContext(browser);
	try {
		const officerPage = await officerContext.newPage();
		await login(officerPage, newUser.username, newUser.password);
		await expect(officerPage).toHaveURL(atPath('/work'));
		await expect(officerPage.getByRole('heading', { level: 1, name: '办件工作台' })).toBeVisible();
		await expect(officerPage.getByRole('link', { name: newUser.displayName })).toBeVisible();
		await expect(officerPage.getByRole('heading', { level: 3, name: post.name })).toBeVisible();
		expect((await officerContext.cookies()).some((c) => c.name === SESSION_COOKIE)).toBe(true);

		// The administrator disables the account (confirming the prompt).
		await signInAsAdmin(page);
		await page.goto(userPath);
		await expect(page.getByRole('heading', { level: 2, name: '状态：正常' })).toBeVisible();
		let prompt = '';
		page.once('dialog', async (dialog) => {
			prompt = dialog.message();
			await dialog.accept();
		});
		await page.getByRole('button', { name: '停用账号' }).click();
		await expect(page.getByRole('status').filter({ hasText: '账号已停用' })).toHaveText(
			'账号已停用，其所有会话已结束。'
		);
		await expect(page.getByRole('heading', { level: 2, name: '状态：已停用' })).toBeVisible();
		await expect(page.getByRole('button', { name: '启用账号' })).toBeVisible();
		expect(prompt).toContain('确定停用该账号');

		// The officer's next request finds the session gone.
		await officerPage.reload();
		await expect(officerPage).toHaveURL(/\/login\?next=%2Fwork$/);
		await expect(
			officerPage.getByRole('heading', { level: 1, name: '工作人员登录' })
		).toBeVisible();
		await expect(officerPage.getByRole('heading', { name: '办件工作台' })).toHaveCount(0);

		// Nor can they sign in again (a single failure; the throttle starts at five).
		await officerPage.getByLabel('用户名').fill(newUser.username);
		await officerPage.getByLabel('密码').fill(newUser.password);
		await officerPage.getByRole('button', { name: '登录', exact: true }).click();
		await expect(officerPage.getByRole('alert')).toHaveText('用户名或密码错误，请重新输入。');
		await expect(officerPage).toHaveURL(/\/login/);
	} finally {
		await officerContext.close();
	}

	// The list shows the account as disabled.
	await page.goto('/admin/users');
	const row = page
		.getByRole('row')
		.filter({ has: page.getByRole('link', { name: newUser.username, exact: true }) });
	await expect(row).toContainText('已停用');
});
