import { type Locator, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { expect, test, DEMO_USERS, freshContext, hydrated, login, screenshotPath } from './helpers';

/**
 * Drawing a flowchart with the mouse: palette → canvas, handle → handle, properties, live lint,
 * undo/redo, save, reload; and a second tab's stale save refused without losing its work.
 */
test.describe.configure({ mode: 'serial' });

const ITEM = '食品经营许可证核发';

async function openDesigner(page: Page) {
	await login(page, DEMO_USERS.editor.username, DEMO_USERS.editor.password);
	await page.getByRole('link', { name: ITEM }).click();
	await page.getByRole('link', { name: '流程图设计' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`流程图设计：${ITEM}`);
	await hydrated(page);
}

const node = (page: Page, text: string) =>
	page.locator('.svelte-flow__node').filter({ hasText: text });

async function drop(page: Page, kind: string, x: number, y: number) {
	await page
		.locator(`.palette .item[data-kind="${kind}"]`)
		.dragTo(page.locator('.svelte-flow__pane'), { targetPosition: { x, y } });
}

async function connect(page: Page, from: Locator, to: Locator) {
	const a = await from.locator('.svelte-flow__handle.source').boundingBox();
	const b = await to.locator('.svelte-flow__handle.target').boundingBox();
	if (!a || !b) throw new Error('handle not found');
	await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
	await page.mouse.down();
	await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
	await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
	await page.mouse.up();
}

let otherTab: Page;

test('an editor draws a five-step flow with the mouse, fixes what the checks report, undoes and redoes, saves', async ({
	page,
	browser
}) => {
	// A second tab opened now is still based on the empty flow when the first one saves.
	const other = await freshContext(browser);
	otherTab = await other.newPage();
	await openDesigner(otherTab);

	await openDesigner(page);
	const lint = page.getByRole('region', { name: '检查结果' });
	await expect(lint).toContainText('流程还没有开始环节');

	await drop(page, 'start', 300, 60);
	await drop(page, 'task', 300, 170);
	await drop(page, 'decision', 300, 290);
	await drop(page, 'end', 180, 420);
	await drop(page, 'end', 420, 420);
	await expect(page.locator('.svelte-flow__node')).toHaveCount(5);
	await expect(lint).not.toContainText('流程还没有开始环节');

	const [start, task, decision] = [
		node(page, '受理'),
		node(page, '办理环节'),
		page.locator('.svelte-flow__node:has([data-kind="decision"])')
	];
	const ends = page.locator('.svelte-flow__node:has([data-kind="end"])');
	await connect(page, start, task);
	await connect(page, task, decision);
	await connect(page, decision, ends.nth(0));
	await connect(page, decision, ends.nth(1));
	await expect(page.locator('.svelte-flow__edge')).toHaveCount(4);

	// The task has no post yet: the check says so, on the node and in the panel.
	await expect(lint).toContainText('没有指定承办岗位');
	await task.click();
	const props = page.getByRole('complementary', { name: '属性' });
	await props.getByLabel('名称').fill('审查');
	await props.getByLabel('名称').press('Enter');
	await props.getByLabel('实施主体').selectOption({ label: '县市场监督管理局' });
	await props.getByLabel('承办岗位').selectOption({ label: '审核岗' });
	await props.getByLabel('办理时限（工作日）').fill('3');
	await props.getByLabel('办理时限（工作日）').press('Tab');
	await expect(lint).not.toContainText('没有指定承办岗位');
	await expect(node(page, '审查')).toContainText('审核岗');

	// Undo the post, the error comes back; redo, it is gone again.
	await page.getByRole('button', { name: '撤销' }).click(); // time limit
	await page.getByRole('button', { name: '撤销' }).click(); // post
	await expect(lint).toContainText('没有指定承办岗位');
	await page.keyboard.press('Control+Shift+Z');
	await page.getByRole('button', { name: '重做' }).click();
	await expect(lint).not.toContainText('没有指定承办岗位');

	// Name the decision's branches and the ends.
	for (const [i, outcome] of ['准予', '不予'].entries()) {
		await page
			.locator('.svelte-flow__edge')
			.nth(2 + i)
			.click({ force: true });
		await props.getByLabel('结果（如 同意、不同意）').fill(outcome);
		await props.getByLabel('结果（如 同意、不同意）').press('Tab');
	}
	await expect(lint.getByRole('listitem')).toHaveCount(0);
	await expect(lint).toContainText('没有错误');

	await page.screenshot({ path: screenshotPath('flow-designer'), fullPage: true });
	await page.getByRole('button', { name: '保存', exact: true }).click();
	await expect(page.getByRole('status').filter({ hasText: '已保存为第 1 版' })).toBeVisible();

	// Reload: the same five steps, four connections and names.
	const before = await page.locator('.steps tbody').innerText();
	await page.reload();
	await hydrated(page);
	await expect(page.locator('.svelte-flow__node')).toHaveCount(5);
	await expect(page.locator('.svelte-flow__edge')).toHaveCount(4);
	expect(await page.locator('.steps tbody').innerText()).toBe(before);
});

test('the second tab’s save, based on the old revision, is refused and its work stays on the page', async () => {
	const page = otherTab;
	await drop(page, 'start', 300, 80);
	await expect(page.locator('.svelte-flow__node')).toHaveCount(1);
	await page.getByRole('button', { name: '保存', exact: true }).click();
	await expect(page.getByRole('status')).toContainText('保存被拒绝');
	await expect(page.getByRole('status')).toContainText('第 1 版');
	await expect(page.locator('.svelte-flow__node')).toHaveCount(1);
	await expect(page.getByRole('status')).not.toContainText('已保存');
	await page.context().close();
});

test('a BPMN file is imported as one undoable step, and one with unsupported elements is refused, naming them', async ({
	page
}, testInfo) => {
	await openDesigner(page);
	await expect(page.locator('.svelte-flow__node')).toHaveCount(5);

	const xml = await (await page.request.get('/api/v1/items/990001-ZRZY-XK-0002/flow.bpmn')).text();
	const good = testInfo.outputPath('licence.bpmn');
	writeFileSync(good, xml);
	await page.locator('input[type="file"]').setInputFiles(good);
	await expect(page.locator('.svelte-flow__node')).toHaveCount(11);
	await expect(page.locator('.steps')).toContainText('规划与建设意见会签');
	await page.getByRole('button', { name: '撤销' }).click();
	await expect(page.locator('.svelte-flow__node')).toHaveCount(5);

	const bad = testInfo.outputPath('inclusive.bpmn');
	writeFileSync(
		bad,
		xml
			.replace(/<bpmn:parallelGateway id="([^"]+)"/, '<bpmn:inclusiveGateway id="$1"')
			.replace(/<\/bpmn:parallelGateway>/, '</bpmn:inclusiveGateway>')
	);
	await page.locator('input[type="file"]').setInputFiles(bad);
	const alert = page.getByRole('alert').filter({ hasText: '未导入' });
	await expect(alert).toBeVisible();
	// by name with the id once in brackets, the blocking error counted; no type codes
	await expect(alert).toContainText('未导入：有 1 个问题须先解决（列在最前）');
	await expect(alert).toContainText('不支持包容网关“联合办理”（n3）');
	await expect(alert).not.toContainText('bpmn:InclusiveGateway');
	await expect(page.locator('.svelte-flow__node')).toHaveCount(5);

	// a file over the limit is refused naming the limit (even one the server would not accept)
	const huge = Buffer.alloc(7_000_000, ' ');
	await page
		.locator('input[type="file"]')
		.setInputFiles({ name: 'huge.bpmn', mimeType: 'application/xml', buffer: huge });
	const tooLarge = page.getByRole('alert').filter({ hasText: '未导入：有 1 个问题须先解决' });
	await expect(tooLarge).toContainText('文件过大（7 MB），BPMN 文件不能超过 2 MB。');

	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: '导出 BPMN' }).click();
	expect((await download).suggestedFilename()).toBe('990001-SCJG-XK-0001.bpmn');
});

