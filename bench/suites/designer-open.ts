/**
 * designer.open_layout_300_ms: open the flowchart designer on a 300-node flow in headless
 * Chromium (page load until all 300 steps are drawn) plus one automatic layout (ELK, in a web
 * worker that the designer starts as it is created and warms up on a small made-up flow of its
 * own, never on the flow being edited) until the laid-out document is on screen. Runs the
 * production build on a temporary database; builds it first when build/ is missing (rebuild
 * yourself after changing the app). The peer, in the same run: ELK's layout of the same graph in
 * Node alone (`designer.elk_layout_300_node_ms`, a warm engine: rounds after a warm-up).
 *
 * What "drawn" means. Open ends when the page is hydrated and the 300th step of the canvas is
 * visible with a size (Svelte Flow shows a step only once it has measured it, so all 300 are
 * measured and placed); the piled-up steps all fall inside the canvas, so none is left out by
 * `onlyRenderVisibleElements`. After open the suite checks that the canvas holds 300 steps and the
 * step list 300 rows (outside the timing). The layout ends when the status says the document has
 * unsaved changes: the layout command has been applied and the canvas redrawn in the same update;
 * steps the layout moved out of view are then, correctly, no longer drawn.
 *
 * How it waits. Both conditions are checked in the page on every animation frame
 * (`waitForFunction(…, { polling: 'raf' })`), not with `locator.waitFor()`: that one polls with
 * back-off (0, 20, 50, 100, 100, then every 500 ms), so a step that ends at 800 ms was seen at
 * up to 1270 ms, and each `getByRole` poll walked the whole 300-step DOM on the page's main
 * thread. The conditions are the same as before; only the sampling is finer.
 *
 * Which clock. Both phases are timed by the page's own clock (`performance.now()`): open from
 * the start of the navigation to the frame in which the steps are seen drawn, the layout from the
 * click reaching the page (a capturing listener) to the frame in which the status is seen. Until
 * 2026-12-03 the layout was timed around Playwright's `click()`, which first finds the button by
 * its accessible name (walking the page's 300 steps), scrolls it into view and waits for it to
 * be stable: 0.2–0.3 s at low load and 0.5–0.9 s at load 5–6 that no user waits for. The log
 * line of each round still shows the times as Playwright waited them.
 */
import { chromium } from '@playwright/test';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FlowDocument } from '../../src/lib/domain/flow/types';
import { FakeClock } from '../../src/lib/server/clock';
import { openDatabase } from '../../src/lib/server/db/connection';
import { migrate } from '../../src/lib/server/db/migrate';
import { readCatalogueSources } from '../../src/lib/server/catalogue/sources';
import { getEntryByCode } from '../../src/lib/server/repositories/catalogue-repository';
import { getUserRowByUsername, rolesOf } from '../../src/lib/server/repositories/user-repository';
import { loadPublishedSources } from '../../src/lib/server/services/catalogue-service';
import { SYSTEM_ACTOR } from '../../src/lib/server/services/context';
import { saveDesign } from '../../src/lib/server/services/design-service';
import { seedDemoIfEmpty } from '../../src/lib/server/services/seed-service';
import { median, timedAsync, type Suite } from '../lib';
import { generatedFlow } from './designer-lint';

const ROUNDS = 5;
const ITEM = '990001-SCJG-XK-0001';

/**
 * In the page, once per frame: hydrated, and the n-th step of the canvas is drawn (visible with a
 * size, as Playwright's `waitFor()` checks it). Checked on every animation frame rather than by
 * `locator.waitFor()`, which polls with back-off (0, 20, 50, 100, 100, then every 500 ms) and so
 * adds up to half a second that is not the page's.
 */
function allStepsDrawn(n: number): boolean {
	if (document.documentElement.dataset.hydrated !== 'true') return false;
	const el = document.querySelectorAll('.svelte-flow__node')[n - 1];
	if (!el || !el.checkVisibility({ visibilityProperty: true })) return false;
	const box = el.getBoundingClientRect();
	if (box.width > 0 && box.height > 0) {
		(window as unknown as Marks).__drawnAt = performance.now();
		return true;
	}
	return false;
}

/** In the page, once per frame: a visible status region (role=status) shows `text`. */
function statusShows(text: string): boolean {
	const seen = [...document.querySelectorAll('[role="status"], output')].some(
		(el) =>
			(el.textContent ?? '').includes(text) && el.checkVisibility({ visibilityProperty: true })
	);
	if (seen) (window as unknown as Marks).__shownAt = performance.now();
	return seen;
}

/** Page-clock marks (milliseconds since the navigation started). */
interface Marks {
	__drawnAt?: number;
	__clickAt?: number;
	__shownAt?: number;
}

function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const srv = createServer();
		srv.listen(0, '127.0.0.1', () => {
			const a = srv.address();
			srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
		});
	});
}

