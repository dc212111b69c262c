import {
	expect,
	test,
	atPath,
	DEMO_USER_LIST,
	DEMO_USERS,
	fillLoginForm,
	freshContext,
	login,
	logout,
	screenshotPath,
	SESSION_COOKIE
} from './helpers';

test.describe('signing in', () => {
	for (const user of DEMO_USER_LIST) {
		test(`${user.role} lands on ${user.home} with its heading`, async ({ page }) => {
			await login(page, user.username, user.password);
			await expect(page).toHaveURL(atPath(user.home));
			await expect(
				page.getByRole('heading', { level: 1, name: user.heading, exact: true })
			).toBeVisible();
			// The header shows who is signed in (linking to the account page) and the way out.
			await expect(page.getByRole('link', { name: user.displayName, exact: true })).toHaveAttribute(
				'href',
				'/account'
			);
			await expect(page.getByRole('button', { name: '退出登录' })).toBeVisible();
			await expect(page.getByRole('button', { name: '语言' })).toHaveText('English');
			await page.screenshot({ path: screenshotPath(`home-${user.role}`), fullPage: true });
		});
	}

	test('the public hall and the login page render in Chinese', async ({ page }) => {
		const hall = await page.goto('/');
		expect(hall?.status()).toBe(200);
		await expect(page.getByRole('heading', { level: 1, name: '示例县网上政务大厅' })).toBeVisible();
		await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
		await page.screenshot({ path: screenshotPath('hall'), fullPage: true });

		const login = await page.goto('/login');
		expect(login?.status()).toBe(200);
		await expect(page.getByRole('heading', { level: 1, name: '工作人员登录' })).toBeVisible();
		await expect(page.getByLabel('用户名')).toBeVisible();
		await expect(page.getByLabel('密码')).toHaveAttribute('type', 'password');
		await expect(page.getByRole('alert')).toHaveCount(0);
		await page.screenshot({ path: screenshotPath('login'), fullPage: true });
	});

	test('a wrong password shows a clear Chinese error and keeps the username', async ({ page }) => {
		// One failure only: the throttle starts at the fifth, and admin is needed elsewhere.
		await page.goto('/login');
		await fillLoginForm(page, DEMO_USERS.admin.username, 'not-the-password');
		const alert = page.getByRole('alert');
		await expect(alert).toHaveText('用户名或密码错误，请重新输入。');
		await expect(page).toHaveURL(atPath('/login'));
		await expect(page.getByLabel('用户名')).toHaveValue(DEMO_USERS.admin.username);
		// The error is tied to the username field for screen readers.
		await expect(page.getByLabel('用户名')).toHaveAttribute('aria-describedby', 'login-error');
		expect((await page.context().cookies()).some((c) => c.name === SESSION_COOKIE)).toBe(false);
		await page.screenshot({ path: screenshotPath('login-error'), fullPage: true });
	});
});

