import { describe, expect, it } from 'vitest';
import { chartMarks, diffFlows, type FlowDiff } from '../../src/lib/domain/diff/flow-diff';
import type { Condition, FlowEdge, FlowSemantics } from '../../src/lib/domain/flow/types';
import { edge, extend, flowWith, licensingFlow, node, patch } from '../factories/flow';

/** `id: change` of every node and edge that is not 'same'. */
const changes = (d: FlowDiff) =>
	Object.fromEntries(
		[...d.nodes, ...d.edges].filter((x) => x.change !== 'same').map((x) => [x.id, x.change])
	);
const item = (d: FlowDiff, id: string) => {
	const found = [...d.nodes, ...d.edges].find((x) => x.id === id);
	if (!found) throw new Error(`no ${id} in the diff`);
	return found;
};

/** A deterministic shuffle (LCG), so a failure reproduces. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
	const out = [...items];
	let s = seed;
	for (let i = out.length - 1; i > 0; i--) {
		s = (s * 1103515245 + 12345) % 2 ** 31;
		const j = s % (i + 1);
		[out[i], out[j]] = [out[j]!, out[i]!];
	}
	return out;
}

describe('diffFlows', () => {
	it('finds nothing between a flow and a deep copy of it', () => {
		const flow = licensingFlow();
		const d = diffFlows(flow, structuredClone(flow));
		expect(changes(d)).toEqual({});
		expect(d.unchanged).toBe(true);
		expect(d.summary.nodes).toEqual({ added: 0, removed: 0, changed: 0, same: 11 });
		expect(d.summary.edges).toEqual({ added: 0, removed: 0, changed: 0, same: 11 });
	});

	it('reports added, removed and changed nodes and edges with the changed properties', () => {
		const before = licensingFlow();
		let after = patch(before, 'review', { name: '实质审查', timeLimitDays: 4 });
		after = patch(after, 'verdict>refused', { outcome: '不予许可' });
		after = {
			nodes: after.nodes.filter((n) => n.id !== 'housing'),
			edges: after.edges.filter((e) => e.source !== 'housing' && e.target !== 'housing')
		};
		after = extend(after, { notice: node('notice', 'task', { name: '公示' }) }, [
			'cosign>notice',
			'notice>cosigned'
		]);
		const d = diffFlows(before, after);
		expect(changes(d)).toEqual({
			review: 'changed',
			housing: 'removed',
			notice: 'added',
			'verdict>refused': 'changed',
			'cosign>housing': 'removed',
			'housing>cosigned': 'removed',
			'cosign>notice': 'added',
			'notice>cosigned': 'added'
		});
		expect(item(d, 'review').changed).toEqual(['name', 'timeLimitDays']);
		expect(item(d, 'verdict>refused').changed).toEqual(['outcome']);
		expect(item(d, 'housing')).toMatchObject({ before: { name: '会签（住建局）' }, after: null });
		expect(item(d, 'notice')).toMatchObject({ before: null, after: { name: '公示' } });
		expect(d.summary.nodes).toEqual({ added: 1, removed: 1, changed: 1, same: 9 });
		expect(d.summary.edges).toEqual({ added: 2, removed: 2, changed: 1, same: 8 });
		expect(d.unchanged).toBe(false);
	});

	it('compares every listed node property', () => {
		const before = flowWith({ t: 'task' }, []);
		const cases = {
			name: { name: '改名' },
			kind: { kind: 'supplement' },
			department: { department: 'SFJ' },
			post: { post: '复核岗' },
			duty: { duty: '核对材料' },
			timeLimitDays: { timeLimitDays: null },
			control: { control: { kind: 'recusal', description: '', secondPerson: false } },
			rights: { rights: '陈述申辩' },
			complaint: { complaint: '12345' },
			outcome: { outcome: 'other' }
		} as const;
		for (const [prop, over] of Object.entries(cases)) {
			expect(item(diffFlows(before, patch(before, 't', over)), 't').changed).toEqual([prop]);
		}
	});

	it('compares every listed edge property', () => {
		const before = flowWith({ a: 'task', b: 'task', c: 'task' }, ['a>b']);
		const cases = {
			source: { source: 'c' },
			target: { target: 'c' },
			outcome: { outcome: '同意' },
			condition: { condition: { field: 'x', op: 'empty' } },
			isDefault: { isDefault: true }
		} as const;
		for (const [prop, over] of Object.entries(cases)) {
			expect(item(diffFlows(before, patch(before, 'a>b', over)), 'a>b').changed).toEqual([prop]);
		}
	});

	it('does not count layout, since it is not part of the semantics it compares', () => {
		// Positions live in FlowDocument.layout; two documents differing only there have equal
		// semantics, and the diff takes semantics only.
		const flow = licensingFlow();
		const drawnA = { semantics: flow, layout: { nodes: { apply: { x: 0, y: 0 } }, edges: {} } };
		const drawnB = {
			semantics: structuredClone(flow),
			layout: { nodes: { apply: { x: 300, y: 90 } }, edges: { 'apply>accept': [{ x: 1, y: 2 }] } }
		};
		expect(diffFlows(drawnA.semantics, drawnB.semantics).unchanged).toBe(true);
	});

	it('ignores surrounding whitespace in text but not inner changes', () => {
		const before = licensingFlow();
		const padded = patch(before, 'review', { name: '  审查\n', duty: '\t审查职责 ' });
		expect(diffFlows(before, padded).unchanged).toBe(true);
		const inner = patch(before, 'review', { name: '审 查' });
		expect(item(diffFlows(before, inner), 'review').changed).toEqual(['name']);
	});

	it('compares control points by value, including their description and second person', () => {
		const before = licensingFlow();
		const legal = before.nodes.find((n) => n.id === 'legal')!;
		const copy = patch(before, 'legal', { control: { ...legal.control!, description: ' 审核 ' } });
		const same = patch(copy, 'legal', { control: { ...legal.control!, description: '审核' } });
		expect(diffFlows(copy, same).unchanged).toBe(true);
		const second = patch(before, 'legal', { control: { ...legal.control!, secondPerson: false } });
		expect(item(diffFlows(before, second), 'legal').changed).toEqual(['control']);
		const none = patch(before, 'legal', { control: null });
		expect(item(diffFlows(before, none), 'legal').changed).toEqual(['control']);
	});

	it('compares conditions deeply: key order and the order of an `in` list do not matter', () => {
		const base = flowWith({ d: 'decision', a: 'end', b: 'end' }, [
			edge('d', 'a', {
				condition: {
					all: [
						{ field: 'amount', op: 'gt', value: 100 },
						{ field: 'type', op: 'in', value: ['个人', '企业'] }
					]
				}
			}),
			edge('d', 'b', { isDefault: true })
		]);
		const reordered = patch(base, 'd>a', {
			condition: {
				all: [
					{ value: 100, op: 'gt', field: 'amount' },
					{ field: 'type', op: 'in', value: ['企业', ' 个人'] }
				]
			}
		});
		expect(diffFlows(base, reordered).unchanged).toBe(true);

		const deeper: Condition[] = [
			{
				all: [
					{ field: 'amount', op: 'ge', value: 100 },
					{ field: 'type', op: 'in', value: ['个人', '企业'] }
				]
			},
			{
				all: [
					{ field: 'amount', op: 'gt', value: '100' },
					{ field: 'type', op: 'in', value: ['个人', '企业'] }
				]
			},
			{
				all: [
					{ field: 'amount', op: 'gt', value: 100 },
					{ field: 'type', op: 'in', value: ['个人'] }
				]
			},
			{
				any: [
					{ field: 'amount', op: 'gt', value: 100 },
					{ field: 'type', op: 'in', value: ['个人', '企业'] }
				]
			},
			{
				all: [
					{ field: 'type', op: 'in', value: ['个人', '企业'] },
					{ field: 'amount', op: 'gt', value: 100 }
				]
			},
			{ all: [{ field: 'amount', op: 'gt', value: 100 }] }
		];
		for (const condition of deeper) {
			const d = diffFlows(base, patch(base, 'd>a', { condition: structuredClone(condition) }));
			expect(item(d, 'd>a').changed, JSON.stringify(condition)).toEqual(['condition']);
		}
	});

	it('treats a property left out of a file like an empty one', () => {
		const before = flowWith({ a: 'task', b: 'task' }, ['a>b']);
		const { condition: _condition, ...bare } = before.edges[0]!;
		const after = { nodes: before.nodes, edges: [bare as FlowEdge] };
		expect(diffFlows(before, after).unchanged).toBe(true);
		expect(diffFlows(after, before).unchanged).toBe(true);
	});

	it('treats everything as added when nothing was frozen yet', () => {
		const flow = licensingFlow();
		const d = diffFlows(null, flow);
		expect(d.nodes.every((n) => n.change === 'added' && n.before === null)).toBe(true);
		expect(d.edges.every((e) => e.change === 'added')).toBe(true);
		expect(d.summary.nodes).toEqual({ added: 11, removed: 0, changed: 0, same: 0 });
		expect(d.summary.edges.added).toBe(11);
		expect(d.unchanged).toBe(false);
		expect(diffFlows(null, { nodes: [], edges: [] }).unchanged).toBe(true);
	});

	it('orders by id with numbers in natural order, whatever the input order', () => {
		const ids = ['n1', 'n2', 'n10', 'n3', 'n11', 'n20'];
		const before: FlowSemantics = flowWith(
			Object.fromEntries(ids.slice(0, 4).map((id) => [id, 'task'])),
			['n1>n2', 'n2>n10', 'n10>n3'].map((l) => {
				const [s, t] = l.split('>');
				return edge(s!, t!, { id: `e${s!.slice(1)}` });
			})
		);
		const after = patch(
			extend(before, { n11: 'task', n20: 'task' }, [edge('n3', 'n11', { id: 'e3' })]),
			'n2',
			{ name: '改' }
		);
		const reference = diffFlows(before, after);
		expect(reference.nodes.map((n) => n.id)).toEqual(['n1', 'n2', 'n3', 'n10', 'n11', 'n20']);
		expect(reference.edges.map((e) => e.id)).toEqual(['e1', 'e2', 'e3', 'e10']);
		for (let seed = 1; seed <= 20; seed++) {
			const mix = (f: FlowSemantics, k: number): FlowSemantics => ({
				nodes: shuffled(f.nodes, seed * k),
				edges: shuffled(f.edges, seed * k + 1)
			});
			expect(diffFlows(mix(before, 3), mix(after, 7))).toEqual(reference);
		}
	});

	it('counts a repeated id once (the first), as the graph does', () => {
		const before = flowWith({ t: 'task' }, []);
		const after = { nodes: [...before.nodes, node('t', 'task', { name: '重复' })], edges: [] };
		expect(diffFlows(before, after).unchanged).toBe(true);
	});

	it('marks the frozen chart with removed and changed, the submitted one with added and changed', () => {
		const before = flowWith({ a: 'task', b: 'task', c: 'task' }, ['a>b', 'b>c']);
		const after = extend(patch(before, 'b', { name: '改' }), { d: 'task' }, ['c>d']);
		after.nodes = after.nodes.filter((n) => n.id !== 'a');
		after.edges = after.edges.filter((e) => e.id !== 'a>b');
		const d = diffFlows(before, after);
		expect(chartMarks(d, 'before')).toEqual({
			nodes: { a: 'removed', b: 'changed' },
			edges: { 'a>b': 'removed' }
		});
		expect(chartMarks(d, 'after')).toEqual({
			nodes: { b: 'changed', d: 'added' },
			edges: { 'c>d': 'added' }
		});
	});
});
