import { describe, expect, it } from 'vitest';
import {
	autoLayout,
	elkGraph,
	LARGE_FLOW_STEPS
} from '../../src/lib/components/flow-designer/auto-layout';
import { generatedFlow } from '../../bench/suites/designer-lint';
import type { FlowSemantics } from '../../src/lib/domain/flow/types';

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
	it('spends full effort on ordinary charts and less on very large ones', () => {
		const large = generatedFlow();
		expect(large.nodes.length).toBeGreaterThan(LARGE_FLOW_STEPS);
		const small: FlowSemantics = { nodes: large.nodes.slice(0, 10), edges: [] };
		expect(elkGraph(small, {}).layoutOptions).not.toHaveProperty('elk.layered.thoroughness');
		expect(elkGraph(large, {}).layoutOptions).toMatchObject({ 'elk.layered.thoroughness': '1' });
	});

	it('places every step of a 300-step chart, none overlapping, each edge pointing down', async () => {
		const flow = generatedFlow();
		const pos = await autoLayout(flow, {});
		expect(Object.keys(pos).sort()).toEqual(flow.nodes.map((n) => n.id).sort());
		expect(overlaps(pos)).toEqual([]);
		// Layered top to bottom: apart from the edges that close loops, targets lie below sources.
		const down = flow.edges.filter((e) => pos[e.target]!.y > pos[e.source]!.y).length;
		expect(down / flow.edges.length).toBeGreaterThan(0.9);
	});
});
