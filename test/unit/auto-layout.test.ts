import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import type { ElkNode } from 'elkjs/lib/elk-api';
import type { FlowSemantics } from '../../src/lib/domain/flow/types';
import { autoLayout, elkGraph } from '../../src/lib/components/flow-designer/auto-layout';
import { generatedFlow } from '../../bench/suites/designer-lint';

const W = 160;
const H = 60;

/** No two boxes of `W`×`H` at these positions overlap. */
function overlaps(pos: Record<string, { x: number; y: number }>): string[] {
	const ids = Object.keys(pos);
	const found: string[] = [];
	for (let i = 0; i < ids.length; i++)
		for (let j = i + 1; j < ids.length; j++) {
			const a = pos[ids[i]!]!;
			const b = pos[ids[j]!]!;
			if (Math.abs(a.x - b.x) < W && Math.abs(a.y - b.y) < H) found.push(`${ids[i]}/${ids[j]}`);
		}
	return found;
}

describe('automatic layout (ELK layered, top to bottom)', () => {
	it('places every step of a 300-step chart, none overlapping, each edge pointing down', async () => {
		const flow = generatedFlow();
		const pos = await autoLayout(flow, {});
		expect(Object.keys(pos).sort()).toEqual(flow.nodes.map((n) => n.id).sort());
		expect(overlaps(pos)).toEqual([]);
		// Layered top to bottom: apart from the edges that close loops, targets lie below sources.
		const down = flow.edges.filter((e) => pos[e.target]!.y > pos[e.source]!.y).length;
		expect(down / flow.edges.length).toBeGreaterThan(0.9);
	});

	it("lays out the demo flows and the 300-step chart exactly as ELK's most thorough default would", async () => {
		// The layout asks for 3 crossing-minimisation passes (`elk.layered.thoroughness`) instead
		// of ELK's 7, to be faster; on these charts that gives the very same positions.
		const ELK = (await import('elkjs/lib/elk.bundled.js')).default;
		const elk = new ELK();
		const flows: FlowSemantics[] = [generatedFlow()];
		for (const f of readdirSync('flows/items').filter((f) => f.endsWith('.flow.json')))
			flows.push(JSON.parse(readFileSync(`flows/items/${f}`, 'utf8')).semantics);
		expect(flows.length).toBeGreaterThan(1);
		for (const flow of flows) {
			// Sizes that differ from step to step, as measured cards do.
			const sizes = Object.fromEntries(
				flow.nodes.map((n, i) => [n.id, { w: 110 + ((i * 37) % 90), h: 40 + ((i * 11) % 40) }])
			);
			const graph: ElkNode = elkGraph(flow, sizes);
			graph.layoutOptions = { ...graph.layoutOptions, 'elk.layered.thoroughness': '7' };
			const thorough = await elk.layout(graph);
			const expected = Object.fromEntries(
				(thorough.children ?? []).map((c) => [c.id, { x: Math.round(c.x!), y: Math.round(c.y!) }])
			);
			expect(await autoLayout(flow, sizes)).toEqual(expected);
		}
	});
});
