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
