import { type Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import {
	expect,
	test,
	DEMO_USERS,
	freshContext,
	hydrated,
	login,
	logout,
	screenshotPath
} from './helpers';

/**
 * Approval and freezing of a power item version: the department revises a frozen demo item and
 * changes a step's time limit; the legal office sees the flow diff with the changed step marked
 * and returns it with a comment on that step; the department fixes and resubmits; the legal office
 * approves, and the hall shows the new frozen version with a content hash that matches the
 * downloadable definition.
 */
test.describe.configure({ mode: 'serial' });

const ITEM = '对未取得食品经营许可从事食品经营活动的行政处罚';
const CODE = '990001-SCJG-CF-0001';
let entryPath = '';

async function setStepDays(page: Page, step: string, days: string, revision: number) {
	await page.getByRole('link', { name: '流程图设计' }).click();
	await hydrated(page);
	await page.locator('.svelte-flow__node').filter({ hasText: step }).first().click();
	const props = page.getByRole('complementary', { name: '属性' });
	await expect(props.getByLabel('名称')).toHaveValue(step);
	await props.getByLabel('办理时限（工作日）').fill(days);
	await props.getByLabel('办理时限（工作日）').press('Tab');
	await page.getByRole('button', { name: '保存', exact: true }).click();
	await expect(
		page.getByRole('status').filter({ hasText: `已保存为第 ${revision} 版` })
	).toBeVisible();
}

async function openReview(page: Page) {
	await login(page, DEMO_USERS.legal.username, DEMO_USERS.legal.password);
	await page.getByRole('row').filter({ hasText: ITEM }).getByRole('link', { name: ITEM }).click();
	await hydrated(page);
}

test('the department revises a frozen item, shortens a step and submits the bundle', async ({
	page
}) => {
	// The hall shows version 1, frozen from the repository's sources.
	await page.goto(`/catalogue/${CODE}`);
	await expect(page.getByTestId('frozen')).toContainText('现行固化版本：第 1 版');

	await login(page, DEMO_USERS.editor.username, DEMO_USERS.editor.password);
	await page.getByRole('link', { name: ITEM }).click();
	await page.waitForURL(/\/studio\/catalogue\/\d+$/);
	entryPath = new URL(page.url()).pathname;
	await hydrated(page);
	await page.getByRole('button', { name: '修订（新建版本）' }).click();
	await expect(page.getByRole('button', { name: '提交法制办审核' })).toBeVisible();
	await setStepDays(page, '调查取证', '10', 2);
	await page.goto(entryPath);
	await hydrated(page);
	await page.getByRole('button', { name: '提交法制办审核' }).click();
	await expect(page.getByRole('status').filter({ hasText: '已提交法制办审核' })).toBeVisible();
	await logout(page);
});

test('the legal office sees the flow diff with the changed step marked and returns it with a comment on that step', async ({
	page
}) => {
	await openReview(page);
	await expect(page.getByTestId('bundle-check')).toContainText('编译检查通过');
	await expect(page.getByTestId('bundle-check')).toContainText('现行固化版本：第 1 版');
	const diff = page.getByTestId('flow-diff');
	const changed = diff.locator('g.node[data-mark="changed"]');
	await expect(changed.first()).toBeVisible();
	await expect(changed.filter({ hasText: '调查取证' }).first()).toBeVisible();
	await expect(diff.locator('g.node[data-mark="added"], g.node[data-mark="removed"]')).toHaveCount(
		0
	);
	await expect(diff.getByRole('table')).toContainText('20');
	await expect(diff.getByRole('table')).toContainText('10');
	await expect(page.getByTestId('form-diff')).toContainText('表单无变化');
	await diff.scrollIntoViewIfNeeded();
	await page.screenshot({ path: screenshotPath('freeze-review'), fullPage: true });

	await page
		.locator('select[name="flowTarget"]')
		.first()
		.selectOption({ label: '调查取证（办理环节）' });
	await page
		.locator('textarea[name="flowNote"]')
		.first()
		.fill('调查取证时限压缩过多，请改为 15 个工作日。');
	await page.getByRole('button', { name: '退回修改' }).click();
	await expect(page).toHaveURL(/\/studio\?returned=/);
	await logout(page);
});

test('the department sees the comment on the step, fixes it and resubmits', async ({ page }) => {
	await login(page, DEMO_USERS.editor.username, DEMO_USERS.editor.password);
	await page.goto(entryPath);
	await hydrated(page);
	await expect(page.locator('.comments')).toContainText(
		'流程图环节“调查取证”：调查取证时限压缩过多，请改为 15 个工作日。'
	);
	await setStepDays(page, '调查取证', '15', 3);
	await page.goto(entryPath);
	await hydrated(page);
	await page.getByRole('button', { name: '提交法制办审核' }).click();
	await expect(page.getByRole('status').filter({ hasText: '已提交法制办审核' })).toBeVisible();
	await logout(page);
});

test('the legal office approves; the hall shows the new frozen version and a hash that matches the definition', async ({
	page,
	browser
}) => {
	await openReview(page);
	await expect(page.getByTestId('bundle-check')).toContainText('批准后即生成并固化第 2 版');
	await expect(page.locator('details').first()).toContainText('调查取证时限压缩过多');
	await page.getByRole('button', { name: '审核通过并公布' }).click();
	await expect(page).toHaveURL(/\/studio\?approved=/);
	await expect(page.getByRole('status')).toContainText(`已审核通过并公布 ${CODE}`);
	await logout(page);

	const context = await freshContext(browser);
	const visitor = await context.newPage();
	await visitor.goto(`/catalogue/${CODE}`);
	const frozen = visitor.getByTestId('frozen');
	await expect(frozen).toContainText('现行固化版本：第 2 版');
	const hash = (await visitor.getByTestId('content-hash').innerText()).trim();
	expect(hash).toMatch(/^[0-9a-f]{64}$/);
	await expect(frozen.getByText('以前的固化版本（1 个')).toBeVisible();
	await frozen.scrollIntoViewIfNeeded();
	await visitor.screenshot({ path: screenshotPath('freeze-hall'), fullPage: true });

	const res = await visitor.request.get(`/api/v1/items/${CODE}/frozen/v2/definition.json`);
	expect(res.status()).toBe(200);
	const body = await res.text();
	expect(createHash('sha256').update(body).digest('hex')).toBe(hash);
	const definition = JSON.parse(body) as {
		item: { version: number };
		nodes: Record<string, { name: string; limitDays?: number }>;
	};
	expect(definition.item.version).toBe(2);
	expect(Object.values(definition.nodes).find((n) => n.name === '调查取证')?.limitDays).toBe(15);
	const manifest = (await (
		await visitor.request.get(`/api/v1/items/${CODE}/frozen/v2/manifest.json`)
	).json()) as { contentHash: string; approval: { by: string; record: number } };
	expect(manifest.contentHash).toBe(hash);
	expect(manifest.approval.by).toBe('legal');
	expect(manifest.approval.record).toBeGreaterThan(0);

	// The freeze published the audit chain's head, at or after the approval's record.
	await visitor.goto('/audit-checkpoints');
	// The county's checkpoint signing key (issue 16 item 6, contract point).
	await expect(visitor.getByTestId('public-key')).toContainText('BEGIN PUBLIC KEY');
	const latest = visitor.getByRole('row').nth(1);
	await expect(latest).toContainText('批准固化');
	const seq = Number((await latest.getByRole('cell').nth(1).innerText()).trim());
	expect(seq).toBeGreaterThanOrEqual(manifest.approval.record);
	await visitor.getByLabel('记录序号').fill(String(seq));
	await visitor.getByRole('button', { name: '查询该记录现在的哈希' }).click();
	await expect(visitor.getByTestId('lookup')).toContainText(
		(await latest.getByRole('cell').nth(2).innerText()).trim()
	);
	await visitor.screenshot({ path: screenshotPath('audit-checkpoints'), fullPage: true });
	await context.close();
});
