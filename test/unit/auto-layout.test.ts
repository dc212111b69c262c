import { describe, expect, it } from 'vitest';
import { autoLayout } from '../../src/lib/components/flow-designer/auto-layout';
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
});
