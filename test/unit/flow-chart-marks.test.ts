import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'svelte/server';
import { describe, expect, it, vi } from 'vitest';
import FlowChart from '../../src/lib/components/flow-view/FlowChart.svelte';
import type { FlowDocument } from '../../src/lib/domain/flow/types';

// Components translate through $app/state's page, which only exists inside a SvelteKit request.
vi.mock('$app/state', () => ({ page: { data: { locale: 'zh' } } }));

const DEMOS = ['990001-SCJG-CF-0001', '990001-ZFB-QT-0001', '990001-ZRZY-XK-0002'];
const demo = (code: string): FlowDocument =>
	JSON.parse(
		readFileSync(join(process.cwd(), 'flows', 'items', `${code}.flow.json`), 'utf8')
	) as FlowDocument;

describe('FlowChart without marks', () => {
	// The snapshots were taken from the chart as the public hall drew it before marks existed:
	// adding marks must not change a single byte of the unmarked drawing.
	it.each(DEMOS)('draws %s exactly as before', (code) => {
		expect(render(FlowChart, { props: { flow: demo(code) } }).body).toMatchSnapshot();
	});
});

describe('FlowChart with marks', () => {
	const flow = demo('990001-ZFB-QT-0001');
	const [first, second] = flow.semantics.nodes;
	const edge = flow.semantics.edges[0]!;
	const html = render(FlowChart, {
		props: {
			flow,
			marks: {
				nodes: { [first!.id]: 'added', [second!.id]: 'changed' },
				edges: { [edge.id]: 'removed' }
			}
		}
	}).body;
	const groups = [...html.matchAll(/<g class="node [^"]*"[^>]*>/g)].map((m) => m[0]);

	it('marks exactly the given node groups', () => {
		expect(groups).toHaveLength(flow.semantics.nodes.length);
		expect(groups.filter((g) => g.includes('data-mark'))).toEqual([
			expect.stringContaining('data-mark="added"'),
			expect.stringContaining('data-mark="changed"')
		]);
		expect(groups[0]).toContain(`translate(`);
	});

	it('marks the given edge', () => {
		expect(html.match(/<path [^>]*class="edge[ "][^>]*data-mark="removed"/g)).toHaveLength(1);
	});

	it('says what each mark means in text, not only in colour', () => {
		expect(html.match(/>新增</g)).toHaveLength(1);
		expect(html.match(/>修改</g)).toHaveLength(1);
		expect(html.match(/>删除</g)).toHaveLength(1);
	});

	it('draws empty marks like no marks', () => {
		const plain = render(FlowChart, { props: { flow } }).body;
		expect(render(FlowChart, { props: { flow, marks: {} } }).body).toBe(plain);
		expect(render(FlowChart, { props: { flow, marks: { nodes: {}, edges: {} } } }).body).toBe(
			plain
		);
		expect(plain).not.toContain('data-mark');
	});
});
