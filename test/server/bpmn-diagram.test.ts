import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../src/lib/domain/flow/types';
import { flowToBpmn } from '../../src/lib/server/bpmn/export';
import { bpmnToFlow } from '../../src/lib/server/bpmn/import';
import { lintBpmn } from '../../src/lib/server/bpmn/lint';
import { createModdle, type ModdleElement } from '../../src/lib/server/bpmn/moddle';
import { bpmnFixtures, licensingFlow } from '../factories/bpmn-flows';

const dir = join(process.cwd(), 'flows', 'items');
const demo = (code: string) =>
	JSON.parse(readFileSync(join(dir, `${code}.flow.json`), 'utf8')) as FlowDocument;
const demos = readdirSync(dir)
	.filter((f) => f.endsWith('.flow.json'))
	.map((f) => [f, () => demo(f.replace('.flow.json', ''))] as const);
const flows = [...Object.entries(bpmnFixtures), ...demos];

const DEPARTMENTS: Record<string, string> = {
	SCJG: '市场监管局',
	WJW: '卫健委',
	ZRZY: '自然资源局',
	XZSP: '行政审批局',
	FZB: '司法局',
	ZFB: '政府办'
};
const departmentName = (code: string) => DEPARTMENTS[code] ?? code;

interface Box {
	x: number;
	y: number;
	width: number;
	height: number;
}
interface P {
	x: number;
	y: number;
}

const get = (el: ModdleElement, p: string) => el.get(p) as never;
const many = (el: ModdleElement, p: string): ModdleElement[] =>
	(el.get(p) as ModdleElement[]) ?? [];

/** The diagram read back: shapes and edges by element id, lanes with their node ids. */
async function read(xml: string) {
	const { rootElement } = await createModdle().fromXML(xml, 'bpmn:Definitions');
	const plane = get(many(rootElement, 'diagrams')[0] as ModdleElement, 'plane') as ModdleElement;
	const shapes = new Map<string, { box: Box; label?: Box; type: string; name: string }>();
	const edges = new Map<string, { points: P[]; label?: Box; from: string; to: string }>();
	for (const di of many(plane, 'planeElement')) {
		const el = get(di, 'bpmnElement') as ModdleElement;
		const label = di.get('label') as ModdleElement | undefined;
		const labelBox = label ? ({ ...(get(label, 'bounds') as Box) } as Box) : undefined;
		if (di.$type === 'bpmndi:BPMNShape') {
			const b = get(di, 'bounds') as Box;
			const box = { x: b.x, y: b.y, width: b.width, height: b.height };
			const name = String(el.get('name') ?? '');
			shapes.set(el.id ?? '', { box, label: labelBox, type: el.$type, name });
		} else {
			const points = many(di, 'waypoint').map((p) => ({
				x: Number(p.get('x')),
				y: Number(p.get('y'))
			}));
			const from = (get(el, 'sourceRef') as ModdleElement).id ?? '';
			const to = (get(el, 'targetRef') as ModdleElement).id ?? '';
			edges.set(el.id ?? '', { points, label: labelBox, from, to });
		}
	}
	const processEl = many(rootElement, 'rootElements').find((r) => r.$type === 'bpmn:Process');
	const lanes = many(many(processEl as ModdleElement, 'laneSets')[0] ?? processEl!, 'lanes').map(
		(l) => ({
			id: l.id ?? '',
			name: String(l.get('name')),
			nodes: many(l, 'flowNodeRef').map((n) => n.id ?? '')
		})
	);
	const nodes = many(processEl as ModdleElement, 'flowElements')
		.filter((e) => e.$type !== 'bpmn:SequenceFlow')
		.map((e) => e.id ?? '');
	return { shapes, edges, lanes, nodes };
}

const inside = (inner: Box, outer: Box) =>
	inner.x >= outer.x &&
	inner.y >= outer.y &&
	inner.x + inner.width <= outer.x + outer.width &&
	inner.y + inner.height <= outer.y + outer.height;

/** Whether `p` is the middle of a side of `b` (where bpmn.io attaches orthogonal flows). */
const onSide = (p: P, b: Box) => {
	const cx = b.x + b.width / 2;
	const cy = b.y + b.height / 2;
	return (
		(p.y === cy && (p.x === b.x || p.x === b.x + b.width)) ||
		(p.x === cx && (p.y === b.y || p.y === b.y + b.height))
	);
};

/** The overlap of two axis-parallel segments on the same line, 0 if none. */
function sharedLength(a: [P, P], b: [P, P]): number {
	const horizontal = (s: [P, P]) => s[0].y === s[1].y;
	if (horizontal(a) && horizontal(b) && a[0].y === b[0].y) {
		const lo = Math.max(Math.min(a[0].x, a[1].x), Math.min(b[0].x, b[1].x));
		const hi = Math.min(Math.max(a[0].x, a[1].x), Math.max(b[0].x, b[1].x));
		return Math.max(0, hi - lo);
	}
	if (!horizontal(a) && !horizontal(b) && a[0].x === b[0].x) {
		const lo = Math.max(Math.min(a[0].y, a[1].y), Math.min(b[0].y, b[1].y));
		const hi = Math.min(Math.max(a[0].y, a[1].y), Math.max(b[0].y, b[1].y));
		return Math.max(0, hi - lo);
	}
	return 0;
}
const segments = (points: P[]) => points.slice(1).map((q, i) => [points[i] as P, q] as [P, P]);