test.describe('access control', () => {
	test('an officer is refused /admin with 403, and the refusal is in the audit log', async ({
		page
	}) => {
		const officer = DEMO_USERS.officer;
		await login(page, officer.username, officer.password);
		await expect(page).toHaveURL(atPath(officer.home));

		const refused = await page.goto('/admin');
		expect(refused?.status()).toBe(403);
		await expect(page).toHaveURL(/\/forbidden\?from=%2Fadmin$/);
		await expect(page.getByRole('heading', { level: 1 })).toContainText('无权访问');
		await expect(page.getByText('您的账号没有访问此页面的权限')).toBeVisible();
		await expect(page.getByText('被拒绝的地址：/admin')).toBeVisible();
		// Nothing of the admin page leaks through.
		await expect(page.getByRole('heading', { name: '系统管理', exact: true })).toHaveCount(0);
		// The refusal is shown inside the normal shell, so the officer signs out from there.
		await logout(page);

		const admin = DEMO_USERS.admin;
		await login(page, admin.username, admin.password);
		await expect(page).toHaveURL(atPath(admin.home));
		const audit = await page.goto('/audit?action=access.denied');
		expect(audit?.status()).toBe(200);
		await expect(page.getByRole('heading', { level: 1, name: '审计日志' })).toBeVisible();

		const table = page.locator('table.audit');
		const headers = table.locator('thead th');
		await expect(headers).toContainText(['序号', '时间', '操作人', '操作', '对象']);
		const actionColumn = (await headers.allInnerTexts()).indexOf('操作');
		expect(actionColumn).toBeGreaterThanOrEqual(0);

		const rows = table.locator('tbody tr');
		// Filtered: every row is a refusal, and there is at least the officer's.
		await expect(rows.first().locator('td').nth(actionColumn)).toHaveText('access.denied');
		for (const cell of await rows.locator(`td:nth-child(${actionColumn + 1})`).allInnerTexts())
			expect(cell).toBe('access.denied');
		// The officer's refusal: the actor cell is the username (over the role), the payload names the path.
		const actorColumn = (await headers.allInnerTexts()).indexOf('操作人');
		expect(actorColumn).toBeGreaterThanOrEqual(0);
		const officerRow = rows
			.filter({
				has: page.locator(`td:nth-child(${actorColumn + 1})`, {
					hasText: new RegExp(`^${officer.username}\\s*(?:officer)?$`)
				})
			})
			.filter({ hasText: '"path":"/admin"' });
		await expect(officerRow.first()).toBeVisible();
		await expect(officerRow.first().locator('td').nth(actionColumn)).toHaveText('access.denied');
		await expect(officerRow.first()).toContainText('route');
	});

	test('anonymous /admin goes to the login page and back to /admin after signing in', async ({
		page
	}) => {
		await page.goto('/admin');
		await expect(page).toHaveURL(/\/login\?next=%2Fadmin$/);
		await expect(page.getByRole('heading', { level: 1, name: '工作人员登录' })).toBeVisible();

		await fillLoginForm(page, DEMO_USERS.admin.username, DEMO_USERS.admin.password);
		await expect(page).toHaveURL(atPath('/admin'));
		await expect(
			page.getByRole('heading', { level: 1, name: '系统管理', exact: true })
		).toBeVisible();
	});

	test('logging out ends the session on the server; the old cookie no longer works', async ({
		page,
		browser
	}) => {
		const supervisor = DEMO_USERS.supervisor;
		await login(page, supervisor.username, supervisor.password);
		await expect(page).toHaveURL(atPath(supervisor.home));
		await expect(page.getByRole('heading', { level: 1, name: supervisor.heading })).toBeVisible();

		const oldCookie = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE);
		expect(oldCookie, 'a session cookie after signing in').toBeDefined();
		expect(oldCookie!.httpOnly).toBe(true);

		await logout(page);
		await expect(page.getByRole('button', { name: '退出登录' })).toHaveCount(0);
		expect((await page.context().cookies()).some((c) => c.name === SESSION_COOKIE)).toBe(false);

		// Replaying the stolen/old cookie in a brand-new browser must not get in.
		const replay = await freshContext(browser);
		try {
			await replay.addCookies([oldCookie!]);
			const other = await replay.newPage();
			await other.goto(supervisor.home);
			await expect(other).toHaveURL(/\/login\?next=%2Fsupervision$/);
			await expect(other.getByRole('heading', { level: 1, name: '工作人员登录' })).toBeVisible();
			await expect(other.getByRole('heading', { name: supervisor.heading })).toHaveCount(0);

			// And at the HTTP level: a request carrying the old token is sent to login.
			const res = await replay.request.get(supervisor.home, {
				maxRedirects: 0,
				headers: { cookie: `${SESSION_COOKIE}=${oldCookie!.value}` }
			});
			expect(res.status()).toBe(303);
			expect(res.headers()['location']).toBe('/login?next=%2Fsupervision');
		} finally {
			await replay.close();
		}
	});
});