async function prepareDatabase(path: string): Promise<number> {
	const db = openDatabase(path);
	migrate(db);
	const clock = new FakeClock();
	await seedDemoIfEmpty(db, clock);
	loadPublishedSources({ db, clock, actor: SYSTEM_ACTOR, ip: null }, readCatalogueSources());
	const entry = getEntryByCode(db, ITEM)!;
	const legal = getUserRowByUsername(db, 'legal')!;
	const flow: FlowDocument = {
		format: 'sunlit.flow',
		version: 1,
		item: ITEM,
		name: '300 个环节的流程',
		semantics: generatedFlow(),
		// Every node on one spot: the automatic layout has real work to do.
		layout: { nodes: {}, edges: {} }
	};
	flow.semantics.nodes.forEach(
		(n, i) => (flow.layout.nodes[n.id] = { x: (i % 20) * 10, y: Math.floor(i / 20) * 10 })
	);
	saveDesign(
		{ db, clock, actor: { id: legal.id, name: 'legal', roles: rolesOf(db, legal.id) }, ip: null },
		entry.id,
		'flow',
		0,
		flow
	);
	db.close();
	return entry.id;
}

export const designerOpen: Suite = {
	name: 'designer-open',
	async run({ log }) {
		if (!existsSync('build/index.js')) {
			log('build/ missing: running vite build');
			const r = spawnSync('npx', ['vite', 'build'], { stdio: 'ignore' });
			if (r.status !== 0) throw new Error('vite build failed');
		}
		const dir = mkdtempSync(join(tmpdir(), 'sunlit-bench-designer-'));
		const port = await freePort();
		const base = `http://localhost:${port}`;
		const entryId = await prepareDatabase(join(dir, 's.db'));
		const server = spawn(process.execPath, ['build'], {
			env: {
				...process.env,
				PORT: String(port),
				HOST: '127.0.0.1',
				ORIGIN: base,
				SUNLIT_DB: join(dir, 's.db'),
				SUNLIT_NO_DEMO: '1'
			},
			stdio: 'ignore'
		});
		const browser = await chromium.launch({
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: ['--headless', '--no-sandbox', '--disable-gpu']
		});
		try {
			for (
				let i = 0;
				i < 100 &&
				!(await fetch(`${base}/api/v1/health`).then(
					(r) => r.ok,
					() => false
				));
				i++
			)
				await new Promise((r) => setTimeout(r, 200));
			const login = await fetch(`${base}/login`, {
				method: 'POST',
				redirect: 'manual',
				headers: {
					origin: base,
					accept: 'text/html',
					'content-type': 'application/x-www-form-urlencoded'
				},
				body: new URLSearchParams({ username: 'legal', password: 'demo-legal-2026' })
			});
			const token = /sunlit_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1];
			if (!token) throw new Error('bench login failed');
			const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
			await context.addCookies([{ name: 'sunlit_session', value: token, url: base }]);
			const open: number[] = [];
			const layout: number[] = [];
			const total: number[] = [];
			for (let round = 0; round <= ROUNDS; round++) {
				const page = await context.newPage();
				const o = await timedAsync(async () => {
					await page.goto(`${base}/studio/catalogue/${entryId}/flow`);
					await page.waitForFunction(allStepsDrawn, 300, { polling: 'raf' });
				});
				const count = await page.locator('.svelte-flow__node').count();
				if (count !== 300) throw new Error(`drew ${count} nodes, expected 300`);
				const rows = await page.locator('.steps tbody tr').count();
				if (rows !== 300) throw new Error(`listed ${rows} steps, expected 300`);
				await page.evaluate(() =>
					addEventListener(
						'click',
						() => ((window as unknown as Marks).__clickAt = performance.now()),
						{
							capture: true,
							once: true
						}
					)
				);
				const l = await timedAsync(async () => {
					await page.getByRole('button', { name: '自动排版' }).click();
					await page.waitForFunction(statusShows, '有尚未保存的修改', { polling: 'raf' });
				});
				const marks = await page.evaluate((): Marks => {
					const { __drawnAt, __clickAt, __shownAt } = window as unknown as Marks;
					return { __drawnAt, __clickAt, __shownAt };
				});
				await page.close();
				if (marks.__drawnAt === undefined || !marks.__clickAt || !marks.__shownAt)
					throw new Error(`the page's marks are missing: ${JSON.stringify(marks)}`);
				const opened = marks.__drawnAt;
				const laidOut = marks.__shownAt - marks.__clickAt;
				if (round === 0) continue; // warm-up: server caches, browser code cache
				open.push(opened);
				layout.push(laidOut);
				total.push(opened + laidOut);
				log(
					`round ${round}: open ${opened.toFixed(0)} ms + layout ${laidOut.toFixed(0)} ms ` +
						`(as Playwright waited: ${o.ms.toFixed(0)} + ${l.ms.toFixed(0)} ms)`
				);
			}
			// The peer: ELK alone on the same graph in Node, with the canvas's default node size.
			const { autoLayout } = await import('../../src/lib/components/flow-designer/auto-layout');
			const flow = generatedFlow();
			const sizes = Object.fromEntries(flow.nodes.map((n) => [n.id, { w: 160, h: 60 }]));
			const elk: number[] = [];
			for (let i = 0; i <= ROUNDS; i++) {
				const r = await timedAsync(() => autoLayout(flow, sizes));
				if (i > 0) elk.push(r.ms);
			}
			return [
				{ name: 'designer.open_layout_300_ms', value: median(total), unit: 'ms' },
				{ name: 'designer.open_300_ms', value: median(open), unit: 'ms' },
				{ name: 'designer.layout_300_ms', value: median(layout), unit: 'ms' },
				{ name: 'designer.elk_layout_300_node_ms', value: median(elk), unit: 'ms' }
			];
		} finally {
			await browser.close();
			server.kill('SIGTERM');
			rmSync(dir, { recursive: true, force: true });
		}
	}
};