describe('BPMN export: lanes, orthogonal flows, labels', () => {
	it('draws one lane per department, each holding its nodes (联合办理 shows who does what)', async () => {
		const xml = await flowToBpmn(demo('990001-ZRZY-XK-0002'), { departmentName });
		const { shapes, lanes, nodes } = await read(xml);
		expect(lanes.map((l) => l.name).sort()).toEqual(['司法局', '自然资源局', '行政审批局'].sort());
		const laneOf = (name: string) =>
			lanes.find((l) => l.nodes.some((id) => shapes.get(id)?.name === name))?.name;
		expect(laneOf('规划与建设意见会签')).toBe('行政审批局');
		expect(laneOf('现场踏勘')).toBe('自然资源局');
		expect(laneOf('法制审核')).toBe('司法局');
		// every flow node in exactly one lane, drawn inside it; lanes side by side in the pool
		expect(lanes.flatMap((l) => l.nodes).sort()).toEqual([...nodes].sort());
		const pool = [...shapes.values()].find((s) => s.type === 'bpmn:Participant');
		const bands = lanes.map((l) => shapes.get(l.id)?.box as Box);
		for (const [i, lane] of lanes.entries()) {
			expect(inside(bands[i] as Box, pool?.box as Box)).toBe(true);
			for (const id of lane.nodes)
				expect(inside(shapes.get(id)?.box as Box, bands[i] as Box)).toBe(true);
		}
		const sorted = [...bands].sort((a, b) => a.y - b.y);
		for (const [i, b] of sorted.entries()) {
			if (i > 0) expect(b.y).toBe((sorted[i - 1]?.y ?? 0) + (sorted[i - 1]?.height ?? 0));
		}
		expect(await lintBpmn(xml)).toEqual({ errors: [], warnings: [] });
	});

	it('keeps a layout whose departments are already in bands of their own', async () => {
		const flow = licensingFlow();
		const xml = await flowToBpmn(flow, { departmentName });
		const { lanes, shapes } = await read(xml);
		expect(lanes.map((l) => l.name)).toEqual(['市场监管局', '卫健委']);
		expect(lanes[1]?.nodes).toEqual(['n5']);
		// 卫健委会签 at (610, 440) in the designer: its 100×80 shape centred on the 180×76 box
		expect(shapes.get('n5')?.box).toEqual({ x: 650, y: 438, width: 100, height: 80 });
	});

	it.each(flows)(
		'%s: every flow is orthogonal and attached to the middle of a side',
		async (_, make) => {
			const { shapes, edges } = await read(await flowToBpmn(make(), { departmentName }));
			for (const [id, edge] of edges) {
				for (const [p, q] of segments(edge.points)) {
					expect(p.x === q.x || p.y === q.y, `${id}: ${JSON.stringify([p, q])}`).toBe(true);
				}
				expect(onSide(edge.points[0] as P, shapes.get(edge.from)?.box as Box), id).toBe(true);
				expect(onSide(edge.points.at(-1) as P, shapes.get(edge.to)?.box as Box), id).toBe(true);
			}
		}
	);

	it.each(flows)('%s: no two flows are drawn over each other', async (_, make) => {
		const { edges } = await read(await flowToBpmn(make(), { departmentName }));
		const all = [...edges];
		for (const [i, [a, ea]] of all.entries()) {
			for (const [b, eb] of all.slice(i + 1)) {
				for (const s of segments(ea.points)) {
					for (const t of segments(eb.points)) expect(sharedLength(s, t), `${a} × ${b}`).toBe(0);
				}
			}
		}
	});

	it('draws the loop 告知补正 → 登记与审查 below the forward line', async () => {
		const { shapes, edges } = await read(await flowToBpmn(demo('990001-ZFB-QT-0001')));
		const id = (name: string) => [...shapes].find(([, s]) => s.name === name)?.[0] ?? '';
		const loop = [...edges.values()].find((e) => e.from === id('告知补正'));
		expect(loop).toBeDefined();
		const forwardBottom = Math.max(
			...[id('受理申请'), id('登记与审查'), id('告知补正')].map((n) => {
				const b = shapes.get(n)?.box as Box;
				return b.y + b.height;
			})
		);
		expect(Math.max(...(loop?.points ?? []).map((p) => p.y))).toBeGreaterThan(forwardBottom);
	});

	it('gives named flows, events and gateways the bounds of their label', async () => {
		const { shapes, edges } = await read(await flowToBpmn(licensingFlow()));
		const approve = edges.get('e9');
		expect(approve?.label).toBeDefined();
		expect(approve?.label?.width).toBeGreaterThan(0);
		expect(edges.get('e1')?.label).toBeUndefined();
		const end = shapes.get('n9');
		expect(end?.label?.y).toBeGreaterThan((end?.box.y ?? 0) + (end?.box.height ?? 0));
		expect(shapes.get('n4')?.label).toBeUndefined(); // a task shows its name inside
	});

	it.each(flows)('%s: re-export of the import is byte for byte the same', async (_, make) => {
		const flow = make();
		for (const options of [{}, { departmentName }]) {
			const xml = await flowToBpmn(flow, options);
			const { flow: back, problems } = await bpmnToFlow(xml, flow.item);
			expect(problems).toEqual([]);
			expect(await flowToBpmn(back, options)).toBe(xml);
			expect(await lintBpmn(xml)).toEqual({ errors: [], warnings: [] });
		}
	});
});
