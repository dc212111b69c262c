import { expect, test, atPath, DEMO_USERS, hydrated, login, screenshotPath } from './helpers';

/** 实时报送 in the administration: a feed token issued (shown once), listed, revoked. */
test('admin issues a feed token, sees it once, and revokes it', async ({ page }) => {
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	await login(page, DEMO_USERS.admin.username, DEMO_USERS.admin.password);
	await expect(page).toHaveURL(atPath('/admin'));
	await page.getByRole('link', { name: /实时报送/ }).click();
	await expect(page).toHaveURL(atPath('/admin/feed'));
	await expect(page.getByRole('heading', { level: 1, name: '实时报送' })).toBeVisible();
	await expect(page.getByText('尚未签发报送令牌。')).toBeVisible();
	await hydrated(page);

	// A name that is only spaces: refused with the field named, the form kept.
	await page.getByLabel('令牌名称').fill('   ');
	await page.getByRole('button', { name: '签发报送令牌' }).click();
	await expect(page.getByText('请填写“令牌名称”。')).toBeVisible();

	await page.getByLabel('令牌名称').fill('省政务服务大厅');
	await page.getByRole('button', { name: '签发报送令牌' }).click();
	const shown = page.getByTestId('token-value');
	await expect(shown).toHaveText(/^sunlitfeed_[a-z2-7]{50,}$/);
	const token = (await shown.textContent())!;
	const row = page.getByRole('row', { name: /省政务服务大厅/ });
	await expect(row.getByText('从未使用')).toBeVisible();

	// The token reads the feed.
	const res = await page.request.get('/api/v1/feed?after=0', {
		headers: { authorization: `Bearer ${token}` }
	});
	expect(res.status()).toBe(200);
	expect(res.headers()['sunlit-feed-last']).toMatch(/^\d+$/);

	await page.screenshot({ path: screenshotPath('admin-feed'), fullPage: true });

	// Shown once: gone after a reload, while the token stays listed (now used).
	await page.reload();
	await expect(page.getByTestId('token-value')).toHaveCount(0);
	await expect(row).toBeVisible();
	await expect(row.getByText('从未使用')).toHaveCount(0);

	await hydrated(page);
	// Once issued, the name field is emptied, so the same token is not issued twice by mistake.
	await page.getByLabel('令牌名称').fill('市政务服务中心');
	await page.getByRole('button', { name: '签发报送令牌' }).click();
	await expect(page.getByRole('row', { name: /市政务服务中心/ })).toBeVisible();
	await expect(page.getByLabel('令牌名称')).toHaveValue('');

	page.once('dialog', (d) => d.accept());
	await row.getByRole('button', { name: '吊销' }).click();
	await expect(page.getByText('已吊销报送令牌。')).toBeVisible();
	await expect(row.getByText(/已于 .* 吊销/)).toBeVisible();
	const after = await page.request.get('/api/v1/feed?after=0', {
		headers: { authorization: `Bearer ${token}` }
	});
	expect(after.status()).toBe(401);
	expect(errors).toEqual([]);
});