test('the automatic layout (ELK in a web worker) moves the steps as one undoable step; copy and paste a step', async ({
	page
}) => {
	await openDesigner(page);
	await expect(page.locator('.svelte-flow__node')).toHaveCount(5);
	const start = node(page, '受理');
	const at = () => start.evaluate((e) => (e as HTMLElement).style.transform);
	const before = await at();

	await page.getByRole('button', { name: '自动排版' }).click();
	await expect(page.getByRole('status')).toContainText('有尚未保存的修改');
	await expect.poll(at).not.toBe(before);
	await expect(page.locator('.svelte-flow__node')).toHaveCount(5);
	await expect(page.getByRole('button', { name: '撤销' })).toHaveAttribute('title', /自动布局/);

	await page.getByRole('button', { name: '撤销' }).click();
	await expect.poll(at).toBe(before);
	await expect(page.getByRole('status')).not.toContainText('有尚未保存的修改');

	await start.click();
	await page.keyboard.press('Control+c');
	await page.keyboard.press('Control+v');
	await expect(page.locator('.svelte-flow__node')).toHaveCount(6);
	await expect(page.locator('.steps tbody tr')).toHaveCount(6);
	await page.getByRole('button', { name: '撤销' }).click();
	await expect(page.locator('.svelte-flow__node')).toHaveCount(5);
});
