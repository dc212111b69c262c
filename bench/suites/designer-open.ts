/**
 * designer.open_layout_300_ms: open the flowchart designer on a 300-node flow in headless
 * Chromium (page load until all 300 steps are drawn) plus one automatic layout (ELK, loaded on
 * first use) until the laid-out document is on screen. Runs the production build on a temporary
 * database; builds it first when build/ is missing. The peer, in the same run: ELK's layout of
 * the same graph in Node alone (`designer.elk_layout_300_node_ms`).
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
					await page.locator('html[data-hydrated="true"]').waitFor();
					await page.locator('.svelte-flow__node').nth(299).waitFor();
				});
				const count = await page.locator('.svelte-flow__node').count();
				if (count !== 300) throw new Error(`drew ${count} nodes, expected 300`);
				const l = await timedAsync(async () => {
					await page.getByRole('button', { name: '自动排版' }).click();
					await page.getByRole('status').filter({ hasText: '有尚未保存的修改' }).waitFor();
				});
				await page.close();
				if (round === 0) continue; // warm-up: server caches, browser code cache
				open.push(o.ms);
				layout.push(l.ms);
				total.push(o.ms + l.ms);
				log(`round ${round}: open ${o.ms.toFixed(0)} ms + layout ${l.ms.toFixed(0)} ms`);
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
