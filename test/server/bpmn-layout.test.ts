import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE_SIZE } from '../../src/lib/domain/flow/simple-layout';
import type { FlowDocument } from '../../src/lib/domain/flow/types';
import { bpmnToFlow } from '../../src/lib/server/bpmn/import';

/** Diagrams as bpmn.io, Camunda Modeler, Signavio and Bizagi write them (shapes of several sizes). */
const fixture = (name: string) =>
	readFileSync(join(process.cwd(), 'test', 'fixtures', 'bpmn', name), 'utf8');

/** The boxes the designer draws: top-left from the layout, size by kind (`NODE_SIZE`). */
function boxes(flow: FlowDocument) {
	return flow.semantics.nodes.map((n) => {
		const at = flow.layout.nodes[n.id];
		const size = NODE_SIZE[n.kind];
		if (!at || !size) throw new Error(`${n.id} has no box`);
		return { id: n.id, name: n.name, x: at.x, y: at.y, w: size.w, h: size.h };
	});
}

function overlapping(flow: FlowDocument): string[] {
	const all = boxes(flow);
	const pairs: string[] = [];
	for (const [i, a] of all.entries()) {
		for (const b of all.slice(i + 1)) {
			if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h)
				pairs.push(`${a.name} × ${b.name}`);
		}
	}
	return pairs;
}

const centreX = (flow: FlowDocument, name: string) => {
	const box = boxes(flow).find((b) => b.name === name);
	return box ? box.x + box.w / 2 : NaN;
};

describe('BPMN import of other modelers’ diagrams: layout', () => {
	it.each([
		['bpmn-io-reference.bpmn', ['受理', '审查', '决定', '送达', '办结']],
		['camunda-gateway.bpmn', ['申请', '受理审查', '材料齐全？', '作出决定', '办结']],
		['signavio-large.bpmn', ['检查立项', '制定检查方案', '现场检查', '发现问题？', '检查结束']],
		['bizagi-small.bpmn', ['申请', '窗口受理', '民警审核', '制证', '发证']]
	])('%s: no two shapes overlap, left-to-right order kept', async (name, chain) => {
		const { flow, problems } = await bpmnToFlow(fixture(name), 'X-L');
		expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
		expect(flow.semantics.nodes.length).toBeGreaterThanOrEqual(5);
		expect(overlapping(flow)).toEqual([]);
		const xs = chain.map((n) => centreX(flow, n));
		expect(xs).toEqual([...xs].sort((a, b) => a - b));
		expect(new Set(xs).size).toBe(xs.length);
	});

	it('keeps the drawing’s proportions: a row stays a row, a branch below stays below', async () => {
		const { flow } = await bpmnToFlow(fixture('camunda-gateway.bpmn'), 'X-L');
		const box = (id: string) => boxes(flow).find((b) => b.id === id);
		const mid = (id: string) => (box(id)?.y ?? NaN) + (box(id)?.h ?? NaN) / 2;
		expect(mid('StartEvent_1')).toBe(mid('Activity_review'));
		expect(mid('Activity_review')).toBe(mid('Gateway_ok'));
		expect(mid('Activity_notice')).toBeGreaterThan(mid('Activity_decide'));
		// the 否 branch turns where our export turns it anyway: no bend points kept
		expect(flow.layout.edges.Flow_no).toBeUndefined();
		// a detour drawn in the file is kept, and moves with the shapes
		const detour = fixture('camunda-gateway.bpmn').replace(
			'<di:waypoint x="450" y="230" />\n        <di:waypoint x="530" y="230" />',
			'<di:waypoint x="450" y="320" />\n        <di:waypoint x="580" y="320" />\n        <di:waypoint x="580" y="270" />'
		);
		const moved = await bpmnToFlow(detour, 'X-L');
		const bends = moved.flow.layout.edges.Flow_no ?? [];
		expect(bends).toHaveLength(1); // the corner after it is one the export turns by itself
		const gateway = moved.flow.layout.nodes.Gateway_ok;
		expect(bends[0]?.x).toBe((gateway?.x ?? NaN) + 60); // the gateway's centre (120 wide)
		expect(bends[0]?.y).toBeGreaterThan(mid('Activity_notice'));
	});

	it('lays a diagram out afresh when its shapes lie on top of each other', async () => {
		const xml = fixture('bpmn-io-reference.bpmn').replace(/x="(240|390|540)"/g, 'x="390"');
		const { flow, problems } = await bpmnToFlow(xml, 'X-L');
		expect(problems.map((p) => p.code)).toEqual(['LAYOUT_REDONE']);
		expect(overlapping(flow)).toEqual([]);
	});

	it('keeps a drawing with room enough as it is (centres kept, no stretch)', async () => {
		const xml = fixture('bpmn-io-reference.bpmn').replace(/x="(240|390|540|692)"/g, (_, x) => {
			return `x="${Number(x) * 2}"`;
		});
		const { flow } = await bpmnToFlow(xml, 'X-L');
		// 审查: 100×80 at (480, 80) → centre (530, 120) → the designer's 180×76 box at (440, 82)
		expect(flow.layout.nodes.Activity_1qk3v9x).toEqual({ x: 440, y: 82 });
	});
});
